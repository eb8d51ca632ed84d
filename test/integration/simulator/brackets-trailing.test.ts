// Brackets, OCA exits and trailing stops as TWS runs them, through the real
// @stoqey/ib IBApi: every value asserted is what the client decoded.

import { EventName } from '@stoqey/ib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AAPL, ACCOUNT, OrderAction, OrderType, connected, openOrders, order, startKit, statusTrail, statuses, stopKit, sync,
  waitError, waitOpenOrder, waitStatus, type Kit,
} from './order-kit';
import type { TestClient } from './client';

let kit: Kit;

beforeEach(async () => {
  kit = await startKit();
});

afterEach(async () => {
  await stopKit(kit);
});

/** Entry BUY 100 LMT 189 (held), target SELL LMT 195 (held), stop SELL STP 185 (transmits all three). */
function placeBracket(c: TestClient, parentId: number): void {
  const group = `bracket-${parentId}`;
  c.ib.placeOrder(parentId, AAPL, order(OrderAction.BUY, 100, OrderType.LMT, { lmtPrice: 189, transmit: false }));
  c.ib.placeOrder(parentId + 1, AAPL, order(OrderAction.SELL, 100, OrderType.LMT, { lmtPrice: 195, parentId, ocaGroup: group, transmit: false }));
  c.ib.placeOrder(parentId + 2, AAPL, order(OrderAction.SELL, 100, OrderType.STP, { auxPrice: 185, parentId, ocaGroup: group, transmit: true }));
}

function position(conId: number): number {
  return kit.sim.exchange.positions(ACCOUNT).find((p) => p.conId === conId)?.position ?? 0;
}

describe('brackets', () => {
  it('holds the parent until the last child transmits; children wait for the parent fill, then the target fill cancels the stop', async () => {
    const c = await connected(kit, 1);
    c.ib.placeOrder(1, AAPL, order(OrderAction.BUY, 100, OrderType.LMT, { lmtPrice: 189, transmit: false }));
    await waitStatus(c, 1, 'PendingSubmit');
    kit.sim.movePrice('AAPL', 188.5); // would fill a working order; a held one must not
    await sync(c);
    expect(statusTrail(c, 1)).toEqual(['PendingSubmit']);
    kit.sim.movePrice('AAPL', 190);

    c.ib.placeOrder(2, AAPL, order(OrderAction.SELL, 100, OrderType.LMT, { lmtPrice: 195, parentId: 1, ocaGroup: 'b1', transmit: false }));
    c.ib.placeOrder(3, AAPL, order(OrderAction.SELL, 100, OrderType.STP, { auxPrice: 185, parentId: 1, ocaGroup: 'b1', transmit: true }));
    await waitStatus(c, 1, 'Submitted');
    await waitStatus(c, 2, 'PreSubmitted');
    await waitStatus(c, 3, 'PreSubmitted');
    const child = await waitOpenOrder(c, 2);
    expect(child.order).toMatchObject({ parentId: 1, ocaGroup: 'b1', lmtPrice: 195 });
    expect(statuses(c, 3).at(-1)?.[6]).toBe(1); // ORDER_STATUS parentId

    kit.sim.movePrice('AAPL', 188.9); // entry fills at the ask 188.91
    const [, , filled, , avg] = await waitStatus(c, 1, 'Filled');
    expect([filled, avg]).toEqual([100, 188.91]);
    await waitStatus(c, 2, 'Submitted'); // the target works at the exchange
    await sync(c);
    expect(statusTrail(c, 3)).toEqual(['PreSubmitted']); // the stop waits for its trigger
    expect(position(265598)).toBe(100);

    kit.sim.movePrice('AAPL', 195.1); // target sells at the bid 195.09
    const [, , targetFilled, , targetAvg] = await waitStatus(c, 2, 'Filled');
    expect([targetFilled, targetAvg]).toEqual([100, 195.09]);
    await waitStatus(c, 3, 'Cancelled');
    expect(await waitError(c, 3, 202)).toEqual(['Order Canceled - reason:', 202]);
    expect(position(265598)).toBe(0);
  });

  it('cancelling the parent cancels its children', async () => {
    const c = await connected(kit, 1);
    placeBracket(c, 10);
    await waitStatus(c, 10, 'Submitted');
    await waitStatus(c, 12, 'PreSubmitted');
    c.ib.cancelOrder(10);
    for (const id of [10, 11, 12]) await waitStatus(c, id, 'Cancelled');
    expect(kit.sim.exchange.openOrders(ACCOUNT)).toEqual([]);
    kit.sim.movePrice('AAPL', 184); // nothing may trade any more
    await sync(c);
    expect(kit.sim.exchange.executions(ACCOUNT)).toEqual([]);
  });

  it('the stop side of a filled bracket: the stop fills and cancels the target', async () => {
    const c = await connected(kit, 1);
    placeBracket(c, 20);
    await waitStatus(c, 20, 'Submitted');
    kit.sim.movePrice('AAPL', 188.9);
    await waitStatus(c, 20, 'Filled');
    kit.sim.movePrice('AAPL', 184.9); // bid 184.89 <= 185: the stop sells at market
    const [, , , , avg] = await waitStatus(c, 22, 'Filled');
    expect(avg).toBe(184.89);
    await waitStatus(c, 21, 'Cancelled');
    expect(position(265598)).toBe(0);
  });
});

describe('exit OCO pair', () => {
  it('two exits in one OCA group (type 1) close the position: the filled one cancels the other', async () => {
    const c = await connected(kit, 1);
    c.ib.placeOrder(30, AAPL, order(OrderAction.BUY, 100, OrderType.MKT));
    await waitStatus(c, 30, 'Filled');
    c.ib.placeOrder(31, AAPL, order(OrderAction.SELL, 100, OrderType.LMT, { lmtPrice: 195, ocaGroup: 'exit-1', ocaType: 1 }));
    c.ib.placeOrder(32, AAPL, order(OrderAction.SELL, 100, OrderType.STP, { auxPrice: 185, ocaGroup: 'exit-1', ocaType: 1 }));
    await waitStatus(c, 31, 'Submitted');
    const stop = await waitOpenOrder(c, 32);
    expect(stop.order).toMatchObject({ ocaGroup: 'exit-1', ocaType: 1, auxPrice: 185 });
    kit.sim.movePrice('AAPL', 195.2);
    await waitStatus(c, 31, 'Filled');
    await waitStatus(c, 32, 'Cancelled');
    expect(position(265598)).toBe(0);
  });
});

describe('trailing stops', () => {
  it('a sell trail follows the last price up, never down, reports trailStopPrice, and triggers at market', async () => {
    const c = await connected(kit, 1);
    c.ib.placeOrder(40, AAPL, order(OrderAction.BUY, 100, OrderType.MKT));
    await waitStatus(c, 40, 'Filled');
    c.ib.placeOrder(41, AAPL, order(OrderAction.SELL, 100, OrderType.TRAIL, { auxPrice: 1 }));
    await waitOpenOrder(c, 41, (o) => o.trailStopPrice === 189);
    kit.sim.movePrice('AAPL', 191);
    await waitOpenOrder(c, 41, (o) => o.trailStopPrice === 190);
    kit.sim.movePrice('AAPL', 190.5); // falls: the stop stays at 190
    await sync(c);
    expect(openOrders(c, 41).map((o) => o.trailStopPrice)).toEqual([189, 190]);
    expect(statusTrail(c, 41)).toEqual(['PreSubmitted']);
    kit.sim.movePrice('AAPL', 189.9); // last 189.90 <= 190: market sell at the bid
    const [, , filled, , avg] = await waitStatus(c, 41, 'Filled');
    expect([filled, avg]).toEqual([100, 189.89]);
    expect(position(265598)).toBe(0);
  });

  it('a buy trail in percent follows the price down', async () => {
    const c = await connected(kit, 1);
    c.ib.placeOrder(42, AAPL, order(OrderAction.BUY, 10, OrderType.TRAIL, { trailingPercent: 1 }));
    const first = await waitOpenOrder(c, 42, (o) => o.trailStopPrice !== undefined);
    expect(first.order).toMatchObject({ trailingPercent: 1, trailStopPrice: 191.9 }); // 190 + 1.90
    kit.sim.movePrice('AAPL', 188);
    await waitOpenOrder(c, 42, (o) => o.trailStopPrice === 189.88); // 188 + 1.88
    kit.sim.movePrice('AAPL', 189.9); // ask 189.91 >= 189.88: buys at the ask
    const [, , , , avg] = await waitStatus(c, 42, 'Filled');
    expect(avg).toBe(189.91);
  });

  it('TRAIL LIMIT rests with its offset and stop, then sells as a limit below the stop', async () => {
    const c = await connected(kit, 1);
    c.ib.placeOrder(43, AAPL, order(OrderAction.SELL, 10, OrderType.TRAIL_LIMIT, { auxPrice: 1, lmtPriceOffset: 0.1 }));
    const seen = await waitOpenOrder(c, 43, (o) => o.trailStopPrice === 189);
    expect(seen.order).toMatchObject({ orderType: 'TRAIL LIMIT', auxPrice: 1, lmtPriceOffset: 0.1 });
    expect(seen.state.status).toBe('PreSubmitted');
    kit.sim.movePrice('AAPL', 189); // touches: limit 188.90; bid 188.99 >= limit
    const [, , , , avg] = await waitStatus(c, 43, 'Filled');
    expect(avg).toBe(188.99);
    expect(openOrders(c, 43).at(-1)?.lmtPrice).toBe(188.9);
  });
});

describe('closing and reversing a position', () => {
  it('long 100, sell 200 at market: short 100 in positions, portfolio and P&L', async () => {
    const c = await connected(kit, 1);
    c.ib.reqPositions();
    c.ib.reqAccountUpdates(true, ACCOUNT);
    c.ib.placeOrder(50, AAPL, order(OrderAction.BUY, 100, OrderType.MKT));
    await waitStatus(c, 50, 'Filled');
    await c.waitFor(EventName.position, (_a: string, contract: { conId: number }, pos: number) => contract.conId === 265598 && pos === 100);
    c.ib.placeOrder(51, AAPL, order(OrderAction.SELL, 200, OrderType.MKT));
    const [, , filled, , avg] = await waitStatus(c, 51, 'Filled');
    expect([filled, avg]).toEqual([200, 189.99]);
    const [, , pos, avgCost] = (await c.waitFor(EventName.position, (_a: string, contract: { conId: number }, p: number) => contract.conId === 265598 && p === -100)) as [string, unknown, number, number];
    expect(pos).toBe(-100);
    expect(avgCost).toBeCloseTo(189.99 - 0.005, 6); // short opened at the bid, less its share of the commission
    const [, portfolioPos] = (await c.waitFor(EventName.updatePortfolio, (contract: { conId: number }, p: number) => contract.conId === 265598 && p === -100)) as [unknown, number];
    expect(portfolioPos).toBe(-100);
    c.ib.placeOrder(52, AAPL, order(OrderAction.BUY, 100, OrderType.MKT));
    await waitStatus(c, 52, 'Filled');
    await c.waitFor(EventName.position, (_a: string, contract: { conId: number }, p: number) => contract.conId === 265598 && p === 0);
    expect(kit.sim.exchange.positions(ACCOUNT).find((p) => p.conId === 265598)?.position).toBe(0);
  });
});
