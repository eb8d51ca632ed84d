import { describe, expect, it } from 'vitest';
import { createReferencePrices, referenceOf } from '../../../electron/webull';
import type { Quote } from '../../../shared/model';

const quote = (symbol: string, patch: Partial<Quote>): Quote => ({
  symbol, conId: 1, bid: null, ask: null, last: null, bidSize: null, askSize: null, lastSize: null,
  high: null, low: null, open: null, close: null, volume: null, delayed: false, updatedAt: 1, ...patch,
});

describe('where a Webull trailing stop starts', () => {
  it('takes the last trade, else the mid of a two-sided quote, else nothing', () => {
    expect(referenceOf(quote('AAPL', { last: 187.5, bid: 187.4, ask: 187.6 }))).toBe(187.5);
    expect(referenceOf(quote('AAPL', { bid: 187.4, ask: 187.6 }))).toBeCloseTo(187.5, 10);
    expect(referenceOf(quote('AAPL', { bid: 187.4 }))).toBeNull();
    expect(referenceOf(quote('AAPL', { bid: 187.6, ask: 187.4 }))).toBeNull();
    expect(referenceOf(undefined)).toBeNull();
  });

  it('keeps the newest quote per symbol from the host batches, whatever id the carrier knew it by', () => {
    const prices = createReferencePrices();
    const aapl = { symbol: 'AAPL', conId: 999, secType: 'STK', exchange: 'SMART', primaryExchange: 'NASDAQ', currency: 'USD', minTick: 0.01, longName: '' } as const;
    expect(prices.priceOf(aapl)).toBeNull();
    prices.observe([quote('AAPL', { conId: 265598, last: 190 }), quote('MSFT', { last: 410 })]);
    prices.observe([quote('AAPL', { conId: 265598, last: 191.25 })]);
    expect(prices.priceOf(aapl)).toBe(191.25);
  });
});
