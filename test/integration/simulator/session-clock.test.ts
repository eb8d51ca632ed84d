// The New York session clock through the real @stoqey/ib IBApi: DAY expiry at
// the close, extended-hours limits, market orders waiting for the open, MOC/LOC,
// and the trading hours contract details report. setClock makes it deterministic.

import { EventName, type ContractDetails } from '@stoqey/ib';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AAPL, ACCOUNT, OrderAction, OrderType, THURSDAY_08_NY, THURSDAY_10_NY, TimeInForce, connected, order, startKit,
  statusTrail, stopKit, sync, waitError, waitStatus, type Kit,
} from './order-kit';

let kit: Kit | null = null;

async function start(base: number): Promise<Kit> {
  kit = await startKit(base);
  return kit;
}

afterEach(async () => {
  if (kit) await stopKit(kit);
  kit = null;
});

describe('the session from the clock', () => {
  it('reports PRE, OPEN, POST and CLOSED at the New York boundaries, and weekends closed', async () => {
    const k = await start(THURSDAY_10_NY);
    expect(k.sim.session()).toBe('OPEN');
    const at = (time: string): string => {
      k.sim.setClock(time);
      return k.sim.session();
    };
    expect(['03:59:59', '04:00', '09:29:59', '09:30', '15:59:59', '16:00', '19:59:59', '20:00'].map(at)).toEqual([
      'CLOSED', 'PRE', 'PRE', 'OPEN', 'OPEN', 'POST', 'POST', 'CLOSED',
    ]);
    k.sim.setClock('2026-01-17T11:00:00-05:00'); // Saturday
    expect(k.sim.session()).toBe('CLOSED');
    expect(() => k.sim.setClock('25:00')).toThrow('The time 25:00 is not a valid HH:MM[:SS].');
  });

  it('the demo clock starts at 10:00 New York on a weekday and the session is OPEN', async () => {
    const sunday = Date.UTC(2026, 0, 18, 3, 0, 0); // Saturday 22:00 New York
    const { startSimulator } = await import('../../../electron/simulator/index');
    const sim = await startSimulator({ listen: [{ port: 0, account: ACCOUNT }], tickRate: 0, now: () => sunday, clock: 'demo' });
    try {
      expect(sim.session()).toBe('OPEN');
      expect(new Date(sim.now()).toISOString()).toBe('2026-01-19T15:00:00.000Z'); // Monday 10:00 EST
    } finally {
      await sim.close();
    }
  });

  it('contract details carry tradingHours and liquidHours for the coming days', async () => {
    const k = await start(THURSDAY_10_NY);
    const c = await connected(k, 1);
    c.ib.reqContractDetails(5, AAPL);
    const [, details] = (await c.waitFor(EventName.contractDetails, (id: number) => id === 5)) as [number, ContractDetails];
    expect(details.timeZoneId).toBe('US/Eastern');
    expect(details.tradingHours?.split(';').slice(0, 4)).toEqual([
      '20260115:0400-20260115:2000', '20260116:0400-20260116:2000', '20260117:CLOSED', '20260118:CLOSED',
    ]);
    expect(details.liquidHours?.split(';')[0]).toBe('20260115:0930-20260115:1600');
  });
});

describe('orders and the session', () => {
  it('DAY orders are cancelled at 16:00 with 202; GTC orders keep working', async () => {
    const k = await start(THURSDAY_10_NY);
    const c = await connected(k, 1);
    c.ib.placeOrder(1, AAPL, order(OrderAction.BUY, 10, OrderType.LMT, { lmtPrice: 189, tif: TimeInForce.DAY }));
    c.ib.placeOrder(2, AAPL, order(OrderAction.BUY, 10, OrderType.LMT, { lmtPrice: 189, tif: TimeInForce.GTC }));
    await waitStatus(c, 1, 'Submitted');
    await waitStatus(c, 2, 'Submitted');
    k.sim.setClock('15:59:50');
    await sync(c);
    expect(statusTrail(c, 1)).toEqual(['PreSubmitted', 'Submitted']);
    k.sim.setClock('16:00:00');
    await waitStatus(c, 1, 'Cancelled');
    expect(await waitError(c, 1, 202)).toEqual(['Order Canceled - reason:', 202]);
    await sync(c);
    expect(k.sim.session()).toBe('POST');
    expect(k.sim.exchange.openOrders(ACCOUNT).map((o) => [o.orderId, o.status])).toEqual([[2, 'PreSubmitted']]);
    expect(statusTrail(c, 2)).toEqual(['PreSubmitted', 'Submitted', 'PreSubmitted']); // waits for the next open
  });

  it('after hours: an outsideRth limit fills; a plain limit and a market order wait for the next open', async () => {
    const k = await start(THURSDAY_10_NY);
    k.sim.setClock('17:00');
    const c = await connected(k, 1);
    c.ib.placeOrder(3, AAPL, order(OrderAction.BUY, 10, OrderType.LMT, { lmtPrice: 190.05, outsideRth: true, tif: TimeInForce.DAY }));
    c.ib.placeOrder(4, AAPL, order(OrderAction.BUY, 10, OrderType.LMT, { lmtPrice: 190.05, tif: TimeInForce.DAY }));
    c.ib.placeOrder(5, AAPL, order(OrderAction.BUY, 10, OrderType.MKT, { tif: TimeInForce.DAY }));
    const [, , filled, , avg] = await waitStatus(c, 3, 'Filled');
    expect([filled, avg]).toEqual([10, 190.01]);
    expect((await waitError(c, 5, 399))[0]).toBe('Order Message:\nBUY 10 AAPL NASDAQ.NMS\nWarning: your order will not be placed at the exchange until 2026-01-16 09:30:00 US/Eastern');
    await sync(c);
    expect(statusTrail(c, 4)).toEqual(['PreSubmitted']);
    expect(statusTrail(c, 5)).toEqual(['PreSubmitted']);
    k.sim.setClock('2026-01-16T09:30:00-05:00'); // Friday's open
    expect((await waitStatus(c, 4, 'Filled'))[4]).toBe(190.01);
    expect((await waitStatus(c, 5, 'Filled'))[4]).toBe(190.01);
  });

  it('pre-market: a market order is accepted and waits (PreSubmitted) until 09:30, then fills', async () => {
    const k = await start(THURSDAY_08_NY);
    expect(k.sim.session()).toBe('PRE');
    const c = await connected(k, 1);
    c.ib.placeOrder(6, AAPL, order(OrderAction.BUY, 10, OrderType.MKT, { tif: TimeInForce.DAY }));
    c.ib.placeOrder(7, AAPL, order(OrderAction.SELL, 10, OrderType.STP, { auxPrice: 195, tif: TimeInForce.DAY }));
    await waitStatus(c, 6, 'PreSubmitted');
    expect(await waitError(c, 6, 399)).toEqual([
      'Order Message:\nBUY 10 AAPL NASDAQ.NMS\nWarning: your order will not be placed at the exchange until 2026-01-15 09:30:00 US/Eastern', 399,
    ]);
    await sync(c);
    expect(k.sim.exchange.executions(ACCOUNT)).toEqual([]);
    expect(statusTrail(c, 7)).toEqual(['PreSubmitted']); // its stop is touched, but stops wait for the open too
    k.sim.setClock('09:29:59');
    await sync(c);
    expect(statusTrail(c, 6)).toEqual(['PreSubmitted']);
    k.sim.setClock('09:30:00');
    expect((await waitStatus(c, 6, 'Filled'))[4]).toBe(190.01);
    expect((await waitStatus(c, 7, 'Filled'))[4]).toBe(189.99);
  });

  it('an outsideRth DAY limit placed after hours is cancelled at 20:00', async () => {
    const k = await start(THURSDAY_10_NY);
    k.sim.setClock('18:00');
    const c = await connected(k, 1);
    c.ib.placeOrder(8, AAPL, order(OrderAction.BUY, 10, OrderType.LMT, { lmtPrice: 180, outsideRth: true, tif: TimeInForce.DAY }));
    await waitStatus(c, 8, 'Submitted');
    k.sim.setClock('20:00');
    await waitStatus(c, 8, 'Cancelled');
    expect(k.sim.session()).toBe('CLOSED');
  });
});
