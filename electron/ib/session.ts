// One account's connection to TWS / IB Gateway over @stoqey/ib's IBApi.
//
// Shape of a connection: TCP + handshake -> managedAccounts + nextValidId ->
// READY (initial requests out, orders allowed) -> closed. Each connect()
// builds a fresh IBApi with the session's pinned clientId: @stoqey/ib reuses
// its Socket across reconnects without detaching the old net.Socket and its
// rate limiter keeps draining queued messages (research §1.4 reconnect race),
// so a fresh client guarantees nothing queued on a dead connection is ever
// written to the next one. What must survive a reconnect lives here, on the
// session: the local next order id, the market-data subscriptions (with
// their live/delayed mode), known orders and fills.
//
// The session never retries by itself: the host's timer calls connect() again.

import { EventName, IBApi, MarketDataType } from '@stoqey/ib';
import type { CommissionReport, Contract, ContractDetails, Execution, IBApiCreationOptions, Order as IbOrder, OrderState } from '@stoqey/ib';
import type { FarmStatus, Fill, IbLinkState, Instrument, LogLevel, OrderRequest, Position } from '../../shared/model';
import type {
  BrokerConnectError,
  BrokerDeps,
  BrokerListener,
  BrokerOrderUpdate,
  BrokerSession,
  BrokerSessionConfig,
  BrokerSessionStatus,
  Scheduler,
  TimerHandle,
} from '../host/broker';
import { installDecoderGuard } from './guard';
import { OrderIds, RequestIds } from './ids';
import { Liveness } from './liveness';
import { connectErrors, endpoint, OrderRefusedError, sessionErrors } from './messages';
import { contractDetailsToInstrument, instrumentToContract, lookupContract } from './mapping/contract';
import { classifyIbMessage } from './mapping/errors';
import { commissionOf, executionToFill } from './mapping/execution';
import { openOrderToUpdate, OrderMappingError, toIbOrder } from './mapping/order';
import { mapIbOrderStatus } from './mapping/order-status';
import { ACCOUNT_SUMMARY_TAGS, accountValueUpdate, mergePosition, portfolioToPosition, positionFromIb } from './mapping/portfolio';
import { DELAYED_TICK, isUnsetTickValue, TICK_FIELD } from './mapping/ticks';

export interface IbSessionOptions {
  /** Liveness ping cadence while connected. Default 10 s. */
  pingIntervalMs?: number;
  /** How long after a ping silence means a dead link. Default 5 s. */
  pingTimeoutMs?: number;
  /** A connect attempt that is not READY by then fails. Default 10 s. */
  connectTimeoutMs?: number;
  /** Outgoing message cap for @stoqey/ib's limiter (IB allows 50/s). Default 40. */
  maxReqPerSec?: number;
  /** Builds the IB client; tests may wrap it. */
  createApi?: (options: IBApiCreationOptions) => IBApi;
}

const DEFAULTS = { pingIntervalMs: 10_000, pingTimeoutMs: 5_000, connectTimeoutMs: 10_000, maxReqPerSec: 40 };

interface Link {
  api: IBApi;
  phase: 'connecting' | 'ready' | 'closed';
  gotNextValidId: boolean;
  managed: string[] | null;
  promise: Promise<void>;
  resolve: () => void;
  reject: (e: BrokerConnectError) => void;
  connectTimer: TimerHandle | null;
  /** A reason seen before the socket closed (326, version), reported instead of "closed". */
  failure: BrokerConnectError | null;
}

interface Subscription {
  conId: number;
  instrument: Instrument;
  /** Current request id; 0 while not requested on this connection. */
  reqId: number;
  /** Requested with market data type 3 (no live permission). */
  wantDelayed: boolean;
  /** The mode last reported through onQuoteMode. */
  reportedDelayed: boolean;
}

interface KnownOrder {
  symbol: string;
  conId: number;
  clientId: number;
  status: string | null;
}

interface PendingLookup {
  symbol: string;
  results: Instrument[];
  resolve: (value: Instrument[]) => void;
  reject: (e: Error) => void;
  timer: TimerHandle;
}

export class IbSession implements BrokerSession {
  private readonly listener: BrokerListener;
  private readonly scheduler: Scheduler;
  private readonly options: typeof DEFAULTS;
  private readonly createApi: (options: IBApiCreationOptions) => IBApi;
  private readonly at: string;

  private link: Link | null = null;
  private readonly reqIds = new RequestIds();
  private readonly orderIds = new OrderIds();
  private accountCode: string | null = null;
  private serverVersion: number | null = null;
  private ibLink: IbLinkState = 'unknown';
  private readonly farms = new Map<string, FarmStatus>();
  private error: string | null = null;
  private readonly liveness: Liveness;

  private readonly subs = new Map<number, Subscription>();
  /** reqId -> subscription: the tick path's only lookup. */
  private readonly subByReqId = new Map<number, Subscription>();
  private readonly lookups = new Map<number, PendingLookup>();
  private accountSummaryReqId = 0;
  private executionsReqId = 0;
  /** Order ids listed since the connect-time open-order request, until its end. */
  private openOrdersListing: Set<number> | null = null;

  private readonly orders = new Map<number, KnownOrder>();
  /** Orders IB rejected: a following Cancelled/Inactive status keeps them 'rejected'. */
  private readonly rejected = new Set<number>();
  private readonly fills = new Map<string, Fill>();
  /** Commission reports that arrived before their execution. */
  private readonly earlyCommissions = new Map<string, number>();
  private readonly positions = new Map<number, Position>();

  constructor(
    readonly config: BrokerSessionConfig,
    deps: BrokerDeps,
    options: IbSessionOptions = {},
  ) {
    this.listener = deps.listener;
    this.scheduler = deps.scheduler;
    this.options = {
      pingIntervalMs: options.pingIntervalMs ?? DEFAULTS.pingIntervalMs,
      pingTimeoutMs: options.pingTimeoutMs ?? DEFAULTS.pingTimeoutMs,
      connectTimeoutMs: options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs,
      maxReqPerSec: options.maxReqPerSec ?? DEFAULTS.maxReqPerSec,
    };
    this.createApi = options.createApi ?? ((o) => new IBApi(o));
    this.at = endpoint(config.host, config.port);
    this.liveness = new Liveness(
      this.scheduler,
      this.options.pingIntervalMs,
      this.options.pingTimeoutMs,
      () => this.link?.api.reqCurrentTime(),
      (silentMs) => this.presumedDead(silentMs),
    );
  }

  // ---------------------------------------------------------------- lifecycle

  connect(): Promise<void> {
    const current = this.link;
    if (current && current.phase !== 'closed') return current.promise;

    const api = this.createApi({
      host: this.config.host,
      port: this.config.port,
      clientId: this.config.clientId,
      maxReqPerSec: this.options.maxReqPerSec,
    });
    let resolve: () => void = () => undefined;
    let reject: (e: BrokerConnectError) => void = () => undefined;
    const promise = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const link: Link = {
      api,
      phase: 'connecting',
      gotNextValidId: false,
      managed: null,
      promise,
      resolve,
      reject,
      connectTimer: null,
      failure: null,
    };
    this.link = link;
    this.ibLink = 'unknown';
    this.farms.clear();
    this.serverVersion = null;

    if (!installDecoderGuard(api, (where, e) => this.contained(where, e))) {
      this.log('warn', null, 'IB client guard not installed: this @stoqey/ib build has an unexpected shape');
    }
    this.wire(link);
    link.connectTimer = this.scheduler.setTimeout(
      () => this.failConnect(link, connectErrors.timeout(this.at, this.options.connectTimeoutMs)),
      this.options.connectTimeoutMs,
    );
    this.log('info', null, `connecting to ${this.at} as client id ${this.config.clientId}`);
    try {
      api.connect(this.config.clientId);
    } catch (e) {
      this.failConnect(link, connectErrors.failed(this.at, errorText(e)));
    }
    return promise;
  }

  disconnect(): void {
    const link = this.link;
    if (!link) return;
    if (link.phase === 'connecting') link.reject(connectErrors.disconnectRequested());
    this.error = null;
    this.teardown(link);
    this.log('info', null, `disconnected from ${this.at}`);
    this.emitStatus();
  }

  isConnected(): boolean {
    return this.link?.phase === 'ready';
  }

  private teardown(link: Link): void {
    if (link.phase === 'closed') return;
    link.phase = 'closed';
    if (link.connectTimer) this.scheduler.clear(link.connectTimer);
    link.connectTimer = null;
    // Detach first: the old client's late events (its 'close', a rate-limited
    // write failing) must not touch the session any more.
    link.api.removeAllListeners();
    try {
      link.api.disconnect();
    } catch {
      // already down
    }
    if (this.link !== link) return;
    this.link = null;
    this.liveness.stop();
    this.subByReqId.clear();
    for (const sub of this.subs.values()) sub.reqId = 0;
    this.accountSummaryReqId = 0;
    this.executionsReqId = 0;
    for (const [reqId, lookup] of this.lookups) {
      this.scheduler.clear(lookup.timer);
      this.lookups.delete(reqId);
      lookup.reject(new Error(sessionErrors.lookupConnectionLost(lookup.symbol)));
    }
  }

  private failConnect(link: Link, error: BrokerConnectError): void {
    if (link.phase !== 'connecting') return;
    this.error = error.message;
    this.log('error', null, error.message);
    this.teardown(link);
    link.reject(error);
    this.emitStatus();
  }

  /** A READY connection went away (socket closed, or we closed it). */
  private lost(link: Link, reason: string): void {
    if (link.phase !== 'ready') return;
    this.error = reason;
    this.log('error', null, reason);
    this.teardown(link);
    this.emitStatus();
  }

  private presumedDead(silentMs: number): void {
    const link = this.link;
    if (link) this.lost(link, sessionErrors.presumedDead(silentMs));
  }

  private maybeReady(link: Link): void {
    if (link.phase !== 'connecting' || !link.gotNextValidId || link.managed === null) return;
    const configured = this.config.accountCode.trim();
    const code = configured || link.managed[0] || '';
    if (!code || (configured && !link.managed.includes(configured))) {
      this.failConnect(link, connectErrors.accountNotManaged(configured || '(first managed)', link.managed.join(', ')));
      return;
    }
    this.accountCode = code;
    link.phase = 'ready';
    if (link.connectTimer) this.scheduler.clear(link.connectTimer);
    link.connectTimer = null;
    if (this.ibLink === 'unknown') this.ibLink = 'up';
    this.error = null;
    this.sendInitialRequests(link.api);
    this.liveness.start();
    this.log('info', null, `connected to ${this.at} as client id ${this.config.clientId}, account ${code}, next order id ${this.orderIds.peek()}`);
    this.emitStatus();
    link.resolve();
  }

  private sendInitialRequests(api: IBApi): void {
    api.reqMarketDataType(MarketDataType.REALTIME);
    this.requestAccountData(api);
    // All clients' open orders so the trader sees every working order; IB lets
    // only the placing client id cancel one (cancelOrder checks that).
    this.openOrdersListing = new Set();
    api.reqAllOpenOrders();
    this.executionsReqId = this.reqIds.take();
    api.reqExecutions(this.executionsReqId, { acctCode: this.accountCode ?? '' });
    this.requestAllQuotes(api);
  }

  private requestAccountData(api: IBApi): void {
    if (this.accountSummaryReqId) api.cancelAccountSummary(this.accountSummaryReqId);
    this.accountSummaryReqId = this.reqIds.take();
    api.reqAccountSummary(this.accountSummaryReqId, 'All', ACCOUNT_SUMMARY_TAGS);
    api.reqAccountUpdates(true, this.accountCode ?? '');
    api.reqPositions();
  }

  // ------------------------------------------------------------------ status

  private emitStatus(): void {
    const ready = this.link?.phase === 'ready';
    const status: BrokerSessionStatus = {
      connected: ready,
      readyForOrders: ready && this.orderIds.known() && this.ibLink !== 'down',
      ibLink: this.ibLink,
      farms: [...this.farms.values()].map((f) => ({ ...f })),
      accountCode: this.accountCode,
      serverVersion: this.serverVersion,
      error: this.error,
    };
    this.safeCall(() => this.listener.onStatus(status));
  }

  private log(level: LogLevel, code: number | null, message: string): void {
    this.safeCall(() => this.listener.onLog(level, code, message));
  }

  /** Calls into the host must never throw back into the IB client's socket handler. */
  private safeCall(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      try {
        this.listener.onLog('error', null, `host listener failed: ${errorText(e)}`);
      } catch {
        // the logger itself is broken; nothing left to tell
      }
    }
  }

  private contained(where: 'decode' | 'dispatch', e: unknown): void {
    const what = where === 'decode' ? 'a message from TWS could not be decoded and was skipped' : 'an IB event handler failed';
    this.log('error', null, `${what}: ${errorText(e)}`);
  }

  // ------------------------------------------------------------------ wiring

  private wire(link: Link): void {
    const api = link.api;
    // IBApi's typed overloads cannot take a generic event name; the handlers
    // below state each event's argument types themselves.
    const emitter = api as unknown as { on(event: string, fn: (...args: unknown[]) => void): unknown };
    const on = <A extends unknown[]>(event: EventName, handler: (...args: A) => void): void => {
      emitter.on(event, (...args: unknown[]) => {
        if (this.link !== link) return;
        try {
          handler(...(args as A));
        } catch (e) {
          this.contained('dispatch', e);
        }
      });
    };

    // Hot paths: no wrapper closure, no rest arrays.
    api.on(EventName.received, () => {
      if (this.link === link) this.liveness.life();
    });
    api.on(EventName.tickPrice, (reqId: number, tickType: number, value: number) => this.onTick(reqId, tickType, value));
    api.on(EventName.tickSize, (reqId: number, tickType: number | undefined, value: number | undefined) =>
      this.onTick(reqId, tickType ?? -1, value),
    );

    on(EventName.server, (version: number) => {
      this.serverVersion = version;
    });
    on(EventName.managedAccounts, (list: string) => {
      link.managed = String(list ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      this.maybeReady(link);
    });
    on(EventName.nextValidId, (id: number) => {
      this.orderIds.observe(id);
      link.gotNextValidId = true;
      this.maybeReady(link);
    });
    on(EventName.error, (err: Error | undefined, code: number, reqId: number) => {
      this.onMessage(link, code, reqId ?? -1, err?.message ?? '');
    });
    on(EventName.info, (message: string, code: number) => {
      this.onMessage(link, code, -1, message ?? '');
    });
    on(EventName.disconnected, () => {
      if (link.phase === 'connecting') this.failConnect(link, link.failure ?? connectErrors.closed(this.at));
      else this.lost(link, sessionErrors.lost(this.at));
    });
    on(EventName.tickString, (reqId: number, tickType: number) => {
      if (DELAYED_TICK[tickType] === 1) {
        const sub = this.subByReqId.get(reqId);
        if (sub) this.setQuoteMode(sub, true);
      }
    });
    on(EventName.marketDataType, (reqId: number, type: number) => {
      const sub = this.subByReqId.get(reqId);
      if (sub) this.setQuoteMode(sub, type === MarketDataType.DELAYED || type === MarketDataType.DELAYED_FROZEN);
    });
    on(EventName.openOrder, (orderId: number, contract: Contract, order: IbOrder, state: OrderState) =>
      this.onOpenOrder(orderId, contract, order, state),
    );
    on(EventName.openOrderEnd, () => this.onOpenOrderEnd());
    on(
      EventName.orderStatus,
      (orderId: number, status: string, filled: number, remaining: number, avgFillPrice: number, permId?: number, _parentId?: number, _last?: number, clientId?: number) =>
        this.onOrderStatus(orderId, status, filled, remaining, avgFillPrice, permId, clientId),
    );
    on(EventName.execDetails, (_reqId: number, contract: Contract, execution: Execution) => this.onExecution(contract, execution));
    on(EventName.commissionReport, (report: CommissionReport) => this.onCommission(report));
    on(EventName.position, (account: string, contract: Contract, pos: number, avgCost?: number) => {
      if (!this.isOurAccount(account)) return;
      this.emitPosition(positionFromIb(this.config.account, contract, pos, avgCost));
    });
    on(
      EventName.updatePortfolio,
      (contract: Contract, position: number, marketPrice: number, marketValue: number, averageCost?: number, unrealized?: number, realized?: number, accountName?: string) => {
        if (accountName !== undefined && !this.isOurAccount(accountName)) return;
        this.emitPosition(portfolioToPosition(this.config.account, contract, position, marketPrice, marketValue, averageCost, unrealized, realized));
      },
    );
    on(EventName.updateAccountValue, (key: string, value: string, currency: string, accountName: string) => {
      if (!this.isOurAccount(accountName)) return;
      this.emitAccountValue(key, value, currency);
    });
    on(EventName.accountSummary, (_reqId: number, account: string, tag: string, value: string, currency: string) => {
      if (!this.isOurAccount(account)) return;
      this.emitAccountValue(tag, value, currency);
    });
    on(EventName.contractDetails, (reqId: number, details: ContractDetails) => {
      const lookup = this.lookups.get(reqId);
      if (!lookup) return;
      const instrument = contractDetailsToInstrument(details);
      if (instrument && !lookup.results.some((i) => i.conId === instrument.conId)) lookup.results.push(instrument);
    });
    on(EventName.contractDetailsEnd, (reqId: number) => this.finishLookup(reqId, null));
  }

  private isOurAccount(account: string | undefined): boolean {
    return !this.accountCode || !account || account === this.accountCode;
  }

  // ------------------------------------------------------------ messages/errors

  private onMessage(link: Link, code: number, id: number, text: string): void {
    const { level, effect } = classifyIbMessage(code, id, text);
    this.log(level, code, id >= 0 ? `${text} (id ${id})` : text);
    switch (effect.kind) {
      case 'farm': {
        const key = `${effect.farm}:${effect.name}`;
        const before = this.farms.get(key);
        this.farms.set(key, { name: effect.name, kind: effect.farm, ok: effect.ok });
        // A market-data farm back after a break: streams on it may be dead.
        if (effect.ok && effect.farm === 'market' && before && !before.ok && link.phase === 'ready') {
          this.requestAllQuotes(link.api);
        }
        this.emitStatus();
        return;
      }
      case 'link':
        this.ibLink = effect.state === 'down' ? 'down' : 'up';
        if (effect.state === 'restored-data-lost' && link.phase === 'ready') {
          this.requestAllQuotes(link.api);
          this.requestAccountData(link.api);
        }
        this.emitStatus();
        return;
      case 'client-id-in-use':
        link.failure = connectErrors.clientIdInUse(this.config.clientId, this.at);
        if (link.phase === 'connecting') this.failConnect(link, link.failure);
        return;
      case 'unsupported-version':
        link.failure = connectErrors.unsupportedVersion(this.at, text);
        if (link.phase === 'connecting') this.failConnect(link, link.failure);
        return;
      case 'socket':
        if (effect.problem === 'connect-failed' && link.phase === 'connecting') {
          this.failConnect(link, /ECONNREFUSED/i.test(text) ? connectErrors.refused(this.at) : connectErrors.failed(this.at, text));
        }
        return;
      case 'port-reset':
        if (link.phase === 'ready') this.lost(link, `TWS reset its API port: ${text}`);
        return;
      case 'order-rejected':
        this.rejected.add(effect.orderId);
        this.orderUpdate(effect.orderId, { status: 'rejected', reason: text });
        // 103: another client moved the account's ids past ours; ask TWS where to continue.
        if (code === 103 && link.phase === 'ready') link.api.reqIds(1);
        return;
      case 'order-cancelled':
        if (this.rejected.has(effect.orderId)) return;
        this.orderUpdate(effect.orderId, { status: 'cancelled', reason: text });
        return;
      case 'cancel-rejected':
        this.orderUpdate(effect.orderId, { reason: text });
        return;
      case 'tif-changed':
        this.orderUpdate(effect.orderId, { tif: effect.tif, tifChanged: true });
        return;
      case 'market-data-delayed-needed':
        this.switchToDelayed(link, effect.reqId, text);
        return;
      case 'market-data-delayed': {
        const sub = this.subByReqId.get(effect.reqId);
        if (sub) this.setQuoteMode(sub, true);
        return;
      }
      case 'contract-not-found':
        if (this.lookups.has(effect.reqId)) this.finishLookup(effect.reqId, null);
        else if (this.subByReqId.has(effect.reqId)) this.quoteRefused(effect.reqId, text);
        else if (this.orders.has(effect.reqId)) {
          this.rejected.add(effect.reqId);
          this.orderUpdate(effect.reqId, { status: 'rejected', reason: text });
        }
        return;
      case 'request-failed':
        if (this.lookups.has(effect.reqId)) this.finishLookup(effect.reqId, new Error(text));
        else if (this.subByReqId.has(effect.reqId)) this.quoteRefused(effect.reqId, text);
        return;
      case 'order-warning':
      case 'market-data-partial':
      case 'pacing':
      case 'none':
        return;
    }
  }

  // ------------------------------------------------------------- market data

  subscribeQuotes(instrument: Instrument): void {
    if (this.subs.has(instrument.conId)) return;
    const sub: Subscription = { conId: instrument.conId, instrument, reqId: 0, wantDelayed: false, reportedDelayed: false };
    this.subs.set(instrument.conId, sub);
    const link = this.link;
    if (link?.phase === 'ready') this.requestQuote(link.api, sub);
  }

  unsubscribeQuotes(conId: number): void {
    const sub = this.subs.get(conId);
    if (!sub) return;
    this.subs.delete(conId);
    if (sub.reqId) {
      this.subByReqId.delete(sub.reqId);
      const link = this.link;
      if (link?.phase === 'ready') link.api.cancelMktData(sub.reqId);
    }
  }

  private requestQuote(api: IBApi, sub: Subscription): void {
    if (sub.reqId) {
      this.subByReqId.delete(sub.reqId);
      api.cancelMktData(sub.reqId);
    }
    sub.reqId = this.reqIds.take();
    this.subByReqId.set(sub.reqId, sub);
    // The data type applies to requests made after it: switch for this one
    // symbol and back, so symbols with live permission stay live.
    if (sub.wantDelayed) api.reqMarketDataType(MarketDataType.DELAYED);
    api.reqMktData(sub.reqId, instrumentToContract(sub.instrument), '', false, false);
    if (sub.wantDelayed) api.reqMarketDataType(MarketDataType.REALTIME);
  }

  private requestAllQuotes(api: IBApi): void {
    for (const sub of this.subs.values()) this.requestQuote(api, sub);
  }

  private switchToDelayed(link: Link, reqId: number, text: string): void {
    const sub = this.subByReqId.get(reqId);
    if (!sub) return;
    if (sub.wantDelayed) {
      // Already asked for delayed data and still refused: stop instead of looping.
      this.quoteRefused(reqId, `no market data available, not even delayed (${text})`);
      return;
    }
    sub.wantDelayed = true;
    this.log('info', null, `${sub.instrument.symbol}: no live market data permission, switching to delayed data`);
    this.setQuoteMode(sub, true);
    // The refused stream is dead on IB's side: forget its id without a cancel.
    this.subByReqId.delete(reqId);
    sub.reqId = 0;
    if (link.phase === 'ready') this.requestQuote(link.api, sub);
  }

  /** IB refused a market-data request: the stream is dead; keep the subscription for the next (re)connect. */
  private quoteRefused(reqId: number, text: string): void {
    const sub = this.subByReqId.get(reqId);
    if (!sub) return;
    this.subByReqId.delete(reqId);
    sub.reqId = 0;
    this.log('error', null, `${sub.instrument.symbol}: market data refused: ${text}`);
  }

  private setQuoteMode(sub: Subscription, delayed: boolean): void {
    if (sub.reportedDelayed === delayed) return;
    sub.reportedDelayed = delayed;
    this.safeCall(() => this.listener.onQuoteMode(sub.conId, delayed));
  }

  private onTick(reqId: number, tickType: number, value: number | undefined): void {
    try {
      const sub = this.subByReqId.get(reqId);
      if (sub === undefined) return;
      if (DELAYED_TICK[tickType] === 1 && !sub.reportedDelayed) this.setQuoteMode(sub, true);
      const field = TICK_FIELD[tickType];
      if (field === undefined || isUnsetTickValue(value)) return;
      this.listener.onTick(sub.conId, field, value as number);
    } catch (e) {
      this.contained('dispatch', e);
    }
  }

  // ------------------------------------------------------------------ lookups

  lookupSymbol(symbol: string, timeoutMs: number): Promise<Instrument[]> {
    const link = this.link;
    if (link?.phase !== 'ready') return Promise.reject(new Error(sessionErrors.lookupNotConnected(symbol)));
    const reqId = this.reqIds.take();
    return new Promise<Instrument[]>((resolve, reject) => {
      const timer = this.scheduler.setTimeout(() => {
        if (this.lookups.delete(reqId)) reject(new Error(sessionErrors.lookupTimeout(symbol, timeoutMs)));
      }, timeoutMs);
      this.lookups.set(reqId, { symbol, results: [], resolve, reject, timer });
      link.api.reqContractDetails(reqId, lookupContract(symbol));
    });
  }

  private finishLookup(reqId: number, error: Error | null): void {
    const lookup = this.lookups.get(reqId);
    if (!lookup) return;
    this.lookups.delete(reqId);
    this.scheduler.clear(lookup.timer);
    if (error) lookup.reject(error);
    else lookup.resolve(lookup.results);
  }

  /** Lookups still waiting for an answer (tests check that timeouts leave none behind). */
  pendingLookups(): number {
    return this.lookups.size;
  }

  // ------------------------------------------------------------------- orders

  placeOrder(request: OrderRequest, instrument: Instrument): number {
    const link = this.link;
    if (!link || link.phase === 'closed') throw new OrderRefusedError(sessionErrors.notConnected(this.config.account));
    if (link.phase !== 'ready' || !this.orderIds.known() || !this.accountCode) {
      throw new OrderRefusedError(sessionErrors.noOrderIds(this.config.account));
    }
    // TWS would hold it until its own link to IB is back (1100 ... 1101/1102).
    if (this.ibLink === 'down') throw new OrderRefusedError(sessionErrors.ibLinkDown(this.config.account));
    let ticket;
    try {
      ticket = toIbOrder(request, instrument, this.accountCode);
    } catch (e) {
      if (e instanceof OrderMappingError) throw new OrderRefusedError(e.message);
      throw e;
    }
    const orderId = this.orderIds.take();
    const now = this.scheduler.now();
    this.orders.set(orderId, { symbol: instrument.symbol, conId: instrument.conId, clientId: this.config.clientId, status: null });
    link.api.placeOrder(orderId, ticket.contract, ticket.order);
    this.safeCall(() =>
      this.listener.onOrder({
        account: this.config.account,
        orderId,
        permId: 0,
        clientId: this.config.clientId,
        symbol: instrument.symbol,
        conId: instrument.conId,
        side: request.side,
        type: request.type,
        quantity: request.quantity,
        limitPrice: request.limitPrice ?? null,
        stopPrice: request.stopPrice ?? null,
        tif: request.tif,
        tifChanged: false,
        status: 'pending-submit',
        filled: 0,
        remaining: request.quantity,
        avgFillPrice: null,
        reason: null,
        createdAt: now,
        updatedAt: now,
      }),
    );
    return orderId;
  }

  cancelOrder(orderId: number): void {
    const link = this.link;
    if (link?.phase !== 'ready') throw new OrderRefusedError(`account ${this.config.account} is not connected — cancel not sent`);
    if (orderId <= 0) throw new OrderRefusedError(`order ${orderId} was entered in TWS itself; cancel it there`);
    const known = this.orders.get(orderId);
    if (known && known.clientId !== this.config.clientId) {
      throw new OrderRefusedError(
        `order ${orderId} was placed by client id ${known.clientId}; IB lets only that client cancel it`,
      );
    }
    link.api.cancelOrder(orderId);
  }

  /**
   * Cancels every working order this client id placed. Not reqGlobalCancel:
   * that would also cancel orders other clients and TWS itself placed.
   */
  cancelAll(): void {
    const link = this.link;
    if (link?.phase !== 'ready') throw new OrderRefusedError(`account ${this.config.account} is not connected — cancel not sent`);
    for (const [orderId, order] of this.orders) {
      if (order.clientId === this.config.clientId && isWorking(order.status)) link.api.cancelOrder(orderId);
    }
  }

  private orderUpdate(orderId: number, fields: Partial<Omit<BrokerOrderUpdate, 'account' | 'orderId'>>): void {
    if (orderId < 0 || !this.orders.has(orderId)) return;
    const update: BrokerOrderUpdate = { account: this.config.account, orderId, ...fields, updatedAt: this.scheduler.now() };
    if (fields.status) {
      const known = this.orders.get(orderId);
      if (known) known.status = fields.status;
    }
    this.safeCall(() => this.listener.onOrder(update));
  }

  private onOpenOrder(ibOrderId: number, contract: Contract, order: IbOrder, state: OrderState): void {
    if (order.account && !this.isOurAccount(order.account)) return;
    const orderId = rowOrderId(ibOrderId, order.permId);
    const mapped = openOrderToUpdate(this.config.account, orderId, contract, order, state, this.scheduler.now());
    if ('skip' in mapped) {
      this.log('info', null, mapped.skip);
      return;
    }
    const update = mapped.update;
    this.openOrdersListing?.add(orderId);
    const known = this.orders.get(orderId);
    this.orders.set(orderId, {
      symbol: update.symbol ?? known?.symbol ?? '',
      conId: update.conId ?? known?.conId ?? 0,
      clientId: update.clientId ?? known?.clientId ?? this.config.clientId,
      status: update.status ?? known?.status ?? null,
    });
    if (this.rejected.has(orderId)) delete update.status;
    this.safeCall(() => this.listener.onOrder(update));
  }

  /**
   * The end of the open-order listing asked for on connect: the host marks
   * working rows IB no longer lists (cancelled or expired while we were away).
   */
  private onOpenOrderEnd(): void {
    const listed = this.openOrdersListing;
    if (!listed) return;
    this.openOrdersListing = null;
    this.safeCall(() => this.listener.onOpenOrdersEnd?.([...listed]));
  }

  private onOrderStatus(
    ibOrderId: number,
    status: string,
    filled: number,
    remaining: number,
    avgFillPrice: number,
    permId: number | undefined,
    clientId: number | undefined,
  ): void {
    const orderId = rowOrderId(ibOrderId, permId);
    const mapped = mapIbOrderStatus(status, filled ?? 0, remaining ?? 0);
    const known = this.orders.get(orderId);
    if (!known) {
      // TWS sends openOrder first; a status without one belongs to an order we
      // filtered out (another account, a type we do not show): no ghost rows.
      this.log('debug', null, `status ${status} for order ${orderId}, which this session does not show`);
      return;
    }
    if (mapped) known.status = mapped;
    const update: BrokerOrderUpdate = { account: this.config.account, orderId, updatedAt: this.scheduler.now() };
    if (mapped && !(this.rejected.has(orderId) && (mapped === 'cancelled' || mapped === 'inactive'))) update.status = mapped;
    if (Number.isFinite(filled)) update.filled = filled;
    if (Number.isFinite(remaining)) update.remaining = remaining;
    update.avgFillPrice = Number.isFinite(avgFillPrice) && avgFillPrice > 0 ? avgFillPrice : null;
    if (permId) update.permId = permId;
    if (clientId !== undefined) update.clientId = clientId;
    this.safeCall(() => this.listener.onOrder(update));
  }

  // -------------------------------------------------------------------- fills

  private onExecution(contract: Contract, execution: Execution): void {
    if (execution.acctNumber && !this.isOurAccount(execution.acctNumber)) return;
    const execId = execution.execId ?? '';
    const previous = this.fills.get(execId);
    const commission = previous?.commission ?? this.earlyCommissions.get(execId) ?? null;
    const mapped = executionToFill(this.config.account, contract, execution, commission, this.scheduler.now());
    if ('skip' in mapped) {
      this.log('warn', null, mapped.skip);
      return;
    }
    if (mapped.timeUnreadable) this.log('warn', null, `execution ${execId}: unreadable time "${execution.time ?? ''}", using receipt time`);
    this.earlyCommissions.delete(execId);
    this.fills.set(execId, mapped.fill);
    this.safeCall(() => this.listener.onFill(mapped.fill));
  }

  private onCommission(report: CommissionReport): void {
    const execId = report.execId;
    const commission = commissionOf(report);
    if (!execId || commission === null) return;
    const fill = this.fills.get(execId);
    if (!fill) {
      this.earlyCommissions.set(execId, commission);
      return;
    }
    if (fill.commission === commission) return;
    const updated: Fill = { ...fill, commission };
    this.fills.set(execId, updated);
    this.safeCall(() => this.listener.onFill(updated));
  }

  // ------------------------------------------------------- positions, account

  private emitPosition(next: Position): void {
    if (!next.conId) return;
    const merged = mergePosition(this.positions.get(next.conId), next);
    this.positions.set(next.conId, merged);
    this.safeCall(() => this.listener.onPosition(merged));
  }

  private emitAccountValue(tag: string, value: string, currency: string): void {
    const update = accountValueUpdate(this.config.account, tag, value, currency, this.scheduler.now());
    if (update) this.safeCall(() => this.listener.onAccount(update));
  }
}

/**
 * Orders entered in TWS itself reach reqAllOpenOrders with order id 0; keyed
 * by that they would all collapse into one row. Their permId is unique, so
 * such an order is shown as -permId: never one of our (positive) ids.
 */
export function rowOrderId(orderId: number, permId: number | undefined): number {
  return orderId > 0 || !permId || permId <= 0 ? orderId : -permId;
}

const WORKING = new Set<string>(['pending-submit', 'pre-submitted', 'submitted', 'partially-filled']);

function isWorking(status: string | null): boolean {
  // Unknown status: we just sent it and IB has not answered yet; still cancel it.
  return status === null || WORKING.has(status);
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

