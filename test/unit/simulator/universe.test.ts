import { describe, expect, it } from 'vitest';
import { UNIVERSE } from '../../../electron/simulator/exchange';
import { normaliseSymbol } from '../../../electron/simulator/exchange/universe';
import { priceToTicks, ticksPerDollar } from '../../../electron/simulator/exchange/ticks';
import { makeExchange } from './exchange-helpers';

describe('simulated universe', () => {
  it('has at least 220 US listings with unique conIds', () => {
    expect(UNIVERSE.length).toBeGreaterThanOrEqual(220);
    expect(new Set(UNIVERSE.map((e) => e.conId)).size).toBe(UNIVERSE.length);
    for (const e of UNIVERSE) {
      expect(['NASDAQ', 'NYSE', 'ARCA']).toContain(e.primaryExchange);
      expect(Number.isInteger(e.conId) && e.conId > 0).toBe(true);
      expect([0.01, 0.0001]).toContain(e.minTick);
      expect(e.longName.length).toBeGreaterThan(2);
      expect(priceToTicks(e.basePrice, ticksPerDollar(e.minTick))).not.toBeNull();
    }
  });

  it('offers at least 200 live symbols that resolve to exactly one listing, in IB form', () => {
    const ex = makeExchange();
    const unambiguous = UNIVERSE.filter((e) => e.livePermission && ex.findBySymbol(e.symbol).length === 1);
    expect(unambiguous.length).toBeGreaterThanOrEqual(200);
    for (const e of UNIVERSE) {
      expect(normaliseSymbol(e.symbol)).toBe(e.symbol);
      expect(e.longName).toBe(e.longName.trim());
      expect(e.basePrice).toBeGreaterThan(0);
    }
    // Only the deliberate ZZAMB pair shares a symbol.
    const symbols = UNIVERSE.map((e) => e.symbol);
    expect([...new Set(symbols.filter((s, i) => symbols.indexOf(s) !== i))]).toEqual(['ZZAMB']);
  });

  it('keeps the core rows exactly as they were', () => {
    const ex = makeExchange();
    const row = (symbol: string) => ex.findBySymbol(symbol).map((e) => [e.conId, e.primaryExchange, e.minTick, e.basePrice, e.livePermission]);
    expect(row('MSFT')).toEqual([[272093, 'NASDAQ', 0.01, 415.2, true]]);
    expect(row('SPY')).toEqual([[756733, 'ARCA', 0.01, 545.3, true]]);
    expect(row('BF B')).toEqual([[9262, 'NYSE', 0.01, 45.6, true]]);
    expect(row('ZZPNY')).toEqual([[900000201, 'NASDAQ', 0.0001, 0.4275, true]]);
    expect(row('ZZDLY')).toEqual([[900000301, 'NYSE', 0.01, 57.25, false]]);
  });

  it('lists the added names with their own conIds, penny ticks and live data', () => {
    const ex = makeExchange();
    expect(ex.findBySymbol('abnb').map((e) => [e.conId, e.primaryExchange, e.longName, e.basePrice, e.minTick, e.livePermission])).toEqual([
      [750000001, 'NASDAQ', 'AIRBNB INC-CLASS A', 148.2, 0.01, true],
    ]);
    expect(ex.findBySymbol('VOO').map((e) => e.primaryExchange)).toEqual(['ARCA']);
    expect(ex.findBySymbol('LLY').map((e) => e.longName)).toEqual(['ELI LILLY & CO']);
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
