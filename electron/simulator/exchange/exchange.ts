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

import { AccountDay } from './account-day';
import { funds, roundCents, roundPrice, unrealizedPnl } from './accounting';
import { dailyPnl } from './daily-pnl';
import { TERMINAL, type AccountState } from './live-order';
import { Market, type SymbolBook } from './market';
import { OrderEngine } from './order-engine';
import { Prng } from './prng';
import { orderRejected } from './rejects';
import { stepTargets } from './step-targets';
import { TICK_FIELDS, TickQueue } from './tick-queue';
import { checkOrder, isReject } from './validate';
import { whatIf as whatIfFigures } from './what-if';
import type {
  Exchange, ExchangeListener, ExchangeOptions, NewOrder, SimAccountValues, SimCompletedOrder, SimExecution, SimOrder,
  SimPnlFigures, SimPosition, SimReject, SimSession, SimSymbolPnl, SimTick, SimWhatIf, UniverseEntry,
} from './types';
import { UNIVERSE, normaliseSymbol } from './universe';
import { syntheticListings } from './universe-synthetic';

/** Price-driven position/account updates come at most this often (in step ticks). */
export const MARK_EVERY_TICKS = 1000;

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
  readonly universe: readonly UniverseEntry[];
  private readonly market: Market;
  private readonly rng: Prng;
  private readonly now: () => number;
  private readonly accounts = new Map<string, AccountState>();
  private readonly engine: OrderEngine;
  private listeners: ExchangeListener[] = [];
  private readonly stepQueue = new TickQueue(16);
  private readonly controlQueue = new TickQueue(16);
  private ticksSinceMark = 0;
  private readonly day: AccountDay;
  private readonly emitTick = (conId: number, field: number, value: number): void => {
    const tick: SimTick = { conId, field: TICK_FIELDS[field] ?? 'last', value };
    const ls = this.listeners;
    for (let i = 0; i < ls.length; i++) (ls[i] as ExchangeListener).onTick(tick);
  };

  constructor(options: ExchangeOptions) {
    validateOptions(options);
    const synthetic = options.syntheticListings ?? 0;
    this.universe = synthetic > 0 ? Object.freeze([...UNIVERSE, ...syntheticListings(synthetic)]) : UNIVERSE;
    this.market = new Market(this.universe);
    this.rng = new Prng(options.seed);
    this.now = options.now;
    this.day = new AccountDay(options.now);
    this.engine = new OrderEngine({
      now: options.now,
      book: (conId) => this.market.book(conId),
      availableFunds: (account) => this.accountFunds(account).availableFunds,
      emitOrder: (order) => {
        this.day.noteOrder(order);
        for (const l of this.listeners) l.onOrder(order);
      },
      emitExecution: (execution) => {
        for (const l of this.listeners) l.onExecution(execution);
      },
      emitAccountState: (account, conId) => this.emitAccountState(account, conId),
    }, hex8(0x0000e000 + (Math.abs(Math.trunc(options.seed)) % 0x1000)));
    for (const id of options.accounts) {
      this.accounts.set(id, {
        id, cash: options.startingCash, highestOrderId: 0, rejectNext: null,
        orders: new Map(), positions: new Map(), executions: [],
      });
      const account = this.accounts.get(id);
      if (account) this.day.open(account, options.startingPositions ?? [], (symbol) => this.findBySymbol(symbol)[0]);
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
    const targets = conIds === undefined ? null : stepTargets(conIds, this.engine.working.keys(), (id) => this.market.book(id));
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
        this.engine.matchBook(book);
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
    this.engine.matchBook(book);
    this.emitMarks();
  }

  // ---- orders ----

  get session(): SimSession {
    return this.engine.session;
  }

  setSession(session: SimSession): void {
    this.engine.setSession(session, this.accounts.values());
  }

  holdCancels(hold: boolean): void {
    this.engine.holdCancels(hold);
  }

  placeOrder(n: NewOrder): SimOrder | SimReject {
    const account = this.accounts.get(n.account);
    if (!account) return orderRejected(`Account ${String(n.account)} is not managed by this gateway.`);
    const isNew = !account.orders.has(n.orderId) && n.orderId > account.highestOrderId;
    const result = this.engine.place(account, n);
    // A new order IB refuses outright (201) still gets a permId and belongs to the day's completed orders.
    if (isNew && isReject(result) && result.code === 201) {
      const permId = this.day.noteRefused(n, this.findByConId(n.conId), result);
      if (permId !== null) return { ...result, permId };
    }
    return result;
  }

  whatIf(n: NewOrder): SimWhatIf | SimReject {
    const account = this.accounts.get(n.account);
    if (!account) return orderRejected(`Account ${String(n.account)} is not managed by this gateway.`);
    const book = this.market.book(n.conId);
    const checked = checkOrder(n, book?.entry);
    if (isReject(checked)) return checked;
    if (!book) return orderRejected('Unknown contract.');
    const touch = book.price(checked.action === 'BUY' ? book.ask : book.bid);
    const price = checked.orderType === 'STP' ? (checked.auxPrice ?? touch) : (checked.lmtPrice ?? touch);
    const f = this.accountFunds(account);
    const value = checked.quantity * price;
    const refusal = checked.action === 'BUY' && value > f.availableFunds + 1e-9
      ? `Insufficient buying power. Order value ${value.toFixed(2)} USD exceeds available funds ${f.availableFunds.toFixed(2)} USD.`
      : null;
    const positions = [...account.positions].map(([conId, p]) => ({ conId, quantity: p.quantity, price: this.markPrice(conId) }));
    return whatIfFigures({
      positions, netLiquidation: f.netLiquidation, refusal,
      order: { conId: checked.entry.conId, side: checked.action, quantity: checked.quantity, price },
    });
  }

  completedOrders(accountId: string): SimCompletedOrder[] {
    const account = this.accounts.get(accountId);
    return account ? this.day.completedOrders(account) : [];
  }

  pnl(accountId: string): SimPnlFigures {
    const figures = { daily: 0, unrealized: 0, realized: 0 };
    const account = this.accounts.get(accountId);
    if (!account) return figures;
    const conIds = new Set([...account.positions.keys(), ...account.executions.map((e) => e.conId)]);
    for (const conId of conIds) {
      const one = this.pnlSingle(accountId, conId);
      figures.daily += one.daily;
      figures.unrealized += one.unrealized;
      figures.realized += one.realized;
    }
    return { daily: roundCents(figures.daily), unrealized: roundCents(figures.unrealized), realized: roundCents(figures.realized) };
  }

  pnlSingle(accountId: string, conId: number): SimSymbolPnl {
    const account = this.accounts.get(accountId);
    const book = this.market.book(conId);
    const p = account?.positions.get(conId);
    if (!account || !book) return { position: 0, daily: 0, unrealized: 0, realized: 0, value: 0 };
    const mark = this.markPrice(conId);
    const daily = dailyPnl({
      startQuantity: this.day.startQuantity(accountId, conId),
      previousClose: book.price(book.close),
      mark,
      fills: account.executions.filter((e) => e.conId === conId),
    });
    const quantity = p?.quantity ?? 0;
    return {
      position: quantity,
      daily,
      unrealized: p ? roundCents(unrealizedPnl(p, mark)) : 0,
      realized: p ? roundCents(p.realizedPnl) : 0,
      value: roundCents(quantity * mark),
    };
  }

  cancelOrder(accountId: string, orderId: number): SimOrder | SimReject {
    return this.engine.cancel(this.accounts.get(accountId), orderId);
  }

  cancelAll(accountId: string): SimOrder[] {
    const account = this.accounts.get(accountId);
    return account ? this.engine.cancelAll(account) : [];
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
      if (o.action === 'BUY' && !TERMINAL.has(o.status) && !live.held) reserved += o.remaining * live.refPrice;
    }
    return funds({ cash: account.cash, marketValue, reserved });
  }
}

export function createExchange(options: ExchangeOptions): Exchange {
  return new SimExchange(options);
}
