// The host end to end: real @stoqey/ib client inside the IB broker, real
// simulator over TCP on loopback, host timers on a manual clock.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderRequest } from '../../../shared/model';
import { startSimulator, type SimulatorHandle } from '../../../electron/simulator';
import { accountFor, settingsWith, startRig, type Rig } from './rig';

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
  rig = await startRig(settingsWith([accountFor(sim, 'paper', 7)]));
  const r = rig;
  await r.pump('paper connected', () => r.state('paper')?.readyForOrders === true);
  return r;
}

const order = (patch: Partial<OrderRequest>): OrderRequest => ({
  account: 'paper', side: 'BUY', symbol: 'AAPL', quantity: 100, type: 'market', tif: 'GTC', ...patch,
});

function quoteOf(symbol: string) {
  const entry = sim.exchange.findBySymbol(symbol)[0];
  const quote = entry && sim.exchange.quote(entry.conId);
  if (!entry || !quote) throw new Error(`no simulator quote for ${symbol}`);
  return { ...quote, conId: entry.conId };
}

describe('host with the IB broker and the simulator', () => {
  it('runs a market order to filled with its fill, position and account values', async () => {
    const r = await connected();
    const ask = quoteOf('AAPL').ask;
    const placed = await r.must('order.place', { order: order({ quantity: 10 }) });
    await r.pump('order filled', () => r.order('paper', placed.orderId)?.status === 'filled');
    const row = r.order('paper', placed.orderId);
    expect(row).toMatchObject({ symbol: 'AAPL', side: 'BUY', type: 'market', quantity: 10, filled: 10, remaining: 0, avgFillPrice: ask });
    await r.pump('position', () => r.events.some((e) => e.event === 'position' && e.payload.symbol === 'AAPL' && e.payload.quantity === 10));
    await r.pump('commission', () => r.events.some((e) => e.event === 'fill' && e.payload.commission !== null));
    const snap = await r.snapshot();
    expect(snap.fills).toEqual([expect.objectContaining({ account: 'paper', symbol: 'AAPL', side: 'BUY', quantity: 10, price: ask })]);
    expect(snap.positions).toEqual([expect.objectContaining({ account: 'paper', symbol: 'AAPL', quantity: 10 })]);
    await r.pump('account values', () => r.events.some((e) => e.event === 'account' && e.payload.netLiquidation !== null));
  });

  it('keeps a far limit working, triggers a stop when the price gets there, rests a stop-limit, and cancels', async () => {
    const r = await connected();
    const q = quoteOf('MSFT');
    const round = (x: number) => Math.round(x * 100) / 100;
    const limit = await r.must('order.place', { order: order({ symbol: 'MSFT', type: 'limit', limitPrice: round(q.bid * 0.8), tif: 'DAY' }) });
    const stop = await r.must('order.place', { order: order({ symbol: 'MSFT', type: 'stop', stopPrice: round(q.ask * 1.05) }) });
    const stopLimit = await r.must('order.place', {
      order: order({ symbol: 'MSFT', side: 'SELL', type: 'stop-limit', stopPrice: round(q.bid * 0.9), limitPrice: round(q.bid * 0.89) }),
    });
    await r.pump('three working orders', () =>
      [limit, stop, stopLimit].every((o) => r.order('paper', o.orderId)?.status === 'submitted' || r.order('paper', o.orderId)?.status === 'pre-submitted'),
    );
    expect(r.order('paper', limit.orderId)).toMatchObject({ type: 'limit', limitPrice: round(q.bid * 0.8), tif: 'DAY', filled: 0 });
    expect(r.order('paper', stopLimit.orderId)).toMatchObject({ type: 'stop-limit', side: 'SELL', stopPrice: round(q.bid * 0.9), limitPrice: round(q.bid * 0.89) });

    sim.movePrice('MSFT', round(q.ask * 1.06));
    await r.pump('stop triggered and filled', () => r.order('paper', stop.orderId)?.status === 'filled');
    expect(r.order('paper', limit.orderId)?.status).toBe('submitted');

    expect(await r.invoke('order.cancel', { account: 'paper', orderId: limit.orderId })).toEqual({ ok: true, value: null });
    await r.pump('limit cancelled', () => r.order('paper', limit.orderId)?.status === 'cancelled');
    expect(await r.invoke('order.cancel', { account: 'paper', orderId: limit.orderId })).toEqual({
      ok: false,
      error: { code: 'not-found', message: `order ${limit.orderId} is not a working order of paper` },
    });
    expect(await r.invoke('order.cancelAll', {})).toEqual({ ok: true, value: { requested: 1 } });
    await r.pump('stop-limit cancelled', () => r.order('paper', stopLimit.orderId)?.status === 'cancelled');
    const snap = await r.snapshot();
    expect(snap.orders.filter((o) => o.status === 'submitted' || o.status === 'pre-submitted')).toEqual([]);
  });

  it('fills a large order in parts and records every fill once', async () => {
    const r = await connected();
    const q = quoteOf('AAPL');
    const quantity = q.askSize * 2 + 50;
    const placed = await r.must('order.place', { order: order({ quantity }) });
    await r.pump('partial fill', () => r.order('paper', placed.orderId)?.status === 'partially-filled');
    const partial = r.order('paper', placed.orderId);
    expect(partial?.filled).toBeGreaterThan(0);
    expect(partial?.filled).toBeLessThan(quantity);
    for (let i = 1; r.order('paper', placed.orderId)?.status !== 'filled' && i < 20; i += 1) {
      sim.movePrice('AAPL', Math.round((q.last + i * 0.05) * 100) / 100);
      await r.pump('more fills', () => (r.order('paper', placed.orderId)?.filled ?? 0) > (partial?.filled ?? 0) || r.order('paper', placed.orderId)?.status === 'filled');
    }
    await r.pump('filled', () => r.order('paper', placed.orderId)?.status === 'filled');
    const snap = await r.snapshot();
    const fills = snap.fills.filter((f) => f.orderId === placed.orderId);
    expect(fills.length).toBeGreaterThan(1);
    expect(new Set(fills.map((f) => f.execId)).size).toBe(fills.length);
    expect(fills.reduce((sum, f) => sum + f.quantity, 0)).toBe(quantity);
    expect(r.order('paper', placed.orderId)).toMatchObject({ filled: quantity, remaining: 0 });
  });

  it('shows IB’s rejection with IB’s reason on the row and in the log', async () => {
    const r = await connected();
    sim.rejectNextOrder(sim.ports[0]?.account ?? '', 'No trading permissions for this exchange');
    const placed = await r.must('order.place', { order: order({ type: 'limit', limitPrice: 1 }) });
    await r.pump('rejected', () => r.order('paper', placed.orderId)?.status === 'rejected');
    expect(r.order('paper', placed.orderId)?.reason).toContain('No trading permissions for this exchange');
    expect(r.logs.some((l) => l.source === 'paper' && l.message.includes('No trading permissions for this exchange'))).toBe(true);
  });

  it('refuses ambiguous and unknown symbols and an order above the limits, before anything leaves', async () => {
    const r = await connected();
    expect(await r.invoke('order.place', { order: order({ symbol: 'zzamb' }) })).toEqual({
      ok: false,
      error: { code: 'order-refused', message: '"ZZAMB" is ambiguous: 2 US stocks match (NASDAQ conId 900000101, NYSE conId 900000102); refusing it' },
    });
    expect(await r.invoke('symbol.resolve', { symbol: 'XYZQ' })).toEqual({
      ok: false,
      error: { code: 'symbol-unknown', message: 'unknown symbol "XYZQ": IB has no US stock by that name' },
    });
    expect(await r.invoke('symbol.resolve', { symbol: 'brk.b' })).toMatchObject({
      ok: true,
      value: { symbol: 'BRK B', conId: 72063691, primaryExchange: 'NYSE', minTick: 0.01 },
    });
    expect(sim.exchange.openOrders(sim.ports[0]?.account ?? '')).toEqual([]);
    expect(r.logs.some((l) => l.level === 'warn' && l.message.startsWith('"ZZAMB" is ambiguous'))).toBe(true);
  });

  it('gives up on contract details after the timeout and answers in words', async () => {
    const r = await connected();
    sim.freeze(true);
    const pending = r.invoke('symbol.resolve', { symbol: 'NVDA' });
    r.scheduler.advance(4_999);
    let done = false;
    void pending.then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(done).toBe(false);
    r.scheduler.advance(1);
    expect(await pending).toEqual({ ok: false, error: { code: 'timeout', message: 'no answer for NVDA contract details within 5 s' } });
    sim.freeze(false);
  });

  it('streams coalesced quotes for a subscribed symbol and stops when the renderer goes away', async () => {
    const r = await connected();
    const instrument = await r.must('quotes.subscribe', { symbol: 'AAPL' }, 'window-1');
    expect(instrument).toMatchObject({ symbol: 'AAPL', conId: quoteOf('AAPL').conId });
    sim.movePrice('AAPL', 201.23);
    await r.pump('quote at 201.23', () =>
      r.events.some((e) => e.event === 'quotes' && e.payload.some((q) => q.symbol === 'AAPL' && q.last === 201.23)),
    );
    r.host.releaseClient('window-1');
    // Let the cancel reach the simulator, then move the price: no quote may follow.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const before = r.events.length;
    sim.movePrice('AAPL', 205.55);
    await new Promise((resolve) => setTimeout(resolve, 100));
    r.scheduler.advance(32);
    expect(r.events.slice(before).filter((e) => e.event === 'quotes')).toEqual([]);
  });

  it('marks quotes delayed for a symbol without live permission', async () => {
    const r = await connected();
    await r.must('quotes.subscribe', { symbol: 'ZZDLY' });
    sim.movePrice('ZZDLY', 58.5);
    await r.pump('delayed quote', () =>
      r.events.some((e) => e.event === 'quotes' && e.payload.some((q) => q.symbol === 'ZZDLY' && q.delayed && q.last === 58.5)),
    );
    await r.must('quotes.subscribe', { symbol: 'AAPL' });
    sim.movePrice('AAPL', 188.88);
    await r.pump('live quote', () =>
      r.events.some((e) => e.event === 'quotes' && e.payload.some((q) => q.symbol === 'AAPL' && q.last === 188.88)),
    );
    const snap = await r.snapshot();
    expect(snap.quotes.map((q) => [q.symbol, q.delayed]).sort()).toEqual([['AAPL', false], ['ZZDLY', true]]);
  });

  it('fills a marketable limit at the ask, the better price', async () => {
    const r = await connected();
    const q = quoteOf('IBM');
    const placed = await r.must('order.place', { order: order({ symbol: 'IBM', quantity: 5, type: 'limit', limitPrice: Math.round((q.ask + 1) * 100) / 100 }) });
    await r.pump('limit filled', () => r.order('paper', placed.orderId)?.status === 'filled');
    expect(r.order('paper', placed.orderId)).toMatchObject({ filled: 5, remaining: 0, avgFillPrice: q.ask });
  });
});
