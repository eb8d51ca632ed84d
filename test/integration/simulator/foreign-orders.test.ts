// Orders the workstation did not place: IB order types it does not work itself
// and orders of other client ids. They are shown with their real type and prices,
// can be cancelled, and MOC/LOC execute at the close. Plus the connection cap and
// the handshake timeout from the security issue.

import { EventName, type Order, type OrderState } from '@stoqey/ib';
import { afterEach, describe, expect, it } from 'vitest';
import { closed, rawSocket, waitUntil } from './client';
import {
  AAPL, ACCOUNT, OrderAction, OrderType, TimeInForce, THURSDAY_10_NY, connected, order, startKit, stopKit, sync,
  waitError, waitOpenOrder, waitStatus, type Kit,
} from './order-kit';

let kit: Kit | null = null;

afterEach(async () => {
  if (kit) await stopKit(kit);
  kit = null;
});

const FOREIGN: Array<[id: number, type: OrderType, more: Partial<Order>]> = [
  [1, OrderType.REL, { lmtPrice: 190, auxPrice: 0.01 }],
  [2, OrderType.MIDPRICE, { lmtPrice: 190.5 }],
  [3, OrderType.LIT, { lmtPrice: 185.5, auxPrice: 185 }],
  [4, OrderType.MIT, { auxPrice: 185 }],
  [5, OrderType.PEG_MID, { auxPrice: 0 }],
  [6, OrderType.TRAIL_MIT, { auxPrice: 1 }],
];

describe('foreign order types and other clients', () => {
  it('another client sees each order with its real type and prices, and can cancel it', async () => {
    kit = await startKit(THURSDAY_10_NY);
    const owner = await connected(kit, 7);
    const workstation = await connected(kit, 1);
    for (const [id, type, more] of FOREIGN) owner.ib.placeOrder(id, AAPL, order(OrderAction.BUY, 5, type, more));
    for (const [id, type, more] of FOREIGN) {
      const seen = await waitOpenOrder(workstation, id, (_o: Order, s: OrderState) => s.status === 'Submitted');
      expect(seen.order).toMatchObject({ orderType: type, clientId: 7, totalQuantity: 5, ...more });
    }
    const mark = workstation.mark;
    workstation.ib.reqAllOpenOrders();
    await workstation.waitFor(EventName.openOrderEnd, () => true, 2000, mark);
    const listed = workstation.events.slice(mark).filter((e) => e.name === EventName.openOrder).map((e) => (e.args[2] as Order).orderType);
    expect(listed).toEqual(FOREIGN.map(([, type]) => type));

    kit.sim.movePrice('AAPL', 184); // none of them trades: the simulator rests these types
    await sync(workstation);
    expect(kit.sim.exchange.executions(ACCOUNT)).toEqual([]);

    workstation.ib.cancelOrder(1);
    await waitStatus(workstation, 1, 'Cancelled');
    expect(await waitError(workstation, 1, 202)).toEqual(['Order Canceled - reason:', 202]);
    await waitError(owner, 1, 202);
    workstation.ib.placeOrder(2, AAPL, order(OrderAction.BUY, 5, OrderType.MIDPRICE, { lmtPrice: 191 }));
    expect(await waitError(workstation, 2, 103)).toEqual(['Duplicate order id', 103]);
    owner.ib.placeOrder(2, AAPL, order(OrderAction.BUY, 8, OrderType.MIDPRICE, { lmtPrice: 191 }));
    const modified = await waitOpenOrder(workstation, 2, (o) => o.lmtPrice === 191);
    expect(modified.order.totalQuantity).toBe(8);
  });

  it('MOC fills at the last price at 16:00; a LOC whose limit the close misses is cancelled', async () => {
    kit = await startKit(THURSDAY_10_NY);
    const c = await connected(kit, 1);
    c.ib.placeOrder(10, AAPL, order(OrderAction.BUY, 10, OrderType.MOC, { tif: TimeInForce.DAY }));
    c.ib.placeOrder(11, AAPL, order(OrderAction.BUY, 10, OrderType.LOC, { lmtPrice: 189, tif: TimeInForce.DAY }));
    c.ib.placeOrder(12, AAPL, order(OrderAction.SELL, 10, OrderType.LOC, { lmtPrice: 189, tif: TimeInForce.DAY }));
    await waitStatus(c, 12, 'Submitted');
    kit.sim.movePrice('AAPL', 190.25);
    kit.sim.setClock('16:00');
    const [, , filled, , avg] = await waitStatus(c, 10, 'Filled');
    expect([filled, avg]).toEqual([10, 190.25]);
    expect((await waitStatus(c, 12, 'Filled'))[4]).toBe(190.25);
    await waitStatus(c, 11, 'Cancelled');
  });

  it('refuses types it cannot report (PEG BENCH, VOL) with 387', async () => {
    kit = await startKit(THURSDAY_10_NY);
    const c = await connected(kit, 1);
    c.ib.placeOrder(20, AAPL, order(OrderAction.BUY, 1, OrderType.VOL));
    expect(await waitError(c, 20, 387)).toEqual(['Unsupported order type for this exchange and security type.', 387]);
  });
});

describe('connection limits', () => {
  it('closes sockets beyond the cap at once, and sockets that never finish the handshake after the timeout', async () => {
    kit = await startKit(THURSDAY_10_NY, { maxConnections: 2, handshakeTimeoutMs: 300 });
    const first = await rawSocket(kit.sim.ports[0]?.port ?? 0);
    const second = await rawSocket(kit.sim.ports[0]?.port ?? 0);
    const third = await rawSocket(kit.sim.ports[0]?.port ?? 0);
    expect(await closed(third, 1000)).toBe(true);
    expect(first.destroyed).toBe(false);
    // Idle: no "API\0" ever sent, so both are closed by the handshake timeout.
    expect(await closed(first, 2000)).toBe(true);
    expect(await closed(second, 2000)).toBe(true);
    const c = await connected(kit, 1); // a slot is free again and a real client completes in time
    c.ib.reqCurrentTime();
    await c.waitFor(EventName.currentTime, () => true);
    await waitUntil(() => kit?.sim.clientCount() === 1);
  });
});
