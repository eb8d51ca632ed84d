import { describe, expect, it } from 'vitest';
import { isRestingType, isWorkedType, mayWorkIn } from '../../../electron/simulator/exchange/order-types';
import { demoStart, formatNy, nextRegularOpen, nyToEpoch, parseClockSetting, sessionAt, sessionHours } from '../../../electron/simulator/exchange/session';
import { nextTrailStop, trailDistance, trailLimit } from '../../../electron/simulator/exchange/trailing';
import { parseCliArgs } from '../../../electron/simulator/server/cli-args';

describe('New York session clock', () => {
  it('converts New York wall time across daylight saving', () => {
    expect(new Date(nyToEpoch(2026, 1, 15, 9, 30, 0)).toISOString()).toBe('2026-01-15T14:30:00.000Z'); // EST
    expect(new Date(nyToEpoch(2026, 7, 15, 9, 30, 0)).toISOString()).toBe('2026-07-15T13:30:00.000Z'); // EDT
    expect(new Date(nyToEpoch(2026, 3, 9, 16, 0, 0)).toISOString()).toBe('2026-03-09T20:00:00.000Z'); // day after the switch
  });

  it('names the session at each boundary, in summer too, and closes weekends', () => {
    const at = (iso: string): string => sessionAt(Date.parse(iso));
    expect(at('2026-07-15T07:59:59Z')).toBe('CLOSED'); // 03:59:59 EDT
    expect(at('2026-07-15T08:00:00Z')).toBe('PRE');
    expect(at('2026-07-15T13:30:00Z')).toBe('OPEN');
    expect(at('2026-07-15T20:00:00Z')).toBe('POST');
    expect(at('2026-07-16T00:00:00Z')).toBe('CLOSED'); // 20:00 EDT
    expect(at('2026-07-18T15:00:00Z')).toBe('CLOSED'); // Saturday
  });

  it('writes tradingHours and liquidHours the way TWS does at version 193', () => {
    const { tradingHours, liquidHours } = sessionHours(Date.parse('2026-01-16T15:00:00Z'), 4);
    expect(tradingHours).toBe('20260116:0400-20260116:2000;20260117:CLOSED;20260118:CLOSED;20260119:0400-20260119:2000');
    expect(liquidHours).toBe('20260116:0930-20260116:1600;20260117:CLOSED;20260118:CLOSED;20260119:0930-20260119:1600');
  });

  it('starts the demo clock at 10:00 New York on the same weekday, or the next Monday', () => {
    expect(new Date(demoStart(Date.parse('2026-01-15T03:00:00Z'))).toISOString()).toBe('2026-01-14T15:00:00.000Z'); // Wed 22:00 NY -> Wed 10:00
    expect(new Date(demoStart(Date.parse('2026-01-17T18:00:00Z'))).toISOString()).toBe('2026-01-19T15:00:00.000Z'); // Saturday -> Monday
  });

  it('reads clock settings and explains bad ones', () => {
    const now = Date.parse('2026-01-15T15:00:00Z');
    expect(parseClockSetting('15:59:50', now)).toBe(Date.parse('2026-01-15T20:59:50Z'));
    expect(parseClockSetting('2026-01-16T09:30:00-05:00', now)).toBe(Date.parse('2026-01-16T14:30:00Z'));
    expect(parseClockSetting(new Date(5), now)).toBe(5);
    expect(parseClockSetting('9:61', now)).toBe('The time 9:61 is not a valid HH:MM[:SS].');
    expect(parseClockSetting('soon', now)).toBe('The time "soon" is neither HH:MM[:SS] (New York) nor an ISO date-time.');
  });

  it('finds the next regular open for the 399 warning', () => {
    expect(formatNy(nextRegularOpen(Date.parse('2026-01-15T13:00:00Z')))).toBe('2026-01-15 09:30:00'); // Thu 08:00
    expect(formatNy(nextRegularOpen(Date.parse('2026-01-15T22:00:00Z')))).toBe('2026-01-16 09:30:00'); // Thu 17:00
    expect(formatNy(nextRegularOpen(Date.parse('2026-01-16T22:00:00Z')))).toBe('2026-01-19 09:30:00'); // Fri 17:00 -> Monday
  });

  it('parses --clock for the CLI', () => {
    expect(parseCliArgs(['--clock', 'real'])).toMatchObject({ kind: 'run', options: { clock: 'real' } });
    expect(parseCliArgs(['--clock', 'fast'])).toEqual({ kind: 'error', message: '--clock must be demo or real, got "fast"' });
  });
});

describe('order types and sessions', () => {
  it('works the six native types, rests the foreign ones, refuses the rest', () => {
    expect(['MKT', 'LMT', 'STP', 'STP LMT', 'TRAIL', 'TRAIL LIMIT'].every(isWorkedType)).toBe(true);
    expect(['REL', 'MOC', 'LOC', 'MIDPRICE', 'LIT', 'MIT'].every(isRestingType)).toBe(true);
    expect(isWorkedType('PEG BENCH') || isRestingType('PEG BENCH') || isRestingType('VOL')).toBe(false);
  });

  it('lets only outsideRth limits work outside the regular session, nothing while closed', () => {
    expect(mayWorkIn('OPEN', { orderType: 'MKT', outsideRth: false })).toBe(true);
    expect(mayWorkIn('PRE', { orderType: 'LMT', outsideRth: true })).toBe(true);
    expect(mayWorkIn('POST', { orderType: 'LMT', outsideRth: false })).toBe(false);
    expect(mayWorkIn('POST', { orderType: 'MKT', outsideRth: true })).toBe(false);
    expect(mayWorkIn('CLOSED', { orderType: 'LMT', outsideRth: true })).toBe(false);
  });
});

describe('trailing stops in ticks', () => {
  it('a sell trail only rises, a buy trail only falls', () => {
    const sell = { action: 'SELL' as const, amountTicks: 100, percent: null };
    expect(nextTrailStop(sell, null, 19000)).toBe(18900);
    expect(nextTrailStop(sell, 18900, 19100)).toBe(19000);
    expect(nextTrailStop(sell, 19000, 18950)).toBe(19000);
    const buy = { action: 'BUY' as const, amountTicks: null, percent: 1 };
    expect(trailDistance(buy, 19000)).toBe(190);
    expect(nextTrailStop(buy, null, 19000)).toBe(19190);
    expect(nextTrailStop(buy, 19190, 18800)).toBe(18988);
    expect(nextTrailStop(buy, 18988, 19500)).toBe(18988);
  });

  it('a trail limit sits the offset beyond the stop', () => {
    expect(trailLimit('SELL', 18900, 10)).toBe(18890);
    expect(trailLimit('BUY', 18900, 10)).toBe(18910);
  });
});
