import { describe, expect, it } from 'vitest';
import type { Order } from '../../../shared/model';
import { createEventBus } from '../../../electron/host/event-bus';
import type { JournalAction, OrderJournalPort } from '../../../electron/host/journal-port';
import { orderRequestFromJournal, reconcileAccount } from '../../../electron/host/journal-sync';
import { createOrderBook } from '../../../electron/host/order-book';
import { createPortfolio } from '../../../electron/host/portfolio';

const NEVER = 'never reached IB: the order was journaled but IB has no record of it; it was not re-sent';

function setup(actions: JournalAction[]) {
  const orderBook = createOrderBook(() => 5);
  const portfolio = createPortfolio(() => 5);
  const bus = createEventBus(() => {});
  const published: Order[] = [];
  bus.onEvent((event, payload) => {
    if (event === 'order') published.push(payload as Order);
  });
  const asked: Array<{ known: string[]; exclude: string[]; open: number[] }> = [];
  const journal: OrderJournalPort = {
    append: () => ({ ok: true }),
    highestOrderId: () => 0,
    reconcile: (_account, truth, known, exclude) => {
      asked.push({ known: [...known], exclude: [...exclude], open: truth.openOrders.map((o) => o.orderId) });
      return actions;
    },
  };
  const logs: string[] = [];
  const deps = { journal, orderBook, portfolio, bus, thisRun: new Set(['DU1:50']), log: (_l: string, _a: string, m: string) => void logs.push(m) };
  return { deps, orderBook, published, asked, logs };
}

describe('orderRequestFromJournal', () => {
  it('reads a journaled place back as the request it was', () => {
    expect(orderRequestFromJournal('DU1', { account: 'DU1', symbol: 'AAPL', side: 'SELL', type: 'stop-limit', quantity: 10, limitPrice: 99, stopPrice: 100, tif: 'GTC' }))
      .toEqual({ account: 'DU1', symbol: 'AAPL', side: 'SELL', type: 'stop-limit', quantity: 10, limitPrice: 99, stopPrice: 100, tif: 'GTC' });
  });

  it('answers null for a line that does not describe an order', () => {
    expect(orderRequestFromJournal('DU1', { symbol: 'AAPL', side: 'HOLD', type: 'limit', quantity: 10, tif: 'DAY' })).toBeNull();
    expect(orderRequestFromJournal('DU1', { symbol: 'AAPL', side: 'BUY', type: 'limit', quantity: -1, tif: 'DAY' })).toBeNull();
    expect(orderRequestFromJournal('DU1', {})).toBeNull();
  });
});

describe('reconcileAccount', () => {
  it("shows an order IB never received as an inactive row that says 'never reached IB', and logs it", () => {
    const request = { account: 'DU1', symbol: 'MSFT', side: 'BUY', type: 'limit', quantity: 7, limitPrice: 400, tif: 'DAY' };
    const { deps, orderBook, published, logs } = setup([{ kind: 'never-reached-ib', key: 'DU1:12', account: 'DU1', orderId: 12, request, sentence: NEVER }]);
    expect(reconcileAccount(deps, 'DU1', [])).toEqual([]);
    expect(orderBook.get('DU1', 12)).toMatchObject({ symbol: 'MSFT', side: 'BUY', quantity: 7, limitPrice: 400, status: 'inactive', reason: NEVER, filled: 0 });
    expect(published.map((o) => [o.key, o.status, o.reason])).toEqual([['DU1:12', 'inactive', NEVER]]);
    expect(logs).toEqual([`order 12 (BUY 7 MSFT): ${NEVER}`, 'order journal reconciled with the broker: 1 never-reached-ib; nothing was re-sent']);
  });

  it("keeps the journaled permId on a 'fate unknown' row, so IB's completed order for it lands on that row", () => {
    const request = { account: 'DU1', symbol: 'MSFT', side: 'SELL', type: 'limit', quantity: 7, limitPrice: 410, tif: 'GTC' };
    const sentence = 'fate unknown: IB acknowledged this order earlier but no longer reports it; check TWS';
    const { deps, orderBook } = setup([{ kind: 'fate-unknown', key: 'DU1:13', account: 'DU1', orderId: 13, request, sentence, permId: 6013 }]);
    reconcileAccount(deps, 'DU1', []);
    expect(orderBook.get('DU1', 13)).toMatchObject({ permId: 6013, status: 'inactive', reason: sentence, limitPrice: 410 });
  });

  it('restores a row IB has, passes the books as truth, and leaves this run’s orders out', () => {
    const order: Order = {
      key: 'DU1:9', account: 'DU1', orderId: 9, permId: 77, clientId: 7, symbol: 'AAPL', conId: 1, side: 'BUY', type: 'market', quantity: 5,
      limitPrice: null, stopPrice: null, tif: 'DAY', tifChanged: false, status: 'filled', filled: 5, remaining: 0, avgFillPrice: 10, reason: null, createdAt: 1, updatedAt: 2,
    };
    const { deps, orderBook, asked } = setup([{ kind: 'restore', key: 'DU1:9', order }]);
    orderBook.apply({ account: 'DU1', orderId: 3, status: 'submitted', permId: 30 });
    orderBook.apply({ account: 'DU1', orderId: 50, status: 'submitted', permId: 31 });
    expect(reconcileAccount(deps, 'DU1', [3, 50])).toEqual([9]);
    expect(asked).toEqual([{ known: ['DU1:3', 'DU1:50'], exclude: ['DU1:50'], open: [3] }]);
    expect(orderBook.get('DU1', 9)).toMatchObject({ status: 'filled', filled: 5, permId: 77 });
  });
});
