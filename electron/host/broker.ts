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
  Order,
  OrderRequest,
  Position,
  QuoteField,
} from '../../shared/model';

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
}

export interface BrokerSession {
  readonly config: BrokerSessionConfig;
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
  /** Sends now or refuses; never queues. Returns the order id used. */
  placeOrder(request: OrderRequest, instrument: Instrument): number;
  cancelOrder(orderId: number): void;
  /** Cancels this client's working orders; returns how many were cancelled (sent, or withdrawn before sending). */
  cancelAll(): number;
}

export interface BrokerDeps {
  listener: BrokerListener;
  /** Injected so liveness pings and request timeouts run on a fake clock in tests. */
  scheduler: Scheduler;
}

export interface Broker {
  readonly name: BrokerName;
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
