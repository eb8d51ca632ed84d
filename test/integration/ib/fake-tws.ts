// A scripted TWS stand-in for frames and sequences the simulator does not
// produce (malformed JSON, 10349, 10148, 1300...). It speaks just enough of
// the v100 protocol: handshake at server version 193, managed accounts and
// nextValidId after START_API; then it records every client message and lets
// the test write whatever frames it wants.

import { createServer, type Server, type Socket } from 'node:net';

export function frame(...fields: (string | number)[]): Buffer {
  const body = Buffer.from(fields.map(String).join('\0') + '\0', 'utf8');
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length);
  return Buffer.concat([head, body]);
}

export class FakeTws {
  /** Client messages after START_API, as token arrays (msg id first). */
  readonly received: string[][] = [];
  private socket: Socket | null = null;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(account = 'DU5', nextValidId = 1, serverVersion = 193): Promise<FakeTws> {
    let tws: FakeTws | null = null;
    const server = createServer((socket) => tws?.accept(socket, account, nextValidId, serverVersion));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const address = server.address();
    tws = new FakeTws(server, typeof address === 'object' && address ? address.port : 0);
    return tws;
  }

  send(...frames: Buffer[]): void {
    this.socket?.write(Buffer.concat(frames));
  }

  sentBy(msgId: number): string[][] {
    return this.received.filter((t) => Number(t[0]) === msgId);
  }

  /** Drops the current client's socket; the server keeps listening for the next connect. */
  dropClient(): void {
    this.socket?.destroy();
  }

  async close(): Promise<void> {
    this.socket?.destroy();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  private accept(socket: Socket, account: string, nextValidId: number, serverVersion: number): void {
    this.socket = socket;
    let buffer = Buffer.alloc(0);
    let handshaken = false;
    let started = false;
    socket.on('error', () => undefined);
    socket.on('data', (data) => {
      buffer = Buffer.concat([buffer, data]);
      if (!handshaken) {
        if (buffer.length < 8) return;
        const len = buffer.readUInt32BE(4); // after "API\0"
        if (buffer.length < 8 + len) return;
        buffer = buffer.subarray(8 + len);
        handshaken = true;
        socket.write(frame(String(serverVersion), '20240119 14:23:45 UTC'));
      }
      while (buffer.length >= 4) {
        const len = buffer.readUInt32BE(0);
        if (buffer.length < 4 + len) return;
        const tokens = buffer.subarray(4, 4 + len).toString('utf8').split('\0').slice(0, -1);
        buffer = buffer.subarray(4 + len);
        if (!started) {
          started = true; // START_API
          socket.write(Buffer.concat([frame(15, 1, account), frame(9, 1, nextValidId)]));
          continue;
        }
        this.received.push(tokens);
      }
    });
  }
}
