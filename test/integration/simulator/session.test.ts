// Session-level behaviour of the simulator as the real @stoqey/ib IBApi sees it:
// handshake, start-up messages, simple requests, clientId clash, pacing, and
// requests the simulator does not implement.

import { EventName } from '@stoqey/ib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../../electron/simulator/index';
import { encodeFrame } from '../../../electron/simulator/wire/codec';
import { closed, rawSocket, TestClient, waitUntil } from './client';

let sim: SimulatorHandle;
const clients: TestClient[] = [];

function client(clientId: number, options: { maxReqPerSec?: number } = {}): TestClient {
  const c = new TestClient(sim.ports[0]?.port ?? 0, clientId, options);
  clients.push(c);
  return c;
}

beforeEach(async () => {
  sim = await startSimulator({ listen: [{ port: 0, account: 'DU1000001' }], tickRate: 0, now: () => Date.UTC(2026, 0, 15, 14, 30, 0) });
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.disconnect();
  await sim.close();
});

describe('handshake', () => {
  it('negotiates server version 193 and sends accounts, nextValidId and the farm messages as info', async () => {
    const c = client(7);
    const accounts = c.waitFor(EventName.managedAccounts, () => true);
    const nextId = await c.connect();
    expect(c.ib.serverVersion).toBe(193);
    expect(nextId).toBe(1);
    expect((await accounts)[0]).toBe('DU1000001');
    const farms = await Promise.all([2104, 2106, 2158].map((code) => c.waitFor(EventName.info, (_msg: string, got: number) => got === code)));
    expect(farms.map((args) => args[0])).toEqual([
      'Market data farm connection is OK:usfarm',
      'HMDS data farm connection is OK:ushmds',
      'Sec-def data farm connection is OK:secdefnj',
    ]);
    expect(c.seen(EventName.server)[0]).toEqual([193, '20260115 14:30:00 UTC']);
    expect(sim.clientCount()).toBe(1);
    expect(c.decoderErrors()).toEqual([]);
  });

  it('answers reqCurrentTime with the injected clock and reqIds with the next order id', async () => {
    const c = client(1);
    await c.connect();
    c.ib.reqCurrentTime();
    const [time] = await c.waitFor(EventName.currentTime, () => true);
    expect(time).toBe(Date.UTC(2026, 0, 15, 14, 30, 0) / 1000);
    c.ib.reqIds();
    const ids = await c.waitFor(EventName.nextValidId, () => true, 2000, 1 + c.events.findIndex((e) => e.name === EventName.nextValidId));
    expect(ids[0]).toBe(1);
  });

  it('refuses a second connection with a clientId in use (326) and keeps serving the first', async () => {
    const first = client(5);
    await first.connect();
    const second = client(5);
    second.ib.connect(5);
    const [message] = await second.waitFor(EventName.info, (_m: string, code: number) => code === 326);
    expect(message).toBe('Unable to connect as the client id is already in use. Retry with a unique client id.');
    await second.waitFor(EventName.disconnected, () => true);
    first.ib.reqCurrentTime();
    await first.waitFor(EventName.currentTime, () => true);
    expect(sim.clientCount()).toBe(1);
    // Once the first leaves, the id is free again.
    first.disconnect();
    await waitUntil(() => sim.clientCount() === 0);
    const third = client(5);
    await expect(third.connect()).resolves.toBe(1);
  });

  it('treats an empty clientId as 0', async () => {
    const socket = await rawSocket(sim.ports[0]?.port ?? 0);
    const received: Buffer[] = [];
    socket.on('data', (d: Buffer) => received.push(d));
    const version = Buffer.from('v100..193');
    const head = Buffer.alloc(4);
    head.writeUInt32BE(version.length);
    socket.write(Buffer.concat([Buffer.from('API\0'), head, version]));
    socket.write(encodeFrame([71, 2, '', '']));
    await waitUntil(() => sim.clientCount() === 1);
    const zero = client(0);
    zero.ib.connect(0);
    await zero.waitFor(EventName.info, (_m: string, code: number) => code === 326);
    socket.destroy();
  });

  it('drops a client whose whole version range is below 100 (the v100+ protocol\'s floor)', async () => {
    const socket = await rawSocket(sim.ports[0]?.port ?? 0);
    const version = Buffer.from('v70..99');
    const head = Buffer.alloc(4);
    head.writeUInt32BE(version.length);
    socket.write(Buffer.concat([Buffer.from('API\0'), head, version]));
    expect(await closed(socket)).toBe(true);
  });
});

describe('requests the simulator does not serve', () => {
  it('answers 321 for an unsupported request and keeps the connection', async () => {
    const c = client(2);
    await c.connect();
    c.ib.reqNewsBulletins(true);
    const [message] = await c.waitFor(EventName.info, (_m: string, code: number) => code === 321);
    expect(message).toBe("Error validating request:-'12' : cause - unsupported request");
    c.ib.reqCurrentTime();
    await c.waitFor(EventName.currentTime, () => true);
    expect(c.decoderErrors()).toEqual([]);
  });

  it('refuses an unsupported request that carries a reqId on that reqId, so it does not hang', async () => {
    const c = client(2);
    await c.connect();
    c.ib.reqHeadTimestamp(44, { conId: 265598, exchange: 'SMART' }, 'TRADES' as never, true, 1);
    const [error, code, reqId] = await c.waitFor(EventName.error, (_e: Error, got: number) => got === 321);
    expect([(error as Error).message, code, reqId]).toEqual(["Error validating request:-'87' : cause - unsupported request", 321, 44]);
  });
});

describe('pacing', () => {
  it('sends error 100 when a client exceeds 50 messages per second, and keeps serving it', async () => {
    const c = client(3, { maxReqPerSec: 10_000 });
    await c.connect();
    for (let i = 0; i < 60; i += 1) c.ib.reqCurrentTime();
    const [message] = await c.waitFor(EventName.info, (_m: string, code: number) => code === 100);
    expect(message).toBe('Max rate of messages per second has been exceeded:max=50 rec=51 (1)');
    await waitUntil(() => c.seen(EventName.currentTime).length === 60);
    expect(c.ib.isConnected).toBe(true);
  });

  it('stays quiet for a client within the limit', async () => {
    const c = client(4, { maxReqPerSec: 10_000 });
    await c.connect();
    for (let i = 0; i < 40; i += 1) c.ib.reqCurrentTime();
    await waitUntil(() => c.seen(EventName.currentTime).length === 40);
    expect(c.seen(EventName.info).filter((args) => args[1] === 100)).toEqual([]);
  });

  it('drops a connection that floods at five times the limit', async () => {
    const c = client(6, { maxReqPerSec: 100_000 });
    await c.connect();
    const gone = c.waitFor(EventName.disconnected, () => true);
    for (let i = 0; i < 300; i += 1) c.ib.reqCurrentTime();
    await gone;
    expect(sim.clientCount()).toBe(0);
  });
});
