// Market-view data (Chart, Depth, Time & sales) fed from the bridge's bars,
// depth, tape and streamStatus events. Like quotes, events are held until the
// next animation frame and applied in one set(): a chart sees one change per
// frame (the whole series after a history, else the bars that moved), a depth
// ladder one book, the tape the prints appended (newest first, capped).

import { create } from 'zustand';
import type { JanusBridge } from '../../shared/ipc';
import { mergeBars, type Bar, type BarsEvent, type DepthEvent, type Print, type StreamStatusEvent, type TapeEvent } from '../../shared/market-view';
import type { FrameScheduler } from './quotes';

import { CHART_BARS, TAPE_ROWS } from '../../shared/market-view';

export { CHART_BARS, TAPE_ROWS };

export interface BarSeries {
  bars: Bar[];
  /** What changed in the last frame: the whole series, or the bars to update. */
  change: { replace: boolean; bars: Bar[] };
  revision: number;
}

export interface MarketViewState {
  bars: Record<string, BarSeries>;
  depth: Record<string, DepthEvent>;
  /** Newest first. */
  tape: Record<string, Print[]>;
  status: Record<string, StreamStatusEvent>;
}

export const useMarketView = create<MarketViewState>(() => ({ bars: {}, depth: {}, tape: {}, status: {} }));

type Store = Pick<typeof useMarketView, 'getState' | 'setState'>;

export interface MarketViewFeed {
  bars(event: BarsEvent): void;
  depth(event: DepthEvent): void;
  tape(event: TapeEvent): void;
  status(event: StreamStatusEvent): void;
}

interface PendingBars {
  replace: boolean;
  bars: Bar[];
}

export function createMarketViewFeed(store: Store, frames: FrameScheduler): MarketViewFeed {
  let bars = new Map<string, PendingBars>();
  let depth = new Map<string, DepthEvent>();
  let tape = new Map<string, Print[]>();
  let status = new Map<string, StreamStatusEvent>();
  let scheduled = false;

  const flush = (): void => {
    scheduled = false;
    const state = store.getState();
    const next: Partial<MarketViewState> = {};
    if (bars.size > 0) {
      const all = { ...state.bars };
      for (const [key, change] of bars) {
        const prev = all[key];
        const series = change.replace || !prev ? change.bars.slice(-CHART_BARS) : mergeBars(prev.bars, change.bars, CHART_BARS);
        all[key] = { bars: series, change: change.replace || !prev ? { replace: true, bars: series } : change, revision: (prev?.revision ?? 0) + 1 };
      }
      next.bars = all;
    }
    if (depth.size > 0) next.depth = { ...state.depth, ...Object.fromEntries(depth) };
    if (tape.size > 0) {
      const all = { ...state.tape };
      for (const [key, prints] of tape) all[key] = [...prints.reverse(), ...(all[key] ?? [])].slice(0, TAPE_ROWS);
      next.tape = all;
    }
    if (status.size > 0) next.status = { ...state.status, ...Object.fromEntries(status) };
    bars = new Map();
    depth = new Map();
    tape = new Map();
    status = new Map();
    store.setState(next);
  };

  const later = (): void => {
    if (scheduled) return;
    scheduled = true;
    frames.request(flush);
  };

  return {
    bars(event) {
      const pending = bars.get(event.key);
      if (event.replace || !pending) bars.set(event.key, { replace: event.replace, bars: event.bars.slice() });
      else pending.bars = mergeBars(pending.bars, event.bars, CHART_BARS);
      later();
    },
    depth(event) {
      depth.set(event.key, event);
      later();
    },
    tape(event) {
      const pending = tape.get(event.key);
      if (pending) pending.push(...event.prints);
      else tape.set(event.key, event.prints.slice());
      later();
    },
    status(event) {
      status.set(event.key, event);
      later();
    },
  };
}

export function wireMarketView(bridge: JanusBridge, feed: MarketViewFeed): () => void {
  const offs = [
    bridge.on('bars', (e) => feed.bars(e)),
    bridge.on('depth', (e) => feed.depth(e)),
    bridge.on('tape', (e) => feed.tape(e)),
    bridge.on('streamStatus', (e) => feed.status(e)),
  ];
  return () => {
    for (const off of offs) off();
  };
}
