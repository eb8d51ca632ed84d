// One Webull account's session: the BrokerSession the host sees. Composes the
// signed HTTP API (behind the rate gate), the trade-event stream and the
// order part. Connect = the app key may trade the account (app subscriptions)
// + the event stream says SubscribeSuccess; then open orders, balance and
// positions are read. Never retries by itself: the host's timer does.

import type { Instrument, LogLevel, OrderRequest } from '../../shared/model';
import { BrokerConnectError, type BrokerDeps, type BrokerSession, type BrokerSessionConfig, type TimerHandle } from '../host/broker';
import { WebullApi } from './api';
import { webullEndpoints, type WebullRegion } from './endpoints';
import { EventStream } from './events';
import { WebullApiError, WebullHttp } from './http-client';
import { balanceToAccount, holdingToPosition } from './mapping/account';
import type { WebullOrderChanges, WebullOrderInput } from './mapping/order';
import { WebullOrders } from './orders';
import { RateGate, WEBULL_RATE_LIMITS, type RateLimit, type WebullEndpoint } from './rate-limit';
import { SymbolBook } from './symbols';

export interface WebullAccountCredentials {
  appKey: string;
  /** Null when the secret store has none (browser mode asks once per run). */
  appSecret: string | null;
  region: WebullRegion;
}

export interface WebullSessionOptions {
  /** The app key, secret and region of a configured account (settings + secret store). */
  credentials(accountId: string): WebullAccountCredentials | null | Promise<WebullAccountCredentials | null>;
  connectTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** Balance and positions are read this often while connected (Webull pushes no account events). */
  refreshMs?: number;
  /** Silence on the event stream for this long (Webull pings) means a dead link. */
  streamSilenceMs?: number;
  rateLimits?: Readonly<Record<WebullEndpoint, RateLimit>>;
}

/** What Webull's US stock OpenAPI offers this workstation, for the seam's per-broker capabilities. */
export const WEBULL_CAPABILITIES = {
  modify: true,
  bracket: false,
  trailing: true,
  outsideRth: true,
  whatIf: false,
  depth: false,
  history: false,
  tickByTick: false,
  pnl: false,
  quotes: false,
} as const;

/** Why a feature is off for a Webull account, as the UI says it. */
export const WEBULL_LACKS = 'Webull’s OpenAPI for US stocks does not offer this; it is off for Webull accounts';

type Phase = 'none' | 'connecting' | 'ready' | 'closed';

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export class WebullSession implements BrokerSession {
  readonly capabilities = WEBULL_CAPABILITIES;
  private phase: Phase = 'none';
  private api: WebullApi | null = null;
  private gate: RateGate | null = null;
  private stream: EventStream | null = null;
  private accountId: string | null = null;
  private timers: TimerHandle[] = [];
  private lastAlive = 0;
  private refreshing = false;
  private readonly orders: WebullOrders;
  private readonly symbols: SymbolBook;

  constructor(
    readonly config: BrokerSessionConfig,
    private readonly deps: BrokerDeps,
    private readonly options: WebullSessionOptions,
  ) {
    this.symbols = new SymbolBook(() => this.api);
    this.orders = new WebullOrders({
      account: config.account,
      ready: () => (this.phase === 'ready' && this.api && this.accountId ? { api: this.api, accountId: this.accountId } : null),
      instrumentId: (symbol) => this.symbols.instrumentId(symbol),
      listener: deps.listener,
      now: () => deps.scheduler.now(),
      log: (level, message) => this.log(level, message),
      accountChanged: () => void this.refreshAccount(),
    });
  }

  async connect(): Promise<void> {
    if (this.phase === 'connecting' || this.phase === 'ready') return;
    this.phase = 'connecting';
    try {
      await this.open();
    } catch (e) {
      this.teardown();
      this.phase = 'closed';
      const error = e instanceof BrokerConnectError ? e : new BrokerConnectError(errorText(e), 'other');
      this.status(false, error.message);
      throw error;
    }
  }

  disconnect(): void {
    if (this.phase === 'none' || this.phase === 'closed') return;
    this.teardown();
    this.phase = 'closed';
    this.status(false, null);
  }

  isConnected(): boolean {
    return this.phase === 'ready';
  }

  lookupSymbol(symbol: string): Promise<Instrument[]> {
    return this.symbols.lookup(symbol);
  }

  /** Webull's trading API streams no quotes here: the host then carries the symbol on another account. */
  subscribeQuotes(instrument: Instrument): void {
    throw new Error(`Webull account ${this.config.account} carries no quotes; ${instrument.symbol} streams from another account`);
  }

  unsubscribeQuotes(): void {}

  placeOrder(request: OrderRequest | WebullOrderInput, instrument: Instrument): number {
    return this.orders.place(request, instrument);
  }

  /** Modify = Webull's replace (quantity and prices); ready for the seam's modifyOrder. */
  modifyOrder(orderId: number, changes: WebullOrderChanges): void {
    this.orders.modify(orderId, changes);
  }

  cancelOrder(orderId: number): void {
    this.orders.cancel(orderId);
  }

  cancelAll(): number {
    return this.orders.cancelAll();
  }

  private async open(): Promise<void> {
    const { config, deps, options } = this;
    const creds = await options.credentials(config.account);
    if (!creds || !creds.appKey) throw new BrokerConnectError(`Webull account ${config.account} has no app key in settings`, 'other');
    if (!creds.appSecret) throw new BrokerConnectError(`Webull account ${config.account} has no app secret yet — enter it in Settings`, 'other');
    const credentials = { appKey: creds.appKey, appSecret: creds.appSecret };
    const endpoints = webullEndpoints(config.host, config.port, creds.region);
    const now = (): number => deps.scheduler.now();
    const http = new WebullHttp({ endpoints, credentials, now, timeoutMs: options.requestTimeoutMs ?? 10_000 });
    this.gate = new RateGate(deps.scheduler, options.rateLimits ?? WEBULL_RATE_LIMITS, { cancel: 50, openOrders: 2, balance: 2, positions: 2 });
    this.api = new WebullApi(http, this.gate);
    const at = `${endpoints.apiHost}:${endpoints.apiPort}`;
    let ids: string[];
    try {
      ids = await this.api.accountIds();
    } catch (e) {
      if (e instanceof WebullApiError) throw new BrokerConnectError(`Webull refused app key ${creds.appKey}: ${e.message}`, 'other');
      if (/ECONNREFUSED/.test(errorText(e))) throw new BrokerConnectError(`connection refused at ${at} — is the Webull endpoint reachable?`, 'refused');
      throw new BrokerConnectError(`connection to Webull at ${at} failed: ${errorText(e)}`, 'other');
    }
    const accountId = config.accountCode || ids[0];
    if (!accountId || !ids.includes(accountId)) {
      throw new BrokerConnectError(`Webull app key ${creds.appKey} may not trade account ${config.accountCode || '(none listed)'}`, 'other');
    }
    this.accountId = accountId;
    await this.openStream(new EventStream(endpoints, credentials, now), accountId);
    this.phase = 'ready';
    this.status(true, null);
    this.log('info', `Webull account ${accountId} connected (${at})`);
    await this.afterConnect(accountId);
  }

  private openStream(stream: EventStream, accountId: string): Promise<void> {
    this.stream = stream;
    const { scheduler } = this.deps;
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const timeoutMs = this.options.connectTimeoutMs ?? 10_000;
      const timer = scheduler.setTimeout(() => {
        if (settled) return;
        settled = true;
        reject(new BrokerConnectError(`the Webull event stream did not confirm within ${timeoutMs / 1000} s`, 'timeout'));
      }, timeoutMs);
      stream.open([accountId], {
        ready: () => {
          if (settled) return;
          settled = true;
          scheduler.clear(timer);
          resolve();
        },
        alive: () => (this.lastAlive = scheduler.now()),
        orderEvent: (payload) => this.orders.event(payload),
        ended: (reason) => {
          if (!settled) {
            settled = true;
            scheduler.clear(timer);
            reject(new BrokerConnectError(reason, /refused|UNAVAILABLE|ECONNREFUSED/i.test(reason) ? 'refused' : 'closed'));
            return;
          }
          this.lost(reason);
        },
      });
    });
  }

  /** Open orders (the host retires rows Webull no longer lists), balance, positions; then refresh on a timer. */
  private async afterConnect(accountId: string): Promise<void> {
    const { scheduler, listener } = this.deps;
    try {
      const listed = this.orders.listed(await this.requireApi().openOrders(accountId));
      this.safe(() => listener.onOpenOrdersEnd?.(listed));
    } catch (e) {
      this.log('warn', `open orders could not be read: ${errorText(e)}`);
    }
    await this.refreshAccount();
    this.lastAlive = scheduler.now();
    const silence = this.options.streamSilenceMs ?? 60_000;
    this.timers.push(scheduler.setInterval(() => void this.refreshAccount(), this.options.refreshMs ?? 5_000));
    this.timers.push(
      scheduler.setInterval(() => {
        if (scheduler.now() - this.lastAlive > silence) this.lost(`no message from Webull's event stream for ${silence / 1000} s — connection presumed dead`);
      }, Math.max(1_000, Math.floor(silence / 4))),
    );
  }

  private async refreshAccount(): Promise<void> {
    const api = this.api;
    const accountId = this.accountId;
    if (!api || !accountId || this.refreshing || this.phase !== 'ready') return;
    this.refreshing = true;
    try {
      const [balance, holdings] = await Promise.all([api.balance(accountId), api.positions(accountId)]);
      if (this.api !== api) return;
      const { listener, scheduler } = this.deps;
      this.safe(() => listener.onAccount(balanceToAccount(this.config.account, balance, scheduler.now())));
      for (const holding of holdings) {
        const position = holdingToPosition(this.config.account, holding);
        if (position) this.safe(() => listener.onPosition(position));
      }
    } catch (e) {
      this.log('debug', `account refresh skipped: ${errorText(e)}`);
    } finally {
      this.refreshing = false;
    }
  }

  private lost(reason: string): void {
    if (this.phase !== 'ready') return;
    this.teardown();
    this.phase = 'closed';
    this.log('warn', reason);
    this.status(false, reason);
  }

  private teardown(): void {
    for (const timer of this.timers) this.deps.scheduler.clear(timer);
    this.timers = [];
    this.stream?.close();
    this.stream = null;
    this.gate?.drain(`account ${this.config.account} disconnected — not sent`);
    this.gate = null;
    this.api = null;
  }

  private requireApi(): WebullApi {
    if (!this.api) throw new Error(`account ${this.config.account} is not connected`);
    return this.api;
  }

  private status(connected: boolean, error: string | null): void {
    this.safe(() =>
      this.deps.listener.onStatus({
        connected,
        readyForOrders: connected,
        ibLink: connected ? 'up' : 'unknown',
        farms: [],
        accountCode: this.accountId,
        serverVersion: null,
        error,
      }),
    );
  }

  private log(level: LogLevel, message: string): void {
    this.safe(() => this.deps.listener.onLog(level, null, message));
  }

  private safe(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      try {
        this.deps.listener.onLog('error', null, `host listener failed: ${errorText(e)}`);
      } catch {
        // the logger itself is broken; nothing left to tell
      }
    }
  }
}
