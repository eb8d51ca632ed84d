import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../../electron/simulator';
import type { Instrument } from '../../../shared/model';
import { makeSession, marketDataRequests, until, type Harness } from './harness';

const AAPL: Instrument = {
  symbol: 'AAPL', conId: 265598, secType: 'STK', exchange: 'SMART', primaryExchange: 'NASDAQ', currency: 'USD', minTick: 0.01, longName: 'APPLE INC',
};
const ZZDLY: Instrument = {
  symbol: 'ZZDLY', conId: 900000301, secType: 'STK', exchange: 'SMART', primaryExchange: 'NYSE', currency: 'USD', minTick: 0.01, longName: 'DELAYED DATA CORP',
};

/** IbSession's default liveness ping period (on the harness's manual scheduler). */

let sim: SimulatorHandle;
let h: Harness;
let clientId = 30;

beforeAll(async () => {
  sim = await startSimulator({ listen: [{ port: 0, account: 'DU1000001' }], tickRate: 0 });
});
afterEach(() => {
  h.session.disconnect();
});
afterAll(async () => {
  await sim.close();
});

async function connected(): Promise<Harness> {
  h = makeSession(sim.ports[0]!.port, clientId++);
  await h.session.connect();
  return h;
}

const ticksFor = (conId: number, field: string): number[] => h.rec.ticks.filter((t) => t.conId === conId && t.field === field).map((t) => t.value);

describe('market data', () => {
  it('streams ticks for a subscribed conId and stops after unsubscribe', async () => {
    await connected();
    h.session.subscribeQuotes(AAPL);
    await until('bid and ask', () => ticksFor(265598, 'bid').length > 0 && ticksFor(265598, 'ask').length > 0);
    const bid = ticksFor(265598, 'bid')[0]!;
    const ask = ticksFor(265598, 'ask')[0]!;
    expect(ask).toBeGreaterThan(bid);
    expect(Math.abs(bid - 187.5)).toBeLessThan(5);
    expect(h.rec.modes).toEqual([]); // live: no mode change reported
    h.session.unsubscribeQuotes(265598);
    const count = h.rec.ticks.length;
    sim.movePrice('AAPL', 200);
    await new Promise((r) => setTimeout(r, 50));
    expect(h.rec.ticks.length).toBe(count);
    expect(h.sent.some((t) => Number(t[0]) === 2)).toBe(true); // CANCEL_MKT_DATA
  });

  it('re-subscribes active quotes on reconnect', async () => {
    await connected();
    h.session.subscribeQuotes(AAPL);
    await until('first ticks', () => ticksFor(265598, 'last').length > 0);
    h.session.disconnect();
    const sentBefore = marketDataRequests(h.sent, 265598);
    await h.session.connect();
    await until('re-requested', () => marketDataRequests(h.sent, 265598) > sentBefore);
    sim.movePrice('AAPL', 190.25);
    await until('new last', () => ticksFor(265598, 'last').includes(190.25));
  });

  it('re-requests market data after 1101 (connectivity restored, data lost)', async () => {
    await connected();
    h.session.subscribeQuotes(AAPL);
    await until('first ticks', () => ticksFor(265598, 'bid').length > 0);
    expect(marketDataRequests(h.sent, 265598)).toBe(1);
    sim.sendConnectivity(1100);
    await until('link down', () => h.rec.lastStatus()?.ibLink === 'down');
    const summaries = (): number => h.sent.filter((t) => Number(t[0]) === 62).length;
    const summariesBefore = summaries();
    // @stoqey/ib writes at most 4 messages per 100 ms, first in first out, so the requests the
    // session queues on 1101 can leave in different windows (on a slow machine they did). Fill
    // the window on purpose so that path is taken every run, and wait for each request rather
    // than assume they leave together.
    for (const [symbol, conId] of [['MSFT', 272093], ['SPY', 756733], ['QQQ', 320227571]] as const) {
      h.session.subscribeQuotes({ ...AAPL, symbol, conId });
    }
    sim.sendConnectivity(1101);
    await until('link up', () => h.rec.lastStatus()?.ibLink === 'up');
    await until('market data re-requested', () => marketDataRequests(h.sent, 265598) === 2);
    // Account data is asked for again too (REQ_ACCOUNT_SUMMARY).
    await until('account summary re-requested', () => summaries() === summariesBefore + 1);
    // A lookup queued now leaves after everything the session queued on 1101 (same lane, FIFO),
    // so once it is answered nothing else is pending: exactly one more of each, no duplicates.
    await h.session.lookupSymbol('AAPL', 5000);
    expect(marketDataRequests(h.sent, 265598)).toBe(2);
    expect(summaries()).toBe(summariesBefore + 1);
    expect(h.rec.lastStatus()?.ibLink).toBe('up');
    // The stream lives on under its new request id.
    sim.movePrice('AAPL', 191.75);
    await until('ticks after the re-request', () => ticksFor(265598, 'last').includes(191.75));
  });

  it('keeps streams on 1102 (data maintained)', async () => {
    await connected();
    h.session.subscribeQuotes(AAPL);
    await until('first ticks', () => ticksFor(265598, 'bid').length > 0);
    sim.sendConnectivity(1100);
    sim.sendConnectivity(1102);
    await until('link up', () => h.rec.lastStatus()?.ibLink === 'up' && h.rec.logs.some((l) => l.code === 1102));
    expect(marketDataRequests(h.sent, 265598)).toBe(1);
  });

  it('re-requests market data when the farm comes back (2103 -> 2104)', async () => {
    await connected();
    h.session.subscribeQuotes(AAPL);
    await until('first ticks', () => ticksFor(265598, 'bid').length > 0);
    sim.sendConnectivity(2103);
    await until('farm broken', () => h.rec.lastStatus()?.farms.some((f) => f.name === 'usfarm' && !f.ok) ?? false);
    expect(h.rec.logs.find((l) => l.code === 2103)?.level).toBe('warn');
    expect(marketDataRequests(h.sent, 265598)).toBe(1);
    sim.sendConnectivity(2104);
    await until('re-requested', () => marketDataRequests(h.sent, 265598) === 2);
    expect(h.rec.lastStatus()?.farms.find((f) => f.name === 'usfarm')?.ok).toBe(true);
  });

  it('falls back to delayed data for a symbol without live permission', async () => {
    await connected();
    h.session.subscribeQuotes(AAPL);
    h.session.subscribeQuotes(ZZDLY);
    await until('delayed mode', () => h.rec.modes.some((m) => m.conId === 900000301 && m.delayed));
    await until('delayed ticks', () => ticksFor(900000301, 'last').length > 0);
    expect(Math.abs(ticksFor(900000301, 'last')[0]! - 57.25)).toBeLessThan(5);
    expect(h.rec.logs.some((l) => l.code === 10089)).toBe(true);
    // Only ZZDLY switched; AAPL stays live and the session type went back to real-time.
    expect(h.rec.modes).toEqual([{ conId: 900000301, delayed: true }]);
    const types = h.sent.filter((t) => Number(t[0]) === 59).map((t) => Number(t[2]));
    expect(types).toEqual([1, 3, 1]);
    // After a reconnect the delayed symbol is requested as delayed right away.
    h.session.disconnect();
    const errors = h.rec.logs.filter((l) => l.code === 10089).length;
    await h.session.connect();
    await until('delayed again', () => marketDataRequests(h.sent, 900000301) === 3);
    await new Promise((r) => setTimeout(r, 30));
    expect(h.rec.logs.filter((l) => l.code === 10089).length).toBe(errors);
  });
});
