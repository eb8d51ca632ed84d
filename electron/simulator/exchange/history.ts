// Historical bars, generated deterministically and consistent with the live
// walk: a walk backwards from the current price, shaped by a hash of (seed,
// conId, bar size, bar start), so the same seed draws the same candles and the
// newest bar always closes at the price the quote shows now. Pure.

import { Prng } from './prng';
import { nyParts, nyToEpoch } from './session';
import { ticksPerDollar, ticksToPrice } from './ticks';

export interface SimBar {
  /** Bar start, epoch seconds. */
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  wap: number;
  count: number;
}

export interface HistoryQuery {
  seed: number;
  conId: number;
  minTick: number;
  /** The current price: the newest bar closes here. */
  last: number;
  /** The simulator's clock, epoch ms: the newest bar is the one containing it. */
  nowMs: number;
  barSeconds: number;
  /** How far back, in seconds (IB's duration string, parsed). */
  durationSeconds: number;
  /** Regular hours only (09:30-16:00) instead of all hours (04:00-20:00). */
  useRth: boolean;
}

const DAY = 86_400;
/** Never more bars than this in one answer (IB caps a request's size too). */
export const MAX_HISTORY_BARS = 5_000;

/** Seconds of a TWS bar size setting ("1 min", "5 mins", "1 hour", "1 day"); null when not served. */
export function barSizeSeconds(setting: string): number | null {
  const match = /^(\d+) (secs|min|mins|hour|hours|day)$/.exec(setting.trim());
  if (!match) return null;
  const n = Number(match[1]);
  const unit = match[2];
  const allowed: Record<string, number[]> = {
    secs: [5, 10, 15, 30], min: [1], mins: [2, 3, 5, 10, 15, 20, 30], hour: [1], hours: [2, 3, 4, 8], day: [1],
  };
  if (!unit || !allowed[unit]?.includes(n)) return null;
  const scale = unit === 'secs' ? 1 : unit.startsWith('min') ? 60 : unit.startsWith('hour') ? 3_600 : DAY;
  return n * scale;
}

/** Seconds of a TWS duration string ("1 D", "2 W", "1 M", "1 Y", "3600 S"); null when malformed. */
export function durationSeconds(text: string): number | null {
  const match = /^(\d{1,5}) ([SDWMY])$/.exec(text.trim());
  if (!match) return null;
  const n = Number(match[1]);
  if (n <= 0) return null;
  const unit = { S: 1, D: DAY, W: 7 * DAY, M: 30 * DAY, Y: 365 * DAY }[match[2] as 'S' | 'D' | 'W' | 'M' | 'Y'];
  return n * unit;
}

/** Whether a bar starting at `time` (epoch s) lies in the session the request asked for. */
export function inSession(time: number, barSeconds: number, useRth: boolean): boolean {
  const p = nyParts(time * 1000);
  if (p.weekday === 0 || p.weekday === 6) return false;
  if (barSeconds >= DAY) return true;
  const minute = p.hour * 60 + p.minute;
  return useRth ? minute >= 9 * 60 + 30 && minute < 16 * 60 : minute >= 4 * 60 && minute < 20 * 60;
}

/** Start (epoch s) of the bar that contains `epochSeconds`: whole multiples in New York time. */
export function barStart(epochSeconds: number, barSeconds: number): number {
  if (barSeconds >= DAY) {
    const p = nyParts(epochSeconds * 1000);
    return Math.floor(nyToEpoch(p.year, p.month, p.day, 0, 0, 0) / 1000);
  }
  const p = nyParts(epochSeconds * 1000);
  const midnight = Math.floor(nyToEpoch(p.year, p.month, p.day, 0, 0, 0) / 1000);
  return midnight + Math.floor((epochSeconds - midnight) / barSeconds) * barSeconds;
}

function previousStart(start: number, barSeconds: number): number {
  if (barSeconds < DAY) return start - barSeconds;
  // A day back in New York (23 or 25 hours across a DST change).
  const p = nyParts((start - 12 * 3_600) * 1000);
  return Math.floor(nyToEpoch(p.year, p.month, p.day, 0, 0, 0) / 1000);
}

function hashSeed(seed: number, conId: number, barSeconds: number, time: number): number {
  let h = (seed * 0x9e3779b1) ^ conId;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b) ^ barSeconds;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) ^ time;
  return (h ^ (h >>> 16)) >>> 0;
}

/** The bar starts the query covers, oldest first; the newest is the bar containing now. */
export function barTimes(query: HistoryQuery): number[] {
  const nowSeconds = Math.floor(query.nowMs / 1000);
  const from = nowSeconds - query.durationSeconds;
  const times: number[] = [];
  let start = barStart(nowSeconds, query.barSeconds);
  // Walk back over closed hours and weekends, bounded so a malformed query cannot spin.
  for (let guard = 0; start > from && times.length < MAX_HISTORY_BARS && guard < 400_000; guard++) {
    if (inSession(start, query.barSeconds, query.useRth)) times.push(start);
    start = previousStart(start, query.barSeconds);
  }
  return times.reverse();
}

/** Bars for the query, oldest first; the last one closes at `query.last`. */
export function generateHistory(query: HistoryQuery): SimBar[] {
  const perDollar = ticksPerDollar(query.minTick);
  const times = barTimes(query);
  const bars: SimBar[] = new Array<SimBar>(times.length);
  let close = Math.max(1, Math.round(query.last * perDollar));
  // Typical move per bar grows with the square root of its length (about 0.03% a minute).
  const scale = Math.max(1, Math.round(close * 0.0003 * Math.sqrt(query.barSeconds / 60)));
  for (let i = times.length - 1; i >= 0; i--) {
    const time = times[i] as number;
    const rng = new Prng(hashSeed(query.seed, query.conId, query.barSeconds, time));
    const move = Math.round((rng.nextFloat() * 2 - 1) * scale * 1.5);
    // Reflect at one tick so prices stay positive.
    const open = Math.max(1, close - move);
    const high = Math.max(open, close) + rng.nextInt(scale + 1);
    const low = Math.max(1, Math.min(open, close) - rng.nextInt(scale + 1));
    const lots = Math.max(1, Math.round((query.barSeconds / 60) * (5 + rng.nextInt(40))));
    const price = (ticks: number): number => ticksToPrice(ticks, perDollar);
    bars[i] = {
      time,
      open: price(open),
      high: price(high),
      low: price(low),
      close: price(close),
      volume: lots * 100,
      wap: price(Math.round((open + close + high + low) / 4)),
      count: Math.max(1, Math.round(lots / 2)),
    };
    close = open;
  }
  return bars;
}
