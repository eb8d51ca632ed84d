// Contract details and market data, as the real @stoqey/ib IBApi decodes them,
// compared against the simulator's own exchange.

import { EventName, SecType } from '@stoqey/ib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../../electron/simulator/index';
import { TestClient } from './client';

const AAPL = 265598;
const ZZDLY = 900000301;

let sim: SimulatorHandle;
const clients: TestClient[] = [];

async function connected(clientId: number): Promise<TestClient> {
  const c = new TestClient(sim.ports[0]?.port ?? 0, clientId);
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

/** The last value the client decoded per tick type for one reqId. */
function lastTicks(c: TestClient, reqId: number, since = 0): Map<number, number> {
  const latest = new Map<number, number>();
  for (const e of c.events.slice(since)) {
    if ((e.name === EventName.tickPrice || e.name === EventName.tickSize) && e.args[0] === reqId) {
      latest.set(e.args[1] as number, e.args[2] as number);
    }
  }
  return latest;
}

beforeEach(async () => {
  sim = await startSimulator({ listen: [{ port: 0, account: 'DU1000001' }], tickRate: 0, seed: 7 });
});

afterEach(async () => {
  for (const c of clients.splice(0)) {
    expect(c.decoderErrors()).toEqual([]);
    c.disconnect();
  }
  await sim.close();
});

describe('contract details', () => {
  it('resolves a symbol with conId, primary exchange, min tick and long name', async () => {
    const c = await connected(1);
    c.ib.reqContractDetails(11, { symbol: 'AAPL', secType: SecType.STK, exchange: 'SMART', currency: 'USD' });
    const [reqId, details] = (await c.waitFor(EventName.contractDetails, () => true)) as [number, { contract: Record<string, unknown>; minTick: number; longName: string }];
    await c.waitFor(EventName.contractDetailsEnd, (id: number) => id === 11);
    expect(reqId).toBe(11);
    expect(details.contract.conId).toBe(AAPL);
    expect(details.contract.symbol).toBe('AAPL');
    expect(details.contract.primaryExch).toBe('NASDAQ');
    expect(details.contract.currency).toBe('USD');
    expect(details.minTick).toBe(0.01);
    expect(details.longName).toBe('APPLE INC');
  });

  it('resolves by conId', async () => {
    const c = await connected(1);
    c.ib.reqContractDetails(12, { conId: 272093, exchange: 'SMART' });
    const [, details] = (await c.waitFor(EventName.contractDetails, () => true)) as [number, { contract: { symbol: string }; longName: string }];
    expect(details.contract.symbol).toBe('MSFT');
    expect(details.longName).toBe('MICROSOFT CORP');
  });

  it('answers an unknown symbol with error 200 on the reqId', async () => {
    const c = await connected(1);
    c.ib.reqContractDetails(13, { symbol: 'NOSUCH', secType: SecType.STK, exchange: 'SMART', currency: 'USD' });
    const [error, , reqId] = (await c.waitFor(EventName.error, (_e: Error, code: number) => code === 200)) as [Error, number, number];
    expect(reqId).toBe(13);
    expect(error.message).toBe('No security definition has been found for the request');
    expect(c.seen(EventName.contractDetails)).toEqual([]);
  });

  it('returns both listings of the ambiguous symbol, then the end marker', async () => {
    const c = await connected(1);
    c.ib.reqContractDetails(14, { symbol: 'ZZAMB', secType: SecType.STK, exchange: 'SMART', currency: 'USD' });
    await c.waitFor(EventName.contractDetailsEnd, (id: number) => id === 14);
    const found = c.seen(EventName.contractDetails).map(([, d]) => {
      const details = d as { contract: { conId: number; primaryExch: string } };
      return [details.contract.conId, details.contract.primaryExch];
    });
    expect(found).toEqual([
      [900000101, 'NASDAQ'],
      [900000102, 'NYSE'],
    ]);
  });
});

describe('market data', () => {
  it('sends the current quote on subscribe, with values equal to the exchange quote', async () => {
    const c = await connected(1);
    c.ib.reqMktData(21, { conId: AAPL, exchange: 'SMART' }, '', false, false);
    await c.waitFor(EventName.tickSize, (id: number, type: number) => id === 21 && type === 8);
    const quote = sim.exchange.quote(AAPL);
    expect(quote).toBeDefined();
    const ticks = lastTicks(c, 21);
    expect(ticks.get(1)).toBe(quote?.bid);
    expect(ticks.get(2)).toBe(quote?.ask);
    expect(ticks.get(4)).toBe(quote?.last);
    expect(ticks.get(6)).toBe(quote?.high);
    expect(ticks.get(7)).toBe(quote?.low);
    expect(ticks.get(9)).toBe(quote?.close);
    expect(ticks.get(14)).toBe(quote?.open);
    expect(ticks.get(0)).toBe(quote?.bidSize);
    expect(ticks.get(3)).toBe(quote?.askSize);
    expect(ticks.get(8)).toBe(quote?.volume);
    expect(c.seen(EventName.marketDataType)).toEqual([[21, 1]]);
  });

  it('streams ticks as the market moves, ending equal to the exchange quote', async () => {
    const c = await connected(1);
    c.ib.reqMktData(22, { conId: AAPL, exchange: 'SMART' }, '', false, false);
    await sync(c);
    const before = c.mark;
    sim.movePrice('AAPL', 191.23);
    for (let i = 0; i < 20; i += 1) sim.step(200);
    await sync(c);
    const quote = sim.exchange.quote(AAPL);
    const ticks = lastTicks(c, 22);
    expect(lastTicks(c, 22, before).size).toBeGreaterThan(0);
    expect(ticks.get(1)).toBe(quote?.bid);
    expect(ticks.get(2)).toBe(quote?.ask);
    expect(ticks.get(4)).toBe(quote?.last);
    expect(ticks.get(6)).toBe(quote?.high);
    expect(ticks.get(7)).toBe(quote?.low);
  });

  it('moves the last price to exactly what movePrice set', async () => {
    const c = await connected(1);
    c.ib.reqMktData(23, { conId: AAPL, exchange: 'SMART' }, '', false, false);
    await sync(c);
    sim.movePrice('AAPL', 199.99);
    await c.waitFor(EventName.tickPrice, (id: number, type: number, price: number) => id === 23 && type === 4 && price === 199.99);
  });

  it('stops the ticks of a cancelled subscription, and sends ticks only to subscribers', async () => {
    const subscriber = await connected(1);
    const bystander = await connected(2);
    subscriber.ib.reqMktData(24, { conId: AAPL, exchange: 'SMART' }, '', false, false);
    await sync(subscriber);
    subscriber.ib.cancelMktData(24);
    await sync(subscriber);
    const after = subscriber.mark;
    sim.movePrice('AAPL', 180.5);
    sim.step(3000);
    await sync(subscriber);
    await sync(bystander);
    expect(lastTicks(subscriber, 24, after).size).toBe(0);
    expect(bystander.seen(EventName.tickPrice)).toEqual([]);
  });

  it('refuses live data for a symbol without live permission (10089)', async () => {
    const c = await connected(1);
    c.ib.reqMktData(25, { conId: ZZDLY, exchange: 'SMART' }, '', false, false);
    const [error, , reqId] = (await c.waitFor(EventName.error, (_e: Error, code: number) => code === 10089)) as [Error, number, number];
    expect(reqId).toBe(25);
    expect(error.message).toBe(
      "Requested market data requires additional subscription for API. See link in 'Market Data Connections' dialog for more details.Delayed market data is available.ZZDLY NYSE/TOP/ALL",
    );
    sim.step(2000);
    await sync(c);
    expect(lastTicks(c, 25).size).toBe(0);
  });

  it('serves delayed ticks (66-76) after market data type 3, and live ticks where permitted', async () => {
    const c = await connected(1);
    c.ib.reqMarketDataType(3);
    c.ib.reqMktData(26, { conId: ZZDLY, exchange: 'SMART' }, '', false, false);
    c.ib.reqMktData(27, { conId: AAPL, exchange: 'SMART' }, '', false, false);
    await c.waitFor(EventName.tickSize, (id: number, type: number) => id === 26 && type === 74);
    await c.waitFor(EventName.error, (_e: Error, code: number, id: number) => code === 10167 && id === 26);
    sim.movePrice('ZZDLY', 58.1);
    await sync(c);
    const quote = sim.exchange.quote(ZZDLY);
    const delayed = lastTicks(c, 26);
    expect(delayed.get(66)).toBe(quote?.bid);
    expect(delayed.get(67)).toBe(quote?.ask);
    expect(delayed.get(68)).toBe(58.1);
    expect(delayed.get(75)).toBe(quote?.close);
    expect([...delayed.keys()].every((type) => type >= 66)).toBe(true);
    expect(c.seen(EventName.marketDataType)).toEqual([
      [26, 3],
      [27, 1],
    ]);
    expect(lastTicks(c, 27).get(4)).toBe(sim.exchange.quote(AAPL)?.last);
  });

  it('answers a snapshot request with the current quote and the snapshot end, then nothing more', async () => {
    const c = await connected(1);
    c.ib.reqMktData(30, { conId: AAPL, exchange: 'SMART' }, '', true, false);
    await c.waitFor(EventName.tickSnapshotEnd, (id: number) => id === 30);
    expect(lastTicks(c, 30).get(4)).toBe(sim.exchange.quote(AAPL)?.last);
    const mark = c.mark;
    sim.movePrice('AAPL', 170.02);
    await sync(c);
    expect(lastTicks(c, 30, mark).size).toBe(0);
  });

  it('answers an unknown conId with 200 and an ambiguous symbol with 200 naming it', async () => {
    const c = await connected(1);
    c.ib.reqMktData(28, { conId: 1, exchange: 'SMART' }, '', false, false);
    c.ib.reqMktData(29, { symbol: 'ZZAMB', secType: SecType.STK, exchange: 'SMART', currency: 'USD' }, '', false, false);
    const [unknown] = (await c.waitFor(EventName.error, (_e: Error, code: number, id: number) => code === 200 && id === 28)) as [Error];
    const [ambiguous] = (await c.waitFor(EventName.error, (_e: Error, code: number, id: number) => code === 200 && id === 29)) as [Error];
    expect(unknown.message).toBe('No security definition has been found for the request');
    expect(ambiguous.message).toBe('The contract description specified for ZZAMB is ambiguous.');
  });
});
