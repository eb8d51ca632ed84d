// The simulated market and broker behind the TWS wire server: a pure state
// machine with no sockets and no timers. The server paces it with step(count)
// and turns the listener callbacks into TWS messages.
//
// Emission contract:
// - onTick: every tick of step() (exactly `count` per call, none when given
//   conIds and no symbol is watched or working; see step-targets.ts) and of movePrice().
// - onOrder: every status change, with a copy of the order (PreSubmitted,
//   Submitted, partial Submitted, Filled, PendingCancel, Cancelled).
// - onExecution: every fill, after the onOrder that reports it.
// - onPosition / onAccount: after every fill and cancel of that account, and,
//   for price moves, at most once per MARK_EVERY_TICKS ticks of step() for
//   accounts that hold positions. positions() and accountValues() always answer
//   with the current marks; the server should use them for periodic updates.

import {
  applyFill, funds, orderCommission, roundCents, roundPrice, unrealizedPnl, type PositionBook,
} from './accounting';
import { awaitsTrigger, displayedSize, executablePrice, stopTouched } from './matching';
import { Market, type SymbolBook } from './market';
import { Prng } from './prng';
import { stepTargets } from './step-targets';
import {
  DUPLICATE_ORDER_ID, cancelNotCancellable, cancelNotFound, insufficientBuyingPower, orderRejected, validationError,
} from './rejects';
import { TICK_FIELDS, TickQueue } from './tick-queue';
import type {
  Exchange, ExchangeListener, ExchangeOptions, NewOrder, SimAccountValues, SimExecution, SimOrder, SimPosition,
  SimReject, SimTick, UniverseEntry,
} from './types';
import { UNIVERSE, normaliseSymbol } from './universe';
import { checkOrder, isReject } from './validate';

/** Price-driven position/account updates come at most this often (in step ticks). */
export const MARK_EVERY_TICKS = 1000;

const FIRST_PERM_ID = 1_200_000_001;

interface AccountState {
  readonly id: string;
  cash: number;
  highestOrderId: number;
  rejectNext: string | null;
  readonly orders: Map<number, LiveOrder>;
  readonly positions: Map<number, PositionBook>;
  readonly executions: SimExecution[];
}

interface LiveOrder {
  readonly order: SimOrder;
  readonly account: AccountState;
  readonly book: SymbolBook;
  readonly lmtTicks: number | null;
  readonly auxTicks: number | null;
  /** Price used to reserve funds for a working BUY (limit, stop, or the ask for MKT). */
  readonly refPrice: number;
  commissionPaid: number;
  filledValue: number;
}

const TERMINAL = new Set(['Filled', 'Cancelled', 'Inactive']);

function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

function validateOptions(options: ExchangeOptions): void {
  if (!Array.isArray(options.accounts) || options.accounts.length === 0) {
    throw new RangeError('ExchangeOptions.accounts must list at least one account code');
  }
  for (const a of options.accounts) {
    if (typeof a !== 'string' || a.trim() === '') throw new RangeError(`Invalid account code ${JSON.stringify(a)}`);
  }
  if (new Set(options.accounts).size !== options.accounts.length) {
    throw new RangeError('ExchangeOptions.accounts must not repeat an account code');
  }
  if (!Number.isFinite(options.startingCash) || options.startingCash < 0) {
    throw new RangeError(`ExchangeOptions.startingCash must be a non-negative number, got ${String(options.startingCash)}`);
  }
  if (typeof options.now !== 'function') throw new RangeError('ExchangeOptions.now must be a clock function');
}

class SimExchange implements Exchange {
  readonly universe: readonly UniverseEntry[] = UNIVERSE;
  private readonly market: Market = new Market(UNIVERSE);
  private readonly rng: Prng;
  private readonly now: () => number;
  private readonly accounts = new Map<string, AccountState>();
  /** Working (matchable) orders by conId, across accounts. */
  private readonly working = new Map<number, LiveOrder[]>();
  private listeners: ExchangeListener[] = [];
  private readonly stepQueue = new TickQueue(16);
  private readonly controlQueue = new TickQueue(16);
  private ticksSinceMark = 0;
  private nextPermId = FIRST_PERM_ID;
  private execSeq = 0;
  private readonly execPrefix: string;
  private readonly emitTick = (conId: number, field: number, value: number): void => {
    const tick: SimTick = { conId, field: TICK_FIELDS[field] ?? 'last', value };
    const ls = this.listeners;
    for (let i = 0; i < ls.length; i++) (ls[i] as ExchangeListener).onTick(tick);
  };

  constructor(options: ExchangeOptions) {
    validateOptions(options);
    this.rng = new Prng(options.seed);
    this.now = options.now;
    this.execPrefix = hex8(0x0000e000 + (Math.abs(Math.trunc(options.seed)) % 0x1000));
    for (const id of options.accounts) {
      this.accounts.set(id, {
        id, cash: options.startingCash, highestOrderId: 0, rejectNext: null,
        orders: new Map(), positions: new Map(), executions: [],
      });
    }
  }

  // ---- universe and quotes ----

  findBySymbol(symbol: string): UniverseEntry[] {
    if (typeof symbol !== 'string') return [];
    const wanted = normaliseSymbol(symbol);
    return this.universe.filter((e) => e.symbol === wanted);
  }

  findByConId(conId: number): UniverseEntry | undefined {
    return this.market.book(conId)?.entry;
  }

  quote(conId: number) {
    return this.market.book(conId)?.toQuote();
  }

  addListener(listener: ExchangeListener): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  step(count: number, conIds?: readonly number[]): void {
    const total = Number.isFinite(count) ? Math.floor(count) : 0;
    const targets = conIds === undefined ? null : stepTargets(conIds, this.working.keys(), (id) => this.market.book(id));
    // Nothing watched and nothing working: no symbol needs to move (leftover ticks wait for the next step).
    if (targets?.isEmpty) return;
    let emitted = 0;
    while (emitted < total) {
      if (this.stepQueue.length === 0) {
        let book: SymbolBook;
        if (targets) {
          book = targets.draw(this.rng);
          this.market.advanceBook(book, this.rng, this.stepQueue);
        } else book = this.market.advance(this.rng, this.stepQueue);
        this.matchBook(book);
      }
      this.stepQueue.shift(this.emitTick);
      emitted++;
    }
    this.ticksSinceMark += emitted;
    if (this.ticksSinceMark >= MARK_EVERY_TICKS) {
      this.ticksSinceMark = 0;
      this.emitMarks();
    }
  }

  movePrice(conId: number, price: number): void {
    const book = this.market.book(conId);
    if (!book) throw new RangeError(`movePrice: unknown conId ${conId}`);
    if (typeof price !== 'number' || !Number.isFinite(price) || price <= 0) {
      throw new RangeError(`movePrice: price must be a positive number, got ${String(price)}`);
    }
    this.market.setPrice(book, Math.round(price * book.perDollar), this.controlQueue);
    while (this.controlQueue.shift(this.emitTick));
    this.matchBook(book);
    this.emitMarks();
  }

  // ---- orders ----

  placeOrder(n: NewOrder): SimOrder | SimReject {
    const account = this.accounts.get(n.account);
    if (!account) return orderRejected(`Account ${String(n.account)} is not managed by this gateway.`);
    if (typeof n.orderId !== 'number' || !Number.isInteger(n.orderId) || n.orderId <= 0) {
      return validationError(`Invalid order id ${String(n.orderId)}.`);
    }
    if (n.orderId <= account.highestOrderId) return DUPLICATE_ORDER_ID;
    // The id is used up from here on, even if the order is refused below (TWS does the same).
    account.highestOrderId = n.orderId;

    if (account.rejectNext !== null) {
      const reason = account.rejectNext;
      account.rejectNext = null;
      return orderRejected(reason);
    }

    const checked = checkOrder(n, this.market.book(n.conId)?.entry);
    if (isReject(checked)) return checked;
    const book = this.market.book(checked.entry.conId) as SymbolBook;

    const refPrice = checked.lmtPrice ?? checked.auxPrice ?? book.price(book.ask);
    if (checked.action === 'BUY') {
      const value = checked.quantity * refPrice;
      const available = this.accountFunds(account).availableFunds;
      if (value > available + 1e-9) return insufficientBuyingPower(value, available);
    }

    const order: SimOrder = {
      account: account.id,
      clientId: n.clientId,
      orderId: n.orderId,
      permId: this.nextPermId++,
      conId: checked.entry.conId,
      symbol: checked.entry.symbol,
      action: checked.action,
      quantity: checked.quantity,
      orderType: checked.orderType,
      lmtPrice: checked.lmtPrice,
      auxPrice: checked.auxPrice,
      tif: checked.tif,
      status: n.transmit === false ? 'PendingSubmit' : 'PreSubmitted',
      filled: 0,
      remaining: checked.quantity,
      avgFillPrice: 0,
      lastFillPrice: 0,
      triggered: false,
    };
    const live: LiveOrder = {
      order, account, book, lmtTicks: checked.lmtTicks, auxTicks: checked.auxTicks, refPrice,
      commissionPaid: 0, filledValue: 0,
    };
    account.orders.set(order.orderId, live);
    this.emitOrder(live);
    // transmit=false: TWS holds the order without working it; only a cancel touches it.
    if (order.status === 'PendingSubmit') return { ...order };

    this.addWorking(live);
    this.matchOrder(live, { ask: book.askSize, bid: book.bidSize });
    // Limits (and market remainders) work at the exchange; untriggered stops stay PreSubmitted.
    if (order.status === 'PreSubmitted' && !awaitsTrigger(this.matchable(live))) {
      order.status = 'Submitted';
      this.emitOrder(live);
    }
    // Fills already reported position and account; otherwise the reservation changed AvailableFunds.
    if (order.filled === 0) this.emitAccountState(account, null);
    return { ...order };
  }

  cancelOrder(accountId: string, orderId: number): SimOrder | SimReject {
    const account = this.accounts.get(accountId);
    const live = account?.orders.get(orderId);
    if (!account || !live) return cancelNotFound(orderId);
    if (TERMINAL.has(live.order.status)) return cancelNotCancellable(orderId, live.order.status);
    this.cancelLive(live);
    this.emitAccountState(account, null);
    return { ...live.order };
  }

  cancelAll(accountId: string): SimOrder[] {
    const account = this.accounts.get(accountId);
    if (!account) return [];
    const cancelled: SimOrder[] = [];
    for (const live of account.orders.values()) {
      if (TERMINAL.has(live.order.status)) continue;
      this.cancelLive(live);
      cancelled.push({ ...live.order });
    }
    if (cancelled.length > 0) this.emitAccountState(account, null);
    return cancelled;
  }

  rejectNextOrder(accountId: string, reason: string): void {
    const account = this.accounts.get(accountId);
    if (!account) throw new RangeError(`rejectNextOrder: unknown account ${accountId}`);
    account.rejectNext = reason;
  }

  openOrders(accountId: string): SimOrder[] {
    const account = this.accounts.get(accountId);
    if (!account) return [];
    return [...account.orders.values()].filter((l) => !TERMINAL.has(l.order.status)).map((l) => ({ ...l.order }));
  }

  executions(accountId: string): SimExecution[] {
    return (this.accounts.get(accountId)?.executions ?? []).map((e) => ({ ...e }));
  }

  positions(accountId: string): SimPosition[] {
    const account = this.accounts.get(accountId);
    if (!account) return [];
    return [...account.positions.keys()].map((conId) => this.positionOf(account, conId));
  }

  accountValues(accountId: string): SimAccountValues {
    const account = this.accounts.get(accountId);
    if (!account) throw new RangeError(`accountValues: unknown account ${accountId}`);
    const f = this.accountFunds(account);
    let unrealized = 0;
    let realized = 0;
    for (const [conId, p] of account.positions) {
      unrealized += unrealizedPnl(p, this.markPrice(conId));
      realized += p.realizedPnl;
    }
    return {
      account: account.id,
      netLiquidation: roundCents(f.netLiquidation),
      totalCashValue: roundCents(account.cash),
      buyingPower: roundCents(f.buyingPower),
      availableFunds: roundCents(f.availableFunds),
      unrealizedPnl: roundCents(unrealized),
      realizedPnl: roundCents(realized),
    };
  }

  nextOrderId(accountId: string): number {
    return (this.accounts.get(accountId)?.highestOrderId ?? 0) + 1;
  }

  // ---- internals ----

  private matchable(live: LiveOrder) {
    return {
      action: live.order.action,
      orderType: live.order.orderType,
      lmtTicks: live.lmtTicks,
      auxTicks: live.auxTicks,
      triggered: live.order.triggered,
    };
  }

  private addWorking(live: LiveOrder): void {
    const list = this.working.get(live.order.conId);
    if (list) list.push(live);
    else this.working.set(live.order.conId, [live]);
  }

  private removeWorking(live: LiveOrder): void {
    const list = this.working.get(live.order.conId);
    if (!list) return;
    const i = list.indexOf(live);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.working.delete(live.order.conId);
  }

  /** Every working order of this symbol against the current quote; displayed size is shared among them. */
  private matchBook(book: SymbolBook): void {
    const list = this.working.get(book.entry.conId);
    if (!list) return;
    const sizes = { ask: book.askSize, bid: book.bidSize };
    // Fills remove orders from the list, so walk a copy.
    for (const live of [...list]) this.matchOrder(live, sizes);
  }

  private matchOrder(live: LiveOrder, sizes: { ask: number; bid: number }): void {
    const { order, book } = live;
    if (TERMINAL.has(order.status) || order.status === 'PendingSubmit') return;
    const top = book;
    const m = this.matchable(live);
    if (awaitsTrigger(m)) {
      if (!stopTouched(m, top)) return;
      order.triggered = true;
      m.triggered = true;
      if (order.orderType === 'STP LMT') {
        order.status = 'Submitted';
        this.emitOrder(live);
      }
    }
    const priceTicks = executablePrice(m, top);
    if (priceTicks === null) return;
    const side = order.action === 'BUY' ? 'ask' : 'bid';
    const shown = Math.min(sizes[side], displayedSize(order.action, top));
    const shares = Math.min(order.remaining, shown);
    if (shares <= 0) return;
    sizes[side] -= shares;
    this.fill(live, shares, book.price(priceTicks));
  }

  private fill(live: LiveOrder, shares: number, price: number): void {
    const { order, account, book } = live;
    order.filled += shares;
    order.remaining -= shares;
    live.filledValue += shares * price;
    order.avgFillPrice = roundPrice(live.filledValue / order.filled);
    order.lastFillPrice = price;
    order.status = order.remaining === 0 ? 'Filled' : 'Submitted';
    const totalCommission = orderCommission(order.filled, live.filledValue);
    const commission = roundCents(totalCommission - live.commissionPaid);
    live.commissionPaid = totalCommission;

    const before = account.positions.get(order.conId) ?? { quantity: 0, avgCost: 0, realizedPnl: 0 };
    const effect = applyFill(before, order.action, shares, price, commission);
    account.positions.set(order.conId, effect.position);
    account.cash += effect.cashDelta;

    const execution: SimExecution = {
      execId: `${this.execPrefix}.${hex8(0x65600000 + ++this.execSeq)}.01.01`,
      account: account.id,
      clientId: order.clientId,
      orderId: order.orderId,
      permId: order.permId,
      conId: order.conId,
      symbol: order.symbol,
      side: order.action === 'BUY' ? 'BOT' : 'SLD',
      shares,
      price,
      cumQty: order.filled,
      avgPrice: order.avgFillPrice,
      exchange: book.entry.primaryExchange,
      time: this.now(),
      commission,
    };
    account.executions.push(execution);
    if (order.status === 'Filled') this.removeWorking(live);

    this.emitOrder(live);
    for (const l of this.listeners) l.onExecution({ ...execution });
    this.emitAccountState(account, order.conId);
  }

  private cancelLive(live: LiveOrder): void {
    live.order.status = 'PendingCancel';
    this.emitOrder(live);
    live.order.status = 'Cancelled';
    this.removeWorking(live);
    this.emitOrder(live);
  }

  private emitOrder(live: LiveOrder): void {
    for (const l of this.listeners) l.onOrder({ ...live.order });
  }

  /** onPosition for one symbol (if given and held) and onAccount for the account. */
  private emitAccountState(account: AccountState, conId: number | null): void {
    if (this.listeners.length === 0) return;
    if (conId !== null && account.positions.has(conId)) {
      const p = this.positionOf(account, conId);
      for (const l of this.listeners) l.onPosition({ ...p });
    }
    const values = this.accountValues(account.id);
    for (const l of this.listeners) l.onAccount({ ...values });
  }

  private emitMarks(): void {
    if (this.listeners.length === 0) return;
    for (const account of this.accounts.values()) {
      let held = false;
      for (const [conId, p] of account.positions) {
        if (p.quantity === 0) continue;
        held = true;
        const snapshot = this.positionOf(account, conId);
        for (const l of this.listeners) l.onPosition({ ...snapshot });
      }
      if (held) {
        const values = this.accountValues(account.id);
        for (const l of this.listeners) l.onAccount({ ...values });
      }
    }
  }

  private markPrice(conId: number): number {
    const book = this.market.book(conId);
    return book ? book.price(book.last) : 0;
  }

  private positionOf(account: AccountState, conId: number): SimPosition {
    const p = account.positions.get(conId) ?? { quantity: 0, avgCost: 0, realizedPnl: 0 };
    const marketPrice = this.markPrice(conId);
    return {
      account: account.id,
      conId,
      symbol: this.market.book(conId)?.entry.symbol ?? '',
      position: p.quantity,
      avgCost: roundPrice(p.avgCost),
      marketPrice,
      marketValue: roundCents(p.quantity * marketPrice),
      unrealizedPnl: roundCents(unrealizedPnl(p, marketPrice)),
      realizedPnl: roundCents(p.realizedPnl),
    };
  }

  private accountFunds(account: AccountState) {
    let marketValue = 0;
    for (const [conId, p] of account.positions) marketValue += p.quantity * this.markPrice(conId);
    let reserved = 0;
    for (const live of account.orders.values()) {
      const o = live.order;
      if (o.action === 'BUY' && !TERMINAL.has(o.status) && o.status !== 'PendingSubmit') reserved += o.remaining * live.refPrice;
    }
    return funds({ cash: account.cash, marketValue, reserved });
  }
}

export function createExchange(options: ExchangeOptions): Exchange {
  return new SimExchange(options);
}
