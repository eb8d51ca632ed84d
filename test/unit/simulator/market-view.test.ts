// The simulator's market-view pieces as pure functions: bar generation, the
// depth book and its operations, historical pacing, the live bar.

import { describe, expect, it } from 'vitest';
import { buildDepthBook, diffDepthSide, type DepthRow } from '../../../electron/simulator/exchange/depth-book';
import { barSizeSeconds, barStart, durationSeconds, generateHistory, type HistoryQuery } from '../../../electron/simulator/exchange/history';
import { HistoricalPacing, PACING_VIOLATION } from '../../../electron/simulator/server/historical-pacing';
import { applyTrade } from '../../../electron/simulator/server/market-view-streams';

/** Thursday 15 January 2026, 10:00 New York. */
const NOW = Date.UTC(2026, 0, 15, 15, 0, 0);

const query: HistoryQuery = { seed: 7, conId: 265598, minTick: 0.01, last: 190, nowMs: NOW, barSeconds: 60, durationSeconds: 3_600, useRth: false, };

describe('bar sizes and durations', () => {
  it('reads TWS settings and refuses the rest', () => {
    expect(['1 min', '5 mins', '15 mins', '1 hour', '1 day'].map(barSizeSeconds)).toEqual([60, 300, 900, 3_600, 86_400]);
    expect(['7 mins', '1 mins', '1 week', '', '5 min'].map(barSizeSeconds)).toEqual([null, null, null, null, null]);
    expect(['1 D', '2 W', '1 M', '1 Y', '3600 S'].map(durationSeconds)).toEqual([86_400, 1_209_600, 2_592_000, 31_536_000, 3_600]);
    expect(['0 D', 'D', '1 X', '1D'].map(durationSeconds)).toEqual([null, null, null, null]);
  });

  it('aligns bars to New York time', () => {
    expect(barStart(NOW / 1000 + 59, 60)).toBe(NOW / 1000);
    expect(barStart(NOW / 1000 + 30 * 60 + 5, 3_600)).toBe(NOW / 1000);
    expect(barStart(NOW / 1000, 86_400)).toBe(Date.UTC(2026, 0, 15, 5, 0, 0) / 1000);
  });
});

describe('generateHistory', () => {
  it('ends at the current price and is the same for the same seed', () => {
    const bars = generateHistory(query);
    expect(bars).toHaveLength(60);
    expect(bars.at(-1)?.close).toBe(190);
    expect(bars.at(-1)?.time).toBe(NOW / 1000);
    expect(generateHistory(query)).toEqual(bars);
    expect(generateHistory({ ...query, seed: 8 })).not.toEqual(bars);
  });

  it('keeps prices on the tick grid and positive', () => {
    for (const bar of generateHistory({ ...query, last: 0.05, durationSeconds: 86_400 })) {
      for (const price of [bar.open, bar.high, bar.low, bar.close]) {
        expect(price).toBeGreaterThan(0);
        expect(Math.abs(price * 100 - Math.round(price * 100))).toBeLessThan(1e-6);
      }
    }
  });

  it('has no bars outside the session asked for', () => {
    const rth = generateHistory({ ...query, useRth: true, durationSeconds: 86_400 });
    // Wednesday 10:01-15:59 (359) + Thursday 09:30-10:00 (31).
    expect(rth).toHaveLength(390);
  });
});

describe('depth book', () => {
  const input = { seed: 7, conId: 265598, minTick: 0.01, bid: 189.99, ask: 190.01, bidSize: 300, askSize: 500, resting: [], rows: 10 };

  it('puts the quote on top and ten levels a side one tick apart', () => {
    const book = buildDepthBook(input);
    expect(book.bids.map((r) => r.price)).toEqual([189.99, 189.98, 189.97, 189.96, 189.95, 189.94, 189.93, 189.92, 189.91, 189.9]);
    expect(book.asks.map((r) => r.price)).toEqual([190.01, 190.02, 190.03, 190.04, 190.05, 190.06, 190.07, 190.08, 190.09, 190.1]);
    expect([book.bids[0]?.size, book.asks[0]?.size]).toEqual([300, 500]);
    for (const row of [...book.bids, ...book.asks]) expect(row.size % 100).toBe(0);
  });

  it('keeps a level size while the walk moves and adds resting orders', () => {
    const moved = buildDepthBook({ ...input, bid: 189.98, ask: 190.0 });
    expect(moved.bids[1]?.size).toBe(buildDepthBook(input).bids[2]?.size);
    const withOrders = buildDepthBook({
      ...input,
      resting: [
        { side: 'BUY', price: 189.97, remaining: 700 },
        { side: 'BUY', price: 190.0, remaining: 100 },
        { side: 'SELL', price: 190.05, remaining: 200 },
        { side: 'BUY', price: 190.05, remaining: 100 }, // crossed: would have traded
      ],
    });
    expect(withOrders.bids[0]).toMatchObject({ price: 190.0, size: 100 });
    expect(withOrders.bids[3]?.size).toBe((buildDepthBook(input).bids[2]?.size ?? 0) + 700);
    expect(withOrders.asks[4]?.size).toBe((buildDepthBook(input).asks[4]?.size ?? 0) + 200);
  });

  it('diffs a side into updates, inserts at the end and deletes from the end', () => {
    const row = (price: number, size = 100): DepthRow => ({ price, size, marketMaker: 'NSDQ' });
    expect(diffDepthSide([], [row(1), row(2)], 1).map((c) => [c.position, c.operation])).toEqual([[0, 0], [1, 0]]);
    expect(diffDepthSide([row(1), row(2)], [row(1), row(3)], 1).map((c) => [c.position, c.operation, c.row.price])).toEqual([[1, 1, 3]]);
    expect(diffDepthSide([row(1), row(2), row(3)], [row(1)], 0).map((c) => [c.position, c.operation])).toEqual([[2, 2], [1, 2]]);
  });
});

describe('historical pacing', () => {
  const shape = { conId: 1, whatToShow: 'TRADES', barSize: '1 min', duration: '1 D', endDateTime: '', useRth: false };

  it('refuses an identical request within 15 s', () => {
    const pacing = new HistoricalPacing();
    expect(pacing.check(shape, 0)).toBeNull();
    expect(pacing.check(shape, 14_999)).toBe(PACING_VIOLATION);
    expect(pacing.check(shape, 15_000)).toBeNull();
  });

  it('refuses a seventh request for one contract within 2 s, and the 61st within 10 minutes', () => {
    const pacing = new HistoricalPacing();
    for (let i = 0; i < 6; i++) expect(pacing.check({ ...shape, duration: `${i + 1} D` }, i)).toBeNull();
    expect(pacing.check({ ...shape, duration: '9 D' }, 10)).toBe(PACING_VIOLATION);
    expect(pacing.check({ ...shape, conId: 2 }, 10)).toBeNull();
    const wide = new HistoricalPacing();
    for (let i = 0; i < 60; i++) expect(wide.check({ ...shape, conId: i }, i * 5_000)).toBeNull();
    expect(wide.check({ ...shape, conId: 99 }, 299_000)).toBe(PACING_VIOLATION);
    expect(wide.check({ ...shape, conId: 99 }, 600_001)).toBeNull();
  });
});

describe('live bar', () => {
  it('folds trades into the bar and opens the next one when its time comes', () => {
    const stream = { bar: null, barSeconds: 60, useRth: false } as Parameters<typeof applyTrade>[0];
    const t = NOW / 1000;
    expect(applyTrade(stream, t + 1, 190, 100)).toBe(true);
    expect(applyTrade(stream, t + 2, 190.5, 200)).toBe(true);
    expect(applyTrade(stream, t + 3, 189.5, 100)).toBe(true);
    expect(stream.bar).toMatchObject({ time: t, open: 190, high: 190.5, low: 189.5, close: 189.5, volume: 400, count: 3 });
    expect(applyTrade(stream, t + 61, 191, 100)).toBe(true);
    expect(stream.bar).toMatchObject({ time: t + 60, open: 191, close: 191, volume: 100 });
    // 21:00 New York: no all-hours bar then.
    expect(applyTrade(stream, t + 11 * 3_600, 191, 100)).toBe(false);
  });
});
