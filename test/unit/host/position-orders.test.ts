// Flatten, reverse and flat all in sequence: cancels first, the closing order only once IB
// has confirmed each cancel done, sized from the position as it is then. An exit that fills
// between the cancel and the close must never push the position into the other side.

import { describe, expect, it } from 'vitest';
import { ok, err, type Result } from '../../../shared/ipc';
import type { OrderGroup, OrderRequest, Position } from '../../../shared/model';
import type { PlaceGroupResult } from '../../../shared/order-commands';
import { createOrderBook } from '../../../electron/host/order-book';
import { createPositionOrders } from '../../../electron/host/position-orders';
import type { SessionManager } from '../../../electron/host/session-manager';
import { expectedPosition, unconfirmed } from '../../../electron/host/cancel-confirm';
import { ManualScheduler } from '../../helpers/manual-scheduler';

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function position(account: string, symbol: string, quantity: number): Position {
  return { account, symbol, conId: symbol.length, quantity, avgCost: 100, marketPrice: null, marketValue: null, unrealizedPnl: null, realizedPnl: null };
}

function setup(accounts = ['paper']) {
  const scheduler = new ManualScheduler(0);
  const orders = createOrderBook(() => scheduler.now());
  const positions: Position[] = [];
  const cancels: number[] = [];
  const placed: OrderRequest[] = [];
  const logs: string[] = [];
  const watchers = new Set<() => void>();
  let nextId = 500;
  const sessions = {
    get: (id: string) => (accounts.includes(id) ? { spec: { id } } : undefined),
    list: () => accounts.map((id) => ({ spec: { id } })),
  } as unknown as SessionManager;
  const service = createPositionOrders({
    sessions,
    orders,
    positions: () => positions.filter((p) => p.quantity !== 0),
    cancel: (account, orderId): Result<null> => {
      cancels.push(orderId);
      return ok(null);
    },
    placeGroup: async (group: OrderGroup): Promise<Result<PlaceGroupResult>> => {
      if (group.kind !== 'single') return err('order-refused', 'single orders only here');
      placed.push(group.order);
      const orderId = nextId++;
      return ok({ keys: [`${group.order.account}:${orderId}`], orderIds: [orderId] });
    },
    log: (level, account, message) => logs.push(`${level} ${account}: ${message}`),
    books: { scheduler, watch: (fn) => (watchers.add(fn), () => void watchers.delete(fn)) },
  });
  /** An order or position update reaching the host's books. */
  const report = (change: () => void): void => {
    change();
    [...watchers].forEach((fn) => fn());
  };
  const working = (orderId: number, side: 'BUY' | 'SELL', quantity: number, symbol = 'AAPL', account = 'paper'): void => {
    orders.apply({ account, orderId, symbol, side, type: 'limit', quantity, limitPrice: 200, status: 'submitted', filled: 0, remaining: quantity });
  };
  const setPosition = (symbol: string, quantity: number, account = 'paper'): void => {
    const at = positions.findIndex((p) => p.account === account && p.symbol === symbol);
    if (at >= 0) positions[at] = position(account, symbol, quantity);
    else positions.push(position(account, symbol, quantity));
  };
  return { scheduler, orders, positions, cancels, placed, logs, watchers, service, report, working, setPosition };
}

const sell = (quantity: number, symbol = 'AAPL', account = 'paper'): OrderRequest => ({ account, symbol, side: 'SELL', quantity, type: 'market', tif: 'DAY' });

/** Long 100 AAPL with exit #12 working, and a flatten or reverse sent: its cancel is out, no answer yet. */
async function longWithExit(kind: 'flatten' | 'reverse') {
  const t = setup();
  t.setPosition('AAPL', 100);
  t.working(12, 'SELL', 100);
  const answer = t.service[kind]({ account: 'paper', symbol: 'AAPL' });
  await flush();
  return { t, answer };
}

describe('flatten waits for its cancels', () => {
  it('sends the close only once IB confirms the cancel, sized from the position then', async () => {
    const { t, answer: flat } = await longWithExit('flatten');
    expect(t.cancels).toEqual([12]);
    expect(t.placed).toEqual([]);
    t.report(() => t.orders.apply({ account: 'paper', orderId: 12, status: 'cancelled' }));
    expect(await flat).toEqual(ok({ orderIds: [500] }));
    expect(t.placed).toEqual([sell(100)]);
    expect(t.watchers.size).toBe(0);
    expect(t.scheduler.pending()).toBe(0);
  });

  it('sends nothing when the exit filled between the cancel and the close, and says so', async () => {
    const { t, answer: flat } = await longWithExit('flatten');
    t.report(() => t.orders.apply({ account: 'paper', orderId: 12, status: 'filled', filled: 100, remaining: 0 }));
    // The fill is in the order row but not yet in the position: still waiting.
    await flush();
    expect(t.placed).toEqual([]);
    t.report(() => t.setPosition('AAPL', 0));
    expect(await flat).toEqual(ok({ orderIds: [] }));
    expect(t.placed).toEqual([]);
    expect(t.logs).toContain('info paper: Flatten AAPL: flat once the cancels were confirmed — nothing sent');
  });

  it('closes only what a partly filled exit left', async () => {
    const { t, answer: flat } = await longWithExit('flatten');
    t.report(() => t.orders.apply({ account: 'paper', orderId: 12, status: 'cancelled', filled: 40, remaining: 60 }));
    t.report(() => t.setPosition('AAPL', 60));
    expect(await flat).toEqual(ok({ orderIds: [500] }));
    expect(t.placed).toEqual([sell(60)]);
  });

  it('sends no close when a cancel is not confirmed in 3 s, naming the order', async () => {
    const t = setup();
    t.setPosition('AAPL', 100);
    t.working(12, 'SELL', 100);
    t.working(13, 'SELL', 50);
    const flat = t.service.flatten({ account: 'paper', symbol: 'AAPL' });
    await flush();
    t.report(() => t.orders.apply({ account: 'paper', orderId: 13, status: 'cancelled' }));
    t.report(() => t.orders.apply({ account: 'paper', orderId: 12, status: 'pending-cancel' }));
    t.scheduler.advance(2_999);
    await flush();
    expect(t.placed).toEqual([]);
    t.scheduler.advance(1);
    expect(await flat).toEqual(err('order-refused', 'Flatten AAPL not sent: cancel of #12 not confirmed in 3 s'));
    expect(t.placed).toEqual([]);
    expect(t.watchers.size).toBe(0);
  });

  it('sends no close when the position has not shown a fill of a cancelled order in time', async () => {
    const { t, answer: flat } = await longWithExit('flatten');
    t.report(() => t.orders.apply({ account: 'paper', orderId: 12, status: 'filled', filled: 100, remaining: 0 }));
    t.scheduler.advance(3_000);
    expect(await flat).toEqual(err('order-refused', 'Flatten AAPL not sent: the position has not shown the fill of #12 after 3 s'));
    expect(t.placed).toEqual([]);
  });

  it('refuses a second flatten while the first still waits for its cancels, and sends one close', async () => {
    const { t, answer: first } = await longWithExit('flatten');
    expect(await t.service.flatten({ account: 'paper', symbol: 'AAPL' })).toEqual(
      err('order-refused', 'Flatten AAPL not sent: an earlier flatten or reverse of AAPL is still waiting for its cancels'),
    );
    expect(await t.service.reverse({ account: 'paper', symbol: 'AAPL' })).toEqual(
      err('order-refused', 'Reverse AAPL not sent: an earlier flatten or reverse of AAPL is still waiting for its cancels'),
    );
    expect(t.cancels).toEqual([12]);
    t.report(() => t.orders.apply({ account: 'paper', orderId: 12, status: 'cancelled' }));
    expect(await first).toEqual(ok({ orderIds: [500] }));
    expect(t.placed).toEqual([sell(100)]);
  });

  it('waits for an order whose cancel was already on its way, without cancelling it again', async () => {
    const t = setup();
    t.setPosition('AAPL', 100);
    t.working(12, 'SELL', 100);
    t.orders.apply({ account: 'paper', orderId: 12, status: 'pending-cancel' });
    const flat = t.service.flatten({ account: 'paper', symbol: 'AAPL' });
    await flush();
    expect(t.cancels).toEqual([]);
    expect(t.placed).toEqual([]);
    t.report(() => t.orders.apply({ account: 'paper', orderId: 12, status: 'filled', filled: 100, remaining: 0 }));
    t.report(() => t.setPosition('AAPL', 0));
    expect(await flat).toEqual(ok({ orderIds: [] }));
    expect(t.placed).toEqual([]);
  });

  it('does not wait when there is nothing to cancel', async () => {
    const t = setup();
    t.setPosition('AAPL', -30);
    expect(await t.service.flatten({ account: 'paper', symbol: 'AAPL' })).toEqual(ok({ orderIds: [500] }));
    expect(t.placed).toEqual([{ ...sell(30), side: 'BUY' }]);
  });
});

describe('reverse and flat all wait the same way', () => {
  it('reverse sizes twice the position left once the cancel is confirmed', async () => {
    const { t, answer: rev } = await longWithExit('reverse');
    t.report(() => t.orders.apply({ account: 'paper', orderId: 12, status: 'cancelled', filled: 70, remaining: 30 }));
    t.report(() => t.setPosition('AAPL', 30));
    expect(await rev).toEqual(ok({ orderIds: [500] }));
    expect(t.placed).toEqual([sell(60)]);
  });

  it('reverse refuses with the order named when its cancel is not confirmed', async () => {
    const { t, answer: rev } = await longWithExit('reverse');
    t.scheduler.advance(3_000);
    expect(await rev).toEqual(err('order-refused', 'Reverse AAPL not sent: cancel of #12 not confirmed in 3 s'));
  });

  it('flat all closes every confirmed symbol without waiting for a late one, and names the late one', async () => {
    const t = setup(['paper', 'live']);
    t.setPosition('AAPL', 100);
    t.setPosition('MSFT', -20, 'live');
    t.working(12, 'SELL', 100);
    t.working(7, 'BUY', 20, 'MSFT', 'live');
    const all = t.service.flatten({ symbol: { all: true } });
    await flush();
    expect(t.cancels).toEqual([12, 7]);
    t.report(() => t.orders.apply({ account: 'paper', orderId: 12, status: 'cancelled' }));
    await flush();
    expect(t.placed).toEqual([sell(100)]);
    t.scheduler.advance(3_000);
    expect(await all).toEqual(ok({ orderIds: [500] }));
    expect(t.logs).toContain('warn host: Flatten MSFT in live not sent: cancel of #7 not confirmed in 3 s');
  });
});

describe('cancel confirmation (pure)', () => {
  const rows = new Map([
    [1, { status: 'cancelled', filled: 10 }],
    [2, { status: 'pending-cancel', filled: 0 }],
    [3, { status: 'filled', filled: 50 }],
    [4, { status: 'rejected', filled: 0 }],
  ]);
  const rowOf = (id: number) => rows.get(id) as never;
  const sent = [
    { orderId: 1, side: 'SELL' as const, filled: 0 },
    { orderId: 2, side: 'SELL' as const, filled: 0 },
    { orderId: 3, side: 'BUY' as const, filled: 20 },
    { orderId: 4, side: 'SELL' as const, filled: 0 },
    { orderId: 9, side: 'SELL' as const, filled: 0 },
  ];

  it('counts cancelled, filled and rejected as done; pending or unknown as not yet', () => {
    expect(unconfirmed(sent, rowOf)).toEqual([2, 9]);
  });

  it('expects the fills since the cancel to move the position', () => {
    expect(expectedPosition(100, sent, rowOf)).toBe(100 - 10 + 30);
  });
});
