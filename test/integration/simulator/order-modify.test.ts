// Modify and cancel as TWS answers them, through the real @stoqey/ib IBApi:
// placeOrder again with the same id changes a working order; IB's refusals
// (104, 105, 10147, 10148, 161) carry IB's codes and words.

import { EventName } from '@stoqey/ib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AAPL, MSFT, OrderAction, OrderType, connected, indexOf, openOrders, order, startKit, statusTrail, stopKit, sync,
  waitError, waitOpenOrder, waitStatus, type Kit,
} from './order-kit';

let kit: Kit;

beforeEach(async () => {
  kit = await startKit();
});

afterEach(async () => {
  await stopKit(kit);
});

describe('modify a working order', () => {
  it('LMT: new price and quantity show in openOrder and orderStatus, then it fills at the new limit', async () => {
    const c = await connected(kit, 1);
    c.ib.placeOrder(1, AAPL, order(OrderAction.BUY, 10, OrderType.LMT, { lmtPrice: 189 }));
    await waitStatus(c, 1, 'Submitted');
    c.ib.placeOrder(1, AAPL, order(OrderAction.BUY, 20, OrderType.LMT, { lmtPrice: 189.5 }));
    const changed = await waitOpenOrder(c, 1, (o) => o.lmtPrice === 189.5);
    expect(changed.order).toMatchObject({ totalQuantity: 20, lmtPrice: 189.5, orderType: 'LMT', action: 'BUY' });
    expect(changed.state.status).toBe('Submitted');
    await c.waitFor(EventName.orderStatus, (id: number, s: string, filled: number, remaining: number) => id === 1 && s === 'Submitted' && remaining === 20);
    kit.sim.movePrice('AAPL', 189.4); // ask 189.41 <= 189.5
    const [, , filled, remaining, avg] = await waitStatus(c, 1, 'Filled');
    expect([filled, remaining, avg]).toEqual([20, 0, 189.41]);
  });

  it('STP: new stop and quantity; the old stop no longer triggers, the new one does', async () => {
    const c = await connected(kit, 1);
    c.ib.placeOrder(2, AAPL, order(OrderAction.SELL, 10, OrderType.STP, { auxPrice: 185 }));
    await waitStatus(c, 2, 'PreSubmitted');
    c.ib.placeOrder(2, AAPL, order(OrderAction.SELL, 15, OrderType.STP, { auxPrice: 184 }));
    const changed = await waitOpenOrder(c, 2, (o) => o.auxPrice === 184);
    expect(changed.order).toMatchObject({ totalQuantity: 15, auxPrice: 184, orderType: 'STP' });
    kit.sim.movePrice('AAPL', 184.9); // bid 184.89: above the new stop
    await sync(c);
    expect(statusTrail(c, 2)).toEqual(['PreSubmitted']);
    kit.sim.movePrice('AAPL', 184); // touches 184: market sell at the bid
    const [, , filled, , avg] = await waitStatus(c, 2, 'Filled');
    expect([filled, avg]).toEqual([15, 183.99]);
  });

  it('STP LMT: new stop and limit', async () => {
    const c = await connected(kit, 1);
    c.ib.placeOrder(3, AAPL, order(OrderAction.BUY, 10, OrderType.STP_LMT, { auxPrice: 195, lmtPrice: 195.5 }));
    await waitStatus(c, 3, 'PreSubmitted');
    c.ib.placeOrder(3, AAPL, order(OrderAction.BUY, 12, OrderType.STP_LMT, { auxPrice: 193, lmtPrice: 193.5 }));
    const changed = await waitOpenOrder(c, 3, (o) => o.auxPrice === 193);
    expect(changed.order).toMatchObject({ totalQuantity: 12, auxPrice: 193, lmtPrice: 193.5, orderType: 'STP LMT' });
    kit.sim.movePrice('AAPL', 193.2); // ask 193.21 >= 193 triggers; 193.21 <= 193.5 fills
    const [, , filled, , avg] = await waitStatus(c, 3, 'Filled');
    expect([filled, avg]).toEqual([12, 193.21]);
    expect(statusTrail(c, 3)).toEqual(['PreSubmitted', 'Submitted', 'Filled']);
  });

  it('TRAIL: a new trailing amount re-trails from the last price; trailStopPrice shows it', async () => {
    const c = await connected(kit, 1);
    c.ib.placeOrder(4, AAPL, order(OrderAction.SELL, 10, OrderType.TRAIL, { auxPrice: 1 }));
    const first = await waitOpenOrder(c, 4, (o) => o.trailStopPrice === 189);
    expect(first.order).toMatchObject({ orderType: 'TRAIL', auxPrice: 1, totalQuantity: 10 });
    c.ib.placeOrder(4, AAPL, order(OrderAction.SELL, 5, OrderType.TRAIL, { auxPrice: 2 }));
    const changed = await waitOpenOrder(c, 4, (o) => o.auxPrice === 2 && o.trailStopPrice === 188);
    expect(changed.order).toMatchObject({ totalQuantity: 5, trailStopPrice: 188 });
    expect(changed.state.status).toBe('PreSubmitted');
  });

  it('a modify racing a fill: the client sees the fill first, then 104', async () => {
    const c = await connected(kit, 1);
    c.ib.placeOrder(5, AAPL, order(OrderAction.BUY, 10, OrderType.LMT, { lmtPrice: 189 }));
    await waitStatus(c, 5, 'Submitted');
    kit.sim.movePrice('AAPL', 188.5); // fills at the ask 188.51 before the modify arrives
    c.ib.placeOrder(5, AAPL, order(OrderAction.BUY, 10, OrderType.LMT, { lmtPrice: 188 }));
    expect(await waitError(c, 5, 104)).toEqual(["Can't modify a filled order.", 104]);
    const filledAt = indexOf(c, EventName.orderStatus, (a) => a[0] === 5 && a[1] === 'Filled');
    const refusedAt = indexOf(c, EventName.error, (a) => a[1] === 104);
    expect(filledAt).toBeGreaterThanOrEqual(0);
    expect(filledAt).toBeLessThan(refusedAt);
    expect(openOrders(c, 5).every((o) => o.lmtPrice === 189)).toBe(true);
    expect(kit.sim.exchange.executions('DU1000001').filter((e) => e.orderId === 5).map((e) => [e.shares, e.price])).toEqual([[10, 188.51]]);
  });
});

describe('refusals with IB codes and words', () => {
  it('105 for a change of side, type or contract; the order keeps working unchanged', async () => {
    const c = await connected(kit, 1);
    c.ib.placeOrder(6, AAPL, order(OrderAction.BUY, 10, OrderType.LMT, { lmtPrice: 189 }));
    await waitStatus(c, 6, 'Submitted');
    const text = 'Order being modified does not match original order.';
    let mark = c.mark;
    c.ib.placeOrder(6, AAPL, order(OrderAction.SELL, 10, OrderType.LMT, { lmtPrice: 189 }));
    expect(await waitError(c, 6, 105, mark)).toEqual([text, 105]);
    mark = c.mark;
    c.ib.placeOrder(6, AAPL, order(OrderAction.BUY, 10, OrderType.STP, { auxPrice: 191 }));
    expect(await waitError(c, 6, 105, mark)).toEqual([text, 105]);
    mark = c.mark;
    c.ib.placeOrder(6, MSFT, order(OrderAction.BUY, 10, OrderType.LMT, { lmtPrice: 189 }));
    expect(await waitError(c, 6, 105, mark)).toEqual([text, 105]);
    expect(kit.sim.exchange.openOrders('DU1000001')).toMatchObject([{ orderId: 6, action: 'BUY', orderType: 'LMT', lmtPrice: 189, symbol: 'AAPL', status: 'Submitted' }]);
  });

  it('10147 for an unknown order, 10148 for a filled one', async () => {
    const c = await connected(kit, 1);
    c.ib.cancelOrder(9999);
    expect(await waitError(c, 9999, 10147)).toEqual(['OrderId 9999 that needs to be cancelled is not found.', 10147]);
    c.ib.placeOrder(7, AAPL, order(OrderAction.BUY, 10, OrderType.MKT));
    await waitStatus(c, 7, 'Filled');
    c.ib.cancelOrder(7);
    expect(await waitError(c, 7, 10148)).toEqual(['OrderId 7 that needs to be cancelled cannot be cancelled, state: Filled.', 10148]);
  });

  it('161 for a second cancel while the first is pending; a fill can still beat the cancel', async () => {
    const c = await connected(kit, 1);
    c.ib.placeOrder(8, AAPL, order(OrderAction.BUY, 10, OrderType.LMT, { lmtPrice: 189 }));
    c.ib.placeOrder(9, AAPL, order(OrderAction.BUY, 10, OrderType.LMT, { lmtPrice: 180 }));
    const [, , , , , permId] = await waitStatus(c, 8, 'Submitted');
    await waitStatus(c, 9, 'Submitted');
    kit.sim.holdCancels(true);
    c.ib.cancelOrder(8);
    c.ib.cancelOrder(9);
    await waitStatus(c, 8, 'PendingCancel');
    c.ib.cancelOrder(8);
    expect(await waitError(c, 8, 161)).toEqual([`Cancel attempted when order is not in a cancellable state. Order permId =${permId}`, 161]);
    kit.sim.movePrice('AAPL', 188.5); // order 8 fills before the exchange confirms its cancel
    await waitStatus(c, 8, 'Filled');
    kit.sim.holdCancels(false);
    await waitStatus(c, 9, 'Cancelled');
    expect(await waitError(c, 9, 202)).toEqual(['Order Canceled - reason:', 202]);
    await sync(c);
    expect(statusTrail(c, 8)).toEqual(['PreSubmitted', 'Submitted', 'PendingCancel', 'Filled']);
    expect(statusTrail(c, 9)).toEqual(['PreSubmitted', 'Submitted', 'PendingCancel', 'Cancelled']);
  });

  it('a modify refused for buying power (201) leaves the order working: no Inactive status', async () => {
    const c = await connected(kit, 1);
    c.ib.placeOrder(11, AAPL, order(OrderAction.BUY, 10, OrderType.LMT, { lmtPrice: 189 }));
    await waitStatus(c, 11, 'Submitted');
    c.ib.placeOrder(11, AAPL, order(OrderAction.BUY, 100_000, OrderType.LMT, { lmtPrice: 189 }));
    const [text] = await waitError(c, 11, 201);
    expect(text).toMatch(/^Order rejected - reason:Insufficient buying power\. Order value 18900000\.00 USD exceeds available funds 1000000\.00 USD\.$/);
    await sync(c);
    expect(statusTrail(c, 11)).toEqual(['PreSubmitted', 'Submitted']);
    expect(kit.sim.exchange.openOrders('DU1000001')).toMatchObject([{ orderId: 11, quantity: 10, status: 'Submitted' }]);
  });

  it('another client reusing a live id gets 103, not a modify', async () => {
    const a = await connected(kit, 1);
    const b = await connected(kit, 2);
    a.ib.placeOrder(10, AAPL, order(OrderAction.BUY, 10, OrderType.LMT, { lmtPrice: 189 }));
    await waitStatus(a, 10, 'Submitted');
    b.ib.placeOrder(10, AAPL, order(OrderAction.BUY, 99, OrderType.LMT, { lmtPrice: 189.5 }));
    expect(await waitError(b, 10, 103)).toEqual(['Duplicate order id', 103]);
    expect(kit.sim.exchange.openOrders('DU1000001')).toMatchObject([{ orderId: 10, quantity: 10, lmtPrice: 189, clientId: 1 }]);
  });
});
