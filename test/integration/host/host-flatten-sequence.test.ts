// Flatten and reverse in sequence, end to end (host -> IB adapter -> real @stoqey/ib ->
// simulator over TCP): the closing order is sized only once the simulator has confirmed
// the symbol's cancels, so an exit that fills between the cancel and the close never
// overshoots into the other side, and an unconfirmed cancel sends no close at all.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderRequest } from '../../../shared/model';
import { startSimulator, type SimulatorHandle } from '../../../electron/simulator';
import { connectedRig, hold, order, positionOf, quoteOf, round, working } from './order-helpers';
import type { Rig } from './rig';

let sim: SimulatorHandle;
let rig: Rig | null = null;

beforeEach(async () => {
  sim = await startSimulator({ tickRate: 0 });
});

afterEach(async () => {
  sim.holdCancels(false);
  await rig?.stop();
  rig = null;
  await sim.close();
});

const sell = (patch: Partial<OrderRequest>): OrderRequest => order({ side: 'SELL', ...patch });

/** Long 100 AAPL with a take-profit working above the market. */
async function longWithExit(): Promise<{ r: Rig; exit: number; target: number }> {
  rig = await connectedRig(sim);
  const r = rig;
  await hold(r, 'AAPL', 100);
  const target = round(quoteOf(sim, 'AAPL').ask + 2);
  const exit = (await r.must('order.place', { order: sell({ type: 'limit', limitPrice: target }) })).orderId;
  await r.pump('exit working', () => working(r.order('paper', exit)?.status));
  return { r, exit, target };
}

describe('flatten waits for its cancels', () => {
  it('sends nothing when the exit fills between the cancel and the close: the position ends flat, not short', async () => {
    const { r, exit, target } = await longWithExit();
    sim.holdCancels(true);
    let answer: Awaited<ReturnType<Rig['invoke']>> | null = null;
    const flat = r.invoke('position.flatten', { account: 'paper', symbol: 'AAPL' }).then((a) => (answer = a));
    await r.pump('cancel pending', () => r.order('paper', exit)?.status === 'pending-cancel');
    // The market reaches the exit while its cancel is still pending: it fills.
    sim.movePrice('AAPL', round(target + 0.01));
    await r.pump('exit filled', () => r.order('paper', exit)?.status === 'filled');
    await r.pump('flatten answered', () => answer !== null);
    expect(await flat).toEqual({ ok: true, value: { orderIds: [] } });
    await r.pump('flat', () => positionOf(r, 'AAPL') === 0);
    const sent = r.events.filter((e) => e.event === 'order' && e.payload.type === 'market' && e.payload.side === 'SELL');
    expect(sent).toEqual([]);
    expect(sim.exchange.positions(sim.ports[0]?.account ?? '').filter((p) => p.position !== 0)).toEqual([]);
    expect(r.logs.some((l) => l.message === 'Flatten AAPL: flat once the cancels were confirmed — nothing sent')).toBe(true);
  });

  it('sends no close when the cancel is not confirmed in 3 s, naming the order', async () => {
    const { r, exit } = await longWithExit();
    sim.holdCancels(true);
    let answer: Awaited<ReturnType<Rig['invoke']>> | null = null;
    void r.invoke('position.flatten', { account: 'paper', symbol: 'AAPL' }).then((a) => (answer = a));
    await r.pump('flatten answered', () => answer !== null, 10_000);
    expect(answer).toEqual({ ok: false, error: { code: 'order-refused', message: `Flatten AAPL not sent: cancel of #${exit} not confirmed in 3 s` } });
    expect(r.order('paper', exit)?.status).toBe('pending-cancel');
    expect(positionOf(r, 'AAPL')).toBe(100);
    expect(sim.exchange.openOrders(sim.ports[0]?.account ?? '').map((o) => o.orderId)).toEqual([exit]);
  });

  it('reverse cancels the exit, waits for IB to confirm it, then sends twice the position', async () => {
    const { r, exit } = await longWithExit();
    const rev = await r.must('position.reverse', { account: 'paper', symbol: 'AAPL' });
    expect(rev.orderIds).toHaveLength(1);
    expect(r.order('paper', exit)?.status).toBe('cancelled');
    await r.pump('reversed', () => positionOf(r, 'AAPL') === -100);
    expect(r.order('paper', rev.orderIds[0] ?? 0)).toMatchObject({ side: 'SELL', type: 'market', quantity: 200, status: 'filled' });
  });
});
