// The reliability guards end to end: host -> IB broker -> real @stoqey/ib ->
// a wire tap -> the simulator, over TCP. The tap records the client's frames
// in the order they reached the gateway.

import { afterEach, describe, expect, it } from 'vitest';
import type { OrderRequest, Settings } from '../../../shared/model';
import { startSimulator, type SimulatorHandle } from '../../../electron/simulator';
import type { IbSessionOptions } from '../../../electron/ib';
import { startWireTap, type WireTap } from '../../helpers/wire-tap';
import { settingsWith, startRig, type Rig } from './rig';

const PLACE_ORDER = 3;
const CANCEL_ORDER = 4;

let sim: SimulatorHandle | null = null;
let tap: WireTap | null = null;
let rig: Rig | null = null;

afterEach(async () => {
  await rig?.stop();
  rig = null;
  await tap?.close();
  tap = null;
  await sim?.close();
  sim = null;
});

/** One account whose connection runs through the tap. */
async function connectedThroughTap(risk: Partial<Settings['risk']>, ib?: IbSessionOptions): Promise<{ r: Rig; tap: WireTap; sim: SimulatorHandle }> {
  sim = await startSimulator({ tickRate: 0 });
  const port = sim.ports[0];
  if (!port) throw new Error('simulator has no port');
  tap = await startWireTap({ host: sim.host, port: port.port });
  const base = settingsWith([
    { id: 'paper', name: 'PAPER', broker: 'ib', host: tap.host, port: tap.port, clientId: 7, accountCode: port.account, enabled: true },
  ]);
  rig = await startRig({ ...base, risk: { ...base.risk, ...risk } }, { ib });
  const r = rig;
  await r.pump('paper connected', () => r.state('paper')?.readyForOrders === true);
  return { r, tap, sim };
}

function restingBuy(sim: SimulatorHandle): OrderRequest {
  const entry = sim.exchange.findBySymbol('AAPL')[0];
  const quote = entry && sim.exchange.quote(entry.conId);
  if (!quote) throw new Error('no simulator quote for AAPL');
  // Half the market: rests, never fills.
  return { account: 'paper', side: 'BUY', symbol: 'AAPL', quantity: 1, type: 'limit', limitPrice: Math.round(quote.bid * 50) / 100, tif: 'DAY' };
}

const settle = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('host guards over the wire', () => {
  it('puts cancel-all ahead of a 1,000-order backlog: no queued order reaches IB after it', async () => {
    const { r, tap, sim } = await connectedThroughTap({ maxOrdersPerSecond: null, maxOrdersPerMinute: null });
    const order = restingBuy(sim);
    await r.must('order.place', { order }); // resolves AAPL once
    const placed = await Promise.all(Array.from({ length: 999 }, () => r.must('order.place', { order })));
    const ids = [placed[0]!.orderId - 1, ...placed.map((p) => p.orderId)];
    const places = (): number => tap.frames.filter((f) => f.msgId === PLACE_ORDER).length;
    await r.pump('a few orders on the wire', () => places() >= 8);
    // The backlog is real: most orders still wait in the send queue.
    expect(places()).toBeLessThan(100);

    expect(await r.invoke('order.cancelAll', {})).toEqual({ ok: true, value: { requested: 1000 } });
    await r.pump('first cancel on the wire', () => tap.frames.some((f) => f.msgId === CANCEL_ORDER));
    await settle(500); // five pacing slots: anything still queued would show up now
    const frames = tap.frames;
    const firstCancel = frames.findIndex((f) => f.msgId === CANCEL_ORDER);
    expect(frames.slice(firstCancel).filter((f) => f.msgId === PLACE_ORDER)).toEqual([]);
    const wired = frames.filter((f) => f.msgId === PLACE_ORDER).map((f) => Number(f.fields[1]));
    const cancelled = frames.filter((f) => f.msgId === CANCEL_ORDER).map((f) => Number(f.fields[1]));
    // Every order that reached IB got its cancel; none was sent twice.
    expect(cancelled.sort((a, b) => a - b)).toEqual([...wired].sort((a, b) => a - b));
    expect(new Set(wired).size).toBe(wired.length);

    await r.pump('every order cancelled', () => ids.every((id) => r.order('paper', id)?.status === 'cancelled'), 10_000);
    const neverSent = ids.filter((id) => !wired.includes(id));
    expect(neverSent).toHaveLength(1000 - wired.length);
    for (const id of neverSent) {
      expect(r.order('paper', id)?.reason).toBe(`cancelled before it was sent — order ${id} never reached IB`);
    }
    expect(sim.exchange.openOrders(sim.ports[0]!.account)).toEqual([]);
  });

  it('refuses a stuck key beyond 5 orders a second with a sentence; only 5 reach the wire', async () => {
    const { r, tap, sim } = await connectedThroughTap({ maxOrdersPerSecond: 5, maxOrdersPerMinute: 60 });
    const order = restingBuy(sim);
    const results = [];
    for (let i = 0; i < 8; i++) results.push(await r.invoke('order.place', { order }));
    expect(results.map((x) => x.ok)).toEqual([true, true, true, true, true, false, false, false]);
    expect(results[5]).toEqual({
      ok: false,
      error: { code: 'order-refused', message: 'rate guard: 5 orders already sent on "paper" in the last second (limit 5/s) — order not sent' },
    });
    await r.pump('five orders on the wire', () => tap.frames.filter((f) => f.msgId === PLACE_ORDER).length === 5);
    await settle(300);
    expect(tap.frames.filter((f) => f.msgId === PLACE_ORDER)).toHaveLength(5);
  });

  it('shows a silent gateway as doubt on the connection and refuses orders until it answers', async () => {
    const { r, tap, sim } = await connectedThroughTap({}, { pingIntervalMs: 1_000 });
    const order = restingBuy(sim);
    await r.must('order.place', { order }); // resolves AAPL while the link is fine
    const placesBefore = (): number => tap.frames.filter((f) => f.msgId === PLACE_ORDER).length;
    await r.pump('first order on the wire', () => placesBefore() === 1);
    sim.freeze(true);
    const frozenAt = r.scheduler.now();
    r.scheduler.advance(2_250); // doubt comes 2 s into silence, at the next 250 ms check
    const state = r.state('paper');
    expect(state?.socket).toBe('connected');
    expect(state?.silentSince).not.toBeNull();
    expect(frozenAt - (state?.silentSince ?? 0)).toBeLessThan(1_000);
    expect(await r.invoke('order.place', { order })).toEqual({
      ok: false,
      error: { code: 'order-refused', message: 'IB has not answered for 2 s — order not sent' },
    });
    sim.freeze(false);
    await r.pump('TWS answers again', () => r.state('paper')?.silentSince === null);
    expect((await r.invoke('order.place', { order })).ok).toBe(true);
    await r.pump('second order on the wire', () => placesBefore() === 2);
  });
});
