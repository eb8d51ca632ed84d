// Recovery and multi-account behaviour of the host against the real IB broker
// and simulator: cold start, gateway restart, two accounts, clientId clash.

import { afterEach, describe, expect, it } from 'vitest';
import type { OrderRequest } from '../../../shared/model';
import { startSimulator, type SimulatorHandle } from '../../../electron/simulator';
import { accountFor, settingsWith, startRig, type Rig } from './rig';

const rigs: Rig[] = [];
const sims: SimulatorHandle[] = [];

afterEach(async () => {
  for (const r of rigs.splice(0)) await r.stop();
  for (const s of sims.splice(0)) await s.close();
});

async function simulator(listen?: { port: number; account: string }[]): Promise<SimulatorHandle> {
  const sim = await startSimulator({ tickRate: 0, ...(listen ? { listen } : {}) });
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
  account: 'paper', side: 'BUY', symbol: 'AAPL', quantity: 10, type: 'market', tif: 'GTC', ...patch,
});

function price(sim: SimulatorHandle, symbol: string) {
  const entry = sim.exchange.findBySymbol(symbol)[0];
  const quote = entry && sim.exchange.quote(entry.conId);
  if (!quote) throw new Error(`no quote for ${symbol}`);
  return quote;
}

describe('host recovery', () => {
  it('cold start lists positions, open orders, today’s fills and account values', async () => {
    const sim = await simulator();
    const first = await rigFor(sim);
    const filled = await first.must('order.place', { order: order({}) });
    const working = await first.must('order.place', { order: order({ symbol: 'MSFT', type: 'limit', limitPrice: Math.round(price(sim, 'MSFT').bid * 80) / 100 }) });
    await first.pump('fill and working order', () =>
      first.order('paper', filled.orderId)?.status === 'filled' && first.order('paper', working.orderId)?.status === 'submitted',
    );
    await first.stop();
    rigs.splice(0);

    const second = await rigFor(sim);
    await second.pump('state arrives', () => {
      const kinds = new Set(second.events.map((e) => e.event));
      return kinds.has('position') && kinds.has('order') && kinds.has('fill') && kinds.has('account');
    });
    await second.pump('account values', () => second.events.some((e) => e.event === 'account' && e.payload.netLiquidation !== null));
    const snap = await second.snapshot();
    expect(snap.positions).toEqual([expect.objectContaining({ account: 'paper', symbol: 'AAPL', quantity: 10 })]);
    expect(snap.orders.filter((o) => o.status === 'submitted')).toEqual([
      expect.objectContaining({ account: 'paper', orderId: working.orderId, symbol: 'MSFT', type: 'limit', quantity: 10 }),
    ]);
    expect(snap.fills).toEqual([expect.objectContaining({ orderId: filled.orderId, symbol: 'AAPL', quantity: 10 })]);
    expect(snap.accounts).toEqual([expect.objectContaining({ account: 'paper' })]);
    expect(snap.accounts[0]?.netLiquidation).toBeGreaterThan(0);
  });

  it('survives a gateway restart: reconnecting, back on the next timer tick, quotes flow, nothing lost or doubled', async () => {
    const sim = await simulator();
    const r = await rigFor(sim);
    await r.must('quotes.subscribe', { symbol: 'AAPL' });
    const filled = await r.must('order.place', { order: order({}) });
    const limitPrice = Math.round(price(sim, 'AAPL').bid * 80) / 100;
    const working = await r.must('order.place', { order: order({ type: 'limit', limitPrice }) });
    await r.pump('orders settle', () =>
      r.order('paper', filled.orderId)?.status === 'filled' && r.order('paper', working.orderId)?.status === 'submitted',
    );
    await r.pump('fill commission', () => r.events.some((e) => e.event === 'fill' && e.payload.commission !== null));

    await sim.stop();
    await r.pump('reconnecting', () => r.state('paper')?.socket === 'reconnecting');
    const waiting = r.state('paper');
    expect(waiting?.readyForOrders).toBe(false);
    expect(waiting?.reconnectAt).not.toBeNull();
    expect(waiting?.error).toBeTruthy();
    expect(await r.invoke('order.place', { order: order({}) })).toEqual({
      ok: false,
      error: { code: 'order-refused', message: 'account "paper" is not connected — orders are refused, never queued' },
    });
    // While the host is cut off, the market comes down and the working limit fills.
    sim.movePrice('AAPL', Math.round(limitPrice * 0.99 * 100) / 100);
    expect(sim.exchange.openOrders(sim.ports[0]?.account ?? '')).toEqual([]);

    await sim.start();
    // Nothing happens before the timer: the session never retries by itself.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(r.state('paper')?.socket).toBe('reconnecting');
    r.scheduler.advance((waiting?.reconnectAt ?? 0) - r.scheduler.now());
    await r.pump('connected again', () => r.state('paper')?.readyForOrders === true);
    await r.pump('the fill made while away', () => r.order('paper', working.orderId)?.status === 'filled');
    await r.pump('its commission', () => r.events.some((e) => e.event === 'fill' && e.payload.orderId === working.orderId && e.payload.commission !== null));

    sim.movePrice('AAPL', 199.99);
    await r.pump('quotes flow again', () =>
      r.events.some((e) => e.event === 'quotes' && e.payload.some((q) => q.symbol === 'AAPL' && q.last === 199.99)),
    );
    const snap = await r.snapshot();
    expect(snap.orders.map((o) => [o.orderId, o.status]).sort()).toEqual(
      [[filled.orderId, 'filled'], [working.orderId, 'filled']].sort(),
    );
    expect(snap.fills.map((f) => f.orderId).sort()).toEqual([filled.orderId, working.orderId].sort());
    expect(snap.fills.every((f) => f.commission !== null)).toBe(true);
    expect(snap.positions).toEqual([expect.objectContaining({ symbol: 'AAPL', quantity: 20 })]);
    // And orders work again, with a fresh id.
    const after = await r.must('order.place', { order: order({}) });
    expect(after.orderId).toBeGreaterThan(working.orderId);
    await r.pump('new order filled', () => r.order('paper', after.orderId)?.status === 'filled');
  });

  it('retires a working order that was cancelled at IB while the connection was down', async () => {
    const sim = await simulator();
    const r = await rigFor(sim);
    const limitPrice = Math.round(price(sim, 'AAPL').bid * 80) / 100;
    const working = await r.must('order.place', { order: order({ type: 'limit', limitPrice }) });
    await r.pump('working', () => r.order('paper', working.orderId)?.status === 'submitted');

    await sim.stop();
    await r.pump('reconnecting', () => r.state('paper')?.socket === 'reconnecting');
    // Cancelled from TWS (another client) while this session could not hear it.
    const cancelled = sim.exchange.cancelOrder(sim.ports[0]?.account ?? '', working.orderId);
    expect('code' in cancelled).toBe(false);
    expect(r.order('paper', working.orderId)?.status).toBe('submitted');

    await sim.start();
    r.scheduler.advance((r.state('paper')?.reconnectAt ?? 0) - r.scheduler.now());
    await r.pump('connected again', () => r.state('paper')?.readyForOrders === true);
    // Missing from the open-orders replay: retired at once; then the day's completed orders say what happened.
    await r.pump('the stale row retired', () => r.events.some((e) => e.event === 'order' && e.payload.orderId === working.orderId && e.payload.status === 'inactive'));
    expect(r.logs.some((l) => l.level === 'warn' && l.message.includes(`order ${working.orderId} (BUY 10 AAPL) is no longer open at IB: it was closed while the connection was down`))).toBe(true);
    await r.pump('cancelled, from the completed orders', () => r.order('paper', working.orderId)?.status === 'cancelled');
    expect(r.order('paper', working.orderId)?.reason).toBe('Cancelled by Trader');
  });

  it('runs two accounts with different clientIds at once, each on its own port', async () => {
    const sim = await simulator([{ port: 0, account: 'DU1000001' }, { port: 0, account: 'DU1000002' }]);
    const r = await startRig(settingsWith([accountFor(sim, 'paper', 7, 0), accountFor(sim, 'second', 8, 1)]));
    rigs.push(r);
    await r.pump('both connected', () => r.state('paper')?.readyForOrders === true && r.state('second')?.readyForOrders === true);
    expect(r.state('paper')).toMatchObject({ clientId: 7, accountCode: 'DU1000001' });
    expect(r.state('second')).toMatchObject({ clientId: 8, accountCode: 'DU1000002' });
    const a = await r.must('order.place', { order: order({ account: 'paper' }) });
    const b = await r.must('order.place', { order: order({ account: 'second', quantity: 20 }) });
    await r.pump('both filled', () => r.order('paper', a.orderId)?.status === 'filled' && r.order('second', b.orderId)?.status === 'filled');
    await r.pump('positions', () => r.events.filter((e) => e.event === 'position').length >= 2);
    const snap = await r.snapshot();
    expect(snap.positions.map((p) => [p.account, p.quantity]).sort()).toEqual([['paper', 10], ['second', 20]]);
    expect(sim.exchange.positions('DU1000001').map((p) => p.position)).toEqual([10]);
    expect(sim.exchange.positions('DU1000002').map((p) => p.position)).toEqual([20]);
  });

  it('two accounts, one symbol: one market-data line (the other account’s session receives none of its ticks), and the other account takes over on a disconnect', async () => {
    const sim = await simulator([{ port: 0, account: 'DU1000001' }, { port: 0, account: 'DU1000002' }]);
    const r = await startRig(settingsWith([accountFor(sim, 'paper', 7, 0), accountFor(sim, 'second', 8, 1)]));
    rigs.push(r);
    await r.pump('both connected', () => r.state('paper')?.readyForOrders === true && r.state('second')?.readyForOrders === true);
    await r.must('quotes.subscribe', { symbol: 'AAPL' });
    const aaplQuotes = () => r.events.flatMap((e) => (e.event === 'quotes' ? e.payload.filter((q) => q.symbol === 'AAPL') : []));
    await r.pump('the first AAPL quote', () => aaplQuotes().length > 0);
    await new Promise((resolve) => setTimeout(resolve, 50)); // the snapshot's last ticks
    const received = () => (r.ticks.get('paper') ?? 0) + (r.ticks.get('second') ?? 0);

    // The simulator sends every tick to every connection subscribed to the
    // symbol, and sim.step() says how many tick frames it wrote over all of
    // them. A line on the second account would put ticks on its session too.
    // (A price frame arrives as price + size callbacks, so the host counts at
    // least one tick per frame, not exactly one.)
    r.ticks.clear();
    const written = sim.step(40);
    expect(written).toBeGreaterThan(0);
    await r.pump('the stepped ticks', () => received() >= written);
    await new Promise((resolve) => setTimeout(resolve, 50)); // nothing more is on its way
    expect(r.ticks.get('second') ?? 0).toBe(0);
    expect(r.ticks.get('paper')).toBeGreaterThanOrEqual(written);

    // paper goes away: second picks AAPL up and quotes keep flowing from it alone.
    await r.must('session.disconnect', { account: 'paper' });
    await r.pump('paper down', () => r.state('paper')?.socket === 'disconnected');
    sim.movePrice('AAPL', 201.23);
    await r.pump('a quote from the second account', () => aaplQuotes().some((q) => q.last === 201.23));
    await new Promise((resolve) => setTimeout(resolve, 50));
    r.ticks.clear();
    const afterMove = sim.step(40);
    expect(afterMove).toBeGreaterThan(0);
    await r.pump('ticks after the move', () => received() >= afterMove);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(r.ticks.get('paper') ?? 0).toBe(0);
    expect(r.ticks.get('second')).toBeGreaterThanOrEqual(afterMove);

    // paper back: no second line opens for AAPL.
    await r.must('session.connect', { account: 'paper' });
    await r.pump('paper back', () => r.state('paper')?.readyForOrders === true);
    r.ticks.clear();
    const afterReturn = sim.step(40);
    await r.pump('ticks after paper returned', () => received() >= afterReturn);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(afterReturn).toBeGreaterThan(0);
    expect(r.ticks.get('paper') ?? 0).toBe(0);
    expect(r.ticks.get('second')).toBeGreaterThanOrEqual(afterReturn);
  });

  it('reports a clientId clash clearly', async () => {
    const sim = await simulator();
    await rigFor(sim, 7);
    const clash = await startRig(settingsWith([accountFor(sim, 'paper', 7)]));
    rigs.push(clash);
    await clash.pump('clash reported', () => clash.state('paper')?.socket === 'error');
    expect(clash.state('paper')?.error).toBe(`client id 7 already in use at ${sim.host}:${sim.ports[0]?.port}`);
    expect(clash.logs.some((l) => l.level === 'error' && l.message.includes('client id 7 already in use'))).toBe(true);
  });
});
