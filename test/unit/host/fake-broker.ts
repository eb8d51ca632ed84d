// A scripted Broker for host unit tests: each connect() and lookupSymbol() call
// waits until the test answers it, so every interleaving is explicit.

import type { Instrument, OrderRequest } from '../../../shared/model';
import {
  BrokerConnectError,
  type Broker,
  type BrokerDeps,
  type BrokerListener,
  type BrokerSession,
  type BrokerSessionConfig,
  type BrokerSessionStatus,
} from '../../../electron/host/broker';

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export interface Lookup {
  symbol: string;
  timeoutMs: number;
  answer(instruments: Instrument[]): void;
  fail(error: Error): void;
}

export class FakeSession implements BrokerSession {
  readonly listener: BrokerListener;
  connected = false;
  connectCalls = 0;
  disconnectCalls = 0;
  /** Answer connect() at once with success (true) or wait for succeed()/fail(). */
  autoConnect = false;
  private pendingConnect: Deferred<void> | null = null;
  readonly lookups: Lookup[] = [];
  readonly subscribed: number[] = [];
  readonly unsubscribed: number[] = [];
  readonly placed: Array<{ request: OrderRequest; instrument: Instrument; orderId: number }> = [];
  readonly cancelled: number[] = [];
  cancelAllCalls = 0;
  /** What cancelAll() answers: how many orders the broker cancelled. */
  cancelAllCount = 0;
  nextOrderId = 100;
  refuseNextPlace: string | null = null;

  constructor(
    readonly config: BrokerSessionConfig,
    deps: BrokerDeps,
  ) {
    this.listener = deps.listener;
  }

  connect(): Promise<void> {
    this.connectCalls += 1;
    if (this.autoConnect) {
      this.up();
      return Promise.resolve();
    }
    this.pendingConnect = deferred<void>();
    return this.pendingConnect.promise;
  }

  /** Answers the pending connect() with success. */
  succeed(): void {
    const pending = this.pendingConnect;
    if (!pending) throw new Error(`no connect pending for ${this.config.account}`);
    this.pendingConnect = null;
    this.up();
    pending.resolve();
  }

  /** Answers the pending connect() with a BrokerConnectError. */
  fail(message: string, reason: BrokerConnectError['reason'] = 'refused'): void {
    const pending = this.pendingConnect;
    if (!pending) throw new Error(`no connect pending for ${this.config.account}`);
    this.pendingConnect = null;
    pending.reject(new BrokerConnectError(message, reason));
  }

  hasPendingConnect(): boolean {
    return this.pendingConnect !== null;
  }

  /** The socket dropped under a connected session. */
  drop(error: string): void {
    this.connected = false;
    this.emitStatus({ connected: false, readyForOrders: false, error });
  }

  emitStatus(patch: Partial<BrokerSessionStatus>): void {
    this.listener.onStatus({
      connected: this.connected,
      readyForOrders: this.connected,
      ibLink: 'up',
      farms: [],
      accountCode: 'DU1',
      serverVersion: 193,
      error: null,
      ...patch,
    });
  }

  private up(): void {
    this.connected = true;
    this.emitStatus({ connected: true, readyForOrders: true });
  }

  disconnect(): void {
    this.disconnectCalls += 1;
    if (!this.connected) return;
    this.connected = false;
    this.emitStatus({ connected: false, readyForOrders: false });
  }

  isConnected(): boolean {
    return this.connected;
  }

  lookupSymbol(symbol: string, timeoutMs: number): Promise<Instrument[]> {
    const d = deferred<Instrument[]>();
    this.lookups.push({ symbol, timeoutMs, answer: d.resolve, fail: d.reject });
    return d.promise;
  }

  subscribeQuotes(instrument: Instrument): void {
    this.subscribed.push(instrument.conId);
  }

  unsubscribeQuotes(conId: number): void {
    this.unsubscribed.push(conId);
  }

  placeOrder(request: OrderRequest, instrument: Instrument): number {
    if (this.refuseNextPlace !== null) {
      const reason = this.refuseNextPlace;
      this.refuseNextPlace = null;
      throw new Error(reason);
    }
    const orderId = this.nextOrderId++;
    this.placed.push({ request, instrument, orderId });
    return orderId;
  }

  cancelOrder(orderId: number): void {
    this.cancelled.push(orderId);
  }

  cancelAll(): number {
    this.cancelAllCalls += 1;
    return this.cancelAllCount;
  }
}

export class FakeBroker implements Broker {
  readonly name = 'ib' as const;
  readonly sessions: FakeSession[] = [];
  /** New sessions connect at once when true. */
  autoConnect = false;

  createSession(config: BrokerSessionConfig, deps: BrokerDeps): FakeSession {
    const session = new FakeSession(config, deps);
    session.autoConnect = this.autoConnect;
    this.sessions.push(session);
    return session;
  }

  /** The newest session of an account. */
  session(account: string): FakeSession {
    const found = [...this.sessions].reverse().find((s) => s.config.account === account);
    if (!found) throw new Error(`no session for ${account}`);
    return found;
  }
}

export function instrument(symbol: string, conId: number, patch: Partial<Instrument> = {}): Instrument {
  return {
    symbol,
    conId,
    secType: 'STK',
    exchange: 'SMART',
    primaryExchange: 'NASDAQ',
    currency: 'USD',
    minTick: 0.01,
    longName: `${symbol} Inc`,
    ...patch,
  };
}

/** Let resolved promises run their continuations (no timers involved). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}
