import { describe, expect, it } from 'vitest';
import { UNIVERSE } from '../../../electron/simulator/exchange';
import { ticksPerDollar } from '../../../electron/simulator/exchange/ticks';
import type { SimTick } from '../../../electron/simulator/exchange/types';
import { AAPL, makeExchange, record } from './exchange-helpers';

const PRICE_FIELDS = new Set(['bid', 'ask', 'last', 'high', 'low', 'open', 'close']);
const perDollar = new Map(UNIVERSE.map((e) => [e.conId, ticksPerDollar(e.minTick)]));

function onTick(value: number, conId: number): boolean {
  const raw = value * (perDollar.get(conId) ?? 0);
  return Math.abs(raw - Math.round(raw)) < 1e-6;
}

function firstTicks(seed: number, n: number): SimTick[] {
  const ex = makeExchange({ seed });
  const r = record(ex, true);
  ex.step(n);
  return r.ticks;
}

describe('quote random walk', () => {
  it('starts at the base price with close = previous close = base', () => {
    const q = makeExchange().quote(AAPL);
    expect(q).toEqual({
      bid: 187.49, ask: 187.51, last: 187.5, high: 187.5, low: 187.5, open: 187.5, close: 187.5,
      bidSize: 300, askSize: 300, lastSize: 0, volume: 0,
    });
  });

  it('replays the same first 1,000 ticks for the same seed', () => {
    const a = firstTicks(1234, 1000);
    expect(a).toHaveLength(1000);
    expect(firstTicks(1234, 1000)).toEqual(a);
    expect(firstTicks(1235, 1000)).not.toEqual(a);
  });

  it('emits exactly `count` ticks per step, whatever the split', () => {
    const ex = makeExchange({ seed: 5 });
    const r = record(ex, true);
    ex.step(3);
    expect(r.ticks).toHaveLength(3);
    ex.step(0);
    ex.step(-4);
    ex.step(Number.NaN);
    expect(r.ticks).toHaveLength(3);
    ex.step(997);
    expect(r.ticks).toHaveLength(1000);
    // Splitting the steps differently must not change the market.
    expect(firstTicks(5, 1000)).toEqual(r.ticks);
  });

  it('keeps every price on the tick and positive, bid < ask by 1-3 ticks, sizes in round lots', () => {
    const ex = makeExchange({ seed: 77 });
    const bad: string[] = [];
    ex.addListener({
      onTick: (t) => {
        if (PRICE_FIELDS.has(t.field) && !(t.value > 0 && onTick(t.value, t.conId))) bad.push(`${t.conId} ${t.field} ${t.value}`);
        if ((t.field === 'bidSize' || t.field === 'askSize' || t.field === 'lastSize') && t.value % 100 !== 0) bad.push(`${t.field} ${t.value}`);
        if (t.field === 'last') {
          // A trade prints at the bid, the ask or inside the spread.
          const q = ex.quote(t.conId);
          if (!q || t.value < q.bid || t.value > q.ask) bad.push(`last ${t.value} outside ${q?.bid}/${q?.ask}`);
        }
      },
      onOrder: () => {}, onExecution: () => {}, onPosition: () => {}, onAccount: () => {},
    });
    ex.step(30_000);
    expect(bad).toEqual([]);
    for (const e of UNIVERSE) {
      const q = ex.quote(e.conId);
      if (!q) throw new Error(`no quote for ${e.symbol}`);
      const spreadTicks = Math.round((q.ask - q.bid) / e.minTick);
      expect(spreadTicks, e.symbol).toBeGreaterThanOrEqual(1);
      expect(spreadTicks, e.symbol).toBeLessThanOrEqual(3);
      expect(q.bid, e.symbol).toBeGreaterThan(0);
      expect(q.high).toBeGreaterThanOrEqual(q.last);
      expect(q.low).toBeLessThanOrEqual(q.last);
      expect(q.high).toBeGreaterThanOrEqual(q.open);
      expect(q.low).toBeLessThanOrEqual(q.open);
      expect(q.close).toBe(e.basePrice);
      expect(q.bidSize % 100).toBe(0);
      expect(q.askSize % 100).toBe(0);
    }
  });

  it('keeps volume equal to the sum of trade sizes and spreads ticks across symbols', () => {
    const ex = makeExchange({ seed: 3 });
    const r = record(ex, true);
    ex.step(20_000);
    const sizes = new Map<number, number>();
    for (const t of r.ticks) if (t.field === 'lastSize') sizes.set(t.conId, (sizes.get(t.conId) ?? 0) + t.value);
    // Ticks still queued after the last step may hold a lastSize; compare against quote volume.
    let matching = 0;
    for (const e of UNIVERSE) if ((sizes.get(e.conId) ?? 0) === ex.quote(e.conId)?.volume) matching++;
    expect(matching).toBeGreaterThanOrEqual(UNIVERSE.length - 1);
    expect(new Set(r.ticks.map((t) => t.conId)).size).toBe(UNIVERSE.length);
    const aapl = ex.quote(AAPL);
    expect(aapl?.last).not.toBe(187.5);
  });

  it('movePrice puts the market at a price now and refuses nonsense', () => {
    const ex = makeExchange();
    const r = record(ex, true);
    ex.movePrice(AAPL, 190);
    expect(r.ticks.map((t) => `${t.field}=${t.value}`)).toEqual(['bid=189.99', 'ask=190.01', 'last=190', 'high=190']);
    expect(ex.quote(AAPL)).toMatchObject({ bid: 189.99, ask: 190.01, last: 190, high: 190, low: 187.5 });
    ex.movePrice(AAPL, 180.004);
    expect(ex.quote(AAPL)).toMatchObject({ bid: 179.99, ask: 180.01, last: 180, high: 190, low: 180 });
    expect(() => ex.movePrice(AAPL, -1)).toThrow('movePrice: price must be a positive number, got -1');
    expect(() => ex.movePrice(42, 10)).toThrow('movePrice: unknown conId 42');
    expect(ex.quote(42)).toBeUndefined();
  });
});
