import { describe, expect, it } from 'vitest';
import { UNIVERSE } from '../../../electron/simulator/exchange';
import { normaliseSymbol } from '../../../electron/simulator/exchange/universe';
import { priceToTicks, ticksPerDollar } from '../../../electron/simulator/exchange/ticks';
import { makeExchange } from './exchange-helpers';

describe('simulated universe', () => {
  it('has at least 60 US listings with unique conIds', () => {
    expect(UNIVERSE.length).toBeGreaterThanOrEqual(60);
    expect(new Set(UNIVERSE.map((e) => e.conId)).size).toBe(UNIVERSE.length);
    for (const e of UNIVERSE) {
      expect(['NASDAQ', 'NYSE', 'ARCA']).toContain(e.primaryExchange);
      expect(Number.isInteger(e.conId) && e.conId > 0).toBe(true);
      expect([0.01, 0.0001]).toContain(e.minTick);
      expect(e.longName.length).toBeGreaterThan(2);
      expect(priceToTicks(e.basePrice, ticksPerDollar(e.minTick))).not.toBeNull();
    }
  });

  it('keeps IB conId 265598 for AAPL', () => {
    const ex = makeExchange();
    expect(ex.findBySymbol('AAPL').map((e) => [e.conId, e.primaryExchange, e.longName])).toEqual([
      [265598, 'NASDAQ', 'APPLE INC'],
    ]);
    expect(ex.findByConId(265598)?.symbol).toBe('AAPL');
    expect(ex.findByConId(1)).toBeUndefined();
  });

  it('returns both listings of the ambiguous symbol', () => {
    const both = makeExchange().findBySymbol('zzamb');
    expect(both.map((e) => [e.conId, e.primaryExchange])).toEqual([
      [900000101, 'NASDAQ'],
      [900000102, 'NYSE'],
    ]);
  });

  it('matches share classes in IB form whatever the separator', () => {
    const ex = makeExchange();
    for (const typed of ['BRK B', 'brk.b', 'BRK/B', ' brk-b ', 'BRK  B']) {
      expect(ex.findBySymbol(typed).map((e) => e.conId)).toEqual([72063691]);
    }
    expect(normaliseSymbol('bf.b')).toBe('BF B');
    expect(ex.findBySymbol('NOPE')).toEqual([]);
  });

  it('has a sub-penny name and a name without live permission', () => {
    const penny = UNIVERSE.filter((e) => e.minTick === 0.0001);
    expect(penny.length).toBeGreaterThanOrEqual(1);
    expect(penny.every((e) => e.basePrice < 1)).toBe(true);
    expect(UNIVERSE.filter((e) => !e.livePermission).map((e) => e.symbol)).toEqual(['ZZDLY']);
  });
});
