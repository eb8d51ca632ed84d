// Pure mappers for market-view messages: bar dates, durations per bar size,
// depth operations applied to a book, tick-by-tick prints.

import { BarSizeSetting } from '@stoqey/ib';
import { classifyPrint, type Bar, type BarSize, type DepthLevel, type Print } from '../../../shared/market-view';

/** Rows kept per side: IB's depth never sends more than requested (10). */
export const DEPTH_ROWS = 10;

/** How much history each bar size asks for: about a thousand bars or fewer, within IB's limits. */
export const HISTORY_DURATION: Record<BarSize, string> = {
  '1 min': '1 D',
  '5 mins': '1 W',
  '15 mins': '2 W',
  '1 hour': '1 M',
  '1 day': '1 Y',
};

export const BAR_SIZE_SETTING: Record<BarSize, BarSizeSetting> = {
  '1 min': BarSizeSetting.MINUTES_ONE,
  '5 mins': BarSizeSetting.MINUTES_FIVE,
  '15 mins': BarSizeSetting.MINUTES_FIFTEEN,
  '1 hour': BarSizeSetting.HOURS_ONE,
  '1 day': BarSizeSetting.DAYS_ONE,
};

/**
 * A bar's date as IB sends it with formatDate 2: epoch seconds for intraday bars,
 * "yyyyMMdd" for daily bars (taken as that day's 00:00 UTC, which charts show as the
 * day). Null for anything else.
 */
export function barTime(date: string): number | null {
  const text = date.trim();
  if (/^\d{8}$/.test(text)) {
    const y = Number(text.slice(0, 4));
    const m = Number(text.slice(4, 6));
    const d = Number(text.slice(6, 8));
    if (m < 1 || m > 12 || d < 1 || d > 31) return null;
    return Date.UTC(y, m - 1, d) / 1000;
  }
  if (/^\d{9,11}$/.test(text)) return Number(text);
  return null;
}

/** A bar from IB's fields; null when its date or prices are unusable. */
export function toBar(date: string, open: number, high: number, low: number, close: number, volume: number | undefined): Bar | null {
  const time = barTime(date);
  if (time === null || ![open, high, low, close].every((v) => Number.isFinite(v) && v > 0)) return null;
  return { time, open, high, low, close, volume: volume !== undefined && Number.isFinite(volume) && volume >= 0 ? volume : 0 };
}

/**
 * Applies one IB depth operation to a side, as IB means it: 0 inserts at the
 * position (rows below shift down), 1 updates the row there, 2 deletes it (rows
 * below shift up). A position beyond the rows is clamped, so a book never has holes.
 */
export function applyDepthOperation(rows: DepthLevel[], position: number, operation: number, price: number, size: number, venue: string): void {
  const at = Math.max(0, Math.min(position, rows.length));
  const level: DepthLevel = { price, size: Number.isFinite(size) ? size : 0, venue };
  if (operation === 0) {
    rows.splice(at, 0, level);
    if (rows.length > DEPTH_ROWS) rows.length = DEPTH_ROWS;
  } else if (operation === 1) {
    if (at < rows.length) rows[at] = level;
    else rows.push(level);
  } else if (operation === 2) {
    if (at < rows.length) rows.splice(at, 1);
  }
}

/** A tick-by-tick Last/AllLast print, classified against the last BidAsk seen. */
export function toPrint(time: string, price: number, size: number | undefined, exchange: string, bid: number | null, ask: number | null, fallbackMs: number): Print {
  const seconds = Number(time);
  return {
    time: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : fallbackMs,
    price,
    size: size !== undefined && Number.isFinite(size) ? size : 0,
    exchange,
    side: classifyPrint(price, bid, ask),
  };
}
