// #11 modify, trailing stops and foreign orders end to end: host -> IB adapter ->
// real @stoqey/ib -> simulator over TCP, and back.

import { IBApi, EventName, SecType, type Contract, type Order as IbOrder } from '@stoqey/ib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../../electron/simulator';
import { connectedRig, hold, order, quoteOf, round, working } from './order-helpers';
import { until, type Rig } from './rig';

let sim: SimulatorHandle;
let rig: Rig | null = null;

beforeEach(async () => {
  sim = await startSimulator({ tickRate: 0 });
});

afterEach(async () => {
  await rig?.stop();
  rig = null;
  await sim.close();
});

async function connected(): Promise<Rig> {
  rig = await connectedRig(sim);
  return rig;
}

describe('modify through the host (placeOrder again with the same id)', () => {
  it('changes the price and quantity of a working LMT, STP, STP LMT and TRAIL and the rows show the new values', async () => {
    const r = await connected();
    const q = quoteOf(sim, 'AAPL');
    await hold(r, 'AAPL', 300);
    const lmt = await r.must('order.place', { order: order({ type: 'limit', limitPrice: round(q.bid * 0.9) }) });
    const stp = await r.must('order.place', { order: order({ side: 'SELL', type: 'stop', stopPrice: round(q.bid * 0.9) }) });
    const stpLmt = await r.must('order.place', { order: order({ side: 'SELL', type: 'stop-limit', stopPrice: round(q.bid * 0.9), limitPrice: round(q.bid * 0.89) }) });
    const trail = await r.must('order.place', { order: order({ side: 'SELL', type: 'trailing', trail: { amount: 5 } }) });
    const ids = [lmt, stp, stpLmt, trail].map((p) => p.orderId);
    await r.pump('four working', () => ids.every((id) => working(r.order('paper', id)?.status)));

    const modify = (orderId: number, changes: object) => r.must('order.modify', { account: 'paper', orderId, changes });
    expect(await modify(lmt.orderId, { price: round(q.bid * 0.91), quantity: 150 })).toEqual({ key: `paper:${lmt.orderId}`, orderId: lmt.orderId });
    await modify(stp.orderId, { stopPrice: round(q.bid * 0.92), quantity: 50 });
    await modify(stpLmt.orderId, { stopPrice: round(q.bid * 0.93), limitPrice: round(q.bid * 0.92) });
    await modify(trail.orderId, { price: 4, quantity: 80 });

    await r.pump('modified rows', () =>
      r.order('paper', lmt.orderId)?.limitPrice === round(q.bid * 0.91) &&
      r.order('paper', stp.orderId)?.stopPrice === round(q.bid * 0.92) &&
      r.order('paper', stpLmt.orderId)?.stopPrice === round(q.bid * 0.93) &&
      r.order('paper', trail.orderId)?.quantity === 80,
    );
    expect(r.order('paper', lmt.orderId)).toMatchObject({ type: 'limit', quantity: 150, limitPrice: round(q.bid * 0.91), status: 'submitted', reason: null });
    expect(r.order('paper', stp.orderId)).toMatchObject({ type: 'stop', quantity: 50, stopPrice: round(q.bid * 0.92) });
    expect(r.order('paper', stpLmt.orderId)).toMatchObject({ type: 'stop-limit', stopPrice: round(q.bid * 0.93), limitPrice: round(q.bid * 0.92) });
    expect(r.order('paper', trail.orderId)).toMatchObject({ type: 'trailing', quantity: 80, trail: { amount: 4 } });
    const atSim = sim.exchange.openOrders(sim.ports[0]?.account ?? '').find((o) => o.orderId === lmt.orderId);
    expect(atSim).toMatchObject({ quantity: 150, lmtPrice: round(q.bid * 0.91) });

    // The modified limit now trades at its new price (the ask one tick above the last).
    sim.movePrice('AAPL', round(q.bid * 0.91 - 0.01));
    await r.pump('modified limit filled', () => r.order('paper', lmt.orderId)?.status === 'filled');
    expect(r.order('paper', lmt.orderId)).toMatchObject({ filled: 150, avgFillPrice: round(q.bid * 0.91) });
  });

  it('refuses with sentences before anything leaves: unknown, filled, side change, nothing changed, unknown account', async () => {
    const r = await connected();
    const q = quoteOf(sim, 'AAPL');
    const lmt = await r.must('order.place', { order: order({ type: 'limit', limitPrice: round(q.bid * 0.9) }) });
    await r.pump('working', () => working(r.order('paper', lmt.orderId)?.status));
    const refused = async (orderId: number, changes: object) => r.invoke('order.modify', { account: 'paper', orderId, changes });
    expect(await refused(999, { price: 1 })).toEqual({ ok: false, error: { code: 'order-refused', message: 'order 999 is not known in account "paper"' } });
    expect(await refused(lmt.orderId, { side: 'SELL' })).toEqual({
      ok: false, error: { code: 'order-refused', message: 'a modify cannot change the side (BUY to SELL): cancel and send a new order' },
    });
    expect(await refused(lmt.orderId, { price: round(q.bid * 0.9) })).toEqual({
      ok: false, error: { code: 'order-refused', message: `modify of order ${lmt.orderId} changes nothing` },
    });
    const mkt = await r.must('order.place', { order: order({ quantity: 1 }) });
    await r.pump('market filled', () => r.order('paper', mkt.orderId)?.status === 'filled');
    expect(await refused(mkt.orderId, { quantity: 2 })).toEqual({
      ok: false, error: { code: 'order-refused', message: `order ${mkt.orderId} is filled: nothing left to modify` },
    });
    expect(await r.invoke('order.modify', { account: 'nope', orderId: 1, changes: { price: 1 } })).toEqual({
      ok: false, error: { code: 'unknown-account', message: 'unknown account "nope"' },
    });
  });

  it('a modify racing a fill ends with the broker’s truth: filled, with IB’s 104 on the row', async () => {
    const r = await connected();
    const q = quoteOf(sim, 'AAPL');
    const lmt = await r.must('order.place', { order: order({ quantity: 10, type: 'limit', limitPrice: round(q.bid - 1) }) });
    await r.pump('working', () => working(r.order('paper', lmt.orderId)?.status));
    // The fill happens at the simulator now; the host has not heard of it when the modify leaves.
    sim.movePrice('AAPL', round(q.bid - 1.01));
    expect(await r.invoke('order.modify', { account: 'paper', orderId: lmt.orderId, changes: { price: round(q.bid - 2) } })).toEqual({
      ok: true, value: { key: `paper:${lmt.orderId}`, orderId: lmt.orderId },
    });
    await r.pump('filled and refused', () => r.order('paper', lmt.orderId)?.status === 'filled' && r.order('paper', lmt.orderId)?.reason !== null);
    expect(r.order('paper', lmt.orderId)).toMatchObject({ status: 'filled', filled: 10, limitPrice: round(q.bid - 1), reason: "Can't modify a filled order." });
    expect(r.logs.some((l) => l.code === 104)).toBe(true);
  });
});

describe('a modify IB refuses with 201 (chaos: a refused change is not a rejected order)', () => {
  it('leaves the working order working, with its old size and price and IB\'s text as the reason', async () => {
    const r = await connected();
    const q = quoteOf(sim, 'AAPL');
    const lmt = await r.must('order.place', { order: order({ quantity: 10, type: 'limit', limitPrice: round(q.bid * 0.9) }) });
    await r.pump('working', () => r.order('paper', lmt.orderId)?.status === 'submitted');
    // Far more than the account can pay for: the simulator refuses the change with 201.
    await r.must('order.modify', { account: 'paper', orderId: lmt.orderId, changes: { quantity: 90_000 } });
    await r.pump('refused', () => (r.order('paper', lmt.orderId)?.reason ?? null) !== null);
    expect(r.order('paper', lmt.orderId)).toMatchObject({ status: 'submitted', quantity: 10, limitPrice: round(q.bid * 0.9) });
    expect(r.order('paper', lmt.orderId)?.reason).toMatch(/^Order rejected/);
    const atSim = sim.exchange.openOrders(sim.ports[0]?.account ?? '').find((o) => o.orderId === lmt.orderId);
    expect(atSim).toMatchObject({ status: 'Submitted', quantity: 10 });
    // Still a working order to the adapter too: it can be cancelled.
    await r.must('order.cancel', { account: 'paper', orderId: lmt.orderId });
    await r.pump('cancelled', () => r.order('paper', lmt.orderId)?.status === 'cancelled');
  });

  it('a modify of an order IB has just cancelled keeps it cancelled, not rejected', async () => {
    const r = await connected();
    const q = quoteOf(sim, 'AAPL');
    const lmt = await r.must('order.place', { order: order({ quantity: 10, type: 'limit', limitPrice: round(q.bid * 0.9) }) });
    await r.pump('working', () => r.order('paper', lmt.orderId)?.status === 'submitted');
    // Cancelled at the simulator (as by TWS or IB) while the host still shows it working.
    sim.setLatency(200);
    await r.must('order.cancel', { account: 'paper', orderId: lmt.orderId });
    await r.must('order.modify', { account: 'paper', orderId: lmt.orderId, changes: { price: round(q.bid * 0.91) } });
    sim.setLatency(0);
    await r.pump('settled', () => r.order('paper', lmt.orderId)?.status === 'cancelled' && r.order('paper', lmt.orderId)?.reason !== null);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(r.order('paper', lmt.orderId)?.status).toBe('cancelled');
    expect(sim.exchange.openOrders(sim.ports[0]?.account ?? '').find((o) => o.orderId === lmt.orderId)).toBeUndefined();
  });
});

describe('trailing stops', () => {
  it('trails the price up (trailStopPrice on the row moves) and triggers on the way down', async () => {
    const r = await connected();
    await hold(r, 'AAPL', 100);
    const last = quoteOf(sim, 'AAPL').last;
    const trail = await r.must('order.place', { order: order({ side: 'SELL', type: 'trailing', trail: { amount: 1 } }) });
    await r.pump('trail stop reported', () => r.order('paper', trail.orderId)?.trailStopPrice === round(last - 1));
    sim.movePrice('AAPL', round(last + 2));
    await r.pump('trail stop moved up', () => r.order('paper', trail.orderId)?.trailStopPrice === round(last + 1));
    sim.movePrice('AAPL', round(last + 1.5));
    // A dip that stays above the stop leaves it where it was.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(working(r.order('paper', trail.orderId)?.status)).toBe(true);
    expect(r.order('paper', trail.orderId)).toMatchObject({ trailStopPrice: round(last + 1), trail: { amount: 1 } });
    sim.movePrice('AAPL', round(last + 0.9));
    await r.pump('trail triggered and filled', () => r.order('paper', trail.orderId)?.status === 'filled');
    expect(r.order('paper', trail.orderId)?.filled).toBe(100);
  });
});

/** A second API client on the same account (another program, or TWS's own API client). */
async function otherClient(port: number, clientId: number): Promise<IBApi> {
  const api = new IBApi({ host: '127.0.0.1', port });
  let nextId = 0;
  api.on(EventName.nextValidId, (id: number) => (nextId = id));
  api.connect(clientId);
  await until('other client ready', () => nextId > 0);
  (api as unknown as { nextId: () => number }).nextId = () => nextId++;
  return api;
}

const AAPL_CONTRACT: Contract = { symbol: 'AAPL', secType: SecType.STK, exchange: 'SMART', currency: 'USD' };

describe('orders of every type and every client are shown', () => {
  it('shows REL, TRAIL LIMIT and MOC as foreign rows; its own are cancellable, another client’s are not, and none is modifiable', async () => {
    const port = sim.ports[0]?.port ?? 0;
    const account = sim.ports[0]?.account ?? '';
    const q = quoteOf(sim, 'AAPL');
    // Client 7 places two orders Janus does not model, then goes away; Janus then connects as client 7.
    const before = await otherClient(port, 7);
    const nextOf = (api: IBApi) => (api as unknown as { nextId: () => number }).nextId();
    const relId = nextOf(before);
    before.placeOrder(relId, AAPL_CONTRACT, { action: 'BUY' as never, totalQuantity: 10, orderType: 'REL' as never, lmtPrice: round(q.bid - 5), auxPrice: 0.01, tif: 'DAY' as never, account, transmit: true } as IbOrder);
    const trailLimitId = nextOf(before);
    before.placeOrder(trailLimitId, AAPL_CONTRACT, { action: 'SELL' as never, totalQuantity: 10, orderType: 'TRAIL LIMIT' as never, auxPrice: 1, lmtPriceOffset: 0.1, tif: 'GTC' as never, account, transmit: true } as IbOrder);
    await until('orders at the simulator', () => sim.exchange.openOrders(account).length === 2);
    before.disconnect();
    await until('client 7 gone', () => sim.clientCount() === 0);

    const others = await otherClient(port, 9);
    const r = await connected();
    const mocId = nextOf(others);
    others.placeOrder(mocId, AAPL_CONTRACT, { action: 'SELL' as never, totalQuantity: 5, orderType: 'MOC' as never, tif: 'DAY' as never, account, transmit: true } as IbOrder);
    await r.pump('three foreign rows', () => [relId, trailLimitId, mocId].every((id) => r.order('paper', id)?.type === 'foreign'));
    expect(r.order('paper', relId)).toMatchObject({ ibType: 'REL', side: 'BUY', quantity: 10, limitPrice: round(q.bid - 5), clientId: 7, status: 'submitted' });
    expect(r.order('paper', trailLimitId)).toMatchObject({ ibType: 'TRAIL LIMIT', side: 'SELL', quantity: 10, clientId: 7 });
    expect(r.order('paper', trailLimitId)?.trailStopPrice).toBeGreaterThan(0);
    expect(r.order('paper', mocId)).toMatchObject({ ibType: 'MOC', side: 'SELL', quantity: 5, clientId: 9 });

    expect(await r.invoke('order.modify', { account: 'paper', orderId: relId, changes: { quantity: 5 } })).toEqual({
      ok: false, error: { code: 'order-refused', message: `order ${relId} is an IB "REL" order, which Janus shows but cannot modify` },
    });
    expect(await r.invoke('order.cancel', { account: 'paper', orderId: mocId })).toEqual({
      ok: false, error: { code: 'broker-error', message: `order ${mocId} was placed by client id 9; IB lets only that client cancel it` },
    });
    expect(await r.invoke('order.cancel', { account: 'paper', orderId: relId })).toEqual({ ok: true, value: null });
    expect(await r.invoke('order.cancel', { account: 'paper', orderId: trailLimitId })).toEqual({ ok: true, value: null });
    await r.pump('foreign rows cancelled', () => [relId, trailLimitId].every((id) => r.order('paper', id)?.status === 'cancelled'));
    expect(r.order('paper', mocId)?.status).toBe('submitted');
    others.disconnect();
  });
});
