// Domain types shared by main and renderer. Plain data only: everything here
// crosses IPC as structured-clone/JSON, so no classes, Dates or Maps.

export type Side = 'BUY' | 'SELL';
export type OrderType = 'market' | 'limit' | 'stop' | 'stop-limit' | 'trailing';
/**
 * An order row's type: one Janus models, or `foreign` for an order IB reports in a type
 * Janus does not model (REL, MOC, TRAIL LIMIT, ...). A foreign order is shown with IB's own
 * type text (`Order.ibType`) and prices, may be cancelled, and is never modified.
 */
export type OrderRowType = OrderType | 'foreign';
export type TimeInForce = 'GTC' | 'DAY';

/** A resolved US equity: what the symbol registry caches and orders are routed with. */
export interface Instrument {
  /** IB's symbol, normalised (e.g. "BRK B"). */
  symbol: string;
  conId: number;
  secType: 'STK';
  exchange: 'SMART';
  primaryExchange: string;
  currency: 'USD';
  /** Minimum price increment; 0 when unknown. */
  minTick: number;
  longName: string;
}

/** What a trader asks for. `account` is the id of a configured account (settings). */
export interface OrderRequest {
  account: string;
  side: Side;
  symbol: string;
  quantity: number;
  type: OrderType;
  /** Required for limit and stop-limit, absent otherwise. */
  limitPrice?: number;
  /** Required for stop and stop-limit, absent otherwise. */
  stopPrice?: number;
  tif: TimeInForce;
  /** Required for trailing, absent otherwise: trail by a dollar amount or by a percent of the price. */
  trail?: TrailSpec;
  /** Allowed to fill outside regular trading hours (IB outsideRth). Only limit and stop-limit. */
  outsideRth?: boolean;
}

/** How a trailing stop follows the market: IB TRAIL's auxPrice (amount) or trailingPercent. */
export type TrailSpec = { amount: number } | { percent: number };

/**
 * What the ticket and the command line produce: one order, a bracket (an entry with a
 * take-profit and/or stop-loss on the other side, OCA with each other), or an OCA group
 * (an exit: legs that close one position, the first fill cancels the rest).
 */
export type OrderGroup<O = OrderRequest> =
  | { kind: 'single'; order: O }
  | { kind: 'bracket'; entry: O; takeProfit?: O; stopLoss?: O }
  | { kind: 'oco'; legs: O[] };

export type OrderStatus =
  | 'pending-submit'
  | 'pre-submitted'
  | 'submitted'
  | 'partially-filled'
  | 'pending-cancel'
  | 'filled'
  | 'cancelled'
  | 'rejected'
  | 'inactive';

export const WORKING_STATUSES: readonly OrderStatus[] = [
  'pending-submit',
  'pre-submitted',
  'submitted',
  'partially-filled',
  'pending-cancel',
];

/** An order as the broker reports it. Keyed by (account, orderId). */
export interface Order {
  /** `${account}:${orderId}` — unique across accounts. */
  key: string;
  account: string;
  orderId: number;
  permId: number;
  clientId: number;
  symbol: string;
  conId: number;
  side: Side;
  type: OrderRowType;
  /**
   * IB's own order type text ("LMT", "TRAIL LIMIT", "REL"); the only type a `foreign` row
   * has. Absent = not reported (read as null).
   */
  ibType?: string | null;
  quantity: number;
  limitPrice: number | null;
  stopPrice: number | null;
  /** A trailing order's trail (absent/null otherwise). */
  trail?: TrailSpec | null;
  /** Where a trailing order's stop stands now, as IB reports it (absent/null = not known). */
  trailStopPrice?: number | null;
  /** Allowed to fill outside regular hours (absent = false). */
  outsideRth?: boolean;
  /** The bracket parent's order id, for a take-profit or stop-loss child (absent = null). */
  parentId?: number | null;
  /** The OCA group the order belongs to (bracket children, exits); absent = null. */
  ocaGroup?: string | null;
  /** The TIF the broker holds. */
  tif: TimeInForce;
  /** True when the broker changed the TIF from what we sent (e.g. IB 10349). */
  tifChanged: boolean;
  status: OrderStatus;
  filled: number;
  remaining: number;
  avgFillPrice: number | null;
  /** Broker's text for a rejection or cancellation, when it gave one. */
  reason: string | null;
  /** Epoch ms. */
  createdAt: number;
  updatedAt: number;
}

/** One execution. Keyed by execId: replays update, never duplicate. */
export interface Fill {
  execId: string;
  account: string;
  orderId: number;
  permId: number;
  symbol: string;
  conId: number;
  side: Side;
  quantity: number;
  price: number;
  exchange: string;
  commission: number | null;
  /** Epoch ms. */
  time: number;
}

export interface Position {
  account: string;
  symbol: string;
  conId: number;
  /** Signed: negative is short. */
  quantity: number;
  avgCost: number;
  marketPrice: number | null;
  marketValue: number | null;
  unrealizedPnl: number | null;
  realizedPnl: number | null;
}

/** The account figures a trader watches. null = not reported yet. */
export interface AccountValue {
  account: string;
  currency: string;
  netLiquidation: number | null;
  totalCash: number | null;
  buyingPower: number | null;
  availableFunds: number | null;
  unrealizedPnl: number | null;
  realizedPnl: number | null;
  /** Epoch ms of the last update. */
  updatedAt: number;
}

export type QuoteField =
  | 'bid'
  | 'ask'
  | 'last'
  | 'bidSize'
  | 'askSize'
  | 'lastSize'
  | 'high'
  | 'low'
  | 'open'
  | 'close'
  | 'volume';

export const QUOTE_FIELDS: readonly QuoteField[] = [
  'bid', 'ask', 'last', 'bidSize', 'askSize', 'lastSize', 'high', 'low', 'open', 'close', 'volume',
];

/** Latest market picture for one symbol. `close` is the previous close (change is against it). */
export interface Quote {
  symbol: string;
  conId: number;
  bid: number | null;
  ask: number | null;
  last: number | null;
  bidSize: number | null;
  askSize: number | null;
  lastSize: number | null;
  high: number | null;
  low: number | null;
  open: number | null;
  close: number | null;
  volume: number | null;
  /** True when the data is delayed (no live permission). */
  delayed: boolean;
  /** Epoch ms when the host received the newest tick in this quote. */
  updatedAt: number;
}

export type SocketState = 'disconnected' | 'connecting' | 'connected' | 'reconnecting' | 'error';
/** TWS/Gateway's own link to IB's servers (1100 lost, 1101/1102 restored). */
export type IbLinkState = 'unknown' | 'up' | 'down';
export type FarmKind = 'market' | 'historical' | 'secdef';

export interface FarmStatus {
  name: string;
  kind: FarmKind;
  ok: boolean;
}

/** One configured account's session, in the three layers a trader reads. */
export interface ConnectionState {
  /** Account id from settings. */
  account: string;
  name: string;
  /** IB account code once known (e.g. DU1234567). */
  accountCode: string | null;
  host: string;
  port: number;
  clientId: number;
  /** The embedded simulator (demo account). */
  simulated: boolean;
  socket: SocketState;
  ibLink: IbLinkState;
  farms: FarmStatus[];
  /** Orders are accepted only when true (connected and nextValidId seen). */
  readyForOrders: boolean;
  /** Epoch ms of the next reconnect attempt, when waiting for one. */
  reconnectAt: number | null;
  /** Why the session is not connected, in words. */
  error: string | null;
  serverVersion: number | null;
  /** Connected, but TWS silent since this epoch ms with a ping unanswered; null or absent while it answers. */
  silentSince?: number | null;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogEntry {
  seq: number;
  /** Epoch ms. */
  time: number;
  level: LogLevel;
  /** Account id, or 'host' for app-wide messages. */
  source: string;
  /** Broker message code (IB error/info code) when there is one. */
  code: number | null;
  message: string;
}

export type BrokerName = 'ib' | 'webull';

export interface AccountConfig {
  /** Stable id, used in commands (`@id` on the command line). */
  id: string;
  name: string;
  broker: BrokerName;
  host: string;
  port: number;
  clientId: number;
  /** IB account code; empty = the first managed account. */
  accountCode: string;
  /** Connect on start and keep reconnecting. */
  enabled: boolean;
  /** Webull only: the app key (its secret is never here: the host's secret store keeps it). */
  appKey?: string;
  /** Webull only: the region whose endpoints (and GTC rules) apply. */
  region?: WebullRegion;
}

export type WebullRegion = 'us' | 'hk' | 'jp';

export interface RiskLimits {
  /** Refuse orders above this many shares. null = no limit. */
  maxQuantity: number | null;
  /** Refuse orders above this notional (USD). null = no limit. */
  maxNotional: number | null;
  /** Refuse orders that would trade more than this % through the market. null = off. */
  priceBandPercent: number | null;
  /** Rate guard: refuse an account's orders beyond this many per second. null = off; absent = 5. */
  maxOrdersPerSecond?: number | null;
  /** Rate guard: refuse an account's orders beyond this many per minute. null = off; absent = 60. */
  maxOrdersPerMinute?: number | null;
}

export interface ConfirmThresholds {
  /** Ask before sending orders above this quantity. null = never ask. */
  quantityAbove: number | null;
  /** Ask before sending orders above this notional. null = never ask. */
  notionalAbove: number | null;
}

export interface Settings {
  version: 1;
  accounts: AccountConfig[];
  defaults: { tif: TimeInForce; quantity: number; account: string | null };
  risk: RiskLimits;
  confirm: ConfirmThresholds;
  watchlist: string[];
  /** Layout, table columns and hotkeys; absent in older files (defaults apply). */
  workspace?: WorkspaceSettings;
}

/** Everything the UI needs to draw its first frame. */
export interface Snapshot {
  connections: ConnectionState[];
  quotes: Quote[];
  orders: Order[];
  fills: Fill[];
  positions: Position[];
  accounts: AccountValue[];
  log: LogEntry[];
  settings: Settings;
  instruments: Instrument[];
}

/** One table's column choices: order, the hidden ones, widths in px. */
export interface TableColumns {
  order: string[];
  hidden: string[];
  sizes: Record<string, number>;
}

/** The trader's workspace, saved with the settings so it survives every start. */
export interface WorkspaceSettings {
  /** The docking layout as the layout library serialises it; null = the default layout. */
  layout: Record<string, unknown> | null;
  /** Table id (quotes, orders, fills, positions, account, log) -> its columns. */
  columns: Record<string, TableColumns>;
  hotkeys: { chord: string; action: string }[];
}
