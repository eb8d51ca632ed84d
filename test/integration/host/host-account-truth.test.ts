// Account truth through the whole host, the real IB broker and the simulator:
// the margin check (what-if) is answered and never placed, the day's completed
// orders come back after a restart merged by permId, and daily P&L streams per
// account and per position, again after a reconnect.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountPnl, Order, OrderRequest } from '../../../shared/model';
import { startSimulator, type SimulatorHandle } from '../../../electron/simulator';
import { accountFor, settingsWith, startRig, type Rig } from './rig';

const ACCOUNT = 'DU1000001';
const rigs: Rig[] = [];
const sims: SimulatorHandle[] = [];

afterEach(async () => {
  for (const r of rigs.splice(0)) await r.stop();
  for (const s of sims.splice(0)) await s.close();
});

async function simulator(startingPositions: { symbol: string; quantity: number; avgCost: number }[] = []): Promise<SimulatorHandle> {
  const sim = await startSimulator({ tickRate: 0, startingPositions });
  sims.push(sim);
  return sim;
}

async function rigFor(sim: SimulatorHandle, clientId = 7): Promise<Rig> {
  const r = await startRig(settingsWith([accountFor(sim, 'paper', clientId)]));
  rigs.push(r);
  await r.pump('paper connected', () => r.state('paper')?.readyForOrders === true);
  return r;
}

const order = (patch: Partial<OrderRequest>): OrderRequest => ({
  account: 'paper', side: 'BUY', symbol: 'AAPL', quantity: 10, type: 'market', tif: 'DAY', ...patch,
});

function lastPnl(r: Rig): AccountPnl | undefined {
  const seen = r.events.filter((e) => e.event === 'pnl');
  return seen[seen.length - 1]?.payload as AccountPnl | undefined;
}

describe('margin check (what-if)', () => {
  it('answers IB-style figures and places nothing', async () => {
    const sim = await simulator([{ symbol: 'AAPL', quantity: 100, avgCost: 170 }]);
    const r = await rigFor(sim);
    sim.movePrice('AAPL', 190);
    const preview = await r.must('order.whatIf', { order: order({ quantity: 100, type: 'limit', limitPrice: 189.5 }) });
    // 100 held + 100 more, marked at 190: Reg T 50% of 38,000 after, 50% of 19,000 before.
    expect(preview).toEqual({
      account: 'paper', symbol: 'AAPL',
      initMarginBefore: 9500, initMarginChange: 9500, initMarginAfter: 19000,
      maintMarginBefore: 4750, maintMarginChange: 4750, maintMarginAfter: 9500,
      equityWithLoanBefore: 1_019_000, equityWithLoanChange: -1, equityWithLoanAfter: 1_018_999,
      commission: 1, minCommission: 1, maxCommission: 1, currency: 'USD', warning: null,
    });
    expect(sim.exchange.openOrders(ACCOUNT)).toEqual([]);
    expect(r.events.filter((e) => e.event === 'order')).toEqual([]);
    // The what-if used no order id the next real order could collide with.
    const placed = await r.must('order.place', { order: order({}) });
    await r.pump('order filled', () => r.order('paper', placed.orderId)?.status === 'filled');
  });

  it('shows IB\'s reason when margin would not suffice', async () => {
    const sim = await simulator();
    const r = await rigFor(sim);
    const preview = await r.must('order.whatIf', { order: order({ quantity: 20_000, type: 'limit', limitPrice: 187 }) });
    expect(preview.warning).toBe(
      'YOUR ORDER IS NOT ACCEPTED. IN ORDER TO OBTAIN THE DESIRED POSITION YOUR EQUITY WITH LOAN VALUE [999900.00 USD] MUST EXCEED THE INITIAL MARGIN [1870000.00 USD]',
    );
    // No AAPL held: the new position is valued at the order's limit, 20,000 x 187 x 50%.
    expect(preview.initMarginAfter).toBe(1_870_000);
  });

  it('refuses with IB\'s words an order IB would refuse, and refuses when not connected', async () => {
    const sim = await simulator();
    const r = await rigFor(sim);
    const off = await r.invoke('order.whatIf', { order: order({ type: 'limit', limitPrice: 187.123 }) });
    expect(off).toMatchObject({ ok: false, error: { code: 'order-refused' } });
    await sim.stop();
    await r.pump('disconnected', () => r.state('paper')?.readyForOrders === false);
    const down = await r.invoke('order.whatIf', { order: order({}) });
    expect(down).toEqual({ ok: false, error: { code: 'order-refused', message: 'account "paper" is not connected — no margin check' } });
  });
});

describe('completed orders', () => {
  it('after a restart the Orders rows show the whole day: filled, cancelled and rejected, merged by permId, fills attached', async () => {
    const sim = await simulator();
    const first = await rigFor(sim);
    const filled = await first.must('order.place', { order: order({}) });
    const resting = await first.must('order.place', { order: order({ type: 'limit', limitPrice: 150, tif: 'GTC' }) });
    await first.pump('filled and resting', () =>
      first.order('paper', filled.orderId)?.status === 'filled' && first.order('paper', resting.orderId)?.status === 'submitted');
    await first.must('order.cancel', { account: 'paper', orderId: resting.orderId });
    sim.rejectNextOrder(ACCOUNT, 'Test rejection');
    const refused = await first.must('order.place', { order: order({ symbol: 'MSFT', quantity: 3 }) });
    await first.pump('cancelled and rejected', () =>
      first.order('paper', resting.orderId)?.status === 'cancelled' && first.order('paper', refused.orderId)?.status === 'rejected');
    const permIds = new Map([filled.orderId, resting.orderId].map((id) => [id, first.order('paper', id)?.permId]));
    await first.stop();
    rigs.splice(0);

    const second = await rigFor(sim);
    await second.pump('the day recovered', () => {
      const rows = second.events.filter((e) => e.event === 'order').map((e) => e.payload as Order);
      return rows.some((o) => o.status === 'filled') && rows.some((o) => o.status === 'cancelled') && rows.some((o) => o.status === 'rejected');
    });
    const snap = await second.snapshot();
    const bySymbolStatus = snap.orders.map((o) => [o.symbol, o.status, o.quantity, o.filled]).sort();
    expect(bySymbolStatus).toEqual([
      ['AAPL', 'cancelled', 10, 0],
      ['AAPL', 'filled', 10, 10],
      ['MSFT', 'rejected', 3, 0],
    ]);
    // The filled order is filed under the order id its fill carries, with its fill price.
    const filledRow = snap.orders.find((o) => o.status === 'filled');
    expect(filledRow).toMatchObject({ orderId: filled.orderId, permId: permIds.get(filled.orderId), side: 'BUY', type: 'market' });
    expect(filledRow?.avgFillPrice).toBeGreaterThan(0);
    expect(snap.orders.find((o) => o.status === 'cancelled')).toMatchObject({ permId: permIds.get(resting.orderId), limitPrice: 150 });
    expect(snap.orders.find((o) => o.status === 'rejected')?.reason).toBe('Order rejected - reason:Test rejection');
  });

  it('a reconnect lists the day again without a second row for any order', async () => {
    const sim = await simulator();
    const r = await rigFor(sim);
    const filled = await r.must('order.place', { order: order({}) });
    await r.pump('filled', () => r.order('paper', filled.orderId)?.status === 'filled');
    sim.rejectNextOrder(ACCOUNT, 'Test rejection');
    const refused = await r.must('order.place', { order: order({ symbol: 'MSFT' }) });
    // IB's Inactive status after the 201 carries the order's permId: the key completed orders merge on.
    await r.pump('rejected with its permId', () => r.order('paper', refused.orderId)?.status === 'rejected' && (r.order('paper', refused.orderId)?.permId ?? 0) > 0);
    const before = r.events.filter((e) => e.event === 'order').length;
    sim.dropAll();
    await r.pump('down', () => r.state('paper')?.readyForOrders === false);
    r.scheduler.advance(10_000);
    await r.pump('back', () => r.state('paper')?.readyForOrders === true);
    await r.pump('completed order replayed', () => r.events.filter((e) => e.event === 'order').length > before);
    const snap = await r.snapshot();
    expect(snap.orders.sort((a, b) => a.orderId - b.orderId)).toEqual([
      expect.objectContaining({ orderId: filled.orderId, status: 'filled', filled: 10 }),
      expect.objectContaining({ orderId: refused.orderId, status: 'rejected', reason: 'Order rejected - reason:Test rejection' }),
    ]);
  });
});

describe('daily P&L', () => {
  it('streams the account and each position, and subscribes again after a reconnect', async () => {
    const sim = await simulator([{ symbol: 'AAPL', quantity: 100, avgCost: 170 }, { symbol: 'MSFT', quantity: -10, avgCost: 420 }]);
    const r = await rigFor(sim);
    sim.movePrice('AAPL', 190);
    sim.movePrice('MSFT', 416.2);
    // AAPL 100 x (190 - 187.50) = 250; MSFT -10 x (416.20 - 415.20) = -10.
    await r.pump('account daily P&L', () => lastPnl(r)?.daily === 240);
    await r.pump('per position', () => lastPnl(r)?.byConId[272093]?.daily === -10 && lastPnl(r)?.byConId[265598]?.daily === 250);
    expect(lastPnl(r)).toMatchObject({ account: 'paper', daily: 240, unrealized: 2000 + 38, realized: 0 });
    expect(lastPnl(r)?.byConId[265598]).toEqual({ conId: 265598, position: 100, daily: 250, unrealized: 2000, realized: 0, value: 19000 });
    expect((await r.snapshot()).pnl).toEqual([expect.objectContaining({ account: 'paper', daily: 240 })]);

    await sim.stop();
    await r.pump('down', () => r.state('paper')?.readyForOrders === false);
    sim.movePrice('AAPL', 191);
    await sim.start();
    r.scheduler.advance(10_000);
    await r.pump('back', () => r.state('paper')?.readyForOrders === true);
    await r.pump('P&L after the reconnect', () => lastPnl(r)?.byConId[265598]?.daily === 350 && lastPnl(r)?.daily === 340);
  });
});

describe('market rules', () => {
  it('a symbol carries IB\'s market rule, cached in symbols.json; a stock under $1 steps by 0.0001', async () => {
    const sim = await simulator();
    const r = await rigFor(sim);
    const instrument = await r.must('symbol.resolve', { symbol: 'ZZPNY' });
    expect(instrument.priceIncrements).toEqual([{ lowEdge: 0, increment: 0.0001 }, { lowEdge: 1, increment: 0.01 }]);
    const placed = await r.must('order.place', { order: order({ symbol: 'ZZPNY', quantity: 100, type: 'limit', limitPrice: 0.4001, tif: 'GTC' }) });
    await r.pump('working', () => r.order('paper', placed.orderId)?.status === 'submitted');
    const offGrid = await r.invoke('order.place', { order: order({ symbol: 'AAPL', type: 'limit', limitPrice: 150.005, tif: 'GTC' }) });
    expect(offGrid).toEqual({ ok: false, error: { code: 'order-refused', message: 'limit price 150.005 is not a multiple of the 0.01 tick' } });
    await r.stop();
    rigs.splice(0);
    const cache = JSON.parse(await readFile(join(r.dataDir, 'symbols.json'), 'utf8')) as unknown;
    expect(JSON.stringify(cache)).toContain('"priceIncrements":[{"lowEdge":0,"increment":0.0001},{"lowEdge":1,"increment":0.01}]');
  });
});
