// The tick pacer as a real @stoqey/ib client sees it: tickRate is the number of
// ticks per second across the subscribed symbols, so a watched symbol moves at
// the set rate however large the universe is. Time is an injected scheduler
// advanced in 10 ms slots, so every count here is exact.

import { EventName, type Contract } from '@stoqey/ib';
import { afterEach, describe, expect, it } from 'vitest';
import type { SimTick } from '../../../electron/simulator/exchange/types';
import { startSimulator, type SimulatorHandle } from '../../../electron/simulator/index';
import type { PacerScheduler } from '../../../electron/simulator/server/tick-pacer';
import { TestClient } from './client';

const AAPL = 265598;
const MSFT = 272093;
const PRICE_FIELDS = new Set(['bid', 'ask', 'last', 'high', 'low', 'close', 'open']);

let sim: SimulatorHandle | null = null;
const clients: TestClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) {
    expect(c.decoderErrors()).toEqual([]);
    c.disconnect();
  }
  await sim?.close();
  sim = null;
});

/** A scheduler whose time moves only when the test says so. */
function manualScheduler(): PacerScheduler & { advance(ms: number): void } {
  let time = 0;
  const tasks: Array<() => void> = [];
  return {
    now: () => time,
    every: (_ms, run) => {
      tasks.push(run);
      return () => void tasks.splice(tasks.indexOf(run), 1);
    },
    advance(ms) {
      for (let t = 0; t < ms; t += 10) {
        time += 10;
        for (const run of [...tasks]) run();
      }
    },
  };
}

async function start(tickRate: number | undefined, scheduler: PacerScheduler): Promise<SimulatorHandle> {
  sim = await startSimulator({ listen: [{ port: 0, account: 'DU1000001' }], seed: 1, ...(tickRate === undefined ? {} : { tickRate }) }, { scheduler });
  return sim;
}

async function connected(s: SimulatorHandle, clientId: number): Promise<TestClient> {
  const c = new TestClient(s.ports[0]?.port ?? 0, clientId);
  clients.push(c);
  await c.connect();
  return c;
}

/** Everything the server sent before the answer to this ping has reached the client. */
async function sync(c: TestClient): Promise<void> {
  const mark = c.mark;
  c.ib.reqCurrentTime();
  await c.waitFor(EventName.currentTime, () => true, 2000, mark);
}

function recordTicks(s: SimulatorHandle): SimTick[] {
  const ticks: SimTick[] = [];
  const noop = (): void => undefined;
  s.exchange.addListener({ onTick: (t) => ticks.push(t), onOrder: noop, onExecution: noop, onPosition: noop, onAccount: noop });
  return ticks;
}

const stock = (conId: number): Contract => ({ conId, exchange: 'SMART' });

describe('tick pacer', () => {
  it('at tickRate 50 with one subscribed symbol, the client gets all 50 ticks a second of it', async () => {
    const scheduler = manualScheduler();
    const s = await start(0, scheduler);
    const c = await connected(s, 1);
    c.ib.reqMktData(40, stock(AAPL), '', false, false);
    await sync(c);
    const ticks = recordTicks(s);
    const msftBefore = s.exchange.quote(MSFT);
    const mark = c.mark;
    s.setTickRate(50);
    scheduler.advance(2_000);
    await sync(c);

    expect(ticks).toHaveLength(100);
    expect(ticks.every((t) => t.conId === AAPL)).toBe(true);
    expect(s.exchange.quote(MSFT)).toEqual(msftBefore);
    // Each price tick is one tickPrice event for reqId 40; each volume tick one tickSize type 8.
    const events = c.events.slice(mark).filter((e) => e.args[0] === 40);
    expect(events.filter((e) => e.name === EventName.tickPrice)).toHaveLength(ticks.filter((t) => PRICE_FIELDS.has(t.field)).length);
    expect(events.filter((e) => e.name === EventName.tickSize && e.args[1] === 8)).toHaveLength(ticks.filter((t) => t.field === 'volume').length);
    const quote = s.exchange.quote(AAPL);
    const lastBid = events.filter((e) => e.name === EventName.tickPrice && e.args[1] === 1).at(-1)?.args[2];
    const lastAsk = events.filter((e) => e.name === EventName.tickPrice && e.args[1] === 2).at(-1)?.args[2];
    expect([lastBid, lastAsk]).toEqual([quote?.bid, quote?.ask]);
  });

  it('paces exactly tickRate x seconds over the subscribed symbols, and moves nothing while nobody watches', async () => {
    const scheduler = manualScheduler();
    const s = await start(5_000, scheduler);
    const ticks = recordTicks(s);
    const before = s.exchange.quote(AAPL);
    scheduler.advance(1_000);
    expect(ticks).toEqual([]);
    expect(s.exchange.quote(AAPL)).toEqual(before);

    const c = await connected(s, 1);
    c.ib.reqMktData(41, stock(AAPL), '', false, false);
    c.ib.reqMktData(42, stock(MSFT), '', false, false);
    await sync(c);
    scheduler.advance(1_000);
    expect(ticks).toHaveLength(5_000);
    expect(new Set(ticks.map((t) => t.conId))).toEqual(new Set([AAPL, MSFT]));

    // After a cancel only MSFT moves.
    c.ib.cancelMktData(41);
    await sync(c);
    ticks.length = 0;
    scheduler.advance(100);
    expect(ticks).toHaveLength(500);
    expect(ticks.every((t) => t.conId === MSFT)).toBe(true);
  });

  it('the default rate (50/s) updates every symbol of a five-symbol watchlist several times a second', async () => {
    const scheduler = manualScheduler();
    const s = await start(undefined, scheduler);
    const c = await connected(s, 1);
    const watchlist = ['AAPL', 'MSFT', 'SPY', 'JPM', 'ABNB'].map((symbol) => s.exchange.findBySymbol(symbol)[0]?.conId ?? 0);
    watchlist.forEach((conId, i) => c.ib.reqMktData(50 + i, stock(conId), '', false, false));
    await sync(c);
    const ticks = recordTicks(s);
    const mark = c.mark;
    scheduler.advance(1_000);
    await sync(c);
    expect(ticks).toHaveLength(50);
    // About 10 ticks per symbol; a quote row that changes price at least 4 times a second looks alive.
    const priceUpdates = watchlist.map((_, i) => c.events.slice(mark).filter((e) => e.name === EventName.tickPrice && e.args[0] === 50 + i).length);
    expect(priceUpdates.every((n) => n >= 4)).toBe(true);
  });
});
