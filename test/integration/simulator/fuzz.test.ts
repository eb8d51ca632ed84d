// Hostile bytes on one connection drop only that connection: the simulator
// keeps running and a well-behaved @stoqey/ib client keeps being served.

import { EventName } from '@stoqey/ib';
import fc from 'fast-check';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../../electron/simulator/index';
import { encodeFrame } from '../../../electron/simulator/wire/codec';
import { closed, rawSocket, TestClient } from './client';

let sim: SimulatorHandle;
let good: TestClient;
let clientIds = 100;

function handshake(): Buffer {
  const version = Buffer.from('v100..193');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(version.length);
  return Buffer.concat([Buffer.from('API\0'), length, version]);
}

function lengthPrefix(length: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(length >>> 0);
  return buffer;
}

/** A raw connection that completed the handshake and START_API. */
async function started(): Promise<{ socket: Socket; received: () => string }> {
  const socket = await rawSocket(sim.ports[0]?.port ?? 0);
  const chunks: Buffer[] = [];
  socket.on('data', (d: Buffer) => chunks.push(d));
  socket.on('error', () => undefined);
  socket.write(handshake());
  socket.write(encodeFrame([71, 2, clientIds++, '']));
  const text = (): string => Buffer.concat(chunks).toString('latin1');
  const deadline = Date.now() + 2000;
  while (!text().includes('Sec-def data farm')) {
    if (Date.now() > deadline) throw new Error('raw client never got the start-up messages');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return { socket, received: text };
}

/** The good client still gets answers and its ticks. */
async function goodClientServed(): Promise<void> {
  const mark = good.mark;
  sim.movePrice('AAPL', 180 + Math.round(Math.random() * 1000) / 100);
  good.ib.reqCurrentTime();
  await good.waitFor(EventName.currentTime, () => true, 2000, mark);
  const ticks = good.events.slice(mark).filter((e) => e.name === EventName.tickPrice && e.args[0] === 1 && e.args[1] === 4);
  expect(ticks.at(-1)?.args[2]).toBe(sim.exchange.quote(265598)?.last);
}

beforeAll(async () => {
  sim = await startSimulator({ listen: [{ port: 0, account: 'DU1000001' }], tickRate: 0 });
  good = new TestClient(sim.ports[0]?.port ?? 0, 1);
  await good.connect();
  good.ib.reqMktData(1, { conId: 265598, exchange: 'SMART' }, '', false, false);
});

afterAll(async () => {
  expect(good.decoderErrors()).toEqual([]);
  expect(good.seen(EventName.disconnected)).toEqual([]);
  good.disconnect();
  await sim.close();
});

describe('hostile input', () => {
  it('drops a connection that does not start with API\\0', async () => {
    const socket = await rawSocket(sim.ports[0]?.port ?? 0);
    socket.on('error', () => undefined);
    socket.write(Buffer.from('GET / HTTP/1.1\r\n\r\n'));
    expect(await closed(socket)).toBe(true);
    await goodClientServed();
  });

  it('drops a connection announcing an absurd frame length', async () => {
    const { socket } = await started();
    socket.write(lengthPrefix(0x7fffffff));
    expect(await closed(socket)).toBe(true);
    await goodClientServed();
  });

  it('drops a connection whose frame does not end with NUL', async () => {
    const { socket } = await started();
    socket.write(Buffer.concat([lengthPrefix(4), Buffer.from('49\x001')]));
    expect(await closed(socket)).toBe(true);
    await goodClientServed();
  });

  it('survives a truncated frame followed by a hang-up', async () => {
    const { socket } = await started();
    socket.write(Buffer.concat([lengthPrefix(200), Buffer.from('3\x001\x00265598\x00')]));
    socket.end();
    expect(await closed(socket)).toBe(true);
    await goodClientServed();
    expect(sim.clientCount()).toBe(1);
  });

  it('answers malformed fields in a well-framed request with 321 and keeps the connection', async () => {
    const { socket, received } = await started();
    socket.write(encodeFrame([3, 'not-a-number', 265598]));
    socket.write(encodeFrame([9, 8, 'x1']));
    socket.write(encodeFrame([49, 1]));
    const deadline = Date.now() + 2000;
    while (!/49 1 \d+ /.test(received().replaceAll('\0', ' '))) {
      if (Date.now() > deadline) throw new Error('no CURRENT_TIME after malformed requests');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(received()).toContain("Error validating request:-'3' : cause - field 1 is not an integer: \"not-a-number\"");
    expect(received()).toContain("Error validating request:-'9' : cause - field 2 is not an integer: \"x1\"");
    socket.destroy();
    await goodClientServed();
  });

  it('random bytes after START_API never crash the simulator or disturb another client', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 300 }), async (bytes) => {
        const { socket } = await started();
        socket.write(Buffer.from(bytes));
        // The connection is either dropped (bad framing) or still waiting for the rest of a frame.
        await new Promise((resolve) => setTimeout(resolve, 5));
        socket.destroy();
        await goodClientServed();
      }),
      { numRuns: 25, seed: 42 },
    );
    expect(sim.clientCount()).toBeGreaterThanOrEqual(1);
  });

  it('well-framed requests with random fields are answered or refused, never crash, and keep the connection', async () => {
    const ids = [1, 2, 3, 4, 5, 6, 7, 8, 9, 14, 15, 16, 17, 49, 58, 59, 61, 62, 63, 64, 71, 20, 92, 999];
    const field = fc.oneof(fc.constantFrom('', '0', '1', '-1', '265598', 'AAPL', 'STK', 'SMART', 'USD', 'BUY', 'LMT', 'MKT', 'GTC', '1e400', 'NaN', '2147483647', '1.7976931348623157E308'), fc.string({ maxLength: 8 }).filter((s) => !s.includes('\0')));
    const frame = fc.tuple(fc.constantFrom(...ids), fc.array(field, { maxLength: 40 }));
    const { socket, received } = await started();
    await fc.assert(
      fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 5 }), async (frames) => {
        for (const [id, fields] of frames) socket.write(encodeFrame([id, ...fields]));
        const before = received().length;
        socket.write(encodeFrame([49, 1]));
        const deadline = Date.now() + 2000;
        while (!/49 1 \d+ /.test(received().slice(before).replaceAll('\0', ' '))) {
          if (Date.now() > deadline) throw new Error('connection stopped answering');
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
      }),
      { numRuns: 30, seed: 11 },
    );
    expect(socket.destroyed).toBe(false);
    socket.destroy();
    await goodClientServed();
  });

  it('random bytes instead of a handshake are dropped', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 4, maxLength: 100 }).filter((b) => Buffer.from(b).subarray(0, 4).toString('latin1') !== 'API\0'), async (bytes) => {
        const socket = await rawSocket(sim.ports[0]?.port ?? 0);
        socket.on('error', () => undefined);
        socket.write(Buffer.from(bytes));
        expect(await closed(socket)).toBe(true);
      }),
      { numRuns: 15, seed: 7 },
    );
    await goodClientServed();
  });
});
