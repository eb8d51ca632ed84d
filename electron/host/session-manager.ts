// One broker session per configured account, each pinned to its own clientId.
// Sessions never retry on their own: the single reconnect timer gives every
// session that should be up and is not (and is not mid-attempt) one connect().
// Attempts are independent promises, so a slow or failing account never delays
// another. Every change of a session's ConnectionState is published.

import type { AccountConfig, ConnectionState } from '../../shared/model';
import { err, ok, type Result } from '../../shared/ipc';
import {
  BrokerConnectError,
  type BrokerListener,
  type BrokerSession,
  type BrokerSessionStatus,
  type Scheduler,
} from './broker';
import type { BrokerRegistry } from './broker-registry';
import { createReconnectTimer, DEFAULT_RECONNECT_INTERVAL_MS, type ReconnectTimer } from './reconnect-timer';

/** An account as the session manager runs it (settings accounts plus the demo). */
export interface SessionSpec extends AccountConfig {
  simulated: boolean;
}

export interface ManagedSession {
  readonly spec: SessionSpec;
  /** Null when the account names a broker that is not registered. */
  readonly session: BrokerSession | null;
  readonly state: ConnectionState;
}

export interface SessionManager {
  /** Make the running sessions match `specs`: add, remove, reconnect changed ones. */
  reconcile(specs: readonly SessionSpec[]): void;
  get(account: string): ManagedSession | undefined;
  list(): ManagedSession[];
  states(): ConnectionState[];
  /** A connected session for symbol lookups (orders-ready ones first). */
  lookupSession(): BrokerSession | null;
  /** Sessions connected and ready for requests, in settings order (market-data carriers). */
  readySessions(): BrokerSession[];
  connect(account: string): Result<null>;
  disconnect(account: string): Result<null>;
  start(): void;
  stop(): void;
}

export interface SessionManagerOptions {
  brokers: BrokerRegistry;
  scheduler: Scheduler;
  reconnectIntervalMs?: number;
  publish(state: ConnectionState): void;
  log(level: 'info' | 'warn' | 'error', account: string, message: string): void;
  /** Everything but status, which the manager handles itself. */
  listenerFor(account: string): Omit<BrokerListener, 'onStatus'>;
  onSessionCreated(account: string, session: BrokerSession): void;
  onSessionRemoved(account: string, session: BrokerSession): void;
  /** After each successful connect (initial requests are out). */
  onConnected(account: string, session: BrokerSession): void;
}

interface Entry {
  spec: SessionSpec;
  session: BrokerSession | null;
  state: ConnectionState;
  wanted: boolean;
  attempting: boolean;
  removed: boolean;
  /** The last failure logged: a gateway down all night logs once, not every 10 s. */
  lastFailure: string | null;
}

/** Fields whose change means a new connection, not an in-place update. */
function sameEndpoint(a: SessionSpec, b: SessionSpec): boolean {
  return (
    a.broker === b.broker &&
    a.host === b.host &&
    a.port === b.port &&
    a.clientId === b.clientId &&
    a.accountCode === b.accountCode &&
    a.simulated === b.simulated
  );
}

function sameState(a: ConnectionState, b: ConnectionState): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function initialState(spec: SessionSpec): ConnectionState {
  return {
    account: spec.id,
    name: spec.name,
    accountCode: spec.accountCode === '' ? null : spec.accountCode,
    host: spec.host,
    port: spec.port,
    clientId: spec.clientId,
    simulated: spec.simulated,
    socket: 'disconnected',
    ibLink: 'unknown',
    farms: [],
    readyForOrders: false,
    reconnectAt: null,
    error: null,
    serverVersion: null,
    silentSince: null,
  };
}

function formatInterval(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

export function createSessionManager(options: SessionManagerOptions): SessionManager {
  return new Sessions(options);
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Fatal failures show as 'error' instead of 'reconnecting' (the timer still retries). */
function isFatal(error: unknown): boolean {
  return error instanceof BrokerConnectError && (error.reason === 'client-id-in-use' || error.reason === 'unsupported-version');
}

class Sessions implements SessionManager {
  /** In settings order: readySessions() prefers the first account. */
  private readonly entries = new Map<string, Entry>();
  private readonly intervalMs: number;
  private readonly timer: ReconnectTimer;

  constructor(private readonly options: SessionManagerOptions) {
    this.intervalMs = options.reconnectIntervalMs ?? DEFAULT_RECONNECT_INTERVAL_MS;
    this.timer = createReconnectTimer({
      scheduler: options.scheduler,
      intervalMs: this.intervalMs,
      tick: () => {
        for (const entry of this.entries.values()) {
          if (entry.wanted && !entry.attempting && entry.session && !entry.session.isConnected()) this.attempt(entry);
        }
      },
    });
  }

  reconcile(specs: readonly SessionSpec[]): void {
    const wantedIds = new Set(specs.map((s) => s.id));
    for (const entry of [...this.entries.values()]) if (!wantedIds.has(entry.spec.id)) this.remove(entry);
    for (const spec of specs) {
      const entry = this.entries.get(spec.id);
      if (!entry) {
        this.create(spec);
      } else if (!sameEndpoint(entry.spec, spec)) {
        this.options.log('info', spec.id, `settings changed: reconnecting to ${spec.host}:${spec.port} as client ${spec.clientId}`);
        this.remove(entry);
        this.create(spec);
      } else {
        // Only a change of the setting itself connects or disconnects: an
        // unrelated edit (the watchlist) must not undo session.connect/disconnect.
        const enabledChanged = entry.spec.enabled !== spec.enabled;
        entry.spec = spec;
        this.update(entry, { name: spec.name });
        if (enabledChanged) this.setWanted(entry, spec.enabled);
      }
    }
    // Keep entries in settings order: readySessions() prefers the first account.
    for (const spec of specs) {
      const entry = this.entries.get(spec.id);
      if (!entry) continue;
      this.entries.delete(spec.id);
      this.entries.set(spec.id, entry);
    }
  }

  get(account: string): ManagedSession | undefined {
    const entry = this.entries.get(account);
    return entry ? view(entry) : undefined;
  }

  list(): ManagedSession[] {
    return [...this.entries.values()].map(view);
  }

  states(): ConnectionState[] {
    return [...this.entries.values()].map((e) => ({ ...e.state }));
  }

  lookupSession(): BrokerSession | null {
    let fallback: BrokerSession | null = null;
    for (const entry of this.entries.values()) {
      if (!entry.session || entry.state.socket !== 'connected') continue;
      if (entry.state.readyForOrders) return entry.session;
      fallback ??= entry.session;
    }
    return fallback;
  }

  readySessions(): BrokerSession[] {
    const ready: BrokerSession[] = [];
    for (const entry of this.entries.values()) {
      if (entry.session && entry.state.socket === 'connected' && entry.state.readyForOrders) ready.push(entry.session);
    }
    return ready;
  }

  connect(account: string): Result<null> {
    const entry = this.entries.get(account);
    if (!entry) return err('unknown-account', `unknown account "${account}"`);
    if (!entry.session) return err('broker-error', entry.state.error ?? `account "${account}" has no broker`);
    this.setWanted(entry, true);
    return ok(null);
  }

  disconnect(account: string): Result<null> {
    const entry = this.entries.get(account);
    if (!entry) return err('unknown-account', `unknown account "${account}"`);
    this.setWanted(entry, false);
    return ok(null);
  }

  start(): void {
    this.timer.start();
  }

  stop(): void {
    this.timer.stop();
    for (const entry of this.entries.values()) {
      entry.wanted = false;
      entry.session?.disconnect();
      this.update(entry, { socket: 'disconnected', readyForOrders: false, reconnectAt: null });
    }
  }

  private update(entry: Entry, patch: Partial<ConnectionState>): void {
    const next = { ...entry.state, ...patch };
    if (sameState(next, entry.state)) return;
    entry.state = next;
    this.options.publish({ ...next, farms: next.farms.map((f) => ({ ...f })) });
  }

  /** What a session that should be up but is not shows while it waits for the timer. */
  private waiting(reason: string, fatal: boolean): Partial<ConnectionState> {
    return {
      socket: fatal ? 'error' : 'reconnecting',
      readyForOrders: false,
      error: reason,
      reconnectAt: this.timer.nextTickAt(),
    };
  }

  private attempt(entry: Entry): void {
    const session = entry.session;
    if (!session || entry.attempting || entry.removed) return;
    entry.attempting = true;
    this.update(entry, { socket: 'connecting', readyForOrders: false, reconnectAt: null });
    let connecting: Promise<void>;
    try {
      connecting = session.connect();
    } catch (error) {
      connecting = Promise.reject(error);
    }
    connecting.then(
      () => this.connected(entry, session),
      (error: unknown) => this.failed(entry, error),
    );
  }

  private connected(entry: Entry, session: BrokerSession): void {
    entry.attempting = false;
    if (entry.removed || !entry.wanted) {
      session.disconnect();
      return;
    }
    this.update(entry, { socket: 'connected', readyForOrders: true, error: null, reconnectAt: null });
    entry.lastFailure = null;
    const { spec } = entry;
    this.options.log('info', spec.id, `connected to ${spec.host}:${spec.port} as client ${spec.clientId}`);
    try {
      this.options.onConnected(spec.id, session);
    } catch (error) {
      this.options.log('error', spec.id, `after connect: ${describe(error)}`);
    }
  }

  private failed(entry: Entry, error: unknown): void {
    entry.attempting = false;
    if (entry.removed) return;
    if (!entry.wanted) {
      this.update(entry, { socket: 'disconnected', readyForOrders: false, reconnectAt: null });
      return;
    }
    const message = describe(error);
    const fatal = isFatal(error);
    this.update(entry, this.waiting(message, fatal));
    if (entry.lastFailure === message) return;
    entry.lastFailure = message;
    const { spec } = entry;
    this.options.log(
      fatal ? 'error' : 'warn',
      spec.id,
      `could not connect to ${spec.host}:${spec.port} as client ${spec.clientId}: ${message}; retrying every ${formatInterval(this.intervalMs)}`,
    );
  }

  private onStatus(entry: Entry, status: BrokerSessionStatus): void {
    if (entry.removed) return;
    const common: Partial<ConnectionState> = {
      ibLink: status.ibLink,
      farms: status.farms.map((f) => ({ ...f })),
      accountCode: status.accountCode ?? entry.state.accountCode,
      serverVersion: status.serverVersion,
      silentSince: status.connected ? (status.silentSince ?? null) : null,
    };
    if (entry.attempting) {
      // connect() settles the socket state; until then only the detail changes.
      this.update(entry, common);
    } else if (status.connected) {
      this.update(entry, { ...common, socket: 'connected', readyForOrders: status.readyForOrders, error: null, reconnectAt: null });
    } else if (entry.wanted) {
      const wasUp = entry.state.socket === 'connected';
      const reason = status.error ?? 'connection lost';
      this.update(entry, { ...common, ...this.waiting(reason, entry.state.socket === 'error') });
      if (wasUp) this.options.log('warn', entry.spec.id, `disconnected: ${reason}; reconnecting on the next timer tick`);
    } else {
      this.update(entry, { ...common, socket: 'disconnected', readyForOrders: false, reconnectAt: null });
    }
  }

  private create(spec: SessionSpec): Entry {
    const entry: Entry = {
      spec,
      session: null,
      state: initialState(spec),
      wanted: spec.enabled,
      attempting: false,
      removed: false,
      lastFailure: null,
    };
    const broker = this.options.brokers.get(spec.broker);
    if (!broker) {
      entry.wanted = false;
      entry.state = { ...entry.state, socket: 'error', error: `no broker named "${spec.broker}" is available` };
    } else {
      const listener: BrokerListener = { ...this.options.listenerFor(spec.id), onStatus: (s) => this.onStatus(entry, s) };
      entry.session = broker.createSession(
        { account: spec.id, host: spec.host, port: spec.port, clientId: spec.clientId, accountCode: spec.accountCode },
        { listener, scheduler: this.options.scheduler },
      );
      this.options.onSessionCreated(spec.id, entry.session);
    }
    this.entries.set(spec.id, entry);
    this.options.publish({ ...entry.state });
    if (entry.wanted) this.attempt(entry);
    return entry;
  }

  private remove(entry: Entry): void {
    entry.removed = true;
    entry.wanted = false;
    this.entries.delete(entry.spec.id);
    if (entry.session) {
      entry.session.disconnect();
      this.options.onSessionRemoved(entry.spec.id, entry.session);
    }
    this.update(entry, { socket: 'disconnected', readyForOrders: false, reconnectAt: null, error: null });
  }

  private setWanted(entry: Entry, wanted: boolean): void {
    entry.wanted = wanted;
    if (wanted) {
      // An attempt still settling (after a disconnect mid-connect) decides the outcome.
      if (entry.attempting) this.update(entry, { socket: 'connecting', reconnectAt: null });
      else if (entry.session && !entry.session.isConnected()) this.attempt(entry);
    } else {
      entry.session?.disconnect();
      // Even mid-attempt: when that attempt settles it sees wanted=false and stays down.
      this.update(entry, { socket: 'disconnected', readyForOrders: false, reconnectAt: null, error: null });
    }
  }
}

function view(entry: Entry): ManagedSession {
  return { spec: entry.spec, session: entry.session, state: entry.state };
}
