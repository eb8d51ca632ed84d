// Synthetic listings for scale runs: made-up, clearly named, deterministic, and only when asked.
import { describe, expect, it } from 'vitest';
import { createExchange, UNIVERSE } from '../../../electron/simulator/exchange';
import { syntheticListings } from '../../../electron/simulator/exchange/universe-synthetic';
import type { SimTick } from '../../../electron/simulator/exchange/types';

const exchange = (syntheticCount?: number) =>
  createExchange({ seed: 3, accounts: ['DU1'], startingCash: 1_000_000, now: () => 0, ...(syntheticCount === undefined ? {} : { syntheticListings: syntheticCount }) });

describe('syntheticListings', () => {
  it('names N listings ZSYN0001 ... with conIds above the universe and prices on the cent grid', () => {
    const listings = syntheticListings(1000);
    expect(listings).toHaveLength(1000);
    expect(listings[0]).toMatchObject({ symbol: 'ZSYN0001', conId: 910_000_001, longName: 'SYNTHETIC LISTING 0001', minTick: 0.01, livePermission: true });
    expect(listings[999]?.symbol).toBe('ZSYN1000');
    const maxUniverseConId = Math.max(...UNIVERSE.map((e) => e.conId));
    for (const l of listings) {
      expect(l.conId).toBeGreaterThan(maxUniverseConId);
      expect(l.basePrice).toBeGreaterThanOrEqual(5);
      expect(l.basePrice).toBeLessThan(505);
      expect(Math.round(l.basePrice * 100) / 100).toBe(l.basePrice);
    }
    expect(new Set(listings.map((l) => l.symbol)).size).toBe(1000);
    expect(UNIVERSE.some((e) => e.symbol.startsWith('ZSYN'))).toBe(false);
  });

  it('gives the same listings every time', () => {
    expect(syntheticListings(50)).toEqual(syntheticListings(50));
    expect(syntheticListings(3).map((l) => l.basePrice)).toEqual(syntheticListings(900).slice(0, 3).map((l) => l.basePrice));
  });

  it('refuses a count it cannot name with a sentence', () => {
    expect(() => syntheticListings(10_000)).toThrow('syntheticListings must be a whole number from 0 to 9999, got 10000');
    expect(() => syntheticListings(-1)).toThrow('syntheticListings must be a whole number from 0 to 9999, got -1');
    expect(() => syntheticListings(1.5)).toThrow('syntheticListings must be a whole number from 0 to 9999, got 1.5');
  });
});

describe('an exchange with synthetic listings', () => {
  it('keeps the universe as it is by default', () => {
    const plain = exchange();
    expect(plain.universe).toBe(UNIVERSE);
    expect(plain.findBySymbol('ZSYN0001')).toEqual([]);
  });

  it('adds them after the universe: found by symbol and conId, quoted, and ticking when watched', () => {
    const ex = exchange(1000);
    expect(ex.universe).toHaveLength(UNIVERSE.length + 1000);
    expect(ex.universe.slice(0, UNIVERSE.length)).toEqual(UNIVERSE);
    const [zs] = ex.findBySymbol('zsyn0742');
    expect(zs?.symbol).toBe('ZSYN0742');
    expect(ex.findByConId(910_000_742)?.symbol).toBe('ZSYN0742');
    const quote = ex.quote(910_000_742);
    expect(quote?.bid).toBeGreaterThan(0);
    expect(quote?.ask).toBeGreaterThan(quote?.bid ?? Infinity);
    const ticks: SimTick[] = [];
    const noop = (): void => undefined;
    ex.addListener({ onTick: (t) => ticks.push(t), onOrder: noop, onExecution: noop, onPosition: noop, onAccount: noop });
    ex.step(200, [910_000_742]);
    expect(ticks.length).toBeGreaterThan(0);
    expect(ticks.every((t) => t.conId === 910_000_742)).toBe(true);
  });

  it('refuses a bad count when the exchange is made', () => {
    expect(() => exchange(20_000)).toThrow('syntheticListings must be a whole number from 0 to 9999, got 20000');
  });
});
