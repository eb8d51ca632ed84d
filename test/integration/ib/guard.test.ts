// A frame the simulator will never produce: ERR_MSG with a malformed
// advancedOrderReject JSON. Unguarded, @stoqey/ib's JSON.parse throws out of
// the socket 'data' handler and kills the process (research D6). A tiny raw
// TWS stand-in sends it, followed in the same TCP write by a normal message.

import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSession, until, type Harness } from './harness';

function frame(...fields: (string | number)[]): Buffer {
  const body = Buffer.from(fields.map(String).join('\0') + '\0', 'utf8');
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length);
  return Buffer.concat([head, body]);
}

interface FakeTws {
  server: Server;
  port: number;
  client: () => Socket | null;
}

/** Answers the handshake and START_API like TWS at server version 193, then stays quiet. */
async function fakeTws(): Promise<FakeTws> {
  let client: Socket | null = null;
  const server = createServer((socket) => {
    client = socket;
    let buffer = Buffer.alloc(0);
    let stage = 0;
    socket.on('error', () => undefined);
    socket.on('data', (data) => {
      buffer = Buffer.concat([buffer, data]);
      if (stage === 0 && buffer.length >= 8) {
        const len = buffer.readUInt32BE(4); // after "API\0"
        if (buffer.length < 8 + len) return;
        buffer = buffer.subarray(8 + len);
        stage = 1;
        socket.write(frame('193', '20240119 14:23:45 UTC'));
      }
      if (stage === 1 && buffer.length >= 4) {
        const len = buffer.readUInt32BE(0);
        if (buffer.length < 4 + len) return;
        buffer = buffer.subarray(4 + len); // START_API
        stage = 2;
        socket.write(Buffer.concat([frame(15, 1, 'DU5'), frame(9, 1, 1)]));
      }
      // Everything later (the initial requests) is read and ignored.
      if (stage === 2) buffer = Buffer.alloc(0);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : 0, client: () => client };
}

let tws: FakeTws | null = null;
let h: Harness | null = null;
afterEach(async () => {
  h?.session.disconnect();
  if (tws) await new Promise<void>((r) => tws!.server.close(() => r()));
  tws = null;
});

describe('decoder guard', () => {
  it('survives a malformed advancedOrderReject and keeps decoding the next message', async () => {
    tws = await fakeTws();
    h = makeSession(tws.port, 1);
    await h.session.connect();
    expect(h.rec.lastStatus()).toMatchObject({ connected: true, accountCode: 'DU5' });

    tws.client()!.write(
      Buffer.concat([
        frame(4, 2, 5, 201, 'Order rejected - reason:test', '{not json'),
        frame(4, 2, -1, 2103, 'Market data farm connection is broken:usfarm', ''),
      ]),
    );
    await until('farm message after the bad frame', () => h!.rec.lastStatus()?.farms.some((f) => f.name === 'usfarm' && !f.ok) ?? false);
    const contained = h.rec.logs.filter((l) => l.message.startsWith('a message from TWS could not be decoded and was skipped: '));
    expect(contained).toHaveLength(1);
    expect(contained[0]!.level).toBe('error');
    expect(contained[0]!.message).toMatch(/JSON/);
    expect(h.session.isConnected()).toBe(true);
  });

  it('keeps going when a host listener throws', async () => {
    tws = await fakeTws();
    h = makeSession(tws.port, 2);
    await h.session.connect();
    h.rec.onStatus = () => {
      throw new Error('host bug');
    };
    tws.client()!.write(
      Buffer.concat([
        frame(4, 2, -1, 2103, 'Market data farm connection is broken:usfarm', ''),
        frame(4, 2, -1, 1100, 'Connectivity between IB and Trader Workstation has been lost.', ''),
      ]),
    );
    await until('both messages logged', () => h!.rec.logs.some((l) => l.code === 1100));
    expect(h.rec.logs.filter((l) => l.message === 'host listener failed: host bug')).toHaveLength(2);
    expect(h.session.isConnected()).toBe(true);
  });
});
