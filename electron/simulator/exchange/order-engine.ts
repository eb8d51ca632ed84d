// Placing, modifying and cancelling orders, bracket transmission, and the
// session clock's effects (DAY expiry, MOC/LOC at the close, orders waiting for
// the open). Matching and fills are in order-work.ts.
//
// Modify (placeOrder again with a live order's id, from the client that placed
// it) changes quantity, prices, trail, TIF and outsideRth; a change of side,
// contract or type is 105, a filled order 104, as TWS answers.

import { isTerminal, type AccountState, type LiveOrder } from './live-order';
import { isAtCloseType, isTrailType } from './order-types';
import { OrderWork, type EngineHost } from './order-work';
import { nextTrailStop } from './trailing';
import {
  DUPLICATE_ORDER_ID, MODIFY_FILLED, MODIFY_MISMATCH, cancelNotCancellable, cancelNotFound, cancelNotInCancellableState,
  insufficientBuyingPower, orderRejected, parentNotFound, validationError,
} from './rejects';
import { checkOrder, isReject, type CheckedOrder } from './validate';
import type { NewOrder, SimOrder, SimReject, SimSession } from './types';

const FIRST_PERM_ID = 1_200_000_001;

export class OrderEngine extends OrderWork {
  private nextPermId = FIRST_PERM_ID;

  constructor(host: EngineHost, execPrefix: string) {
    super(host, execPrefix);
  }

  place(account: AccountState, n: NewOrder): SimOrder | SimReject {
    if (typeof n.orderId !== 'number' || !Number.isInteger(n.orderId) || n.orderId <= 0) {
      return validationError(`Invalid order id ${String(n.orderId)}.`);
    }
    const existing = account.orders.get(n.orderId);
    if (existing && existing.order.clientId === n.clientId) return this.modify(existing, n);
    if (n.orderId <= account.highestOrderId) return DUPLICATE_ORDER_ID;
    // The id is used up from here on, even if the order is refused below (TWS does the same).
    account.highestOrderId = n.orderId;
    if (account.rejectNext !== null) {
      const reason = account.rejectNext;
      account.rejectNext = null;
      return orderRejected(reason);
    }
    const book = this.host.book(n.conId);
    const checked = checkOrder(n, book?.entry);
    if (isReject(checked) || !book) return isReject(checked) ? checked : orderRejected('Unknown contract.');
    const parentId = n.parentId ?? 0;
    if (parentId > 0) {
      const parent = account.orders.get(parentId);
      if (!parent || isTerminal(parent)) return parentNotFound(parentId);
    }
    const refPrice = this.refPrice(checked, book.price(book.ask));
    if (checked.action === 'BUY') {
      const value = checked.quantity * refPrice;
      const available = this.host.availableFunds(account);
      if (value > available + 1e-9) return insufficientBuyingPower(value, available);
    }
    const held = n.transmit === false;
    const order: SimOrder = {
      account: account.id, clientId: n.clientId, orderId: n.orderId, permId: this.nextPermId++,
      conId: checked.entry.conId, symbol: checked.entry.symbol, action: checked.action, quantity: checked.quantity,
      orderType: checked.orderType, lmtPrice: checked.lmtPrice, auxPrice: checked.auxPrice, tif: checked.tif,
      status: held ? 'PendingSubmit' : 'PreSubmitted',
      parentId, ocaGroup: n.ocaGroup ?? '', ocaType: n.ocaGroup ? (n.ocaType || 1) : 0, outsideRth: n.outsideRth === true,
      trailingPercent: checked.trailingPercent, trailStopPrice: null, lmtPriceOffset: checked.lmtPriceOffset,
      filled: 0, remaining: checked.quantity, avgFillPrice: 0, lastFillPrice: 0, triggered: false,
    };
    const live: LiveOrder = {
      order, account, book, lmtTicks: checked.lmtTicks, auxTicks: checked.auxTicks,
      trail: null, trailStopTicks: null, lmtOffsetTicks: checked.lmtOffsetTicks, refPrice, held,
      commissionPaid: 0, filledValue: 0,
    };
    this.applyTrail(live, checked);
    account.orders.set(order.orderId, live);
    this.emit(live);
    if (!held) this.transmitGroup(live);
    // Fills already reported position and account; otherwise the reservation changed AvailableFunds.
    if (order.filled === 0) this.host.emitAccountState(account, null);
    return { ...order };
  }

  cancel(account: AccountState | undefined, orderId: number): SimOrder | SimReject {
    const live = account?.orders.get(orderId);
    if (!account || !live) return cancelNotFound(orderId);
    if (isTerminal(live)) return cancelNotCancellable(orderId, live.order.status);
    if (live.order.status === 'PendingCancel') return cancelNotInCancellableState(live.order.permId);
    this.cancelLive(live, true);
    this.host.emitAccountState(account, null);
    return { ...live.order };
  }

  cancelAll(account: AccountState): SimOrder[] {
    const cancelled: SimOrder[] = [];
    for (const live of account.orders.values()) {
      if (isTerminal(live) || live.order.status === 'PendingCancel') continue;
      this.cancelLive(live, true);
      cancelled.push({ ...live.order });
    }
    if (cancelled.length > 0) this.host.emitAccountState(account, null);
    return cancelled;
  }

  holdCancels(hold: boolean): void {
    this.holdingCancels = hold;
    if (hold) return;
    const pending = this.pendingCancels.splice(0);
    for (const live of pending) {
      this.completeCancel(live);
      this.host.emitAccountState(live.account, null);
    }
  }

  /**
   * Leaving the regular session executes MOC/LOC and cancels DAY orders that may
   * not trade outside it; reaching CLOSED cancels the DAY orders that worked
   * extended hours (outsideRth). Then
   * every order re-reads its status and works if it now may.
   */
  setSession(session: SimSession, accounts: Iterable<AccountState>): void {
    const previous = this.session;
    if (previous === session) return;
    this.session = session;
    const all = [...accounts].flatMap((a) => [...a.orders.values()]).filter((l) => !isTerminal(l));
    if (previous === 'OPEN') {
      for (const live of all.filter((l) => isAtCloseType(l.order.orderType) && !l.held)) this.executeAtClose(live);
      for (const live of all.filter((l) => l.order.tif === 'DAY' && !l.order.outsideRth)) this.cancelLive(live, false);
    }
    // DAY orders without outsideRth placed after 16:00 are for the next regular session, as at IB.
    if (session === 'CLOSED') for (const live of all.filter((l) => l.order.tif === 'DAY' && l.order.outsideRth)) this.cancelLive(live, false);
    for (const live of all) if (!isTerminal(live) && !live.held) this.work(live);
    // Accounts with orders: cancels and fills changed their reservations and positions.
    for (const account of new Set(all.map((l) => l.account))) this.host.emitAccountState(account, null);
  }

  // ---- internals ----

  private refPrice(checked: CheckedOrder, ask: number): number {
    if (checked.orderType === 'STP') return checked.auxPrice ?? ask;
    if (isTrailType(checked.orderType)) return ask;
    return checked.lmtPrice ?? ask;
  }

  private applyTrail(live: LiveOrder, checked: CheckedOrder): void {
    if (!isTrailType(checked.orderType)) return;
    live.trail = { action: checked.action, amountTicks: checked.auxTicks, percent: checked.trailingPercent };
    // TWS shows the stop from the moment it accepts the order: the requested one, or last -/+ the trail.
    live.trailStopTicks = checked.trailStopTicks ?? nextTrailStop(live.trail, null, live.book.last);
    live.order.trailStopPrice = live.book.price(live.trailStopTicks);
  }

  /** TWS transmits a held bracket with its last order: the parent and every held child start working. */
  private transmitGroup(live: LiveOrder, announceSelf = false): void {
    const parent = this.parentOf(live);
    const root = parent ?? live;
    const group = [root, ...this.childrenOf(root)];
    if (!group.includes(live)) group.push(live);
    for (const member of group) {
      if (isTerminal(member)) continue;
      if (member.held || member.order.status === 'PendingSubmit') {
        member.held = false;
        member.order.status = 'PreSubmitted';
        if (member !== live || announceSelf) this.emit(member);
      }
      this.addWorking(member);
    }
    for (const member of group) if (!isTerminal(member)) this.work(member);
  }

  private modify(live: LiveOrder, n: NewOrder): SimOrder | SimReject {
    const o = live.order;
    if (o.status === 'Filled') return MODIFY_FILLED;
    if (isTerminal(live) || o.status === 'PendingCancel') {
      return orderRejected(`The order is ${o.status === 'PendingCancel' ? 'being cancelled' : o.status} and cannot be modified.`);
    }
    if (n.action !== o.action || n.conId !== o.conId || n.orderType !== o.orderType) return MODIFY_MISMATCH;
    const checked = checkOrder(n, live.book.entry);
    if (isReject(checked)) return checked;
    if (checked.quantity <= o.filled) {
      return orderRejected(`The new size ${checked.quantity} is not above the ${o.filled} shares already filled.`);
    }
    const refPrice = this.refPrice(checked, live.book.price(live.book.ask));
    if (o.action === 'BUY' && !live.held) {
      const freed = o.remaining * live.refPrice;
      const needed = (checked.quantity - o.filled) * refPrice;
      const available = this.host.availableFunds(live.account) + freed;
      if (needed > available + 1e-9) return insufficientBuyingPower(needed, available);
    }
    o.quantity = checked.quantity;
    o.remaining = checked.quantity - o.filled;
    o.lmtPrice = checked.lmtPrice;
    o.auxPrice = checked.auxPrice;
    o.tif = checked.tif;
    o.outsideRth = n.outsideRth === true;
    o.trailingPercent = checked.trailingPercent;
    o.lmtPriceOffset = checked.lmtPriceOffset;
    live.lmtTicks = checked.lmtTicks;
    live.auxTicks = checked.auxTicks;
    live.lmtOffsetTicks = checked.lmtOffsetTicks;
    live.refPrice = refPrice;
    if (isTrailType(o.orderType) && !o.triggered) {
      const before = live.trail;
      const sameTrail = before !== null && before.amountTicks === checked.auxTicks && before.percent === checked.trailingPercent;
      const stop = live.trailStopTicks;
      this.applyTrail(live, checked);
      // An unchanged trail keeps its stop; a new amount or percent trails again from the last price.
      if (checked.trailStopTicks === null && sameTrail && stop !== null) {
        live.trailStopTicks = stop;
        o.trailStopPrice = live.book.price(stop);
      }
    }
    if (live.held && n.transmit !== false) this.transmitGroup(live, true);
    else {
      this.emit(live);
      if (!live.held) this.work(live);
    }
    this.host.emitAccountState(live.account, null);
    return { ...o };
  }

  /** MOC fills at the last price; LOC too when the limit allows, else it is left for DAY expiry. */
  private executeAtClose(live: LiveOrder): void {
    const { order, book } = live;
    const last = book.price(book.last);
    if (order.orderType === 'LOC') {
      const limit = order.lmtPrice;
      if (limit === null || (order.action === 'BUY' ? last > limit : last < limit)) return;
    }
    this.fill(live, order.remaining, last);
  }
}
