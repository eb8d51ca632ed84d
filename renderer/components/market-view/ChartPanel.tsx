// Chart: candles and volume of the selected symbol from reqHistoricalData,
// then live (keepUpToDate); the position's average cost and every working
// order as price lines. Keys on the chart: 1-5 bar size, arrows scroll, +/-
// zoom, End latest, Home fit; the mouse drags and wheels as usual.

import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { BAR_SIZES, type Bar, type BarSize } from '../../../shared/market-view';
import { useOrders, usePositions } from '../../stores/broker-state';
import { useMarketView } from '../../stores/market-view';
import { useSelection } from '../../stores/selection';
import { CandleChart } from './candle-chart';
import { BAR_SIZE_LABEL, chartKeyAction, priceLinesFor } from './chart-model';
import { StreamNotice } from './StreamNotice';
import { printPrice } from './tape-text';
import { useShown } from './use-shown';
import { useStream } from './use-stream';
import './market-view.css';

export const CHART_CANVAS_ID = 'chart-canvas';

function ohlcText(bar: Bar | undefined, minTick: number): string {
  if (!bar) return '';
  const p = (n: number): string => printPrice(n, minTick);
  return `O ${p(bar.open)} H ${p(bar.high)} L ${p(bar.low)} C ${p(bar.close)} V ${bar.volume}`;
}

/** The last bar's O H L C V: the one part of the panel that changes every frame, so only it re-renders. */
function LastBarText({ seriesKey, minTick }: { seriesKey: string | null; minTick: number }) {
  const last = useMarketView((s) => (seriesKey ? s.bars[seriesKey]?.bars.at(-1) : undefined));
  return <span className="mv-ohlc num" role="status" aria-label="Last bar">{ohlcText(last, minTick)}</span>;
}

/** Draws the held series into the chart, once per frame the store changed. */
function useSeries(chart: CandleChart | null, key: string | null, barSize: BarSize): void {
  useEffect(() => {
    if (!chart || !key) return;
    const current = useMarketView.getState().bars[key];
    chart.setBars(current?.bars ?? [], barSize);
    let seen = current?.revision ?? 0;
    return useMarketView.subscribe((state) => {
      const series = state.bars[key];
      if (!series || series.revision === seen) return;
      seen = series.revision;
      if (series.change.replace) chart.setBars(series.bars, barSize);
      else chart.updateBars(series.change.bars);
    });
  }, [chart, key, barSize]);
}

export function ChartPanel() {
  const symbol = useSelection((s) => s.symbol);
  const region = useRef<HTMLElement | null>(null);
  const shown = useShown(region);
  const [barSize, setBarSize] = useState<BarSize>('1 min');
  const held = useStream(symbol && shown ? { kind: 'bars', symbol, barSize } : null);
  const box = useRef<HTMLDivElement | null>(null);
  const [chart, setChart] = useState<CandleChart | null>(null);

  // The chart is made once its box has a size: a canvas in a hidden tab (or where there is
  // no layout at all, as in jsdom) has nothing to draw into.
  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    let created: CandleChart | null = null;
    const observer = new ResizeObserver(() => {
      if (created || el.clientWidth === 0 || el.clientHeight === 0) return;
      created = new CandleChart(el);
      setChart(created);
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      created?.dispose();
      setChart(null);
    };
  }, []);

  useSeries(chart, held.key, barSize);
  const orders = useOrders((s) => s.byKey);
  const positions = usePositions((s) => s.byKey);
  const instrumentSymbol = held.instrument?.symbol ?? symbol;
  const lines = useMemo(() => priceLinesFor(instrumentSymbol, Object.values(positions), Object.values(orders)), [instrumentSymbol, positions, orders]);
  useEffect(() => chart?.setLines(lines), [chart, lines]);

  const minTick = held.instrument?.minTick ?? 0.01;
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.ctrlKey || e.metaKey || e.altKey || !chart) return;
    const action = chartKeyAction(e.key, e.shiftKey);
    if (!action) return;
    e.preventDefault();
    e.stopPropagation();
    if (action.kind === 'bar-size') setBarSize(action.barSize);
    else if (action.kind === 'scroll') chart.scroll(action.bars);
    else if (action.kind === 'zoom') chart.zoom(action.factor);
    else if (action.kind === 'latest') chart.latest();
    else chart.fit();
  };

  return (
    <section ref={region} className="panel chart" aria-label="Chart">
      <div className="mv-body">
        <header className="panel-head">
          <h2>Chart</h2>
          <span className="mv-symbol">{symbol || 'no symbol selected'}</span>
          <span role="group" aria-label="Bar size" className="mv-bar-sizes">
            {BAR_SIZES.map((size, i) => (
              <button key={size} type="button" className="chip" aria-pressed={size === barSize} title={`${size} (key ${i + 1})`} onClick={() => setBarSize(size)}>
                {BAR_SIZE_LABEL[size]}
              </button>
            ))}
          </span>
          <LastBarText seriesKey={held.key} minTick={minTick} />
        </header>
        <StreamNotice held={held} kind="bars" />
        <ul className="mv-lines" aria-label="Chart lines">
          {lines.map((l) => (
            <li key={l.id} className={`mv-line ${l.kind}`}>{`${l.title} @ ${printPrice(l.price, minTick)}`}</li>
          ))}
        </ul>
        <div
          id={CHART_CANVAS_ID}
          ref={box}
          className="mv-chart"
          tabIndex={0}
          role="img"
          aria-label={`${symbol || 'No symbol'} ${barSize} candles. Keys: 1-5 bar size, arrows scroll, + and - zoom, End latest, Home fit`}
          onKeyDown={onKeyDown}
        />
      </div>
    </section>
  );
}
