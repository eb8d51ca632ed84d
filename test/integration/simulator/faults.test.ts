// The control API's faults as a real @stoqey/ib IBApi experiences them.

import { EventName, OrderAction, OrderType, SecType, TimeInForce, type Contract, type Order } from '@stoqey/ib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../../electron/simulator/index';
import { TestClient, waitUntil } from './client';

const ACCOUNT = 'DU1000001';
const AAPL: Contract = { conId: 265598, secType: SecType.STK, exchange: 'SMART', currency: 'USD' };

let sim: SimulatorHandle;
let clock = Date.UTC(2026, 0, 15, 15, 0, 0);
const clients: TestClient[] = [];

function client(clientId: number): TestClient {
  const c = new TestClient(sim.ports[0]?.port ?? 0, clientId);
  clients.push(c);
  return c;
}

async function connected(clientId: number): Promise<TestClient> {
  const c = client(clientId);
  await c.connect();
  return c;
}

async function sync(c: TestClient, timeoutMs = 2000): Promise<void> {
  const mark = c.mark;
  c.ib.reqCurrentTime();
  await c.waitFor(EventName.currentTime, () => true, timeoutMs, mark);
}

beforeEach(async () => {
  clock = Date.UTC(2026, 0, 15, 15, 0, 0);
  sim = await startSimulator({ listen: [{ port: 0, account: ACCOUNT }], tickRate: 0, now: () => clock });
});

afterEach(async () => {
  for (const c of clients.splice(0)) {
    expect(c.decoderErrors()).toEqual([]);
    c.disconnect();
  }
  await sim.close();
});

describe('connection faults', () => {
  it('dropAll disconnects every client; they can reconnect with the same clientId', async () => {
    const a = await connected(1);
    const b = await connected(2);
    const gone = Promise.all([a.waitFor(EventName.disconnected, () => true), b.waitFor(EventName.disconnected, () => true)]);
    sim.dropAll();
    await gone;
    await waitUntil(() => sim.clientCount() === 0);
    const again = await connected(1);
    await sync(again);
  });

  it('freeze keeps the socket open but answers nothing; unfreezing answers what was asked', async () => {
    const c = await connected(1);
    sim.freeze(true);
    const mark = c.mark;
    c.ib.reqCurrentTime();
    expect(await c.quietFor(EventName.currentTime, () => true, 200)).toBe(true);
    expect(c.ib.isConnected).toBe(true);
    expect(c.seen(EventName.disconnected)).toEqual([]);
    sim.freeze(false);
    await c.waitFor(EventName.currentTime, () => true, 2000, mark);
  });

  it('a client that gives up on a frozen link frees its clientId; its reconnect is answered after the thaw', async () => {
    const c = await connected(1);
    sim.freeze(true);
    c.disconnect();
    await waitUntil(() => sim.clientCount() === 0);
    const again = client(1);
    const ready = again.connect(3000);
    expect(await again.quietFor(EventName.nextValidId, () => true, 200)).toBe(true);
    sim.freeze(false);
    await expect(ready).resolves.toBe(1);
    expect(again.seen(EventName.info).filter((args) => args[1] === 326)).toEqual([]);
  });

  it('delivers connectivity codes as info with IB text', async () => {
    const c = await connected(1);
    const expected: Array<[1100 | 1101 | 1102 | 2103 | 2104, string]> = [
      [1100, 'Connectivity between IB and Trader Workstation has been lost.'],
      [1101, 'Connectivity between IB and Trader Workstation has been restored - data lost.'],
      [1102, 'Connectivity between IB and Trader Workstation has been restored - data maintained.'],
      [2103, 'Market data farm connection is broken:usfarm'],
    ];
    const mark = c.mark;
    for (const [code] of expected) sim.sendConnectivity(code);
    sim.sendConnectivity(2104);
    for (const [code, text] of expected) {
      const [message] = await c.waitFor(EventName.info, (_m: string, got: number) => got === code, 2000, mark);
      expect(message).toBe(text);
    }
    await c.waitFor(EventName.info, (_m: string, got: number) => got === 2104, 2000, mark);
    expect(c.ib.isConnected).toBe(true);
  });

  it('refuses connections for the given time, then accepts again', async () => {
    sim.refuseConnections(5_000);
    const refused = client(1);
    const gone = refused.waitFor(EventName.disconnected, () => true);
    refused.ib.connect(1);
    await gone;
    expect(refused.seen(EventName.nextValidId)).toEqual([]);
    clock += 5_001;
    const accepted = await connected(2);
    await sync(accepted);
  });

  it('stop/start on the same port keeps state: an open GTC order is still there after restart', async () => {
    const port = sim.ports[0]?.port;
    const c = await connected(1);
    const gtc: Order = { action: OrderAction.BUY, totalQuantity: 3, orderType: OrderType.LMT, lmtPrice: 150, tif: TimeInForce.GTC, transmit: true };
    c.ib.placeOrder(41, AAPL, gtc);
    const [, , , , , permId] = await c.waitFor(EventName.orderStatus, (id: number, status: string) => id === 41 && status === 'Submitted');
    const gone = c.waitFor(EventName.disconnected, () => true);
    await sim.stop();
    await gone;
    await sim.start();
    expect(sim.ports[0]?.port).toBe(port);
    const back = client(1);
    await expect(back.connect()).resolves.toBe(42);
    back.ib.reqAllOpenOrders();
    await back.waitFor(EventName.openOrderEnd, () => true);
    const [orderId, contract, order] = back.seen(EventName.openOrder)[0] as [number, Contract, Order];
    expect([orderId, contract.conId, order.lmtPrice, order.tif, order.permId]).toEqual([41, 265598, 150, 'GTC', permId]);
  });

  it('delays every answer by the set latency, and stops delaying at 0', async () => {
    const c = await connected(1);
    sim.setLatency(1_500);
    const mark = c.mark;
    c.ib.reqCurrentTime();
    expect(await c.quietFor(EventName.currentTime, () => true, 300)).toBe(true);
    await c.waitFor(EventName.currentTime, () => true, 4_000, mark);
    sim.setLatency(0);
    // Well under the old 1.5 s: the delay is gone.
    await sync(c, 1_000);
  });

  it('streams ticks by itself at the set tick rate, and stops at rate 0', async () => {
    const c = await connected(1);
    c.ib.reqMktData(5, { conId: 265598, exchange: 'SMART' }, '', false, false);
    await sync(c);
    const mark = c.mark;
    sim.setTickRate(20_000);
    await c.waitFor(EventName.tickPrice, (id: number) => id === 5, 2000, mark);
    sim.setTickRate(0);
    await sync(c);
    expect(await c.quietFor(EventName.tickPrice, () => true, 100)).toBe(true);
  });

  it('burst writes the requested ticks to subscribers, ending at the exchange quote', async () => {
    const c = await connected(1);
    c.ib.reqMktData(6, { conId: 265598, exchange: 'SMART' }, '', false, false);
    c.ib.reqMktData(7, { conId: 272093, exchange: 'SMART' }, '', false, false);
    await sync(c);
    const result = await sim.burst(2_000);
    expect(result.written).toBeGreaterThanOrEqual(2_000);
    expect(result.elapsedMs).toBeGreaterThan(0);
    await sync(c);
    const last = c.seen(EventName.tickPrice).filter((args) => args[0] === 6 && args[1] === 4).at(-1);
    expect(last?.[2]).toBe(sim.exchange.quote(265598)?.last);
  });

  it('burst with no subscriber writes nothing and returns at once', async () => {
    await connected(1);
    await expect(sim.burst(1_000)).resolves.toMatchObject({ written: 0 });
  });
});

describe('control API', () => {
  it('paces exchange steps at the set tick rate on the injected scheduler, on the subscribed symbol', async () => {
    await sim.close();
    let time = 0;
    const tasks: Array<() => void> = [];
    sim = await startSimulator({ listen: [{ port: 0, account: ACCOUNT }], tickRate: 0 }, {
      scheduler: { now: () => time, every: (_ms, run) => { tasks.push(run); return () => tasks.splice(tasks.indexOf(run), 1); } },
    });
    // The pacer moves only what someone watches (see pacing.test.ts for the rest).
    const c = await connected(1);
    c.ib.reqMktData(1, AAPL, '', false, false);
    await sync(c);
    const ticked = new Set<number>();
    let ticks = 0;
    const noop = (): void => undefined;
    sim.exchange.addListener({ onTick: (t) => { ticks += 1; ticked.add(t.conId); }, onOrder: noop, onExecution: noop, onPosition: noop, onAccount: noop });
    sim.setTickRate(5_000);
    for (let slot = 0; slot < 100; slot += 1) {
      time += 10;
      for (const run of [...tasks]) run();
    }
    expect(ticks).toBe(5_000);
    expect([...ticked]).toEqual([AAPL.conId]);
    sim.setTickRate(0);
    expect(tasks).toHaveLength(0);
  });

  it('refuses bad control arguments with a clear message', () => {
    expect(() => sim.movePrice('NOSUCH', 10)).toThrow('Unknown symbol NOSUCH');
    expect(() => sim.setLatency(-5)).toThrow('Latency must be a finite number >= 0, got -5');
    expect(() => sim.setTickRate(Number.POSITIVE_INFINITY)).toThrow('Tick rate must be a finite number >= 0, got Infinity');
    expect(() => sim.rejectNextOrder('DU999', 'x')).toThrow('rejectNextOrder: unknown account DU999');
  });

  it('refuses a bad burst count', async () => {
    await expect(sim.burst(Number.NaN)).rejects.toThrow('burst count must be a finite number >= 0, got NaN');
  });
});

describe('accounts on several ports', () => {
  it('serves one account per port', async () => {
    await sim.close();
    sim = await startSimulator({ listen: [{ port: 0, account: 'DU111' }, { port: 0, account: 'DU222' }], tickRate: 0 });
    const [first, second] = sim.ports;
    expect(first?.port).not.toBe(second?.port);
    const a = new TestClient(first?.port ?? 0, 1);
    const b = new TestClient(second?.port ?? 0, 1);
    clients.push(a, b);
    const accountsA = a.waitFor(EventName.managedAccounts, () => true);
    const accountsB = b.waitFor(EventName.managedAccounts, () => true);
    await Promise.all([a.connect(), b.connect()]);
    expect([(await accountsA)[0], (await accountsB)[0]]).toEqual(['DU111', 'DU222']);
    a.ib.placeOrder(1, AAPL, { action: OrderAction.BUY, totalQuantity: 1, orderType: OrderType.MKT, transmit: true, tif: TimeInForce.DAY });
    await a.waitFor(EventName.orderStatus, (id: number, status: string) => id === 1 && status === 'Filled');
    await sync(b);
    expect(b.seen(EventName.orderStatus)).toEqual([]);
    expect(sim.exchange.positions('DU111')).toHaveLength(1);
    expect(sim.exchange.positions('DU222')).toHaveLength(0);
  });
});
