// Orders of one IB session: placing and cancelling (refused, never queued
// for a later connection), id allocation, and the order rows TWS reports
// (openOrder, orderStatus, openOrderEnd, order-level error codes).
//
// Every send goes through readyToSend() (order-gate.ts): the one place that
// decides whether an order (or a what-if check) may leave now. modifyOrder and order groups (brackets, OCA) build
// their tickets with mapping/order.ts and send through the same gate.
//
// While connected, messages pass the link's paced send lanes (send-lanes.ts):
// placeOrder waits in the normal lane, cancels jump ahead. A cancel of an
// order still waiting there withdraws it (nothing reaches IB); whatever is
// still queued when the link closes is reported as not sent (unsent()).

import { EventName, type Contract, type IBApi, type Order as IbOrder, type OrderState } from '@stoqey/ib';
import type { Instrument, OrderGroup, OrderRequest } from '../../shared/model';
import type { BrokerOrderUpdate } from '../host/broker';
import type { On, SessionContext } from './context';
import type { OrderIds } from './ids';
import { OrderRefusedError, orderNotices } from './messages';
import { mappedTicket, readyToSend, type OrderLink, type SendGrant } from './order-gate';
import { OUT_MSG, type WireMessage } from './send-lanes';
import { groupLegs, openOrderToUpdate, toIbGroup, toIbModify, type IbOrderTicket } from './mapping/order';
import { ibCancelReason, mapIbOrderStatus } from './mapping/order-status';

interface KnownOrder {
  symbol: string;
  conId: number;
  clientId: number;
  status: string | null;
  /** IB's links, re-sent with a modify so the order stays in its bracket / OCA group. */
  parentId?: number | null;
  ocaGroup?: string | null;
  ocaType?: number | null;
  /** Written to the current link and not yet answered by IB (status still null). */
  inFlight: boolean;
  /** Sent on a link that has closed without IB ever answering for it: IB may never have had it. */
  stale: boolean;
  /**
   * The values of a modify IB has not yet reported back (its openOrder with them, or a refusal):
   * a 201 meanwhile refuses the change, not the order. Other openOrders (a cancel's, a fill's)
   * may come first.
   */
  modifying?: ModifyValues | null;
}

type ModifyValues = Pick<IbOrder, 'totalQuantity' | 'lmtPrice' | 'auxPrice'>;

/** IB reports the order with the values the modify asked for: the modify is applied. */
function modifyApplied(asked: ModifyValues, order: IbOrder): boolean {
  // IB reports a field it does not use as unset (absent, or Double.MAX_VALUE on the wire).
  const same = (a: number | undefined, b: number | undefined): boolean => {
    const unset = (x: number | undefined): boolean => x === undefined || !(Math.abs(x) < 1e300);
    return unset(a) ? unset(b) : a === b;
  };
  return same(order.totalQuantity, asked.totalQuantity) && same(order.lmtPrice, asked.lmtPrice) && same(order.auxPrice, asked.auxPrice);
}

type OrderFields = Partial<Omit<BrokerOrderUpdate, 'account' | 'orderId'>>;

export class Orders {
  private readonly known = new Map<number, KnownOrder>();
  /** Orders IB rejected: a following Cancelled/Inactive status keeps them 'rejected'. */
  private readonly rejected = new Set<number>();
  /** Order ids listed since the connect-time open-order request, until its end. */
  private listing: Set<number> | null = null;

  constructor(
    private readonly ctx: SessionContext,
    private readonly orderIds: OrderIds,
    private readonly link: OrderLink,
  ) {}

  /**
   * All clients' open orders so the trader sees every working order; IB lets
   * only the placing client id cancel one (cancel() checks that).
   */
  requestOpenOrders(api: IBApi): void {
    this.listing = new Set();
    api.reqAllOpenOrders();
  }

  owns(orderId: number): boolean {
    return this.known.has(orderId);
  }

  /**
   * Sends every leg of the group now, in order (a bracket's entry first, the last leg
   * transmitting), or refuses the whole group before anything leaves.
   */
  placeGroup(group: OrderGroup, instrument: Instrument): number[] {
    const { api, accountCode } = this.sendable();
    const legs = groupLegs(group);
    const tickets = mappedTicket(() => toIbGroup(group, instrument, accountCode, this.orderIds.peek()));
    const ids: number[] = [];
    for (const [i, ticket] of tickets.entries()) {
      const orderId = this.orderIds.take();
      ids.push(orderId);
      const request = legs[i]?.request;
      if (request) this.send(api, orderId, ticket, request, instrument);
    }
    return ids;
  }

  /**
   * placeOrder again with the same id (how TWS modifies): only for a working order this
   * client placed. IB answers with openOrder/orderStatus, or 104/105/10147/10148/161,
   * which reach the row as its reason.
   */
  modify(orderId: number, request: OrderRequest, instrument: Instrument): void {
    const { api, accountCode } = this.sendable();
    const known = this.known.get(orderId);
    if (!known) throw new OrderRefusedError(`order ${orderId} is not known to this session`);
    if (known.clientId !== this.ctx.config.clientId) {
      throw new OrderRefusedError(`order ${orderId} was placed by client id ${known.clientId}; IB lets only that client modify it`);
    }
    const ticket = mappedTicket(() => toIbModify(request, instrument, accountCode, known));
    api.placeOrder(orderId, ticket.contract, ticket.order);
    known.modifying = { totalQuantity: ticket.order.totalQuantity, lmtPrice: ticket.order.lmtPrice, auxPrice: ticket.order.auxPrice };
    // A reason left by an earlier refusal no longer describes the order.
    this.update(orderId, { reason: null });
  }

  private send(api: IBApi, orderId: number, ticket: IbOrderTicket, request: OrderRequest, instrument: Instrument): void {
    const { config, scheduler, listener } = this.ctx;
    const now = scheduler.now();
    const { parentId = null, ocaGroup = null, ocaType = null } = ticket.order;
    this.known.set(orderId, {
      symbol: instrument.symbol, conId: instrument.conId, clientId: config.clientId, status: null, inFlight: false, stale: false, parentId, ocaGroup, ocaType,
    });
    api.placeOrder(orderId, ticket.contract, ticket.order);
    this.ctx.safeCall(() =>
      listener.onOrder({
        account: config.account,
        orderId,
        permId: 0,
        clientId: config.clientId,
        symbol: instrument.symbol,
        conId: instrument.conId,
        side: request.side,
        type: request.type,
        ibType: ticket.order.orderType ?? null,
        quantity: request.quantity,
        limitPrice: request.limitPrice ?? null,
        stopPrice: request.stopPrice ?? null,
        trail: request.trail ?? null,
        outsideRth: request.outsideRth === true,
        parentId,
        ocaGroup,
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
  }

  cancel(orderId: number): void {
    const api = this.cancellable();
    if (orderId <= 0) throw new OrderRefusedError(`order ${orderId} was entered in TWS itself; cancel it there`);
    const known = this.known.get(orderId);
    if (known && known.clientId !== this.ctx.config.clientId) {
      throw new OrderRefusedError(
        `order ${orderId} was placed by client id ${known.clientId}; IB lets only that client cancel it`,
      );
    }
    if (this.withdrawQueued((id) => id === orderId).has(orderId)) {
      this.ctx.log('info', null, `order ${orderId} cancelled before it was sent`);
      return;
    }
    api.cancelOrder(orderId);
  }

  /**
   * Cancels every working order this client id placed and returns how many.
   * Not reqGlobalCancel: that would also cancel orders other clients and TWS
   * itself placed. Orders still in the send queue are withdrawn; a cancel goes
   * only to orders IB lists as working, or that were just written on this
   * link and await IB's first answer (never to filled ones, or to orders IB
   * never had: those drew 10148 / 10147).
   */
  cancelAll(): number {
    const api = this.cancellable();
    const neverSent = this.withdrawQueued(() => true);
    if (neverSent.size > 0) this.ctx.log('info', null, `cancel all: ${neverSent.size} queued order(s) withdrawn before they were sent`);
    let count = neverSent.size;
    for (const [orderId, order] of this.known) {
      if (order.clientId !== this.ctx.config.clientId || neverSent.has(orderId)) continue;
      if (isWorking(order.status) || (order.status === null && !order.stale)) {
        api.cancelOrder(orderId);
        count++;
      }
    }
    return count;
  }

  /** The link wrote a message: an order it carried is now in flight to IB. */
  written(message: WireMessage): void {
    if (message.msgId !== OUT_MSG.PLACE_ORDER || message.orderId === null) return;
    const known = this.known.get(message.orderId);
    if (known) known.inFlight = true;
  }

  /** Messages the closed link never wrote: the trader learns what did not leave. */
  unsent(messages: WireMessage[]): void {
    const lost: number[] = [];
    for (const { msgId, orderId } of messages) {
      if (orderId === null) continue;
      const known = this.known.get(orderId);
      if (msgId === OUT_MSG.PLACE_ORDER) {
        if (known && known.status === null && !known.inFlight) this.update(orderId, { status: 'rejected', reason: orderNotices.lostBeforeSent(orderId) });
        else this.update(orderId, { reason: orderNotices.changeLost(orderId) });
        lost.push(orderId);
      } else if (msgId === OUT_MSG.CANCEL_ORDER) {
        this.update(orderId, { reason: orderNotices.cancelLost(orderId) });
        this.ctx.log('warn', null, orderNotices.cancelLost(orderId));
      }
    }
    if (lost.length > 0) this.ctx.log('warn', null, `connection closed with ${lost.length} order message(s) still queued, not sent: order ${lost.join(', ')}`);
  }

  /** The link closed: orders written but never answered are no longer "just sent". */
  closed(): void {
    for (const order of this.known.values()) {
      if (order.status === null) order.stale = true;
      order.inFlight = false;
    }
  }

  /**
   * A cancel was refused. 10147 means IB never had the order: the cancel's
   * text must not replace the order's own reason, so it is only logged.
   */
  cancelRejected(orderId: number, code: number, text: string): void {
    if (code === 10147) {
      this.ctx.log('warn', code, `cancel of order ${orderId} refused: IB has no such order`);
      return;
    }
    this.update(orderId, { reason: text });
  }

  /**
   * Takes queued, unwritten placeOrders of the chosen orders out of the send
   * queue. Orders that never left are cancelled here, with a sentence, and
   * returned; a queued modify of an order already at IB still needs a cancel.
   */
  private withdrawQueued(which: (orderId: number) => boolean): Set<number> {
    const taken =
      this.link.outgoing()?.withdraw((m) => m.msgId === OUT_MSG.PLACE_ORDER && m.orderId !== null && which(m.orderId)) ?? [];
    const neverSent = new Set<number>();
    for (const { orderId } of taken) {
      if (orderId === null || neverSent.has(orderId)) continue;
      const known = this.known.get(orderId);
      if (known && (known.inFlight || known.status !== null)) continue;
      neverSent.add(orderId);
      this.update(orderId, { status: 'cancelled', reason: orderNotices.withdrawn(orderId) });
    }
    return neverSent;
  }

  /** IB rejected the order (201, 200 for an order id...): it is dead, with IB's text. */
  reject(orderId: number, text: string, code: number | null): void {
    const known = this.known.get(orderId);
    if (known?.modifying && known.status !== null) {
      // IB refused a modify (201: buying power, an order already cancelled...): the order
      // keeps its state and its old values at IB; only the change is refused.
      known.modifying = null;
      this.update(orderId, { reason: text });
      return;
    }
    this.rejected.add(orderId);
    this.update(orderId, { status: 'rejected', reason: text });
    // 103: another client moved the account's ids past ours; ask TWS where to continue.
    if (code === 103) this.ctx.readyApi()?.reqIds(1);
  }

  /** 202 and friends: cancelled by IB, unless it was rejected first; IB's reason when it gave one. */
  cancelledByIb(orderId: number, text: string): void {
    if (this.rejected.has(orderId)) return;
    this.update(orderId, { status: 'cancelled', reason: ibCancelReason(text) });
  }

  /** Fields IB changed or explained without changing the status (cancel refused, TIF changed). */
  update(orderId: number, fields: OrderFields): void {
    if (orderId < 0 || !this.known.has(orderId)) return;
    const update: BrokerOrderUpdate = { account: this.ctx.config.account, orderId, ...fields, updatedAt: this.ctx.scheduler.now() };
    if (fields.status) {
      const known = this.known.get(orderId);
      if (known) known.status = fields.status;
    }
    this.ctx.safeCall(() => this.ctx.listener.onOrder(update));
  }

  wire(on: On): void {
    on(EventName.openOrder, (orderId: number, contract: Contract, order: IbOrder, state: OrderState) =>
      this.onOpenOrder(orderId, contract, order, state),
    );
    on(EventName.openOrderEnd, () => this.onOpenOrderEnd());
    on(
      EventName.orderStatus,
      (orderId: number, status: string, filled: number, remaining: number, avgFillPrice: number, permId?: number, _parentId?: number, _last?: number, clientId?: number) =>
        this.onOrderStatus(orderId, status, filled, remaining, avgFillPrice, permId, clientId),
    );
  }

  private sendable(): SendGrant {
    return readyToSend(this.ctx, this.orderIds, this.link);
  }

  private cancellable(): IBApi {
    const api = this.link.readyApi();
    if (!api) throw new OrderRefusedError(`account ${this.ctx.config.account} is not connected — cancel not sent`);
    return api;
  }

  private onOpenOrder(ibOrderId: number, contract: Contract, order: IbOrder, state: OrderState): void {
    const { config, scheduler } = this.ctx;
    // A what-if answer is not an order (what-if.ts reads it): never a row.
    if (order.whatIf) return;
    if (order.account && !this.ctx.isOurAccount(order.account)) return;
    const orderId = rowOrderId(ibOrderId, order.permId);
    const result = openOrderToUpdate(config.account, orderId, contract, order, state, scheduler.now());
    if ('skip' in result) {
      this.ctx.log('warn', null, result.skip);
      return;
    }
    const update = result.update;
    this.listing?.add(orderId);
    const known = this.known.get(orderId);
    this.known.set(orderId, {
      symbol: update.symbol ?? known?.symbol ?? '',
      conId: update.conId ?? known?.conId ?? 0,
      clientId: update.clientId ?? known?.clientId ?? config.clientId,
      status: update.status ?? known?.status ?? null,
      parentId: update.parentId ?? null,
      ocaGroup: update.ocaGroup ?? null,
      ocaType: order.ocaType !== undefined && order.ocaType > 0 && order.ocaType < 1e300 ? order.ocaType : (known?.ocaType ?? null),
      inFlight: false,
      stale: false,
      modifying: known?.modifying && !modifyApplied(known.modifying, order) ? known.modifying : null,
    });
    if (this.rejected.has(orderId)) delete update.status;
    this.ctx.safeCall(() => this.ctx.listener.onOrder(update));
  }

  /**
   * The end of the open-order listing asked for on connect: the host marks
   * working rows IB no longer lists (cancelled or expired while we were away).
   */
  private onOpenOrderEnd(): void {
    const listed = this.listing;
    if (!listed) return;
    this.listing = null;
    // IB does not list them: nothing of ours to cancel there any more.
    for (const [orderId, order] of this.known) {
      if (!listed.has(orderId) && (isWorking(order.status) || order.stale)) order.status = 'inactive';
    }
    this.ctx.safeCall(() => this.ctx.listener.onOpenOrdersEnd?.([...listed]));
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
    const known = this.known.get(orderId);
    if (!known) {
      // TWS sends openOrder first; a status without one belongs to an order we
      // filtered out (another account, a type we do not show): no ghost rows.
      this.ctx.log('debug', null, `status ${status} for order ${orderId}, which this session does not show`);
      return;
    }
    if (mapped) known.status = mapped;
    known.inFlight = false;
    known.stale = false;
    const update: BrokerOrderUpdate = { account: this.ctx.config.account, orderId, updatedAt: this.ctx.scheduler.now() };
    if (mapped && !(this.rejected.has(orderId) && (mapped === 'cancelled' || mapped === 'inactive'))) update.status = mapped;
    if (Number.isFinite(filled)) update.filled = filled;
    if (Number.isFinite(remaining)) update.remaining = remaining;
    update.avgFillPrice = Number.isFinite(avgFillPrice) && avgFillPrice > 0 ? avgFillPrice : null;
    if (permId) update.permId = permId;
    if (clientId !== undefined) update.clientId = clientId;
    this.ctx.safeCall(() => this.ctx.listener.onOrder(update));
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

/** A status IB reported for an order that still works (null: IB has not answered yet). */
function isWorking(status: string | null): boolean {
  return status !== null && WORKING.has(status);
}
