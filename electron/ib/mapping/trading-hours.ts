// IB's contract-details tradingHours / liquidHours -> the trading session at a
// given instant (PRE / OPEN / POST / CLOSED) and when it next changes. Pure:
// the caller passes the broker's clock (TWS's reqCurrentTime, which for the
// demo simulator is not the wall clock).
//
// Formats TWS writes (the date is the session's day in the contract's time zone):
//   server version >= ~170:  "20260115:0400-20260115:2000;20260117:CLOSED"
//   older:                   "20260115:0400-2000,2000-2030;20260117:CLOSED"

import type { MarketSession } from '../../../shared/model';

export interface Interval {
  start: number;
  end: number;
}

export interface SessionHours {
  /** When the instrument trades at all (pre-market through after hours). */
  trading: Interval[];
  /** The regular (liquid) session. */
  liquid: Interval[];
}

/** The zone's offset from UTC (ms, east positive) at `epochMs`; throws RangeError for an unknown zone. */
export function zoneOffset(epochMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(epochMs));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - (epochMs - (epochMs % 1000));
}

/** Wall-clock time in `timeZone` -> epoch ms (DST-correct away from the ambiguous hour). */
export function zonedEpoch(ymd: string, hhmm: string, timeZone: string): number {
  const y = Number(ymd.slice(0, 4));
  const m = Number(ymd.slice(4, 6));
  const d = Number(ymd.slice(6, 8));
  const guess = Date.UTC(y, m - 1, d, Number(hhmm.slice(0, 2)), Number(hhmm.slice(2, 4)));
  const first = guess - zoneOffset(guess, timeZone);
  return guess - zoneOffset(first, timeZone);
}

const FULL = /^(\d{8}):(\d{4})-(\d{8}):(\d{4})$/;
const SHORT = /^(\d{4})-(\d{4})$/;

/** One field (tradingHours or liquidHours) as intervals; unreadable parts are left out. */
export function parseHours(text: string, timeZone: string): Interval[] {
  const out: Interval[] = [];
  for (const day of String(text ?? '').split(';')) {
    const [date, ...rest] = day.split(':');
    if (!date || !/^\d{8}$/.test(date) || rest.length === 0 || rest[0] === 'CLOSED') continue;
    const body = day.slice(date.length + 1);
    for (const range of body.split(',')) {
      // "0400-20260115:2000" (new format) reads as FULL once the day is put back in front.
      const full = FULL.exec(`${date}:${range}`);
      const short = SHORT.exec(range);
      if (full) out.push({ start: zonedEpoch(full[1] as string, full[2] as string, timeZone), end: zonedEpoch(full[3] as string, full[4] as string, timeZone) });
      else if (short) {
        const start = zonedEpoch(date, short[1] as string, timeZone);
        let end = zonedEpoch(date, short[2] as string, timeZone);
        if (end <= start) end += 86_400_000;
        out.push({ start, end });
      }
    }
  }
  return out.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
}

/** Both fields, or null when the zone is unknown or nothing could be read. */
export function readSessionHours(tradingHours: string | undefined, liquidHours: string | undefined, timeZoneId: string | undefined): SessionHours | null {
  try {
    const zone = timeZoneId && timeZoneId.trim() !== '' ? timeZoneId.trim() : 'America/New_York';
    const trading = parseHours(tradingHours ?? '', zone);
    const liquid = parseHours(liquidHours ?? '', zone);
    return trading.length === 0 && liquid.length === 0 ? null : { trading, liquid };
  } catch {
    return null;
  }
}

const inside = (i: Interval, t: number): boolean => t >= i.start && t < i.end;

/** The session at `now`: OPEN in liquid hours, PRE / POST in the trading hours around them, else CLOSED. */
export function sessionAt(hours: SessionHours, now: number): MarketSession {
  if (hours.liquid.some((i) => inside(i, now))) return 'OPEN';
  const trading = hours.trading.find((i) => inside(i, now));
  if (!trading) return 'CLOSED';
  const regular = hours.liquid.find((i) => i.start < trading.end && i.end > trading.start);
  if (!regular) return 'CLOSED';
  return now < regular.start ? 'PRE' : 'POST';
}

/** The next instant after `now` at which the session may change, or null past the hours known. */
export function nextBoundary(hours: SessionHours, now: number): number | null {
  let next: number | null = null;
  for (const i of [...hours.trading, ...hours.liquid]) {
    for (const t of [i.start, i.end]) if (t > now && (next === null || t < next)) next = t;
  }
  return next;
}
