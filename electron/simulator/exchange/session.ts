// The New York trading day, from epoch milliseconds. Pure (Intl does the time zone).
//
// Pre-market 04:00-09:30, regular 09:30-16:00, after hours 16:00-20:00, closed
// otherwise and on Saturdays and Sundays. Exchange holidays and half days are not
// modelled (see the simulator README).

import type { SimSession } from './types';

export const NY_TIME_ZONE = 'America/New_York';

export interface NyParts {
  year: number;
  month: number; // 1-12
  day: number;
  /** 0 Sunday .. 6 Saturday */
  weekday: number;
  hour: number;
  minute: number;
  second: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const formatter = new Intl.DateTimeFormat('en-US', {
  timeZone: NY_TIME_ZONE, hourCycle: 'h23', weekday: 'short',
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

export function nyParts(epochMs: number): NyParts {
  const parts: Record<string, string> = {};
  for (const p of formatter.formatToParts(new Date(epochMs))) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Epoch ms of a New York wall-clock time (DST handled by probing the zone's offset). */
export function nyToEpoch(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  let guess = wall + 5 * 3_600_000;
  for (let i = 0; i < 3; i++) {
    const p = nyParts(guess);
    const seen = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    const diff = wall - seen;
    if (diff === 0) break;
    guess += diff;
  }
  return guess;
}

const PRE_OPEN = 4 * 60;
const REGULAR_OPEN = 9 * 60 + 30;
const REGULAR_CLOSE = 16 * 60;
const POST_CLOSE = 20 * 60;

export function sessionAt(epochMs: number): SimSession {
  const p = nyParts(epochMs);
  if (p.weekday === 0 || p.weekday === 6) return 'CLOSED';
  const minutes = p.hour * 60 + p.minute;
  if (minutes < PRE_OPEN || minutes >= POST_CLOSE) return 'CLOSED';
  if (minutes < REGULAR_OPEN) return 'PRE';
  if (minutes < REGULAR_CLOSE) return 'OPEN';
  return 'POST';
}

function ymd(p: { year: number; month: number; day: number }): string {
  return `${p.year}${String(p.month).padStart(2, '0')}${String(p.day).padStart(2, '0')}`;
}

/**
 * CONTRACT_DATA's tradingHours and liquidHours at server version 193, as TWS
 * writes them: "20261201:0400-20261201:2000;20261205:CLOSED;..." for `days` days
 * from the given time's New York date.
 */
export function sessionHours(epochMs: number, days = 7): { tradingHours: string; liquidHours: string } {
  const trading: string[] = [];
  const liquid: string[] = [];
  const start = nyParts(epochMs);
  for (let i = 0; i < days; i++) {
    // Noon avoids DST edges when stepping whole days.
    const p = nyParts(nyToEpoch(start.year, start.month, start.day, 12, 0, 0) + i * 86_400_000);
    const d = ymd(p);
    if (p.weekday === 0 || p.weekday === 6) {
      trading.push(`${d}:CLOSED`);
      liquid.push(`${d}:CLOSED`);
    } else {
      trading.push(`${d}:0400-${d}:2000`);
      liquid.push(`${d}:0930-${d}:1600`);
    }
  }
  return { tradingHours: trading.join(';'), liquidHours: liquid.join(';') };
}

/** 10:00 New York on the given time's date, or on the next weekday when that is a weekend. */
export function demoStart(epochMs: number): number {
  let p = nyParts(epochMs);
  let noon = nyToEpoch(p.year, p.month, p.day, 12, 0, 0);
  while (p.weekday === 0 || p.weekday === 6) {
    noon += 86_400_000;
    p = nyParts(noon);
  }
  return nyToEpoch(p.year, p.month, p.day, 10, 0, 0);
}

/**
 * A clock setting: "HH:MM" or "HH:MM:SS" (New York time on the current New York
 * date), an ISO date-time, a Date, or epoch ms. Returns epoch ms or an error sentence.
 */
export function parseClockSetting(value: string | Date | number, nowMs: number): number | string {
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? value.getTime() : 'The date is invalid.';
  if (typeof value === 'number') return Number.isFinite(value) ? value : `The time ${String(value)} is not a number of milliseconds.`;
  const hm = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (hm) {
    const [hour, minute, second] = [Number(hm[1]), Number(hm[2]), Number(hm[3] ?? 0)];
    if (hour > 23 || minute > 59 || second > 59) return `The time ${value} is not a valid HH:MM[:SS].`;
    const p = nyParts(nowMs);
    return nyToEpoch(p.year, p.month, p.day, hour, minute, second);
  }
  const parsed = Date.parse(value);
  return Number.isFinite(parsed) ? parsed : `The time ${JSON.stringify(value)} is neither HH:MM[:SS] (New York) nor an ISO date-time.`;
}

/** The next regular open (09:30 New York on a weekday) at or after the given time. */
export function nextRegularOpen(epochMs: number): number {
  const p = nyParts(epochMs);
  let noon = nyToEpoch(p.year, p.month, p.day, 12, 0, 0);
  for (let i = 0; i < 8; i++) {
    const d = nyParts(noon);
    const open = nyToEpoch(d.year, d.month, d.day, 9, 30, 0);
    if (d.weekday !== 0 && d.weekday !== 6 && open >= epochMs) return open;
    noon += 86_400_000;
  }
  return noon;
}

/** "2026-01-16 09:30:00", New York wall time, as TWS prints it in order warnings. */
export function formatNy(epochMs: number): string {
  const p = nyParts(epochMs);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}:${two(p.second)}`;
}
