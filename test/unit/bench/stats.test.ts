// The benchmarks' arithmetic: a wrong percentile or growth would report a goal met that is not.
import { describe, expect, it } from 'vitest';
import { clockOffset, growthPercent, parseDuration, percentile, prefixed } from '../../bench/stats';

describe('percentile', () => {
  it('takes the nearest rank of the sorted values', () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 90)).toBe(9);
    expect(percentile(values, 99)).toBe(10);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile([7], 99)).toBe(7);
  });

  it('is NaN for no values and leaves its input unsorted', () => {
    expect(percentile([], 50)).toBeNaN();
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('clockOffset', () => {
  it('uses the probe with the shortest round trip and puts their reading halfway', () => {
    const result = clockOffset([
      { sentAt: 1000, theirs: 1530, receivedAt: 1040 },
      { sentAt: 2000, theirs: 2502, receivedAt: 2004 },
      { sentAt: 3000, theirs: 3520, receivedAt: 3030 },
    ]);
    expect(result).toEqual({ offsetMs: 500, errorMs: 2 });
  });

  it('refuses when no probe is usable', () => {
    expect(() => clockOffset([{ sentAt: 10, theirs: 5, receivedAt: 9 }])).toThrow(/at least one probe/);
  });
});

describe('growthPercent', () => {
  const sample = (minute: number, rss: number, heap: number) => ({ minute, values: { rss, heap } });

  it('measures from the first sample at the start minute to the last, ignoring warm-up', () => {
    const growth = growthPercent([sample(1, 50, 10), sample(5, 100, 20), sample(10, 103, 20), sample(30, 104, 19)], 5);
    expect(growth.rss).toBeCloseTo(4);
    expect(growth.heap).toBeCloseTo(-5);
  });

  it('is empty with fewer than two samples in range, and skips figures missing at either end or starting at 0', () => {
    expect(growthPercent([sample(1, 50, 10), sample(5, 100, 20)], 5)).toEqual({});
    expect(growthPercent([], 5)).toEqual({});
    const growth = growthPercent([{ minute: 5, values: { a: 10, b: 0, c: 1 } }, { minute: 6, values: { a: 11, b: 5 } }], 5);
    expect(growth).toEqual({ a: 10 });
  });
});

describe('parseDuration', () => {
  it('reads seconds, minutes and hours', () => {
    expect(parseDuration('90s')).toEqual({ ok: true, ms: 90_000 });
    expect(parseDuration('30m')).toEqual({ ok: true, ms: 1_800_000 });
    expect(parseDuration('1.5h')).toEqual({ ok: true, ms: 5_400_000 });
  });

  it('refuses anything else with a sentence', () => {
    expect(parseDuration('30')).toEqual({ ok: false, message: '"30" is not a duration: write a number and s, m or h (90s, 30m, 1h).' });
    expect(parseDuration('ten minutes')).toEqual({ ok: false, message: '"ten minutes" is not a duration: write a number and s, m or h (90s, 30m, 1h).' });
    expect(parseDuration('0m')).toEqual({ ok: false, message: '"0m" is not a duration: it must be longer than zero.' });
  });
});

describe('prefixed', () => {
  it('names each figure after its section, keeping names that already carry it', () => {
    expect(prefixed('ui', { frameP99Ms: 16.8, symbols: 302 })).toEqual({ uiFrameP99Ms: 16.8, uiSymbols: 302 });
    expect(prefixed('host', { hostTicksPerSec: 1000, rawTicksPerSec: 1500 })).toEqual({ hostTicksPerSec: 1000, hostRawTicksPerSec: 1500 });
  });
});
