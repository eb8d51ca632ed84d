// The simulated market and broker, as pure state machines with no sockets.
// The wire server (electron/simulator/server) turns client requests into calls
// here and the callbacks into TWS messages. Times come from an injected clock so
// tests are deterministic.

export type SimSide = 'BUY' | 'SELL';
/** Types the matching engine works; other IB types are accepted and rest (see order-types.ts). */
export type SimOrderType = 'MKT' | 'LMT' | 'STP' | 'STP LMT' | 'TRAIL' | 'TRAIL LIMIT';
export type SimTif = 'DAY' | 'GTC';
/** New York trading session: pre-market 04:00-09:30, regular 09:30-16:00, after hours 16:00-20:00. */
export type SimSession = 'PRE' | 'OPEN' | 'POST' | 'CLOSED';
/** IB's status strings, exactly as ORDER_STATUS carries them. */
export type SimOrderStatus = 'PendingSubmit' | 'PreSubmitted' | 'Submitted' | 'PendingCancel' | 'Cancelled' | 'Filled' | 'Inactive';

export interface UniverseEntry {
  symbol: string;
  conId: number;
  primaryExchange: string;
  minTick: number;
  longName: string;
  /** Starting price for the random walk; also the previous close. */
  basePrice: number;
  /** False: the account has no live permission; live requests get 354/10089, delayed data is served. */
  livePermission: boolean;
}

/** Tick fields in TWS terms; the server maps them to tick type ids (1 bid, 2 ask, 4 last, ...). */
export type SimTickField = 'bid' | 'ask' | 'last' | 'high' | 'low' | 'close' | 'open' | 'bidSize' | 'askSize' | 'lastSize' | 'volume';

export interface SimQuote {
  bid: number;
  ask: number;
  last: number;
  high: number;
  low: number;
  open: number;
  close: number;
  bidSize: number;
  askSize: number;
  lastSize: number;
  volume: number;
}

export interface SimTick {
  conId: number;
  field: SimTickField;
  value: number;
}

export interface NewOrder {
  account: string;
  clientId: number;
  orderId: number;
  conId: number;
  action: SimSide;
  quantity: number;
  orderType: string; // validated by the exchange: anything but SimOrderType is rejected
  lmtPrice: number | null;
  auxPrice: number | null;
  tif: SimTif;
  /** TWS holds a transmit=false order without working it. */
  transmit: boolean;
  /** Bracket parent's order id (0 or absent: none). */
  parentId?: number;
  /** One-cancels-all group ('' or absent: none). */
  ocaGroup?: string;
  /** 1 cancel the rest on fill, 2 reduce the rest with block, 3 reduce the rest (default 1 when a group is set). */
  ocaType?: number;
  /** Allowed to work in pre-market and after hours (limits only, as IB). */
  outsideRth?: boolean;
  /** TRAIL / TRAIL LIMIT: the trailing amount in percent (instead of auxPrice). */
  trailingPercent?: number | null;
  /** TRAIL / TRAIL LIMIT: the initial stop price (null: derived from the last price). */
  trailStopPrice?: number | null;
  /** TRAIL LIMIT: limit = stop -/+ this offset once triggered. */
  lmtPriceOffset?: number | null;
}

export interface SimOrder {
  account: string;
  clientId: number;
  orderId: number;
  permId: number;
  conId: number;
  symbol: string;
  action: SimSide;
  quantity: number;
  /** As the client sent it (IB's type string); only SimOrderType types are matched. */
  orderType: string;
  lmtPrice: number | null;
  auxPrice: number | null;
  tif: SimTif;
  status: SimOrderStatus;
  parentId: number;
  ocaGroup: string;
  ocaType: number;
  outsideRth: boolean;
  trailingPercent: number | null;
  /** The current trailing stop (moves with the market), null for other types. */
  trailStopPrice: number | null;
  lmtPriceOffset: number | null;
  filled: number;
  remaining: number;
  avgFillPrice: number;
  lastFillPrice: number;
  /** Set once a stop has triggered. */
  triggered: boolean;
}

export interface SimExecution {
  execId: string;
  account: string;
  clientId: number;
  orderId: number;
  permId: number;
  conId: number;
  symbol: string;
  /** 'BOT' | 'SLD' as TWS reports sides on executions. */
  side: 'BOT' | 'SLD';
  shares: number;
  price: number;
  cumQty: number;
  avgPrice: number;
  exchange: string;
  /** Epoch ms. */
  time: number;
  commission: number;
}

export interface SimPosition {
  account: string;
  conId: number;
  symbol: string;
  position: number;
  avgCost: number;
  marketPrice: number;
  marketValue: number;
  unrealizedPnl: number;
  realizedPnl: number;
}

export interface SimAccountValues {
  account: string;
  netLiquidation: number;
  totalCashValue: number;
  buyingPower: number;
  availableFunds: number;
  unrealizedPnl: number;
  realizedPnl: number;
}

/** A what-if order's answer: margin before / change / after, equity with loan value, commission (USD). */
export interface SimWhatIf {
  initMarginBefore: number;
  maintMarginBefore: number;
  equityWithLoanBefore: number;
  initMarginChange: number;
  maintMarginChange: number;
  equityWithLoanChange: number;
  initMarginAfter: number;
  maintMarginAfter: number;
  equityWithLoanAfter: number;
  commission: number;
  minCommission: number;
  maxCommission: number;
  /** IB's reason when the order would not be accepted (margin or funds); '' when it would. */
  warningText: string;
}

/** A position an account holds when the simulator starts (bought before today). */
export interface SimStartingPosition {
  symbol: string;
  quantity: number;
  /** Cost basis per share. */
  avgCost: number;
}

/** An order finished today (filled, cancelled, or rejected), for reqCompletedOrders. */
export interface SimCompletedOrder {
  order: SimOrder;
  /** Epoch ms. */
  completedAt: number;
  /** TWS's words: "Filled", "Cancelled by Trader", "Rejected: <reason>". */
  completedStatus: string;
}

export interface SimPnlFigures {
  daily: number;
  unrealized: number;
  realized: number;
}

/** One symbol's daily P&L, with its position and value (reqPnLSingle). */
export interface SimSymbolPnl extends SimPnlFigures {
  position: number;
  value: number;
}

/** An IB-style refusal: the server sends ERR_MSG(orderId, code, message). */
export interface SimReject {
  code: number;
  message: string;
  /** A new order refused with 201 keeps a permId, as TWS's Inactive status and completed orders show it. */
  permId?: number;
}

export interface ExchangeListener {
  onTick(tick: SimTick): void;
  onOrder(order: SimOrder): void;
  onExecution(execution: SimExecution): void;
  onPosition(position: SimPosition): void;
  onAccount(values: SimAccountValues): void;
}

export interface ExchangeOptions {
  seed: number;
  accounts: string[];
  /** Cash each account starts with. */
  startingCash: number;
  now: () => number;
  /** Positions every account holds at the start (default none). */
  startingPositions?: readonly SimStartingPosition[];
  /** Made-up listings ZSYN0001... added after the universe, for scale runs (default 0; universe-synthetic.ts). */
  syntheticListings?: number;
}

export interface Exchange {
  readonly universe: readonly UniverseEntry[];
  /** Every entry whose symbol matches (one symbol is deliberately ambiguous: two entries). */
  findBySymbol(symbol: string): UniverseEntry[];
  findByConId(conId: number): UniverseEntry | undefined;
  quote(conId: number): SimQuote | undefined;
  /** Listeners get every tick, order, execution, position and account change. */
  addListener(listener: ExchangeListener): () => void;
  /**
   * Advance the random walk by exactly `count` ticks (the server paces calls).
   * Without `conIds` the ticks are spread over the whole universe. With `conIds`
   * (the symbols clients watch) they go to those symbols, plus, at a tenth of a
   * watched symbol's share, to symbols that only have working orders so their
   * stops and limits can still trigger. With `conIds` empty and no working
   * orders nothing moves and no tick is emitted. Same seed + same conId set
   * (in any order) = same market.
   */
  step(count: number, conIds?: readonly number[]): void;
  /** Current session; orders work only when it allows (see order-types.ts). Default OPEN. */
  readonly session: SimSession;
  /**
   * Enter a session: orders waiting for it start working; leaving OPEN cancels DAY orders
   * without outsideRth and executes MOC/LOC; reaching CLOSED cancels every DAY order.
   */
  setSession(session: SimSession): void;
  /** While true, cancels stop at PendingCancel (the exchange has not confirmed); false completes them. */
  holdCancels(hold: boolean): void;
  /** Set a symbol's price now (control API); matches resting orders. */
  movePrice(conId: number, price: number): void;
  /**
   * Validate and accept, or refuse with an IB code (201 buying power, 110 tick, 103 dup id, 387 type).
   * An id this client already used modifies that order (104 filled, 105 side/contract/type changed).
   */
  placeOrder(order: NewOrder): SimOrder | SimReject;
  cancelOrder(account: string, orderId: number): SimOrder | SimReject;
  cancelAll(account: string): SimOrder[];
  /** The next order placed on this account is rejected with 201 and this reason. */
  rejectNextOrder(account: string, reason: string): void;
  openOrders(account: string): SimOrder[];
  executions(account: string): SimExecution[];
  positions(account: string): SimPosition[];
  accountValues(account: string): SimAccountValues;
  /** Highest order id used by any client of this account, for nextValidId. */
  nextOrderId(account: string): number;
  /** What the order would do to margin and funds; never places it, never uses up its id. Refusals as placeOrder. */
  whatIf(order: NewOrder): SimWhatIf | SimReject;
  /** Today's filled, cancelled and rejected orders, oldest first. */
  completedOrders(account: string): SimCompletedOrder[];
  /** Daily, unrealized and realized P&L of the account. */
  pnl(account: string): SimPnlFigures;
  /** One symbol's P&L (zeros when never held today). */
  pnlSingle(account: string, conId: number): SimSymbolPnl;
}
