import { describe, expect, it } from 'vitest';
import type { Quote } from '../../../shared/model';
import { QuoteBacklog } from '../../../electron/transport/quote-backlog';

function quote(symbol: string, last: number): Quote {
  return {
    symbol, conId: symbol.length, bid: null, ask: null, last, bidSize: null, askSize: null, lastSize: null,
    high: null, low: null, open: null, close: null, volume: null, delayed: false, updatedAt: last,
  };
}

describe('QuoteBacklog', () => {
  it('passes batches straight through while the socket keeps up', () => {
    const backlog = new QuoteBacklog();
    expect(backlog.offer([quote('AAPL', 1)], false)).toEqual([quote('AAPL', 1)]);
    expect(backlog.isEmpty).toBe(true);
  });

  it('merges batches while congested, latest quote per symbol, and loses no symbol', () => {
    const backlog = new QuoteBacklog();
    expect(backlog.offer([quote('AAPL', 1), quote('MSFT', 10)], true)).toBeNull();
    expect(backlog.offer([quote('AAPL', 2)], true)).toBeNull();
    expect(backlog.merged).toBe(2);
    // Socket drained: MSFT (ticked only in the first batch) is still delivered, AAPL at its latest price.
    expect(backlog.offer([quote('IBM', 5)], false)).toEqual([quote('MSFT', 10), quote('AAPL', 2), quote('IBM', 5)]);
    expect(backlog.isEmpty).toBe(true);
    expect(backlog.merged).toBe(0);
  });

  it('drains held quotes once, then has nothing', () => {
    const backlog = new QuoteBacklog();
    backlog.offer([quote('AAPL', 3)], true);
    expect(backlog.drain()).toEqual([quote('AAPL', 3)]);
    expect(backlog.drain()).toBeNull();
  });
});
