// #11 brackets, exits, the trading session, flatten / reverse / cancel by symbol,
// end to end: host -> IB adapter -> real @stoqey/ib -> simulator over TCP.

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
  await rig?.stop();
  rig = null;
  await sim.close();
});

async function connected(): Promise<Rig> {
  rig = await connectedRig(sim);
  return rig;
}

const sell = (patch: Partial<OrderRequest>): OrderRequest => order({ side: 'SELL', ...patch });

describe('brackets', () => {
  it('holds the children until the parent fills, then a take-profit fill cancels the stop-loss', async () => {
    const r = await connected();
    const q = quoteOf(sim, 'AAPL');
    const entry = round(q.bid - 1);
    const placed = await r.must('order.placeGroup', {
      group: {
        kind: 'bracket',
        entry: order({ type: 'limit', limitPrice: entry }),
        takeProfit: sell({ type: 'limit', limitPrice: round(entry + 3) }),
        stopLoss: sell({ type: 'stop', stopPrice: round(entry - 3) }),
      },
    });
    const [parent, tp, sl] = placed.orderIds as [number, number, number];
    expect(placed.keys).toEqual([`paper:${parent}`, `paper:${tp}`, `paper:${sl}`]);
    await r.pump('bracket working', () => r.order('paper', parent)?.status === 'submitted' && r.order('paper', sl)?.status === 'pre-submitted');
    expect(r.order('paper', tp)).toMatchObject({ parentId: parent, status: 'pre-submitted', type: 'limit', side: 'SELL' });
    expect(r.order('paper', sl)).toMatchObject({ parentId: parent, type: 'stop', stopPrice: round(entry - 3) });
    expect(r.order('paper', tp)?.ocaGroup).toBe(r.order('paper', sl)?.ocaGroup);
    expect(r.order('paper', tp)?.ocaGroup).toMatch(/^janus-/);
    expect(r.order('paper', parent)?.parentId).toBeNull();

    sim.movePrice('AAPL', round(entry - 0.01));
    await r.pump('entry filled, children working', () => r.order('paper', parent)?.status === 'filled' && r.order('paper', tp)?.status === 'submitted');
    await r.pump('long 100', () => positionOf(r, 'AAPL') === 100);
    sim.movePrice('AAPL', round(entry + 3.01));
    await r.pump('take-profit filled, stop-loss cancelled', () => r.order('paper', tp)?.status === 'filled' && r.order('paper', sl)?.status === 'cancelled');
    await r.pump('flat', () => positionOf(r, 'AAPL') === 0);
  });

  it('cancelling the parent cancels its children; a bracket with the wrong ordering never leaves', async () => {
    const r = await connected();
    const q = quoteOf(sim, 'AAPL');
    const entry = round(q.bid - 1);
    const bad = await r.invoke('order.placeGroup', {
      group: { kind: 'bracket', entry: order({ type: 'limit', limitPrice: entry }), takeProfit: sell({ type: 'limit', limitPrice: round(entry - 1) }) },
    });
    expect(bad).toEqual({ ok: false, error: { code: 'order-refused', message: `take-profit ${round(entry - 1).toFixed(2)} must be above the entry ${entry.toFixed(2)} for a buy` } });
    const placed = await r.must('order.placeGroup', {
      group: { kind: 'bracket', entry: order({ type: 'limit', limitPrice: entry }), stopLoss: sell({ type: 'stop', stopPrice: round(entry - 2) }) },
    });
    const [parent, sl] = placed.orderIds as [number, number];
    await r.pump('working', () => r.order('paper', parent)?.status === 'submitted' && r.order('paper', sl)?.status === 'pre-submitted');
    expect(await r.invoke('order.cancel', { account: 'paper', orderId: parent })).toEqual({ ok: true, value: null });
    await r.pump('both cancelled', () => r.order('paper', parent)?.status === 'cancelled' && r.order('paper', sl)?.status === 'cancelled');
    expect(sim.exchange.openOrders(sim.ports[0]?.account ?? '')).toEqual([]);
  });
});

describe('exits (an OCA pair that closes the position)', () => {
  it('is refused when flat; with a position, the stop-loss fill cancels the take-profit and the position is closed', async () => {
    const r = await connected();
    const q = quoteOf(sim, 'AAPL');
    const legs = (quantity: number): OrderRequest[] => [
      sell({ quantity, type: 'limit', limitPrice: round(q.last + 3) }),
      sell({ quantity, type: 'stop', stopPrice: round(q.last - 3) }),
    ];
    expect(await r.invoke('order.placeGroup', { group: { kind: 'oco', legs: legs(100) } })).toEqual({
      ok: false, error: { code: 'order-refused', message: 'no AAPL position to exit in account "paper"' },
    });
    await hold(r, 'AAPL', 100);
    expect(await r.invoke('order.placeGroup', { group: { kind: 'oco', legs: legs(200) } })).toEqual({
      ok: false, error: { code: 'order-refused', message: 'cannot exit 200 shares: 100 AAPL held in account "paper"' },
    });
    const placed = await r.must('order.placeGroup', { group: { kind: 'oco', legs: legs(100) } });
    const [tp, sl] = placed.orderIds as [number, number];
    await r.pump('exit working', () => working(r.order('paper', tp)?.status) && working(r.order('paper', sl)?.status));
    expect(r.order('paper', tp)?.ocaGroup).toBe(r.order('paper', sl)?.ocaGroup);
    expect(r.order('paper', tp)?.parentId).toBeNull();
    sim.movePrice('AAPL', round(q.last - 3.01));
    await r.pump('stop-loss filled, take-profit cancelled', () => r.order('paper', sl)?.status === 'filled' && r.order('paper', tp)?.status === 'cancelled');
    await r.pump('flat', () => positionOf(r, 'AAPL') === 0);
  });
});

describe('the trading session', () => {
  it('shows the session on the connection, expires DAY orders at the close and fills ext orders after hours', async () => {
    const r = await connected();
    await r.pump('session known', () => r.state('paper')?.session === 'OPEN');
    const q = quoteOf(sim, 'AAPL');
    const day = await r.must('order.place', { order: order({ type: 'limit', limitPrice: round(q.bid - 5), tif: 'DAY' }) });
    const gtc = await r.must('order.place', { order: order({ type: 'limit', limitPrice: round(q.bid - 5), tif: 'GTC' }) });
    await r.pump('working', () => working(r.order('paper', day.orderId)?.status) && working(r.order('paper', gtc.orderId)?.status));

    sim.setClock('16:00:30');
    await r.pump('DAY order expired', () => r.order('paper', day.orderId)?.status === 'cancelled');
    expect(working(r.order('paper', gtc.orderId)?.status)).toBe(true);
    // The host learns the new session at its next boundary timer (6 h after 10:00 on its clock).
    r.scheduler.advance(6 * 3_600_000 + 1_000);
    await r.pump('session POST', () => r.state('paper')?.session === 'POST');

    const price = quoteOf(sim, 'AAPL').ask;
    const ext = await r.must('order.place', { order: order({ quantity: 10, type: 'limit', limitPrice: price, tif: 'DAY', outsideRth: true }) });
    const regular = await r.must('order.place', { order: order({ quantity: 10, type: 'limit', limitPrice: price, tif: 'GTC' }) });
    await r.pump('ext filled after hours', () => r.order('paper', ext.orderId)?.status === 'filled');
    expect(r.order('paper', ext.orderId)).toMatchObject({ outsideRth: true, filled: 10 });
    await r.pump('regular waits', () => r.order('paper', regular.orderId)?.status === 'pre-submitted');
  });
});

describe('flatten, reverse and cancel by symbol', () => {
  it('cancel AAPL cancels every working AAPL order and leaves the others', async () => {
    const r = await connected();
    const a = quoteOf(sim, 'AAPL');
    const m = quoteOf(sim, 'MSFT');
    const ids = [
      (await r.must('order.place', { order: order({ type: 'limit', limitPrice: round(a.bid - 5) }) })).orderId,
      (await r.must('order.place', { order: order({ type: 'limit', limitPrice: round(a.bid - 6) }) })).orderId,
    ];
    const msft = (await r.must('order.place', { order: order({ symbol: 'MSFT', type: 'limit', limitPrice: round(m.bid - 5) }) })).orderId;
    await r.pump('working', () => [...ids, msft].every((id) => working(r.order('paper', id)?.status)));
    expect(await r.invoke('order.cancelSymbol', { account: 'paper', symbol: 'aapl' })).toEqual({ ok: true, value: { cancelled: ids, refused: [] } });
    await r.pump('AAPL cancelled', () => ids.every((id) => r.order('paper', id)?.status === 'cancelled'));
    expect(working(r.order('paper', msft)?.status)).toBe(true);
    expect(await r.invoke('order.cancelSymbol', { account: 'paper', symbol: 'AAPL' })).toEqual({ ok: true, value: { cancelled: [], refused: [] } });
  });

  it('flat AAPL cancels its working orders and closes the position; flat when flat sends nothing', async () => {
    const r = await connected();
    await hold(r, 'AAPL', 100);
    const q = quoteOf(sim, 'AAPL');
    const stop = await r.must('order.place', { order: sell({ type: 'stop', stopPrice: round(q.bid - 5) }) });
    await r.pump('stop working', () => working(r.order('paper', stop.orderId)?.status));
    const flat = await r.must('position.flatten', { account: 'paper', symbol: 'AAPL' });
    expect(flat.orderIds).toHaveLength(1);
    const [close] = flat.orderIds as [number];
    await r.pump('closed', () => r.order('paper', close)?.status === 'filled' && positionOf(r, 'AAPL') === 0);
    expect(r.order('paper', close)).toMatchObject({ side: 'SELL', type: 'market', quantity: 100, tif: 'DAY' });
    await r.pump('stop cancelled', () => r.order('paper', stop.orderId)?.status === 'cancelled');
    expect(await r.invoke('position.flatten', { account: 'paper', symbol: 'AAPL' })).toEqual({ ok: true, value: { orderIds: [] } });
  });

  it('rev AAPL turns long 100 into short 100 with one order of 200; flat all closes every position', async () => {
    const r = await connected();
    await hold(r, 'AAPL', 100);
    await hold(r, 'MSFT', -30);
    const rev = await r.must('position.reverse', { account: 'paper', symbol: 'AAPL' });
    expect(rev.orderIds).toHaveLength(1);
    await r.pump('reversed', () => positionOf(r, 'AAPL') === -100);
    expect(r.order('paper', rev.orderIds[0] ?? 0)).toMatchObject({ side: 'SELL', type: 'market', quantity: 200, status: 'filled' });
    const all = await r.must('position.flatten', { symbol: { all: true } });
    expect(all.orderIds).toHaveLength(2);
    await r.pump('all flat', () => positionOf(r, 'AAPL') === 0 && positionOf(r, 'MSFT') === 0);
    expect(sim.exchange.positions(sim.ports[0]?.account ?? '').filter((p) => p.position !== 0)).toEqual([]);
    expect(await r.invoke('position.reverse', { account: 'nope', symbol: 'AAPL' })).toEqual({ ok: false, error: { code: 'unknown-account', message: 'unknown account "nope"' } });
  });
});
