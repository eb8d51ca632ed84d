// Market-view streams (Chart, Depth, Time & sales) as both processes see them:
// the keyed stream a panel asks for, the bars, depth books and prints the host
// publishes, and the pure rules both sides apply. Plain data only.

/** Bar sizes the Chart offers, as IB spells them. */
export const BAR_SIZES = ['1 min', '5 mins', '15 mins', '1 hour', '1 day'] as const;
export type BarSize = (typeof BAR_SIZES)[number];

export type StreamKind = 'bars' | 'depth' | 'tape';

/** What a panel asks for: a symbol as typed and, for bars, the bar size. */
export type StreamRequest =
  | { kind: 'bars'; symbol: string; barSize: BarSize }
  | { kind: 'depth'; symbol: string }
  | { kind: 'tape'; symbol: string };

/** One stream per key: `bars:{conId}:{barSize}`, `depth:{conId}`, `tape:{conId}`. */
export function streamKey(kind: StreamKind, conId: number, barSize?: BarSize): string {
  return kind === 'bars' ? `bars:${conId}:${barSize ?? '1 min'}` : `${kind}:${conId}`;
}

export interface Bar {
  /** Bar start, epoch seconds (UTC). */
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export interface BarsEvent {
  key: string;
  symbol: string;
  conId: number;
  barSize: BarSize;
  /** True: `bars` is the whole series (history); false: bars to merge by time (live updates). */
  replace: boolean;
  bars: Bar[];
}

export interface DepthLevel {
  price: number;
  size: number;
  /** Exchange or market maker quoting the level. */
  venue: string;
}

export interface DepthBook {
  bids: DepthLevel[];
  asks: DepthLevel[];
}

export interface DepthEvent extends DepthBook {
  key: string;
  symbol: string;
  conId: number;
}

/** Where a trade printed against the quote at that moment. */
export type PrintSide = 'at-bid' | 'at-ask' | 'between' | 'below-bid' | 'above-ask' | 'unknown';

export interface Print {
  /** Epoch milliseconds. */
  time: number;
  price: number;
  size: number;
  exchange: string;
  side: PrintSide;
}

export interface TapeEvent {
  key: string;
  symbol: string;
  conId: number;
  /** Prints since the last event, oldest first. */
  prints: Print[];
}

/** A stream IB refused or that waits for a session: the panel says so. */
export interface StreamStatusEvent {
  key: string;
  symbol: string;
  state: 'live' | 'refused' | 'waiting';
  code: number | null;
  message: string;
}

export function classifyPrint(price: number, bid: number | null, ask: number | null): PrintSide {
  if (bid === null || ask === null || !(bid > 0) || !(ask > 0)) return 'unknown';
  if (price === bid) return 'at-bid';
  if (price === ask) return 'at-ask';
  if (price < bid) return 'below-bid';
  if (price > ask) return 'above-ask';
  return 'between';
}

/**
 * Merges live bars into a series sorted by time: a bar with a known time
 * replaces it, a newer one is appended; the series keeps its newest `cap` bars.
 * Returns a new array only when something changed.
 */
export function mergeBars(series: readonly Bar[], updates: readonly Bar[], cap: number): Bar[] {
  const out = series.slice();
  for (const bar of updates) {
    const last = out[out.length - 1];
    if (!last || bar.time > last.time) out.push(bar);
    else if (bar.time === last.time) out[out.length - 1] = bar;
    else {
      const index = out.findIndex((b) => b.time === bar.time);
      if (index >= 0) out[index] = bar;
    }
  }
  return out.length > cap ? out.slice(out.length - cap) : out;
}

/** Bars the renderer keeps per chart series: the chart's memory stays flat however long it runs. */
export const CHART_BARS = 2_000;
/** Prints the renderer keeps per tape (the benchmark warms up until a tape holds this many). */
export const TAPE_ROWS = 500;
