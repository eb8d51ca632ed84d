// Test client: the real, unmodified @stoqey/ib IBApi over TCP, recording every
// event it emits so tests can wait for (and assert on) what it decoded.

import { EventName, IBApi } from '@stoqey/ib';
import { connect as tcpConnect, type Socket } from 'node:net';

export interface RecordedEvent {
  name: string;
  args: unknown[];
}

type Matcher = (...args: never[]) => boolean;

interface Waiter {
  name: string;
  match: (args: unknown[]) => boolean;
  resolve: (args: unknown[]) => void;
}

export class TestClient {
  readonly ib: IBApi;
  readonly events: RecordedEvent[] = [];
  private waiters: Waiter[] = [];

  constructor(
    readonly port: number,
    readonly clientId: number,
    options: { maxReqPerSec?: number } = {},
  ) {
    this.ib = new IBApi({ host: '127.0.0.1', port, maxReqPerSec: options.maxReqPerSec ?? 1000 });
    this.ib.on(EventName.all, (name: string, args: unknown[]) => this.record(name, args));
    // 'error' is emitted through 'all' too, but an EventEmitter 'error' without a listener would throw.
    this.ib.on(EventName.error, () => undefined);
    this.ib.on(EventName.disconnected, () => undefined);
  }

  /** Connects and resolves with nextValidId. */
  async connect(timeoutMs = 2000): Promise<number> {
    const ready = this.waitFor(EventName.nextValidId, () => true, timeoutMs);
    this.ib.connect(this.clientId);
    const [orderId] = await ready;
    return orderId as number;
  }

  disconnect(): void {
    if (this.ib.isConnected) this.ib.disconnect();
  }

  /** Events with this name seen so far (their argument lists). */
  seen(name: string): unknown[][] {
    return this.events.filter((e) => e.name === name).map((e) => e.args);
  }

  /** Client-side decoding failures (505): the simulator sent a layout the client could not read. */
  decoderErrors(): unknown[][] {
    return this.seen(EventName.error).filter((args) => args[1] === 505);
  }

  /** Resolves with the first event (already seen since `since`, or future) that matches. */
  waitFor<M extends Matcher>(name: string, match: M, timeoutMs = 2000, since = 0): Promise<unknown[]> {
    const test = (args: unknown[]): boolean => (match as unknown as (...a: unknown[]) => boolean)(...args);
    const past = this.events.slice(since).find((e) => e.name === name && test(e.args));
    if (past) return Promise.resolve(past.args);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { name, match: test, resolve: (args) => { clearTimeout(timer); resolve(args); } };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`client ${this.clientId}: no ${name} event within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Resolves true if no matching event arrives within `ms` (for "nothing more came" assertions). */
  async quietFor(name: string, match: Matcher, ms: number): Promise<boolean> {
    try {
      await this.waitFor(name, match, ms, this.events.length);
      return false;
    } catch {
      return true;
    }
  }

  get mark(): number {
    return this.events.length;
  }

  private record(name: string, args: unknown[]): void {
    this.events.push({ name, args });
    for (const waiter of [...this.waiters]) {
      if (waiter.name === name && waiter.match(args)) {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        waiter.resolve(args);
      }
    }
  }
}

/** A raw TCP client for byte-level tests: handshake + START_API done by hand. */
export function rawSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

export function closed(socket: Socket, timeoutMs = 2000): Promise<boolean> {
  if (socket.destroyed || socket.readableEnded) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Polls a condition (for effects with no event to wait on, e.g. server-side client counts). */
export async function waitUntil(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
