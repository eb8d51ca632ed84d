// step(count, conIds): the market moves where it is watched, symbols with only
// working orders still move now and then, and the same seed + set replays.

import { describe, expect, it } from 'vitest';
import { Prng } from '../../../electron/simulator/exchange/prng';
import { WATCHED_WEIGHT, stepTargets } from '../../../electron/simulator/exchange/step-targets';
import { AAPL, accepted, makeExchange, order, record } from './exchange-helpers';

const MSFT = 272093;
const SPY = 756733;
const ABNB = 750000001;

function countBy<T>(items: readonly T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}

describe('stepTargets (pure)', () => {
  const lookup = (id: number): string | undefined => (id > 0 ? `#${id}` : undefined);

  it('sorts and de-duplicates conIds, drops unknown ones, and keeps resting-only symbols apart', () => {
    const t = stepTargets([30, 10, 30, -1], [20, 10, -5], lookup);
    expect(t.watched).toEqual(['#10', '#30']);
    expect(t.restingOnly).toEqual(['#20']);
    expect(t.isEmpty).toBe(false);
    expect(stepTargets([], [], lookup).isEmpty).toBe(true);
    expect(stepTargets([-1], [], lookup).isEmpty).toBe(true);
  });

  it(`draws a watched symbol ${WATCHED_WEIGHT} times as often as a symbol with only working orders`, () => {
    const t = stepTargets([1, 2], [3], lookup);
    const rng = new Prng(4);
    const counts = countBy(Array.from({ length: 21_000 }, () => t.draw(rng)));
    // Expected 10,000 / 10,000 / 1,000 for weights 10 / 10 / 1.
    expect(counts.get('#1')).toBeGreaterThan(9_600);
    expect(counts.get('#2')).toBeGreaterThan(9_600);
    expect(counts.get('#3')).toBeGreaterThan(850);
    expect(counts.get('#3')).toBeLessThan(1_150);
  });

  it('gives every draw to resting-only symbols when nothing is watched', () => {
    const t = stepTargets([], [3], lookup);
    const rng = new Prng(1);
    expect(new Set(Array.from({ length: 100 }, () => t.draw(rng)))).toEqual(new Set(['#3']));
  });
});

describe('Exchange.step with conIds', () => {
  it('emits exactly count ticks, all on the watched symbols, and leaves the rest of the market alone', () => {
    const ex = makeExchange();
    const r = record(ex, true);
    const spyBefore = ex.quote(SPY);
    ex.step(1_000, [AAPL, MSFT]);
    expect(r.ticks).toHaveLength(1_000);
    const perSymbol = countBy(r.ticks.map((t) => t.conId));
    expect([...perSymbol.keys()].sort((a, b) => a - b)).toEqual([AAPL, MSFT]);
    // Evenly shared: each gets roughly half.
    expect(perSymbol.get(AAPL)).toBeGreaterThan(400);
    expect(perSymbol.get(MSFT)).toBeGreaterThan(400);
    expect(ex.quote(SPY)).toEqual(spyBefore);
  });

  it('gives one watched symbol every tick', () => {
    const ex = makeExchange();
    const r = record(ex, true);
    ex.step(50, [ABNB]);
    expect(r.ticks).toHaveLength(50);
    expect(r.ticks.every((t) => t.conId === ABNB)).toBe(true);
  });

  it('replays the same ticks for the same seed and conId set, whatever their order', () => {
    const a = makeExchange({ seed: 9 });
    const b = makeExchange({ seed: 9 });
    const ra = record(a, true);
    const rb = record(b, true);
    a.step(2_000, [AAPL, MSFT, SPY]);
    b.step(2_000, [SPY, AAPL, MSFT, AAPL]);
    expect(rb.ticks).toEqual(ra.ticks);
    expect(b.quote(MSFT)).toEqual(a.quote(MSFT));
  });

  it('moves nothing when nothing is watched and nothing is working', () => {
    const ex = makeExchange();
    const r = record(ex, true);
    const before = ex.quote(AAPL);
    ex.step(500, []);
    ex.step(500, [1]); // unknown conId
    expect(r.ticks).toEqual([]);
    expect(ex.quote(AAPL)).toEqual(before);
  });

  it('still moves an unwatched symbol with a resting order, at a tenth of a watched share, so its stop triggers', () => {
    const ex = makeExchange({ seed: 21 });
    const r = record(ex, true);
    const ask = ex.quote(AAPL)?.ask ?? 0;
    const stop = Math.round((ask + 0.01) * 100) / 100;
    accepted(ex.placeOrder(order({ orderId: 1, orderType: 'STP', auxPrice: stop })));
    ex.step(11_000, [MSFT]);
    const perSymbol = countBy(r.ticks.map((t) => t.conId));
    expect(perSymbol.get(MSFT)).toBeGreaterThan(9_000);
    expect(perSymbol.get(AAPL)).toBeGreaterThan(600);
    expect(perSymbol.get(AAPL)).toBeLessThan(1_500);
    expect(r.executions.map((e) => [e.orderId, e.symbol, e.shares])).toEqual([[1, 'AAPL', 100]]);
    expect(r.executions[0]?.price).toBeGreaterThanOrEqual(stop);
  });

  it('gives a resting-only symbol every tick when nothing is watched', () => {
    const ex = makeExchange();
    accepted(ex.placeOrder(order({ orderId: 1, orderType: 'LMT', lmtPrice: 1 })));
    const r = record(ex, true);
    ex.step(300, []);
    expect(r.ticks).toHaveLength(300);
    expect(r.ticks.every((t) => t.conId === AAPL)).toBe(true);
  });
});
