import { describe, expect, it } from 'vitest';
import { nextBoundary, parseHours, readSessionHours, sessionAt, zonedEpoch } from '../../../electron/ib/mapping/trading-hours';

// Thursday 2026-01-15 (EST, UTC-5) and Friday 2026-07-17 (EDT, UTC-4).
const TRADING = '20260115:0400-20260115:2000;20260116:0400-20260116:2000;20260117:CLOSED;20260118:CLOSED';
const LIQUID = '20260115:0930-20260115:1600;20260116:0930-20260116:1600;20260117:CLOSED;20260118:CLOSED';
const ny = (date: string, hhmm: string): number => zonedEpoch(date, hhmm, 'US/Eastern');

describe('trading hours from contract details', () => {
  it('reads New York wall times into instants across daylight saving', () => {
    expect(new Date(ny('20260115', '0930')).toISOString()).toBe('2026-01-15T14:30:00.000Z');
    expect(new Date(ny('20260717', '0930')).toISOString()).toBe('2026-07-17T13:30:00.000Z');
    expect(new Date(zonedEpoch('20260115', '0930', 'America/Chicago')).toISOString()).toBe('2026-01-15T15:30:00.000Z');
  });

  it('parses TWS 193 ranges and skips CLOSED days', () => {
    expect(parseHours(LIQUID, 'US/Eastern')).toEqual([
      { start: ny('20260115', '0930'), end: ny('20260115', '1600') },
      { start: ny('20260116', '0930'), end: ny('20260116', '1600') },
    ]);
  });

  it('parses the older format (times only, several ranges a day, one past midnight)', () => {
    expect(parseHours('20260115:0400-0930,0930-2000;20260116:CLOSED', 'US/Eastern')).toEqual([
      { start: ny('20260115', '0400'), end: ny('20260115', '0930') },
      { start: ny('20260115', '0930'), end: ny('20260115', '2000') },
    ]);
    expect(parseHours('20260115:1800-1700', 'US/Eastern')).toEqual([{ start: ny('20260115', '1800'), end: ny('20260116', '1700') }]);
  });

  it('gives null for nothing readable or an unknown zone', () => {
    expect(readSessionHours('', '', 'US/Eastern')).toBeNull();
    expect(readSessionHours(TRADING, LIQUID, 'Mars/Olympus')).toBeNull();
    expect(readSessionHours('garbage;20260115:xx', 'also', 'US/Eastern')).toBeNull();
  });
});

describe('session at an instant', () => {
  const hours = readSessionHours(TRADING, LIQUID, 'US/Eastern');
  if (!hours) throw new Error('hours did not parse');

  it('is CLOSED, PRE, OPEN, POST, CLOSED through a day and CLOSED on the weekend', () => {
    expect(sessionAt(hours, ny('20260115', '0359'))).toBe('CLOSED');
    expect(sessionAt(hours, ny('20260115', '0400'))).toBe('PRE');
    expect(sessionAt(hours, ny('20260115', '0929'))).toBe('PRE');
    expect(sessionAt(hours, ny('20260115', '0930'))).toBe('OPEN');
    expect(sessionAt(hours, ny('20260115', '1559'))).toBe('OPEN');
    expect(sessionAt(hours, ny('20260115', '1600'))).toBe('POST');
    expect(sessionAt(hours, ny('20260115', '1959'))).toBe('POST');
    expect(sessionAt(hours, ny('20260115', '2000'))).toBe('CLOSED');
    expect(sessionAt(hours, ny('20260117', '1200'))).toBe('CLOSED');
  });

  it('names the next boundary, and none past the hours known', () => {
    expect(nextBoundary(hours, ny('20260115', '1000'))).toBe(ny('20260115', '1600'));
    expect(nextBoundary(hours, ny('20260115', '1600'))).toBe(ny('20260115', '2000'));
    expect(nextBoundary(hours, ny('20260115', '2100'))).toBe(ny('20260116', '0400'));
    expect(nextBoundary(hours, ny('20260116', '2000'))).toBeNull();
  });
});
