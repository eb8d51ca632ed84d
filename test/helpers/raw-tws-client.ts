// A raw-socket TWS API client for version tests: it sends the handshake with a
// chosen version range, writes requests with @stoqey/ib's own Encoder at the
// version the server answered, and decodes every frame with @stoqey/ib's own
// Decoder at that version (its readers gate fields by server version).

import { Decoder } from '@stoqey/ib/dist/core/io/decoder';
import { Encoder } from '@stoqey/ib/dist/core/io/encoder';
import { connect, type Socket } from 'node:net';

export interface RawEvent {
  name: string;
  args: unknown[];
}

function frame(body: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length);
  return Buffer.concat([head, body]);
}

function tokenText(t: unknown): string {
  if (t === true) return '1';
  if (t === false) return '0';
  if (t === undefined || t === null) return '';
  return String(t);
}

export class RawTwsClient {
  serverVersion = 0;
  readonly events: RawEvent[] = [];
  /** Decoder errors (505 and the like): a layout the client could not read. */
  readonly errors: Array<{ message: string; code: number; id: number | undefined }> = [];
  private pending = Buffer.alloc(0);
  private decoder: Decoder | null = null;
  private encoder: Encoder | null = null;
  private closed = false;
  private readonly listeners = new Set<() => void>();

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('close', () => {
      this.closed = true;
      this.notify();
    });
    socket.on('error', () => undefined);
  }

  /** Opens the socket and sends "API\0" + the range, e.g. "v157..178". */
  static async open(port: number, range: string): Promise<RawTwsClient> {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const client = new RawTwsClient(socket);
    socket.write(Buffer.concat([Buffer.from('API\0', 'latin1'), frame(Buffer.from(range, 'utf8'))]));
    return client;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Waits for the server's version frame (or the close), then sends START_API with `clientId`. */
  async start(clientId: number, timeoutMs = 3000): Promise<number> {
    await this.until(() => this.serverVersion > 0 || this.closed, timeoutMs);
    if (this.serverVersion === 0) throw new Error('the server closed the socket instead of answering the handshake');
    const v = this.serverVersion;
    this.decoder = new Decoder({
      serverVersion: v,
      emitEvent: (name: string, ...args: unknown[]) => this.push({ name, args }),
      emitError: (message: string, code: number, id?: number) => {
        this.push({ name: 'error', args: [message, code, id] });
        // Codes TWS sends arrive here too; 5xx are the client's own decoding failures.
        if (code >= 500 && code < 600) this.errors.push({ message, code, id });
      },
      emitInfo: (message: string, code: number) => this.push({ name: 'info', args: [message, code] }),
    } as never);
    this.encoder = new Encoder({
      serverVersion: v,
      sendMsg: (...tokens: unknown[]) => this.send((tokens as unknown[]).flat(Infinity as 1).map(tokenText)),
      emitError: (message: string) => {
        throw new Error(`encoder refused at ${v}: ${message}`);
      },
    } as never);
    this.send(['71', '2', String(clientId), '']);
    await this.waitFor('nextValidId');
    return v;
  }

  /** Sends what @stoqey/ib's Encoder writes for this call at the negotiated version. */
  request(call: (encoder: Encoder) => void): void {
    if (!this.encoder) throw new Error('start() first');
    call(this.encoder);
  }

  seen(name: string): unknown[][] {
    return this.events.filter((e) => e.name === name).map((e) => e.args);
  }

  /** The first event named `name` (seen from index `since` on) that matches. */
  async waitFor(name: string, match: (...args: never[]) => boolean = () => true, timeoutMs = 3000, since = 0): Promise<unknown[]> {
    let found: unknown[] | undefined;
    await this.until(() => {
      found = this.events.slice(since).find((e) => e.name === name && match(...(e.args as never[])))?.args;
      return found !== undefined;
    }, timeoutMs, name);
    return found ?? [];
  }

  close(): void {
    this.socket.destroy();
  }

  private send(fields: string[]): void {
    this.socket.write(frame(Buffer.from(fields.map((f) => `${f}\0`).join(''), 'utf8')));
  }

  private push(event: RawEvent): void {
    this.events.push(event);
    this.notify();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private until(done: () => boolean, timeoutMs: number, what = 'condition'): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!done()) return;
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error(`timed out waiting for ${what}; events: ${this.events.map((e) => e.name).join(', ')}`));
      }, timeoutMs);
      this.listeners.add(check);
    });
  }

  private onData(chunk: Buffer): void {
    this.pending = Buffer.concat([this.pending, chunk]);
    while (this.pending.length >= 4) {
      const length = this.pending.readUInt32BE(0);
      if (this.pending.length < 4 + length) break;
      const body = this.pending.subarray(4, 4 + length).toString('utf8');
      this.pending = this.pending.subarray(4 + length);
      const tokens = body.split('\0');
      if (tokens[tokens.length - 1] === '') tokens.pop();
      if (this.serverVersion === 0) {
        this.serverVersion = Number(tokens[0]);
        this.notify();
        continue;
      }
      this.decoder?.enqueueMessage(tokens);
      this.decoder?.process();
    }
  }
}
