import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BrokerConnectError } from '../../../electron/host/broker';
import { OrderRefusedError } from '../../../electron/ib';
import { startSimulator, type SimulatorHandle } from '../../../electron/simulator';
import type { Instrument } from '../../../shared/model';
import { makeSession, until, type Harness } from './harness';

const AAPL: Instrument = {
  symbol: 'AAPL', conId: 265598, secType: 'STK', exchange: 'SMART', primaryExchange: 'NASDAQ', currency: 'USD', minTick: 0.01, longName: 'APPLE INC',
};

let sim: SimulatorHandle;
let port: number;
const open: Harness[] = [];
function openSession(clientId: number, accountCode = ''): Harness {
  const h = makeSession(port, clientId, {}, accountCode);
  open.push(h);
  return h;
}

beforeAll(async () => {
  sim = await startSimulator({ listen: [{ port: 0, account: 'DU1000001' }], tickRate: 0 });
  port = sim.ports[0]!.port;
});
afterEach(() => {
  for (const h of open.splice(0)) h.session.disconnect();
  sim.freeze(false);
});
afterAll(async () => {
  await sim.close();
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  const p = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((r) => server.close(() => r()));
  return p;
}

describe('IbSession connect', () => {
  it('is ready with the first managed account, server version and farms once nextValidId arrived', async () => {
    const { session, rec } = openSession(11);
    await session.connect();
    expect(session.isConnected()).toBe(true);
    const status = rec.lastStatus();
    expect(status).toMatchObject({ connected: true, readyForOrders: true, accountCode: 'DU1000001', serverVersion: 193, ibLink: 'up', error: null });
    await until('farm messages', () => (rec.lastStatus()?.farms.length ?? 0) >= 3);
    expect(rec.lastStatus()?.farms).toEqual(
      expect.arrayContaining([{ name: 'usfarm', kind: 'market', ok: true }, { name: 'secdefnj', kind: 'secdef', ok: true }]),
    );
    // Farm OK messages stay quiet.
    expect(rec.logs.filter((l) => l.code === 2104).map((l) => l.level)).toEqual(['debug']);
  });

  it('receives account values after connect', async () => {
    const { session, rec } = openSession(12);
    await session.connect();
    await until('net liquidation', () => rec.accounts.some((a) => a.netLiquidation !== undefined));
    const net = rec.accounts.find((a) => a.netLiquidation !== undefined);
    expect(net).toMatchObject({ account: 'main', netLiquidation: 1_000_000, currency: 'USD' });
    await until('buying power', () => rec.accounts.some((a) => a.buyingPower !== undefined));
  });

  it('refuses a second session with the same client id: "client id N already in use"', async () => {
    const first = openSession(13);
    await first.session.connect();
    const second = openSession(13);
    const error = await second.session.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrokerConnectError);
    expect((error as BrokerConnectError).message).toBe(`client id 13 already in use at 127.0.0.1:${port}`);
    expect((error as BrokerConnectError).reason).toBe('client-id-in-use');
    expect(second.rec.lastStatus()).toMatchObject({ connected: false, error: `client id 13 already in use at 127.0.0.1:${port}` });
    expect(first.session.isConnected()).toBe(true);
  });

  it('says the connection was refused when nothing listens', async () => {
    const p = await freePort();
    const h = makeSession(p, 14);
    open.push(h);
    const error = await h.session.connect().catch((e: unknown) => e);
    expect((error as BrokerConnectError).message).toBe(`connection refused at 127.0.0.1:${p} — is TWS/IB Gateway running with the API enabled?`);
    expect((error as BrokerConnectError).reason).toBe('refused');
  });

  it('says so when the gateway closes the socket before the session is ready', async () => {
    sim.refuseConnections(2_000);
    const h = openSession(19);
    const error = (await h.session.connect().catch((e: unknown) => e)) as BrokerConnectError;
    sim.refuseConnections(0);
    expect(error.message).toBe(`connection to 127.0.0.1:${port} closed before it was ready`);
    expect(error.reason).toBe('closed');
  });

  it('turns a port the OS refuses into a connect error, not a throw', async () => {
    const h = makeSession(70000, 18);
    open.push(h);
    const error = (await h.session.connect().catch((e: unknown) => e)) as BrokerConnectError;
    expect(error).toBeInstanceOf(BrokerConnectError);
    expect(error.message).toMatch(/^connection to 127\.0\.0\.1:70000 failed: .*70000/);
    expect(error.reason).toBe('other');
  });

  it('times out on the injected clock when the gateway never answers', async () => {
    sim.freeze(true);
    const h = openSession(15);
    const pending = h.session.connect().catch((e: unknown) => e);
    h.scheduler.advance(9_999);
    let settled = false;
    void pending.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(false);
    h.scheduler.advance(1);
    const error = (await pending) as BrokerConnectError;
    expect(error.message).toBe(`no answer from 127.0.0.1:${port} within 10 s`);
    expect(error.reason).toBe('timeout');
  });

  it('rejects a configured account code the login does not serve', async () => {
    const h = openSession(16, 'DU9999999');
    const error = (await h.session.connect().catch((e: unknown) => e)) as BrokerConnectError;
    expect(error.message).toBe('account DU9999999 is not served by this login (it serves DU1000001)');
  });

  it('refuses orders while not connected instead of queueing them', async () => {
    const h = openSession(17);
    expect(() =>
      h.session.placeOrder({ account: 'main', side: 'BUY', symbol: 'AAPL', quantity: 1, type: 'market', tif: 'GTC' }, AAPL),
    ).toThrow(new OrderRefusedError('account main is not connected — order not sent'));
    const connecting = h.session.connect();
    expect(() =>
      h.session.placeOrder({ account: 'main', side: 'BUY', symbol: 'AAPL', quantity: 1, type: 'market', tif: 'GTC' }, AAPL),
    ).toThrow('account main is waiting for TWS to assign order ids — order not sent');
    await connecting;
    h.session.disconnect();
    expect(h.session.isConnected()).toBe(false);
    expect(() =>
      h.session.placeOrder({ account: 'main', side: 'BUY', symbol: 'AAPL', quantity: 1, type: 'market', tif: 'GTC' }, AAPL),
    ).toThrow('account main is not connected — order not sent');
    // Nothing was ever written as PLACE_ORDER (msg id 3).
    expect(h.sent.filter((t) => Number(t[0]) === 3)).toEqual([]);
  });
});
