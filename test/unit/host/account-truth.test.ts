// The host's P&L book and the permId merge of completed orders.

import { describe, expect, it } from 'vitest';
import type { Fill, OrderRequest } from '../../../shared/model';
import { averageFillPrice, mergeCompletedOrder, recoveredOrderId } from '../../../electron/host/completed-orders';
import { createOrderBook } from '../../../electron/host/order-book';
import { createPnlBook } from '../../../electron/host/pnl-book';

const fill = (patch: Partial<Fill>): Fill => ({
  execId: 'e1', account: 'paper', orderId: 7, permId: 900, symbol: 'AAPL', conId: 265598, side: 'BUY', quantity: 10, price: 190,
  exchange: 'NASDAQ', commission: 1, time: 1, ...patch,
});

describe('pnl book', () => {
  it('keeps the account figures and each position, and copies out', () => {
    const book = createPnlBook(() => 42);
    book.apply('paper', { conId: null, daily: 240, unrealized: 2038, realized: 0 });
    const out = book.apply('paper', { conId: 265598, position: 100, daily: 250, unrealized: 2000, realized: 0, value: 19000 });
    expect(out).toEqual({
      account: 'paper', daily: 240, unrealized: 2038, realized: 0, updatedAt: 42,
      byConId: { 265598: { conId: 265598, position: 100, daily: 250, unrealized: 2000, realized: 0, value: 19000 } },
    });
    out.byConId[1] = { conId: 1, position: 0, daily: 0, unrealized: 0, realized: 0, value: 0 };
    expect(Object.keys(book.all()[0]?.byConId ?? {})).toEqual(['265598']);
  });
});

describe('completed orders merge', () => {
  const request: OrderRequest = { account: 'paper', side: 'BUY', symbol: 'AAPL', quantity: 10, type: 'limit', limitPrice: 150, tif: 'GTC' };

  it('updates the row with the same permId and never adds a second', () => {
    const book = createOrderBook(() => 1);
    book.placed(request, 7, 265598, 3);
    book.apply({ account: 'paper', orderId: 7, permId: 900, status: 'submitted' });
    const row = mergeCompletedOrder(book, [], 'paper', { permId: 900, status: 'cancelled', reason: 'Cancelled by Trader' });
    expect(row).toMatchObject({ key: 'paper:7', orderId: 7, status: 'cancelled', reason: 'Cancelled by Trader' });
    expect(book.all()).toHaveLength(1);
  });

  it('merges a completed order into a row restored from the journal (no permId) by what it is, not into a second row', () => {
    const book = createOrderBook(() => 1);
    book.placed(request, 7, 265598, 3);
    book.placed({ ...request, limitPrice: 151 }, 8, 265598, 3);
    const completed = { permId: 901, symbol: 'AAPL', conId: 265598, side: 'BUY' as const, quantity: 10, type: 'limit' as const, limitPrice: 151, status: 'cancelled' as const, reason: 'Cancelled by Trader' };
    expect(mergeCompletedOrder(book, [], 'paper', completed)).toMatchObject({ key: 'paper:8', orderId: 8, permId: 901, status: 'cancelled' });
    expect(book.all()).toHaveLength(2);
    // Once it carries the permId, a second listing (the next reconnect) finds it by permId.
    expect(mergeCompletedOrder(book, [], 'paper', completed)).toMatchObject({ key: 'paper:8' });
    expect(book.all()).toHaveLength(2);
  });

  describe('two identical orders restored after a restart', () => {
    const completed = (permId: number, status: 'filled' | 'cancelled') =>
      ({ permId, symbol: 'AAPL', conId: 265598, side: 'BUY' as const, quantity: 10, type: 'limit' as const, limitPrice: 150, status, filled: status === 'filled' ? 10 : 0 });

    it('match by the permId the journal restored, whichever IB lists first', () => {
      const book = createOrderBook(() => 1);
      book.placed(request, 7, 0, 3);
      book.placed(request, 8, 0, 3);
      book.apply({ account: 'paper', orderId: 7, permId: 907 });
      book.apply({ account: 'paper', orderId: 8, permId: 908 });
      expect(mergeCompletedOrder(book, [], 'paper', completed(908, 'filled'))).toMatchObject({ orderId: 8, permId: 908, status: 'filled' });
      expect(mergeCompletedOrder(book, [], 'paper', completed(907, 'cancelled'))).toMatchObject({ orderId: 7, permId: 907, status: 'cancelled' });
      expect(book.all().map((r) => [r.orderId, r.status])).toEqual([[7, 'cancelled'], [8, 'filled']]);
    });

    it('without permIds, match the filled one by its fills\' order id before identity', () => {
      const book = createOrderBook(() => 1);
      book.placed(request, 7, 0, 3);
      book.placed(request, 8, 0, 3);
      const fills = [fill({ orderId: 8, permId: 908, price: 150 })];
      expect(mergeCompletedOrder(book, fills, 'paper', completed(908, 'filled'))).toMatchObject({ orderId: 8, permId: 908, status: 'filled', avgFillPrice: 150 });
      // The other one has no fills: identity is all that is left, and only row 7 still lacks a permId.
      expect(mergeCompletedOrder(book, fills, 'paper', completed(907, 'cancelled'))).toMatchObject({ orderId: 7, permId: 907, status: 'cancelled' });
      expect(book.all()).toHaveLength(2);
    });

    it('never pairs a completed order by identity with a row that has another permId', () => {
      const book = createOrderBook(() => 1);
      book.placed(request, 7, 0, 3);
      book.apply({ account: 'paper', orderId: 7, permId: 907, status: 'submitted' });
      expect(mergeCompletedOrder(book, [], 'paper', completed(999, 'cancelled'))).toMatchObject({ orderId: -999 });
      expect(book.get('paper', 7)).toMatchObject({ permId: 907, status: 'submitted' });
    });
  });

  it('files an order it never saw under its fills\' order id with their average price, else -permId', () => {
    const fills = [fill({}), fill({ execId: 'e2', quantity: 30, price: 191 })];
    expect(recoveredOrderId(fills, 'paper', 900)).toBe(7);
    expect(recoveredOrderId(fills, 'paper', 901)).toBe(-901);
    expect(averageFillPrice(fills, 'paper', 900)).toBe(190.75);
    const book = createOrderBook(() => 1);
    const row = mergeCompletedOrder(book, fills, 'paper', { permId: 900, symbol: 'AAPL', quantity: 40, filled: 40, status: 'filled' });
    expect(row).toMatchObject({ key: 'paper:7', permId: 900, status: 'filled', filled: 40, avgFillPrice: 190.75 });
    expect(mergeCompletedOrder(book, fills, 'paper', { permId: 901, status: 'rejected' })).toMatchObject({ key: 'paper:-901', orderId: -901 });
  });
});
