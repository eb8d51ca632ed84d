import { describe, expect, it } from 'vitest';
import { Prng } from '../../../electron/simulator/exchange/prng';
import { priceToTicks, ticksPerDollar, ticksToPrice } from '../../../electron/simulator/exchange/ticks';

function draw(seed: number, n: number): number[] {
  const rng = new Prng(seed);
  return Array.from({ length: n }, () => rng.nextU32());
}

describe('seeded PRNG', () => {
  it('replays the same sequence for the same seed and differs across seeds', () => {
    expect(draw(42, 500)).toEqual(draw(42, 500));
    expect(draw(42, 50)).not.toEqual(draw(43, 50));
    expect(draw(0, 50)).not.toEqual(draw(1, 50));
  });

  it('stays in range and is roughly uniform', () => {
    const rng = new Prng(9);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 20_000; i++) {
      const f = rng.nextFloat();
      expect(f >= 0 && f < 1).toBe(true);
      const k = rng.nextInt(10);
      buckets[k] = (buckets[k] ?? 0) + 1;
    }
    for (const b of buckets) expect(b).toBeGreaterThan(1_700);
  });

  it('survives seed 0 (xorshift would otherwise be stuck at 0)', () => {
    expect(new Set(draw(0, 10)).size).toBe(10);
    expect(() => new Prng(Number.NaN)).toThrow('Seed must be a finite number, got NaN');
  });
});

describe('tick arithmetic', () => {
  it('converts prices to whole ticks and back', () => {
    expect(ticksPerDollar(0.01)).toBe(100);
    expect(ticksPerDollar(0.0001)).toBe(10_000);
    expect(priceToTicks(187.55, 100)).toBe(18755);
    expect(priceToTicks(0.4275, 10_000)).toBe(4275);
    expect(ticksToPrice(18755, 100)).toBe(187.55);
  });

  it('refuses prices off the grid', () => {
    expect(priceToTicks(187.555, 100)).toBeNull();
    expect(priceToTicks(0.42755, 10_000)).toBeNull();
    expect(priceToTicks(Number.NaN, 100)).toBeNull();
    expect(priceToTicks(Number.POSITIVE_INFINITY, 100)).toBeNull();
  });
});
