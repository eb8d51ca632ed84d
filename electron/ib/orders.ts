// Orders of one IB session: placing and cancelling (refused, never queued),
// id allocation, and the order rows TWS reports (openOrder, orderStatus,
// openOrderEnd, order-level error codes).
//
// Every send goes through sendable(): the one place that decides whether an
// order may leave now. modifyOrder and order groups (brackets, OCA) build
// their tickets with mapping/order.ts and send through the same gate.

import { EventName, type Contract, type IBApi, type Order as IbOrder, type OrderState } from '@stoqey/ib';
import type { Instrument, OrderRequest } from '../../shared/model';
import type { BrokerOrderUpdate } from '../host/broker';
import type { LinkPhase } from './connection';
import type { On, SessionContext } from './context';
import type { OrderIds } from './ids';
import { OrderRefusedError, sessionErrors } from './messages';
import { openOrderToUpdate, OrderMappingError, toIbOrder } from './mapping/order';
import { mapIbOrderStatus } from './mapping/order-status';

/** What the orders part needs to know about the connection. */
export interface OrderLink {
  phase(): LinkPhase;
  readyApi(): IBApi | null;
  /** TWS has lost its own link to IB (1100). */
  ibLinkDown(): boolean;
}

interface KnownOrder {
  symbol: string;
  conId: number;
  clientId: number;
  status: string | null;
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

  place(request: OrderRequest, instrument: Instrument): number {
    const { api, accountCode } = this.sendable();
    let ticket;
    try {
      ticket = toIbOrder(request, instrument, accountCode);
    } catch (e) {
      if (e instanceof OrderMappingError) throw new OrderRefusedError(e.message);
      throw e;
    }
    const { config, scheduler, listener } = this.ctx;
    const orderId = this.orderIds.take();
    const now = scheduler.now();
    this.known.set(orderId, { symbol: instrument.symbol, conId: instrument.conId, clientId: config.clientId, status: null });
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

  cancel(orderId: number): void {
    const api = this.cancellable();
    if (orderId <= 0) throw new OrderRefusedError(`order ${orderId} was entered in TWS itself; cancel it there`);
    const known = this.known.get(orderId);
    if (known && known.clientId !== this.ctx.config.clientId) {
      throw new OrderRefusedError(
        `order ${orderId} was placed by client id ${known.clientId}; IB lets only that client cancel it`,
      );
    }
    api.cancelOrder(orderId);
  }

  /**
   * Cancels every working order this client id placed. Not reqGlobalCancel:
   * that would also cancel orders other clients and TWS itself placed.
   */
  cancelAll(): void {
    const api = this.cancellable();
    for (const [orderId, order] of this.known) {
      if (order.clientId === this.ctx.config.clientId && isWorking(order.status)) api.cancelOrder(orderId);
    }
  }

  /** IB rejected the order (201, 200 for an order id...): it is dead, with IB's text. */
  reject(orderId: number, text: string, code: number | null): void {
    this.rejected.add(orderId);
    this.update(orderId, { status: 'rejected', reason: text });
    // 103: another client moved the account's ids past ours; ask TWS where to continue.
    if (code === 103) this.ctx.readyApi()?.reqIds(1);
  }

  /** 202 and friends: cancelled by IB, unless it was rejected first. */
  cancelledByIb(orderId: number, text: string): void {
    if (this.rejected.has(orderId)) return;
    this.update(orderId, { status: 'cancelled', reason: text });
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

  /** The one gate every outgoing order passes: refuse now rather than send late. */
  private sendable(): { api: IBApi; accountCode: string } {
    const account = this.ctx.config.account;
    const phase = this.link.phase();
    if (phase === 'none' || phase === 'closed') throw new OrderRefusedError(sessionErrors.notConnected(account));
    const api = this.link.readyApi();
    const accountCode = this.ctx.accountCode();
    if (!api || !this.orderIds.known() || !accountCode) throw new OrderRefusedError(sessionErrors.noOrderIds(account));
    // TWS would hold it until its own link to IB is back (1100 ... 1101/1102).
    if (this.link.ibLinkDown()) throw new OrderRefusedError(sessionErrors.ibLinkDown(account));
    return { api, accountCode };
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
    const mapped = openOrderToUpdate(config.account, orderId, contract, order, state, scheduler.now());
    if ('skip' in mapped) {
      this.ctx.log('info', null, mapped.skip);
      return;
    }
    const update = mapped.update;
    this.listing?.add(orderId);
    const known = this.known.get(orderId);
    this.known.set(orderId, {
      symbol: update.symbol ?? known?.symbol ?? '',
      conId: update.conId ?? known?.conId ?? 0,
      clientId: update.clientId ?? known?.clientId ?? config.clientId,
      status: update.status ?? known?.status ?? null,
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

function isWorking(status: string | null): boolean {
  // Unknown status: we just sent it and IB has not answered yet; still cancel it.
  return status === null || WORKING.has(status);
}
