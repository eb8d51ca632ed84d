// Working orders against the quotes: which orders may work now (session, bracket
// parent, hold), their IB status, trailing, triggering, fills, OCA groups and
// bracket children. The order engine (order-engine.ts) builds on this for
// placing, modifying, cancelling and the session clock.

import { applyFill, orderCommission, roundCents, roundPrice } from './accounting';
import { isTerminal, ocaKey, type AccountState, type LiveOrder } from './live-order';
import type { SymbolBook } from './market';
import { awaitsTrigger, displayedSize, executablePrice, stopTouched, type MatchableOrder } from './matching';
import { isRestingType, isTrailType, isWorkedType, mayWorkIn } from './order-types';
import { nextTrailStop, trailLimit } from './trailing';
import type { SimExecution, SimOrder, SimOrderStatus, SimSession } from './types';

export interface EngineHost {
  now(): number;
  book(conId: number): SymbolBook | undefined;
  availableFunds(account: AccountState): number;
  emitOrder(order: SimOrder): void;
  emitExecution(execution: SimExecution): void;
  /** onPosition for conId (if given and held) and onAccount for the account. */
  emitAccountState(account: AccountState, conId: number | null): void;
}

function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

export class OrderWork {
  session: SimSession = 'OPEN';
  /** Orders that are transmitted and not finished, by conId (including ones waiting for a trigger, parent or session). */
  readonly working = new Map<number, LiveOrder[]>();
  protected holdingCancels = false;
  protected readonly pendingCancels: LiveOrder[] = [];
  private execSeq = 0;

  constructor(
    protected readonly host: EngineHost,
    private readonly execPrefix: string,
  ) {}

  /** Every working order of this symbol against the current quote; displayed size is shared among them. */
  matchBook(book: SymbolBook): void {
    const list = this.working.get(book.entry.conId);
    if (!list) return;
    const sizes = { ask: book.askSize, bid: book.bidSize };
    // Fills remove orders from the list, so walk a copy.
    for (const live of [...list]) this.matchOrder(live, sizes);
  }

  protected emit(live: LiveOrder): void {
    this.host.emitOrder({ ...live.order });
  }

  protected addWorking(live: LiveOrder): void {
    const list = this.working.get(live.order.conId);
    if (list) {
      if (!list.includes(live)) list.push(live);
    } else this.working.set(live.order.conId, [live]);
  }

  protected removeWorking(live: LiveOrder): void {
    const list = this.working.get(live.order.conId);
    if (!list) return;
    const i = list.indexOf(live);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.working.delete(live.order.conId);
  }

  protected parentOf(live: LiveOrder): LiveOrder | undefined {
    return live.order.parentId > 0 ? live.account.orders.get(live.order.parentId) : undefined;
  }

  protected childrenOf(live: LiveOrder): LiveOrder[] {
    return [...live.account.orders.values()].filter((o) => o.order.parentId === live.order.orderId);
  }

  /** Children wait (PreSubmitted) until their bracket parent has filled. */
  protected waitsForParent(live: LiveOrder): boolean {
    const parent = this.parentOf(live);
    return parent !== undefined && parent.order.status !== 'Filled';
  }

  protected canWork(live: LiveOrder): boolean {
    const status = live.order.status;
    if (live.held || isTerminal(live) || status === 'PendingSubmit') return false;
    return !this.waitsForParent(live) && mayWorkIn(this.session, live.order);
  }

  /** What IB would show now: PreSubmitted while waiting (session, parent, trigger), else Submitted. */
  protected desiredStatus(live: LiveOrder): SimOrderStatus {
    if (!this.canWork(live)) return 'PreSubmitted';
    if (isRestingType(live.order.orderType)) return 'Submitted';
    return awaitsTrigger(live.order) ? 'PreSubmitted' : 'Submitted';
  }

  protected refreshStatus(live: LiveOrder): void {
    const status = live.order.status;
    if (live.held || isTerminal(live) || status === 'PendingCancel' || status === 'PendingSubmit') return;
    const wanted = this.desiredStatus(live);
    if (wanted !== status) {
      live.order.status = wanted;
      this.emit(live);
    }
  }

  /** Match against the current quote, then report the status it settles in. */
  protected work(live: LiveOrder): void {
    this.matchOrder(live, { ask: live.book.askSize, bid: live.book.bidSize });
    this.refreshStatus(live);
  }

  private matchable(live: LiveOrder): MatchableOrder {
    const o = live.order;
    return {
      action: o.action,
      orderType: o.orderType,
      lmtTicks: live.lmtTicks,
      stopTicks: isTrailType(o.orderType) ? live.trailStopTicks : live.auxTicks,
      triggered: o.triggered,
    };
  }

  /** Moves a trail's stop with the last price; an openOrder reports each new stop (trailStopPrice). */
  private trailWith(live: LiveOrder): void {
    if (!live.trail || live.order.triggered) return;
    const next = nextTrailStop(live.trail, live.trailStopTicks, live.book.last);
    if (next === live.trailStopTicks) return;
    live.trailStopTicks = next;
    live.order.trailStopPrice = live.book.price(next);
    this.emit(live);
  }

  private matchOrder(live: LiveOrder, sizes: { ask: number; bid: number }): void {
    if (!this.canWork(live) || !isWorkedType(live.order.orderType)) return;
    const { order, book } = live;
    this.trailWith(live);
    let m = this.matchable(live);
    if (awaitsTrigger(m)) {
      if (!stopTouched(m, book)) return;
      order.triggered = true;
      if (order.orderType === 'TRAIL LIMIT' && live.trailStopTicks !== null) {
        live.lmtTicks = trailLimit(order.action, live.trailStopTicks, live.lmtOffsetTicks ?? 0);
        order.lmtPrice = book.price(live.lmtTicks);
      }
      // A triggered stop limit rests as a limit (Submitted); a triggered stop or trail trades at market at once.
      if (order.orderType === 'STP LMT' || order.orderType === 'TRAIL LIMIT') this.refreshStatus(live);
      m = this.matchable(live);
    }
    const priceTicks = executablePrice(m, book);
    if (priceTicks === null) return;
    const side = order.action === 'BUY' ? 'ask' : 'bid';
    const shown = Math.min(sizes[side], displayedSize(order.action, book));
    const shares = Math.min(order.remaining, shown);
    if (shares <= 0) return;
    sizes[side] -= shares;
    this.fill(live, shares, book.price(priceTicks));
  }

  protected fill(live: LiveOrder, shares: number, price: number): void {
    const { order, account, book } = live;
    order.filled += shares;
    order.remaining -= shares;
    live.filledValue += shares * price;
    order.avgFillPrice = roundPrice(live.filledValue / order.filled);
    order.lastFillPrice = price;
    // A fill racing a pending cancel leaves the cancel pending for the rest.
    if (order.remaining === 0) order.status = 'Filled';
    else if (order.status !== 'PendingCancel') order.status = 'Submitted';
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
      time: this.host.now(),
      commission,
    };
    account.executions.push(execution);
    if (order.status === 'Filled') this.removeWorking(live);

    this.emit(live);
    this.host.emitExecution({ ...execution });
    this.host.emitAccountState(account, order.conId);
    this.afterFill(live, shares);
  }

  /** OCA: the siblings are cancelled (type 1) or reduced (types 2, 3); a filled parent releases its children. */
  private afterFill(live: LiveOrder, shares: number): void {
    const key = ocaKey(live.order);
    if (key !== null) {
      const siblings = [...live.account.orders.values()].filter(
        (o) => o !== live && !isTerminal(o) && ocaKey(o.order) === key,
      );
      for (const sibling of siblings) {
        if (live.order.ocaType === 2 || live.order.ocaType === 3) this.reduce(sibling, shares);
        else this.cancelLive(sibling, false);
      }
    }
    if (live.order.status === 'Filled') {
      for (const child of this.childrenOf(live)) if (!child.held && !isTerminal(child)) this.work(child);
    }
  }

  private reduce(live: LiveOrder, shares: number): void {
    const o = live.order;
    const cut = Math.min(shares, o.remaining);
    if (cut >= o.remaining) {
      this.cancelLive(live, false);
      return;
    }
    o.quantity -= cut;
    o.remaining -= cut;
    this.emit(live);
  }

  /**
   * PendingCancel, then Cancelled (or left pending while cancels are held, when
   * `honourHold`); the order's bracket children go with it.
   */
  protected cancelLive(live: LiveOrder, honourHold: boolean): void {
    if (isTerminal(live)) return;
    if (live.order.status !== 'PendingCancel') {
      live.order.status = 'PendingCancel';
      this.emit(live);
    }
    if (honourHold && this.holdingCancels) {
      if (!this.pendingCancels.includes(live)) this.pendingCancels.push(live);
    } else this.completeCancel(live);
    for (const child of this.childrenOf(live)) this.cancelLive(child, honourHold);
  }

  protected completeCancel(live: LiveOrder): void {
    if (live.order.status !== 'PendingCancel') return;
    live.order.status = 'Cancelled';
    this.removeWorking(live);
    this.emit(live);
  }
}
