// Orders, fills and the account, end to end through the real @stoqey/ib IBApi:
// every value asserted is what the client decoded.

import { EventName, OrderAction, OrderType, SecType, TimeInForce, type Contract, type Order } from '@stoqey/ib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../../electron/simulator/index';
import { TestClient } from './client';

const ACCOUNT = 'DU1000001';
const AAPL: Contract = { conId: 265598, secType: SecType.STK, exchange: 'SMART', currency: 'USD' };

let sim: SimulatorHandle;
const clients: TestClient[] = [];

async function connected(clientId: number): Promise<TestClient> {
  const c = new TestClient(sim.ports[0]?.port ?? 0, clientId);
  clients.push(c);
  await c.connect();
  return c;
}

function order(action: OrderAction, quantity: number, type: OrderType, prices: { lmt?: number; aux?: number } = {}): Order {
  return { action, totalQuantity: quantity, orderType: type, lmtPrice: prices.lmt, auxPrice: prices.aux, tif: TimeInForce.GTC, transmit: true };
}

type Status = [number, string, number, number, number, number, number, number, number];

function statuses(c: TestClient, orderId: number): Status[] {
  return c.seen(EventName.orderStatus).filter((args) => args[0] === orderId) as Status[];
}

function waitStatus(c: TestClient, orderId: number, status: string): Promise<unknown[]> {
  return c.waitFor(EventName.orderStatus, (id: number, s: string) => id === orderId && s === status);
}

async function sync(c: TestClient): Promise<void> {
  const mark = c.mark;
  c.ib.reqCurrentTime();
  await c.waitFor(EventName.currentTime, () => true, 2000, mark);
}

beforeEach(async () => {
  sim = await startSimulator({ listen: [{ port: 0, account: ACCOUNT }], tickRate: 0, seed: 3 });
  sim.movePrice('AAPL', 190);
});

afterEach(async () => {
  for (const c of clients.splice(0)) {
    expect(c.decoderErrors()).toEqual([]);
    c.disconnect();
  }
  await sim.close();
});

describe('order types', () => {
  it('fills a market buy at the ask, with OPEN_ORDER before ORDER_STATUS, execution and commission', async () => {
    const c = await connected(1);
    c.ib.placeOrder(1, AAPL, order(OrderAction.BUY, 10, OrderType.MKT));
    await waitStatus(c, 1, 'Filled');
    const filled = statuses(c, 1).at(-1);
    expect(filled).toEqual([1, 'Filled', 10, 0, 190.01, expect.any(Number), 0, 190.01, 1, '', 0]);
    const firstOpen = c.events.findIndex((e) => e.name === EventName.openOrder && e.args[0] === 1);
    const firstStatus = c.events.findIndex((e) => e.name === EventName.orderStatus && e.args[0] === 1);
    expect(firstOpen).toBeGreaterThanOrEqual(0);
    expect(firstOpen).toBeLessThan(firstStatus);
    const [reqId, contract, execution] = (await c.waitFor(EventName.execDetails, () => true)) as [number, Contract, Record<string, unknown>];
    expect(reqId).toBe(-1);
    expect(contract.conId).toBe(265598);
    expect(execution).toMatchObject({ orderId: 1, side: 'BOT', shares: 10, price: 190.01, cumQty: 10, avgPrice: 190.01, acctNumber: ACCOUNT, clientId: 1 });
    const [report] = (await c.waitFor(EventName.commissionReport, () => true)) as [Record<string, unknown>];
    const exchangeExecution = sim.exchange.executions(ACCOUNT)[0];
    expect(report).toMatchObject({ execId: execution.execId, commission: exchangeExecution?.commission, currency: 'USD' });
    expect(execution.execId).toBe(exchangeExecution?.execId);
  });

  it('rests a limit buy below the ask, then fills at the ask once it crosses', async () => {
    const c = await connected(1);
    c.ib.placeOrder(2, AAPL, order(OrderAction.BUY, 5, OrderType.LMT, { lmt: 189 }));
    await waitStatus(c, 2, 'Submitted');
    const [, , openOrder, state] = (await c.waitFor(EventName.openOrder, (id: number) => id === 2)) as [number, Contract, Order, { status: string }];
    expect(openOrder).toMatchObject({ orderType: 'LMT', lmtPrice: 189, totalQuantity: 5, action: 'BUY', tif: 'GTC', account: ACCOUNT });
    expect(openOrder.auxPrice).toBeUndefined();
    expect(state.status).toBe('PreSubmitted');
    sim.movePrice('AAPL', 188.5);
    await waitStatus(c, 2, 'Filled');
    expect(statuses(c, 2).at(-1)?.slice(0, 5)).toEqual([2, 'Filled', 5, 0, 188.51]);
  });

  it('holds a buy stop until the price touches it, then fills at the ask', async () => {
    const c = await connected(1);
    c.ib.placeOrder(3, AAPL, order(OrderAction.BUY, 4, OrderType.STP, { aux: 192 }));
    await waitStatus(c, 3, 'PreSubmitted');
    sim.movePrice('AAPL', 191);
    await sync(c);
    expect(statuses(c, 3).map((s) => s[1])).toEqual(['PreSubmitted']);
    sim.movePrice('AAPL', 192);
    await waitStatus(c, 3, 'Filled');
    expect(statuses(c, 3).at(-1)?.slice(0, 5)).toEqual([3, 'Filled', 4, 0, 192.01]);
  });

  it('triggers a stop-limit and fills within its limit', async () => {
    const c = await connected(1);
    c.ib.placeOrder(4, AAPL, order(OrderAction.BUY, 3, OrderType.STP_LMT, { aux: 192, lmt: 192.5 }));
    await waitStatus(c, 4, 'PreSubmitted');
    const [, , openOrder] = (await c.waitFor(EventName.openOrder, (id: number) => id === 4)) as [number, Contract, Order];
    expect(openOrder).toMatchObject({ orderType: 'STP LMT', auxPrice: 192, lmtPrice: 192.5 });
    sim.movePrice('AAPL', 192.2);
    await waitStatus(c, 4, 'Filled');
    expect(statuses(c, 4).at(-1)?.slice(0, 5)).toEqual([4, 'Filled', 3, 0, 192.21]);
  });

  it('holds an order sent with transmit unset (PendingSubmit) and never fills it', async () => {
    const c = await connected(1);
    c.ib.placeOrder(6, AAPL, { ...order(OrderAction.BUY, 1, OrderType.MKT), transmit: undefined });
    await waitStatus(c, 6, 'PendingSubmit');
    sim.movePrice('AAPL', 189);
    await sync(c);
    expect(statuses(c, 6).map((s) => s[1])).toEqual(['PendingSubmit']);
  });

  it('sends the fill of one client to the other clients of the account too', async () => {
    const placer = await connected(1);
    const watcher = await connected(2);
    placer.ib.placeOrder(5, AAPL, order(OrderAction.BUY, 1, OrderType.MKT));
    await waitStatus(watcher, 5, 'Filled');
    await watcher.waitFor(EventName.execDetails, (reqId: number) => reqId === -1);
  });
});

describe('cancels and rejects', () => {
  it('cancels a working order: 202 with IB text and status Cancelled', async () => {
    const c = await connected(1);
    c.ib.placeOrder(10, AAPL, order(OrderAction.BUY, 5, OrderType.LMT, { lmt: 150 }));
    await waitStatus(c, 10, 'Submitted');
    c.ib.cancelOrder(10);
    const [error, code, id] = (await c.waitFor(EventName.error, (_e: Error, code: number) => code === 202)) as [Error, number, number];
    expect([error.message, code, id]).toEqual(['Order Canceled - reason:', 202, 10]);
    await waitStatus(c, 10, 'Cancelled');
    expect(sim.exchange.openOrders(ACCOUNT)).toEqual([]);
  });

  it('cancels every working order on global cancel', async () => {
    const c = await connected(1);
    c.ib.placeOrder(11, AAPL, order(OrderAction.BUY, 1, OrderType.LMT, { lmt: 150 }));
    c.ib.placeOrder(12, AAPL, order(OrderAction.SELL, 1, OrderType.LMT, { lmt: 250 }));
    await waitStatus(c, 12, 'Submitted');
    c.ib.reqGlobalCancel();
    await waitStatus(c, 11, 'Cancelled');
    await waitStatus(c, 12, 'Cancelled');
  });

  it('answers an unknown order cancel with 10147', async () => {
    const c = await connected(1);
    c.ib.cancelOrder(99);
    const [error, , id] = (await c.waitFor(EventName.error, (_e: Error, code: number) => code === 10147)) as [Error, number, number];
    expect(id).toBe(99);
    expect(error.message).toBe('OrderId 99 that needs to be cancelled is not found.');
  });

  it('rejects with 201 and the reason, then reports the order Inactive', async () => {
    const c = await connected(1);
    sim.rejectNextOrder(ACCOUNT, 'Simulated margin failure');
    c.ib.placeOrder(13, AAPL, order(OrderAction.BUY, 1, OrderType.MKT));
    const [error, , id] = (await c.waitFor(EventName.error, (_e: Error, code: number) => code === 201)) as [Error, number, number];
    expect(id).toBe(13);
    expect(error.message).toBe('Order rejected - reason:Simulated margin failure');
    await waitStatus(c, 13, 'Inactive');
  });

  it('rejects a price off the tick grid with 110', async () => {
    const c = await connected(1);
    c.ib.placeOrder(14, AAPL, order(OrderAction.BUY, 1, OrderType.LMT, { lmt: 189.005 }));
    const [error, , id] = (await c.waitFor(EventName.error, (_e: Error, code: number) => code === 110)) as [Error, number, number];
    expect(id).toBe(14);
    expect(error.message).toBe('The price does not conform to the minimum price variation for this contract.');
  });

  it('rejects an unsupported order type with 387', async () => {
    const c = await connected(1);
    c.ib.placeOrder(15, AAPL, order(OrderAction.BUY, 1, OrderType.PEG_BENCH, { aux: 1 }));
    const [error] = (await c.waitFor(EventName.error, (_e: Error, code: number, id: number) => code === 387 && id === 15)) as [Error];
    expect(error.message).toBe('Unsupported order type for this exchange and security type.');
  });
});

describe('open orders, executions, positions and account', () => {
  it('lists open orders (OPEN_ORDER then ORDER_STATUS each, unique permIds, then the end)', async () => {
    const placer = await connected(1);
    placer.ib.placeOrder(20, AAPL, order(OrderAction.BUY, 2, OrderType.LMT, { lmt: 150 }));
    placer.ib.placeOrder(21, AAPL, order(OrderAction.SELL, 2, OrderType.LMT, { lmt: 250 }));
    await waitStatus(placer, 21, 'Submitted');
    const other = await connected(2);
    const mark = other.mark;
    other.ib.reqAllOpenOrders();
    await other.waitFor(EventName.openOrderEnd, () => true, 2000, mark);
    const answer = other.events.slice(mark).filter((e) => e.name === EventName.openOrder || e.name === EventName.orderStatus);
    expect(answer.map((e) => [e.name, e.args[0]])).toEqual([
      [EventName.openOrder, 20],
      [EventName.orderStatus, 20],
      [EventName.openOrder, 21],
      [EventName.orderStatus, 21],
    ]);
    const permIds = answer.filter((e) => e.name === EventName.openOrder).map((e) => (e.args[2] as Order).permId);
    expect(new Set(permIds).size).toBe(2);
    // reqOpenOrders is per clientId: client 2 placed nothing.
    const mark2 = other.mark;
    other.ib.reqOpenOrders();
    await other.waitFor(EventName.openOrderEnd, () => true, 2000, mark2);
    expect(other.events.slice(mark2).filter((e) => e.name === EventName.openOrder)).toEqual([]);
  });

  it('replays executions with commission reports under the request id', async () => {
    const c = await connected(1);
    c.ib.placeOrder(30, AAPL, order(OrderAction.BUY, 10, OrderType.MKT));
    await waitStatus(c, 30, 'Filled');
    const mark = c.mark;
    c.ib.reqExecutions(77, {});
    await c.waitFor(EventName.execDetailsEnd, (reqId: number) => reqId === 77, 2000, mark);
    const replay = c.events.slice(mark);
    const executions = replay.filter((e) => e.name === EventName.execDetails);
    expect(executions.map((e) => [e.args[0], (e.args[2] as { price: number }).price, (e.args[2] as { shares: number }).shares])).toEqual([[77, 190.01, 10]]);
    expect(replay.filter((e) => e.name === EventName.commissionReport)).toHaveLength(1);
  });

  it('reports positions with the average cost, then the end', async () => {
    const c = await connected(1);
    c.ib.placeOrder(31, AAPL, order(OrderAction.BUY, 10, OrderType.MKT));
    await waitStatus(c, 31, 'Filled');
    c.ib.reqPositions();
    await c.waitFor(EventName.positionEnd, () => true);
    const [account, contract, pos, avgCost] = c.seen(EventName.position)[0] as [string, Contract, number, number];
    expect([account, contract.conId, contract.symbol, pos]).toEqual([ACCOUNT, 265598, 'AAPL', 10]);
    expect(avgCost).toBe(sim.exchange.positions(ACCOUNT)[0]?.avgCost);
    // Price moves do not resend POSITION; a new fill does.
    const mark = c.mark;
    sim.movePrice('AAPL', 193);
    await sync(c);
    expect(c.events.slice(mark).filter((e) => e.name === EventName.position)).toEqual([]);
    c.ib.placeOrder(33, AAPL, order(OrderAction.SELL, 4, OrderType.MKT));
    const [, , remaining] = await c.waitFor(EventName.position, () => true, 2000, mark);
    expect(remaining).toBe(6);
  });

  it('downloads account values and the portfolio, then pushes changes while subscribed', async () => {
    const c = await connected(1);
    c.ib.placeOrder(32, AAPL, order(OrderAction.BUY, 10, OrderType.MKT));
    await waitStatus(c, 32, 'Filled');
    await sync(c);
    c.ib.reqAccountUpdates(true, ACCOUNT);
    await c.waitFor(EventName.accountDownloadEnd, (account: string) => account === ACCOUNT);
    const values = sim.exchange.accountValues(ACCOUNT);
    const byKey = new Map(c.seen(EventName.updateAccountValue).map(([key, value, currency]) => [key, [value, currency]]));
    expect(byKey.get('NetLiquidation')).toEqual([values.netLiquidation.toFixed(2), 'USD']);
    expect(byKey.get('TotalCashValue')).toEqual([values.totalCashValue.toFixed(2), 'USD']);
    expect(byKey.get('BuyingPower')).toEqual([values.buyingPower.toFixed(2), 'USD']);
    expect(byKey.get('AvailableFunds')).toEqual([values.availableFunds.toFixed(2), 'USD']);
    expect(byKey.get('UnrealizedPnL')).toEqual([values.unrealizedPnl.toFixed(2), 'USD']);
    expect(byKey.get('RealizedPnL')).toEqual([values.realizedPnl.toFixed(2), 'USD']);
    const [contract, position, marketPrice] = c.seen(EventName.updatePortfolio)[0] as [Contract, number, number];
    expect([contract.symbol, position, marketPrice]).toEqual(['AAPL', 10, 190]);
    const mark = c.mark;
    sim.movePrice('AAPL', 195);
    const [, , pushedPrice, pushedValue] = await c.waitFor(EventName.updatePortfolio, () => true, 2000, mark);
    expect([pushedPrice, pushedValue]).toEqual([195, 1950]);
    await c.waitFor(EventName.updateAccountValue, (key: string) => key === 'UnrealizedPnL', 2000, mark);
  });

  it('refreshes account values and the portfolio periodically while subscribed', async () => {
    await sim.close();
    sim = await startSimulator({ listen: [{ port: 0, account: ACCOUNT }], tickRate: 0 }, { accountRefreshMs: 50 });
    const c = await connected(1);
    c.ib.reqAccountUpdates(true, ACCOUNT);
    await c.waitFor(EventName.accountDownloadEnd, () => true);
    const mark = c.mark;
    const [key, value] = await c.waitFor(EventName.updateAccountValue, (k: string) => k === 'NetLiquidation', 2000, mark);
    expect([key, value]).toEqual(['NetLiquidation', '1000000.00']);
    c.ib.reqAccountUpdates(false, ACCOUNT);
    await sync(c);
    expect(await c.quietFor(EventName.updateAccountValue, () => true, 150)).toBe(true);
  });

  it('answers the account summary with the requested tags, then the end', async () => {
    const c = await connected(1);
    c.ib.reqAccountSummary(40, 'All', 'NetLiquidation,TotalCashValue,BuyingPower,AvailableFunds');
    await c.waitFor(EventName.accountSummaryEnd, (reqId: number) => reqId === 40);
    const rows = c.seen(EventName.accountSummary).map((args) => args.slice(1));
    const v = sim.exchange.accountValues(ACCOUNT);
    expect(rows).toEqual([
      [ACCOUNT, 'NetLiquidation', v.netLiquidation.toFixed(2), 'USD'],
      [ACCOUNT, 'TotalCashValue', v.totalCashValue.toFixed(2), 'USD'],
      [ACCOUNT, 'BuyingPower', v.buyingPower.toFixed(2), 'USD'],
      [ACCOUNT, 'AvailableFunds', v.availableFunds.toFixed(2), 'USD'],
    ]);
    expect(v.netLiquidation).toBe(1_000_000);
  });

  it('continues order ids after the highest used one on reconnect', async () => {
    const c = await connected(1);
    c.ib.placeOrder(57, AAPL, order(OrderAction.BUY, 1, OrderType.LMT, { lmt: 150 }));
    await waitStatus(c, 57, 'Submitted');
    c.disconnect();
    const again = new TestClient(sim.ports[0]?.port ?? 0, 1);
    clients.push(again);
    await expect(again.connect()).resolves.toBe(58);
  });
});
