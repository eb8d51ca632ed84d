// The seam between the host (state, policy, reconnect timer) and a broker
// adapter (wire protocol, id allocation, mapping). The host never sees IB types;
// "ib" is one implementation registered by name, so a second broker needs no
// host change.

import type {
  AccountValue,
  BrokerName,
  FarmStatus,
  Fill,
  IbLinkState,
  Instrument,
  LogLevel,
  MarketSession,
  Order,
  OrderGroup,
  OrderRequest,
  Position,
  QuoteField,
  WhatIfPreview,
} from '../../shared/model';
import type { Bar, BarSize, DepthBook, Print, StreamKind, StreamStatusEvent } from '../../shared/market-view';

export interface BrokerSessionConfig {
  /** Account id from settings. */
  account: string;
  host: string;
  port: number;
  clientId: number;
  /** IB account code to trade; empty = first managed account. */
  accountCode: string;
}

/** Why a connect attempt failed, in a trader's words (e.g. "client id 7 already in use"). */
export class BrokerConnectError extends Error {
  constructor(
    message: string,
    readonly reason: 'refused' | 'client-id-in-use' | 'unsupported-version' | 'timeout' | 'closed' | 'other',
  ) {
    super(message);
    this.name = 'BrokerConnectError';
  }
}

/** An order update as the broker reports it; merged by the host into Order rows. */
export type BrokerOrderUpdate = Pick<Order, 'account' | 'orderId'> & Partial<Omit<Order, 'key' | 'account' | 'orderId'>>;

/**
 * A finished order of today as the broker lists it after a connect (IB reqCompletedOrders).
 * IB sends no order id with it: the host merges it by permId.
 */
export type BrokerCompletedOrder = Partial<Omit<Order, 'key' | 'account' | 'orderId' | 'permId'>> & { permId: number };

/** Daily P&L of the account (conId null) or of one position. null = not reported. */
export type BrokerPnlUpdate =
  | { conId: null; daily: number | null; unrealized: number | null; realized: number | null }
  | { conId: number; position: number; daily: number | null; unrealized: number | null; realized: number | null; value: number | null };

/** A what-if answer before the host adds the account and symbol. */
export type BrokerWhatIf = Omit<WhatIfPreview, 'account' | 'symbol'>;

/** Session-level status, sent whole on every change. */
export interface BrokerSessionStatus {
  /** Socket to TWS/Gateway is open and the handshake done. */
  connected: boolean;
  /** nextValidId seen and connected: orders may be sent. */
  readyForOrders: boolean;
  ibLink: IbLinkState;
  farms: FarmStatus[];
  accountCode: string | null;
  serverVersion: number | null;
  /** Set when the socket dropped or a connect failed: the reason. */
  error: string | null;
  /** The trading session at the broker's clock (absent = the broker does not say). */
  session?: MarketSession | null;
  /**
   * Liveness in doubt: connected, but TWS has said nothing since this time
   * (epoch ms) and a ping is unanswered. New orders are refused meanwhile.
   * null (or absent) while TWS answers.
   */
  silentSince?: number | null;
}

/**
 * Callbacks, not an EventEmitter: the tick path runs hundreds of thousands of
 * times a second and must not allocate per tick.
 */
export interface BrokerListener {
  onStatus(status: BrokerSessionStatus): void;
  onTick(conId: number, field: QuoteField, value: number): void;
  /** The stream for conId switched between live and delayed data. */
  onQuoteMode(conId: number, delayed: boolean): void;
  onOrder(update: BrokerOrderUpdate): void;
  onFill(fill: Fill): void;
  onPosition(position: Position): void;
  onAccount(values: Pick<AccountValue, 'account'> & Partial<AccountValue>): void;
  onLog(level: LogLevel, code: number | null, message: string): void;
  /**
   * Optional: the open-orders replay after a (re)connect is complete (IB's
   * openOrderEnd) and these are the order ids still open for the account.
   * The host marks its other working rows of that account inactive: they
   * were cancelled, expired or filled while the session was down.
   */
  onOpenOrdersEnd?(openOrderIds: number[]): void;
  /** Market-view streams (optional: brokers without them never call these). History with replace, then live bars. */
  onBars?(key: string, bars: Bar[], replace: boolean): void;
  /** The stream's whole book after an operation; the host copies it when it flushes. */
  onDepth?(key: string, book: DepthBook): void;
  onPrint?(key: string, print: Print): void;
  onStreamStatus?(key: string, status: Pick<StreamStatusEvent, 'state' | 'code' | 'message'>): void;
  /** Optional: one of today's finished orders (filled, cancelled, rejected), listed after every connect. */
  onCompletedOrder?(order: BrokerCompletedOrder): void;
  /** Optional: daily P&L of the account or of one position (subscribed on every connect). */
  onPnl?(update: BrokerPnlUpdate): void;
  /**
   * Optional: today's executions asked for on connect have all arrived (IB's
   * execDetailsEnd). With onOpenOrdersEnd before it, the account's first full
   * sync is done: the host reconciles the order journal then.
   */
  onExecutionsEnd?(): void;
}

/** A market-view stream the host asks a session to carry (see shared/market-view.ts). */
export interface BrokerStream {
  key: string;
  kind: StreamKind;
  instrument: Instrument;
  /** Bars only. */
  barSize?: BarSize;
}

/**
 * Market-view streams, optional on a session: kept across reconnects and
 * re-requested after data loss, like quotes. A broker without them leaves both out.
 */
export interface BrokerStreams {
  subscribeStream?(stream: BrokerStream): void;
  unsubscribeStream?(key: string): void;
}

export interface BrokerSession extends BrokerStreams {
  readonly config: BrokerSessionConfig;
  /** Optional: the broker's capabilities, for parts that see only sessions (the quote book). */
  readonly capabilities?: BrokerCapabilities;
  /**
   * One connect attempt with the pinned clientId. Resolves once orders may be
   * sent (nextValidId) and the initial requests (account, positions, open
   * orders, executions, active quotes) are out; rejects with BrokerConnectError.
   * The host's timer decides when to try again; the session never retries itself.
   */
  connect(): Promise<void>;
  disconnect(): void;
  isConnected(): boolean;
  /** Contract details for a normalised symbol; every match (more than one = ambiguous). */
  lookupSymbol(symbol: string, timeoutMs: number): Promise<Instrument[]>;
  /** Start streaming; kept across reconnects and re-requested after data loss (1101, farm back). */
  subscribeQuotes(instrument: Instrument): void;
  unsubscribeQuotes(conId: number): void;
  /**
   * Optional: the order id the next placeGroup will use (its first leg), so the host can
   * journal the order under its id before it leaves. A session without it is
   * journaled right after placeGroup returns (only safe where sending is async).
   * A group's legs take consecutive ids from it.
   */
  peekOrderId?(): number;
  /**
   * Optional: never use order ids up to this one. The journal holds ids that
   * never reached IB, so IB's nextValidId after a restart may hand them out again.
   */
  skipOrderIdsThrough?(orderId: number): void;
  /**
   * One order, a bracket or an OCA group, all for `instrument`: sends every leg now or
   * refuses the whole group (OrderRefusedError-like Error with a sentence); never queues.
   * Returns the order ids used, in sending order (entry, take-profit, stop-loss; or legs).
   */
  placeGroup(group: OrderGroup, instrument: Instrument): number[];
  /**
   * Re-sends a working order this session placed with changed quantity, prices, trail or
   * TIF (`request` is the whole order as it should stand). Sends now or refuses; the
   * broker's answer arrives as order updates (a refusal as the row's reason).
   */
  modifyOrder(orderId: number, request: OrderRequest, instrument: Instrument): void;
  cancelOrder(orderId: number): void;
  /** Cancels this client's working orders; returns how many were cancelled (sent, or withdrawn before sending). */
  cancelAll(): number;
  /**
   * Optional: the broker's margin check of an order that is never placed (IB what-if).
   * Refuses like placeOrder (OrderRefusedError) when the order could not be sent now.
   */
  whatIf?(request: OrderRequest, instrument: Instrument): Promise<BrokerWhatIf>;
}

export interface BrokerDeps {
  listener: BrokerListener;
  /** Injected so liveness pings and request timeouts run on a fake clock in tests. */
  scheduler: Scheduler;
}

/**
 * What a broker can do, so the host refuses with a sentence what an account's broker
 * lacks instead of sending something the broker would mangle.
 */
export interface BrokerCapabilities {
  modify: boolean;
  bracket: boolean;
  trailing: boolean;
  outsideRth: boolean;
  whatIf: boolean;
  depth: boolean;
  history: boolean;
  tickByTick: boolean;
  pnl: boolean;
  /** False: the broker streams no quotes, so the quote book never makes its sessions carriers (absent = it does). */
  quotes?: boolean;
}

export type BrokerCapability = keyof BrokerCapabilities;

export interface Broker {
  readonly name: BrokerName;
  readonly capabilities: BrokerCapabilities;
  createSession(config: BrokerSessionConfig, deps: BrokerDeps): BrokerSession;
}

/** Timers behind an interface so tests drive them deterministically. */
export interface Scheduler {
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  setInterval(fn: () => void, ms: number): TimerHandle;
  clear(handle: TimerHandle): void;
}

export interface TimerHandle {
  readonly id: number;
}
