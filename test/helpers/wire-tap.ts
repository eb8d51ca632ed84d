// A TCP pass-through between the IB client and the simulator that records
// every client message in the order it reached the gateway, with the time it
// arrived (performance.now()). Bytes pass unchanged both ways, so the
// simulator and the client see a plain connection; tests assert the order of
// frames on the wire, and the benchmark can time a cancel against a backlog
// (first CANCEL_ORDER's `at` minus the moment cancel-all was asked).

import { createServer, connect, type Server, type Socket } from 'node:net';

export interface TappedFrame {
  /** performance.now() when the frame was read off the client's socket. */
  at: number;
  /** IB's outgoing message id (3 PLACE_ORDER, 4 CANCEL_ORDER, 58 REQ_GLOBAL_CANCEL, 49 REQ_CURRENT_TIME...). */
  msgId: number;
  fields: string[];
}

export interface WireTap {
  readonly host: string;
  readonly port: number;
  /** Client messages after the handshake (START_API first), in arrival order. */
  readonly frames: TappedFrame[];
  close(): Promise<void>;
}

/** Splits the client's byte stream: "API\0" + length + version, then length-prefixed frames. */
function clientFrameReader(onFrame: (frame: TappedFrame) => void): (chunk: Buffer) => void {
  let buffer = Buffer.alloc(0);
  let handshaken = false;
  return (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    if (!handshaken) {
      if (buffer.length < 8) return;
      const len = buffer.readUInt32BE(4);
      if (buffer.length < 8 + len) return;
      buffer = buffer.subarray(8 + len);
      handshaken = true;
    }
    while (buffer.length >= 4) {
      const len = buffer.readUInt32BE(0);
      if (buffer.length < 4 + len) return;
      const fields = buffer.subarray(4, 4 + len).toString('utf8').split('\0').slice(0, -1);
      buffer = buffer.subarray(4 + len);
      onFrame({ at: performance.now(), msgId: Number(fields[0]), fields });
    }
  };
}

export async function startWireTap(target: { host: string; port: number }): Promise<WireTap> {
  const frames: TappedFrame[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    sockets.add(client);
    sockets.add(upstream);
    const read = clientFrameReader((frame) => frames.push(frame));
    client.on('data', (chunk) => {
      read(chunk);
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => client.write(chunk));
    const end = (): void => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    host: '127.0.0.1',
    port,
    frames,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
