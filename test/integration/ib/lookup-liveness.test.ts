import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../../electron/simulator';
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
      {
        symbol: 'AAPL', conId: 265598, secType: 'STK', exchange: 'SMART', primaryExchange: 'NASDAQ', currency: 'USD', minTick: 0.01, longName: 'APPLE INC',
        // IB's market rule 26 of the SMART route, fetched once with reqMarketRule.
        priceIncrements: [{ lowEdge: 0, increment: 0.0001 }, { lowEdge: 1, increment: 0.01 }],
      },
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
  it('detects a frozen gateway with the ping and closes the session', async () => {
    await connected();
    const pingsBefore = h.sent.filter((t) => Number(t[0]) === 49).length;
    sim.freeze(true);
    h.scheduler.advance(10_000);
    await until('ping written', () => h.sent.filter((t) => Number(t[0]) === 49).length > pingsBefore);
    expect(h.session.isConnected()).toBe(true);
    h.scheduler.advance(5_000);
    expect(h.session.isConnected()).toBe(false);
    expect(h.rec.lastStatus()).toMatchObject({ connected: false, readyForOrders: false, error: 'no answer from TWS for 15 s — connection presumed dead' });
    expect(h.rec.logs.some((l) => l.level === 'error' && l.message === 'no answer from TWS for 15 s — connection presumed dead')).toBe(true);
    // The host's timer reconnects with the same client id once the gateway answers again.
    sim.freeze(false);
    await h.session.connect();
    expect(h.session.isConnected()).toBe(true);
  });

  it('stays connected while the gateway answers its pings', async () => {
    await connected();
    const before = h.rec.logs.length;
    for (let i = 1; i <= 3; i++) {
      // Each step: the previous ping's deadline passes (answered), then the next ping goes out.
      h.scheduler.advance(10_000);
      // The currentTime answer arrives over the socket; wait for that I/O, not for a timer.
      await until('ping answered', () => h.pongs() === i);
    }
    h.scheduler.advance(5_000);
    expect(h.rec.logs.slice(before)).toEqual([]);
    expect(h.session.isConnected()).toBe(true);
  });

  it('reports a socket the gateway drops as lost', async () => {
    await connected();
    sim.dropAll();
    await until('lost', () => !h.session.isConnected());
    expect(h.rec.lastStatus()?.error).toBe(`connection to 127.0.0.1:${sim.ports[0]!.port} lost`);
  });
});
