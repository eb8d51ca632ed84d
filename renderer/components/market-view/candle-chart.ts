// The Chart's drawing, over lightweight-charts: candles and volume, the live
// bar through update(), price lines kept by id (a moved order moves its line),
// scrolling and zooming. The one place that touches the chart library.

import {
  CandlestickSeries,
  createChart,
  HistogramSeries,
  LineStyle,
  type IChartApi,
  type IPriceLine,
  type ISeriesApi,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { Bar, BarSize } from '../../../shared/market-view';
import { displayTime, zoomed, type PriceLineSpec } from './chart-model';

const COLORS = { up: '#3ecf7a', down: '#ff5c5c', avg: '#f5c542', buy: '#4da3ff', sell: '#ff9f43', text: '#d7dce4', grid: '#232833' };

const localOffset = (epochMs: number): number => new Date(epochMs).getTimezoneOffset();

export class CandleChart {
  private readonly chart: IChartApi;
  private readonly candles: ISeriesApi<'Candlestick'>;
  private readonly volume: ISeriesApi<'Histogram'>;
  private readonly lines = new Map<string, { line: IPriceLine; spec: PriceLineSpec }>();
  private barSize: BarSize = '1 min';

  constructor(container: HTMLElement) {
    this.chart = createChart(container, {
      autoSize: true,
      layout: { background: { color: 'transparent' }, textColor: COLORS.text, attributionLogo: false },
      grid: { vertLines: { color: COLORS.grid }, horzLines: { color: COLORS.grid } },
      timeScale: { timeVisible: true, secondsVisible: false, rightOffset: 5 },
    });
    this.candles = this.chart.addSeries(CandlestickSeries, {
      upColor: COLORS.up, downColor: COLORS.down, borderVisible: false, wickUpColor: COLORS.up, wickDownColor: COLORS.down,
    });
    this.volume = this.chart.addSeries(HistogramSeries, { priceScaleId: 'volume', priceFormat: { type: 'volume' }, lastValueVisible: false, priceLineVisible: false });
    this.chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
  }

  setBars(bars: readonly Bar[], barSize: BarSize): void {
    this.barSize = barSize;
    this.candles.setData(bars.map((b) => this.candle(b)));
    this.volume.setData(bars.map((b) => this.volumeBar(b)));
  }

  updateBars(bars: readonly Bar[]): void {
    for (const b of bars) {
      try {
        this.candles.update(this.candle(b));
        this.volume.update(this.volumeBar(b));
      } catch {
        // An update older than the last bar (bars crossing on the wire) is not drawable; the next history will be.
      }
    }
  }

  setLines(specs: readonly PriceLineSpec[]): void {
    const wanted = new Set(specs.map((s) => s.id));
    for (const [id, { line }] of this.lines) {
      if (wanted.has(id)) continue;
      this.candles.removePriceLine(line);
      this.lines.delete(id);
    }
    for (const spec of specs) {
      const held = this.lines.get(spec.id);
      if (held) {
        if (held.spec.price !== spec.price || held.spec.title !== spec.title) held.line.applyOptions({ price: spec.price, title: spec.title });
        held.spec = spec;
        continue;
      }
      const line = this.candles.createPriceLine({
        price: spec.price, title: spec.title, color: COLORS[spec.kind], lineWidth: 1,
        lineStyle: spec.kind === 'avg' ? LineStyle.Dashed : LineStyle.Solid, axisLabelVisible: true,
      });
      this.lines.set(spec.id, { line, spec });
    }
  }

  /** The lines drawn now, for tests and the panel's text list. */
  drawnLines(): Array<{ id: string; price: number }> {
    return [...this.lines.values()].map(({ spec, line }) => ({ id: spec.id, price: line.options().price }));
  }

  scroll(bars: number): void {
    const time = this.chart.timeScale();
    time.scrollToPosition(time.scrollPosition() + bars, false);
  }

  zoom(factor: number): void {
    const time = this.chart.timeScale();
    time.applyOptions({ barSpacing: zoomed(time.options().barSpacing, factor) });
  }

  latest(): void {
    this.chart.timeScale().scrollToRealTime();
  }

  fit(): void {
    this.chart.timeScale().fitContent();
  }

  dispose(): void {
    this.chart.remove();
  }

  private candle(b: Bar) {
    return { time: displayTime(b, this.barSize, localOffset) as UTCTimestamp, open: b.open, high: b.high, low: b.low, close: b.close };
  }

  private volumeBar(b: Bar) {
    return { time: displayTime(b, this.barSize, localOffset) as UTCTimestamp, value: b.volume, color: b.close >= b.open ? 'rgba(62,207,122,0.4)' : 'rgba(255,92,92,0.4)' };
  }
}
