import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../../electron/simulator';
import type { Instrument, OrderRequest } from '../../../shared/model';
import { makeSession, until, type Harness } from './harness';

let sim: SimulatorHandle;
let h: Harness;
let clientId = 40;

beforeAll(async () => {
  sim = await startSimulator({ listen: [{ port: 0, account: 'DU1000001' }], tickRate: 0 });
});
afterEach(() => {
  sim.freeze(false);
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

describe('lookupSymbol', () => {
  it('resolves a symbol to its instrument', async () => {
    await connected();
    expect(await h.session.lookupSymbol('AAPL', 5000)).toEqual([
      { symbol: 'AAPL', conId: 265598, secType: 'STK', exchange: 'SMART', primaryExchange: 'NASDAQ', currency: 'USD', minTick: 0.01, longName: 'APPLE INC' },
    ]);
    expect((await h.session.lookupSymbol('BRK B', 5000)).map((i) => i.conId)).toEqual([72063691]);
  });

  it('answers [] for an unknown symbol (error 200) and every match for an ambiguous one', async () => {
    await connected();
    expect(await h.session.lookupSymbol('NOSUCH', 5000)).toEqual([]);
    const amb = await h.session.lookupSymbol('ZZAMB', 5000);
    expect(amb.map((i) => [i.conId, i.primaryExchange])).toEqual([
      [900000101, 'NASDAQ'],
      [900000102, 'NYSE'],
    ]);
    expect(h.session.pendingLookups()).toBe(0);
  });

  it('times out on the injected clock and leaves no pending request behind', async () => {
    await connected();
    sim.freeze(true);
    const pending = h.session.lookupSymbol('AAPL', 5000).catch((e: unknown) => e);
    expect(h.session.pendingLookups()).toBe(1);
    h.scheduler.advance(5000);
    expect(((await pending) as Error).message).toBe('no answer for AAPL contract details within 5 s');
    expect(h.session.pendingLookups()).toBe(0);
  });

  it('refuses a lookup while not connected', async () => {
    h = makeSession(sim.ports[0]!.port, clientId++);
    await expect(h.session.lookupSymbol('AAPL', 5000)).rejects.toThrow('not connected to TWS — cannot look up AAPL');
  });
});

describe('liveness', () => {
  const AAPL: Instrument = {
    symbol: 'AAPL', conId: 265598, secType: 'STK', exchange: 'SMART', primaryExchange: 'NASDAQ', currency: 'USD', minTick: 0.01, longName: 'APPLE INC',
  };
  const buy: OrderRequest = { account: 'main', side: 'BUY', symbol: 'AAPL', quantity: 10, type: 'limit', limitPrice: 100, tif: 'DAY' };
  const pings = (): number => h.sent.filter((t) => Number(t[0]) === 49).length;
  const places = (): number => h.sent.filter((t) => Number(t[0]) === 3).length;

  it('doubts a frozen gateway within 2 s, refusing orders, then closes the session at 10 s', async () => {
    await connected();
    const start = h.scheduler.now();
    const pingsBefore = pings();
    sim.freeze(true);
    h.scheduler.advance(1_000); // idle for 1 s: ping
    await until('ping written', () => pings() > pingsBefore);
    expect(h.rec.lastStatus()?.silentSince ?? null).toBeNull();
    h.scheduler.advance(1_000);
    expect(h.rec.lastStatus()).toMatchObject({ connected: true, readyForOrders: true, silentSince: start });
    expect(h.rec.logs.some((l) => l.level === 'warn' && l.message === 'no answer from TWS for 2 s — new orders are refused until it answers')).toBe(true);
    const placesBefore = places();
    expect(() => h.session.placeOrder(buy, AAPL)).toThrow('IB has not answered for 2 s — order not sent');
    h.scheduler.advance(1_000);
    expect(() => h.session.placeOrder(buy, AAPL)).toThrow('IB has not answered for 3 s — order not sent');
    expect(places()).toBe(placesBefore);
    expect(h.session.isConnected()).toBe(true);
    h.scheduler.advance(7_000);
    expect(h.session.isConnected()).toBe(false);
    expect(h.rec.lastStatus()).toMatchObject({ connected: false, readyForOrders: false, silentSince: null, error: 'no answer from TWS for 10 s — connection presumed dead' });
    expect(h.rec.logs.some((l) => l.level === 'error' && l.message === 'no answer from TWS for 10 s — connection presumed dead')).toBe(true);
    // The host's timer reconnects with the same client id once the gateway answers again.
    sim.freeze(false);
    await h.session.connect();
    expect(h.session.isConnected()).toBe(true);
  });

  it('ends the doubt when TWS answers, and takes orders again', async () => {
    await connected();
    sim.freeze(true);
    h.scheduler.advance(2_000);
    expect(h.rec.lastStatus()?.silentSince).not.toBeNull();
    expect(() => h.session.placeOrder(buy, AAPL)).toThrow('IB has not answered for 2 s — order not sent');
    const pongs = h.pongs();
    sim.freeze(false); // the held ping is answered
    await until('ping answered', () => h.pongs() > pongs);
    expect(h.rec.lastStatus()).toMatchObject({ connected: true, silentSince: null });
    expect(h.rec.logs.some((l) => l.level === 'info' && l.message === 'TWS is answering again')).toBe(true);
    const id = h.session.placeOrder(buy, AAPL);
    await until('order acknowledged', () => h.rec.order(id).status === 'submitted');
  });

  it('stays connected, without doubt, while the gateway answers its pings', async () => {
    await connected();
    const before = h.rec.logs.length;
    for (let i = 1; i <= 3; i++) {
      // Each step: a second of silence sends a ping; its answer is life.
      h.scheduler.advance(1_000);
      // The currentTime answer arrives over the socket; wait for that I/O, not for a timer.
      await until('ping answered', () => h.pongs() === i);
    }
    h.scheduler.advance(500);
    expect(h.rec.logs.slice(before)).toEqual([]);
    expect(h.rec.lastStatus()?.silentSince ?? null).toBeNull();
    expect(h.session.isConnected()).toBe(true);
  });

  it('reports a socket the gateway drops as lost', async () => {
    await connected();
    sim.dropAll();
    await until('lost', () => !h.session.isConnected());
    expect(h.rec.lastStatus()?.error).toBe(`connection to 127.0.0.1:${sim.ports[0]!.port} lost`);
  });
});
