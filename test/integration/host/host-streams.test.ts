// Market-view streams end to end in the main process: the host's stream book,
// the IB adapter over the real @stoqey/ib client and the simulator over TCP.
// Bars (history, then live), depth (whole books, own orders included), the
// tape (prints classified against the quote), refusals and re-requests.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BarsEvent, DepthEvent, StreamStatusEvent, TapeEvent } from '../../../shared/market-view';
import { startSimulator, type SimulatorHandle } from '../../../electron/simulator';
import { accountFor, settingsWith, startRig, type Rig } from './rig';

let sim: SimulatorHandle;
let rig: Rig;

beforeEach(async () => {
  sim = await startSimulator({ tickRate: 0, seed: 5 });
  sim.movePrice('AAPL', 190);
  rig = await startRig(settingsWith([accountFor(sim, 'paper', 7)]));
  await rig.pump('paper connected', () => rig.state('paper')?.readyForOrders === true);
});

afterEach(async () => {
  await rig.stop();
  await sim.close();
});

const AAPL = 265598;
const of = <T>(r: Rig, name: string, match: (p: T) => boolean = () => true): T[] =>
  r.events.filter((e) => e.event === name).map((e) => e.payload as T).filter(match);

describe('bars', () => {
  it('sends history once, then live bars from trades, and stops on the last unsubscribe', async () => {
    const { key } = await rig.must('stream.subscribe', { stream: { kind: 'bars', symbol: 'aapl', barSize: '1 min' } });
    expect(key).toBe(`bars:${AAPL}:1 min`);
    await rig.pump('history', () => of<BarsEvent>(rig, 'bars', (e) => e.replace).length > 0);
    const history = of<BarsEvent>(rig, 'bars', (e) => e.replace)[0];
    expect(history?.bars.length).toBeGreaterThan(900);
    expect(history?.bars.at(-1)?.close).toBe(190);
    // A second panel shares the stream.
    await rig.must('stream.subscribe', { stream: { kind: 'bars', symbol: 'AAPL', barSize: '1 min' } }, 'r2');
    await rig.must('quotes.subscribe', { symbol: 'AAPL' });
    sim.step(300);
    await rig.pump('live bar', () => of<BarsEvent>(rig, 'bars', (e) => !e.replace).length > 0);
    const quote = sim.exchange.quote(AAPL);
    await rig.pump('live bar closes at the last trade', () => of<BarsEvent>(rig, 'bars', (e) => !e.replace).at(-1)?.bars.at(-1)?.close === quote?.last);
    await rig.must('stream.unsubscribe', { stream: { kind: 'bars', symbol: 'AAPL', barSize: '1 min' } });
    rig.host.releaseClient('r2');
    // An unheld bars stream lingers 20 s (a chart shown again gets its history at once), then closes.
    rig.scheduler.advance(20_000);
    const seen = of<BarsEvent>(rig, 'bars').length;
    sim.step(300);
    await new Promise((r) => setTimeout(r, 100));
    rig.scheduler.advance(32);
    expect(of<BarsEvent>(rig, 'bars')).toHaveLength(seen);
  });

  it('asks for history again after data loss (1101), waiting out IB 15 s', async () => {
    await rig.must('stream.subscribe', { stream: { kind: 'bars', symbol: 'AAPL', barSize: '5 mins' } });
    await rig.pump('history', () => of<BarsEvent>(rig, 'bars', (e) => e.replace).length === 1);
    sim.sendConnectivity(1101);
    await new Promise((r) => setTimeout(r, 100));
    sim.setClock(sim.now() + 16_000);
    rig.scheduler.advance(15_000);
    await rig.pump('history again', () => of<BarsEvent>(rig, 'bars', (e) => e.replace).length === 2);
    expect(of<StreamStatusEvent>(rig, 'streamStatus', (e) => e.state === 'refused')).toEqual([]);
  });
});

describe('depth', () => {
  it('publishes the whole book per window, with own resting orders', async () => {
    await rig.must('stream.subscribe', { stream: { kind: 'depth', symbol: 'AAPL' } });
    await rig.pump('book', () => of<DepthEvent>(rig, 'depth', (e) => e.bids.length === 10 && e.asks.length === 10).length > 0);
    const book = of<DepthEvent>(rig, 'depth').at(-1);
    expect(book?.bids[0]?.price).toBe(189.99);
    expect(book?.asks[0]?.price).toBe(190.01);
    const before = book?.bids[2]?.size ?? 0;
    await rig.must('order.place', { order: { account: 'paper', side: 'BUY', symbol: 'AAPL', quantity: 500, type: 'limit', limitPrice: 189.97, tif: 'GTC' } });
    await rig.pump('own size on the book', () => of<DepthEvent>(rig, 'depth').at(-1)?.bids[2]?.size === before + 500);
    expect(of<DepthEvent>(rig, 'depth').at(-1)?.bids[2]?.venue).toMatch(/^[A-Z]{3,4}$/);
  });

  it('says so when IB refuses a fourth depth stream (309)', async () => {
    for (const symbol of ['AAPL', 'MSFT', 'AMZN', 'NVDA']) await rig.must('stream.subscribe', { stream: { kind: 'depth', symbol } });
    await rig.pump('refusal', () => of<StreamStatusEvent>(rig, 'streamStatus', (e) => e.state === 'refused').length > 0);
    expect(of<StreamStatusEvent>(rig, 'streamStatus', (e) => e.state === 'refused')).toEqual([
      expect.objectContaining({ symbol: 'NVDA', code: 309, message: 'Max number (3) of market depth requests has been reached' }),
    ]);
  });
});

describe('tape', () => {
  it('appends prints, the own market buy printing at the ask', async () => {
    await rig.must('stream.subscribe', { stream: { kind: 'tape', symbol: 'AAPL' } });
    await new Promise((r) => setTimeout(r, 100));
    await rig.must('order.place', { order: { account: 'paper', side: 'BUY', symbol: 'AAPL', quantity: 100, type: 'market', tif: 'GTC' } });
    await rig.pump('print', () => of<TapeEvent>(rig, 'tape').length > 0);
    const print = of<TapeEvent>(rig, 'tape').flatMap((e) => e.prints).at(-1);
    expect(print).toMatchObject({ price: 190.01, size: 100, side: 'at-ask' });
  });
});
