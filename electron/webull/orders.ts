// Orders of one Webull session: place, replace (modify) and cancel by
// client_order_id, the GTC -> DAY fallback, and order rows from listings and
// trade events. Every send goes through the rate gate; a send whose answer
// never came leaves the row saying its fate is unknown.

import type { Fill, Instrument, OrderStatus } from '../../shared/model';
import type { BrokerListener, BrokerOrderUpdate } from '../host/broker';
import type { WebullApi, WebullOrderRow } from './api';
import { WebullApiError } from './http-client';
import { RateLimitedError } from './rate-limit';
import {
  asDay,
  fromWebullOrderType,
  GTC_FALLBACK_NOTE,
  isGtcRefusal,
  toReplaceOrder,
  toWebullStockOrder,
  webullOrderProblem,
  type WebullOrderChanges,
  type WebullOrderInput,
  type WebullStockOrder,
} from './mapping/order';
import { fillDelta, mapWebullStatus, numberOrNull, parseOrderEvent, sceneEffect, type OrderEventPayload } from './mapping/status';

export interface OrdersLink {
  account: string;
  /** Null when the session may not send (not connected). */
  ready(): { api: WebullApi; accountId: string } | null;
  instrumentId(symbol: string): Promise<string>;
  listener: BrokerListener;
  now(): number;
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string): void;
  /** A fill changed money and holdings: refresh balance and positions soon. */
  accountChanged(): void;
}

interface Tracked {
  orderId: number;
  clientOrderId: string;
  input: WebullOrderInput;
  symbol: string;
  conId: number;
  status: OrderStatus | null;
  filled: number;
  avg: number;
  /** A replace Webull accepted but has not confirmed (MODIFY_SUCCESS) yet. */
  pendingChanges: WebullOrderChanges | null;
  /** The GTC stock_order sent, while a later GTC refusal (PLACE_FAILED) may still resend it as DAY. */
  sentGtc: WebullStockOrder | null;
}

const WORKING = new Set<OrderStatus>(['pending-submit', 'pre-submitted', 'submitted', 'partially-filled', 'pending-cancel']);

function errorText(e: unknown): string {
  if (e instanceof WebullApiError) return e.message;
  return e instanceof Error ? e.message : String(e);
}

export class WebullOrders {
  private readonly byId = new Map<number, Tracked>();
  private readonly byClientId = new Map<string, Tracked>();
  private nextId = 1;
  /** Unique per session object: client_order_id may never repeat at Webull. */
  private readonly prefix: string;

  constructor(private readonly link: OrdersLink) {
    this.prefix = `jw${link.now().toString(36)}`;
  }

  /** Checks now, answers the order id at once, sends in the background (the row tells the outcome). */
  place(input: WebullOrderInput, instrument: Instrument): number {
    const ready = this.sendable();
    const problem = webullOrderProblem(input);
    if (problem) throw new Error(problem);
    const orderId = this.nextId++;
    const tracked: Tracked = {
      orderId, clientOrderId: `${this.prefix}-${orderId}`, input, symbol: instrument.symbol, conId: instrument.conId,
      status: 'pending-submit', filled: 0, avg: 0, pendingChanges: null, sentGtc: null,
    };
    this.track(tracked);
    this.emit(orderId, this.fullRow(tracked));
    this.link.log('info', `order ${orderId} (${tracked.clientOrderId}) sent: ${input.side} ${input.quantity} ${instrument.symbol} ${input.type} ${input.tif}`);
    void this.send(tracked, ready);
    return orderId;
  }

  /** Modify through Webull's replace: same client_order_id, new quantity or prices. */
  modify(orderId: number, changes: WebullOrderChanges): void {
    const ready = this.sendable();
    const tracked = this.known(orderId);
    if (!tracked.status || !WORKING.has(tracked.status)) throw new Error(`order ${orderId} is ${tracked.status ?? 'unknown'} — nothing to change`);
    // Checked now (the instrument id does not change the verdict), sent with the id once known.
    const checked = toReplaceOrder(tracked.input, changes, '', tracked.clientOrderId);
    if (!checked.ok) throw new Error(checked.reason);
    tracked.pendingChanges = changes;
    void this.link
      .instrumentId(tracked.symbol)
      .then((id) => ready.api.replace(ready.accountId, { ...checked.value, instrument_id: id }))
      .catch((e: unknown) => {
        tracked.pendingChanges = null;
        this.emit(orderId, { reason: `Webull refused the change: ${errorText(e)}` });
      });
  }

  cancel(orderId: number): void {
    const ready = this.link.ready();
    if (!ready) throw new Error(`account ${this.link.account} is not connected — cancel not sent`);
    const tracked = this.known(orderId);
    void ready.api.cancel(ready.accountId, tracked.clientOrderId).then(
      () => {
        if (tracked.status && WORKING.has(tracked.status)) this.setStatus(tracked, 'pending-cancel', {});
      },
      (e: unknown) => this.emit(orderId, { reason: `Webull refused the cancel: ${errorText(e)}` }),
    );
  }

  cancelAll(): number {
    let count = 0;
    for (const tracked of this.byId.values()) {
      if (tracked.status === null || WORKING.has(tracked.status)) {
        this.cancel(tracked.orderId);
        count++;
      }
    }
    return count;
  }

  /** A listing of open orders (on connect): rows updated or added; answers the order ids listed. */
  listed(rows: readonly WebullOrderRow[]): number[] {
    const ids: number[] = [];
    for (const row of rows) {
      const tracked = this.byClientId.get(row.client_order_id) ?? this.adopt(row);
      if (!tracked) continue;
      ids.push(tracked.orderId);
      const filled = numberOrNull(row.filled_qty) ?? tracked.filled;
      const avg = numberOrNull(row.filled_price) ?? tracked.avg;
      tracked.filled = filled;
      tracked.avg = avg;
      const status = row.order_status ? mapWebullStatus(row.order_status, filled) : null;
      if (status) tracked.status = status;
      this.emit(tracked.orderId, {
        ...(status ? { status } : {}),
        filled,
        remaining: Math.max(0, tracked.input.quantity - filled),
        avgFillPrice: filled > 0 ? avg : null,
      });
    }
    return ids;
  }

  /** One trade event's JSON payload from the stream. */
  event(json: string): void {
    const payload = parseOrderEvent(json);
    if ('problem' in payload) return this.link.log('warn', payload.problem);
    const tracked = this.byClientId.get(payload.client_order_id);
    if (!tracked) return this.link.log('debug', `Webull event ${payload.scene_type} for ${payload.client_order_id}, which this session does not show`);
    if (payload.scene_type === 'FILLED' || payload.scene_type === 'FINAL_FILLED') this.filled(tracked, payload);
    if (payload.scene_type === 'MODIFY_SUCCESS') this.modified(tracked, payload);
    if (payload.scene_type === 'MODIFY_FAILED') tracked.pendingChanges = null;
    if (payload.scene_type === 'PLACE_FAILED' && tracked.sentGtc && isGtcRefusal('', payload.message ?? '')) {
      // Webull took the GTC order and refused it later: the same fallback, once.
      const ready = this.link.ready();
      if (ready) return void this.sendAsDay(tracked, ready, tracked.sentGtc);
    }
    const effect = sceneEffect(payload, tracked.filled);
    if (effect.status) this.setStatus(tracked, effect.status, effect.reason ? { reason: effect.reason } : {});
    else if (effect.reason) this.emit(tracked.orderId, { reason: effect.reason });
  }

  private sendable(): { api: WebullApi; accountId: string } {
    const ready = this.link.ready();
    if (!ready) throw new Error(`account ${this.link.account} is not connected — order not sent`);
    return ready;
  }

  private known(orderId: number): Tracked {
    const tracked = this.byId.get(orderId);
    if (!tracked) throw new Error(`order ${orderId} is not known to Webull account ${this.link.account}`);
    return tracked;
  }

  private track(tracked: Tracked): void {
    this.byId.set(tracked.orderId, tracked);
    this.byClientId.set(tracked.clientOrderId, tracked);
  }

  /** GTC first; one more time as DAY when Webull refuses GTC, and the row says so. */
  private async send(tracked: Tracked, ready: { api: WebullApi; accountId: string }): Promise<void> {
    let order: WebullStockOrder;
    try {
      const mapped = toWebullStockOrder(tracked.input, await this.link.instrumentId(tracked.symbol), tracked.clientOrderId);
      if (!mapped.ok) return this.setStatus(tracked, 'rejected', { reason: mapped.reason });
      order = mapped.value;
    } catch (e) {
      return this.setStatus(tracked, 'rejected', { reason: `not sent: ${errorText(e)}` });
    }
    try {
      if (order.tif === 'GTC') tracked.sentGtc = order;
      await ready.api.place(ready.accountId, order);
      if (tracked.status === 'pending-submit') this.setStatus(tracked, 'submitted', {});
    } catch (e) {
      if (e instanceof WebullApiError && order.tif === 'GTC' && isGtcRefusal(e.code, e.message)) return this.sendAsDay(tracked, ready, order);
      this.failed(tracked, e);
    }
  }

  private async sendAsDay(tracked: Tracked, ready: { api: WebullApi; accountId: string }, order: WebullStockOrder): Promise<void> {
    // Once only: a DAY order is never resent.
    tracked.sentGtc = null;
    const dayId = `${tracked.clientOrderId}d`;
    this.byClientId.delete(tracked.clientOrderId);
    tracked.clientOrderId = dayId;
    tracked.input = { ...tracked.input, tif: 'DAY' };
    this.byClientId.set(dayId, tracked);
    this.link.log('warn', `order ${tracked.orderId}: ${GTC_FALLBACK_NOTE}`);
    try {
      await ready.api.place(ready.accountId, asDay(order, dayId));
      this.setStatus(tracked, tracked.status === 'pending-submit' ? 'submitted' : (tracked.status ?? 'submitted'), { tif: 'DAY', tifChanged: true, reason: GTC_FALLBACK_NOTE });
    } catch (e) {
      this.failed(tracked, e);
    }
  }

  /** Refused: rejected with Webull's words. No answer at all: the fate is unknown, and the row says so. */
  private failed(tracked: Tracked, e: unknown): void {
    if (e instanceof WebullApiError || e instanceof RateLimitedError) {
      const reason = e instanceof WebullApiError ? `Webull refused the order: ${e.message}` : e.message;
      return this.setStatus(tracked, 'rejected', { reason });
    }
    this.emit(tracked.orderId, { reason: `no answer from Webull (${errorText(e)}) — fate unknown until Webull lists it` });
  }

  private filled(tracked: Tracked, payload: OrderEventPayload): void {
    const after = { filled: numberOrNull(payload.filled_qty) ?? tracked.filled, avg: numberOrNull(payload.filled_price) ?? tracked.avg };
    const delta = fillDelta({ filled: tracked.filled, avg: tracked.avg }, after);
    tracked.filled = after.filled;
    tracked.avg = after.avg;
    this.emit(tracked.orderId, { filled: after.filled, remaining: Math.max(0, tracked.input.quantity - after.filled), avgFillPrice: after.avg });
    if (!delta) return;
    const fill: Fill = {
      execId: `${tracked.clientOrderId}:${after.filled}`, account: this.link.account, orderId: tracked.orderId, permId: 0,
      symbol: tracked.symbol, conId: tracked.conId, side: tracked.input.side, quantity: delta.quantity, price: delta.price,
      exchange: 'WEBULL', commission: null, time: this.link.now(),
    };
    try {
      this.link.listener.onFill(fill);
    } catch (e) {
      this.link.log('error', `host listener failed: ${errorText(e)}`);
    }
    this.link.accountChanged();
  }

  private modified(tracked: Tracked, payload: OrderEventPayload): void {
    const changes = tracked.pendingChanges ?? {};
    tracked.pendingChanges = null;
    const quantity = numberOrNull(payload.qty) ?? changes.quantity ?? tracked.input.quantity;
    const limitPrice = numberOrNull(payload.limit_price) ?? changes.limitPrice ?? tracked.input.limitPrice;
    const stopPrice = numberOrNull(payload.stop_price) ?? changes.stopPrice ?? tracked.input.stopPrice;
    tracked.input = { ...tracked.input, quantity, limitPrice, stopPrice, ...(changes.trail ? { trail: changes.trail } : {}) };
    this.emit(tracked.orderId, {
      quantity, limitPrice: limitPrice ?? null, stopPrice: stopPrice ?? null,
      remaining: Math.max(0, quantity - tracked.filled), reason: null,
    });
  }

  /** An open order Webull lists that this session did not place (another app, an earlier run). */
  private adopt(row: WebullOrderRow): Tracked | null {
    const type = row.order_type ? fromWebullOrderType(row.order_type) : null;
    const quantity = numberOrNull(row.qty);
    if (!type || quantity === null || !row.symbol || (row.side !== 'BUY' && row.side !== 'SELL')) {
      this.link.log('info', `Webull lists order ${row.client_order_id}, which this workstation cannot show (type ${row.order_type ?? '?'})`);
      return null;
    }
    const limitPrice = numberOrNull(row.limit_price) ?? undefined;
    const stopPrice = numberOrNull(row.stop_price) ?? undefined;
    const step = numberOrNull(row.trailing_stop_step);
    const trail = step === null ? undefined : row.trailing_type === 'PERCENTAGE' ? { percent: step } : { amount: step };
    const tracked: Tracked = {
      orderId: this.nextId++, clientOrderId: row.client_order_id,
      input: { side: row.side, quantity, type, limitPrice, stopPrice, trail, tif: row.tif === 'DAY' ? 'DAY' : 'GTC', outsideRth: row.extended_hours_trading === true },
      symbol: row.symbol, conId: numberOrNull(row.instrument_id) ?? 0, status: null, filled: 0, avg: 0, pendingChanges: null, sentGtc: null,
    };
    this.track(tracked);
    this.emit(tracked.orderId, this.fullRow(tracked));
    return tracked;
  }

  private fullRow(t: Tracked): Omit<BrokerOrderUpdate, 'account' | 'orderId'> {
    const now = this.link.now();
    return {
      permId: 0, clientId: 0, symbol: t.symbol, conId: t.conId, side: t.input.side,
      // The shared model has no 'trailing' yet: the row shows it as a stop until it does.
      type: t.input.type === 'trailing' ? 'stop' : t.input.type,
      quantity: t.input.quantity, limitPrice: t.input.limitPrice ?? null, stopPrice: t.input.stopPrice ?? null,
      tif: t.input.tif, tifChanged: false, status: t.status ?? 'submitted', filled: t.filled,
      remaining: Math.max(0, t.input.quantity - t.filled), avgFillPrice: t.filled > 0 ? t.avg : null,
      reason: null, createdAt: now, updatedAt: now,
    };
  }

  private setStatus(tracked: Tracked, status: OrderStatus, fields: Partial<BrokerOrderUpdate>): void {
    tracked.status = status;
    this.emit(tracked.orderId, { ...fields, status });
  }

  private emit(orderId: number, fields: Partial<Omit<BrokerOrderUpdate, 'account' | 'orderId'>>): void {
    const update: BrokerOrderUpdate = { ...fields, account: this.link.account, orderId, updatedAt: this.link.now() };
    try {
      this.link.listener.onOrder(update);
    } catch (e) {
      this.link.log('error', `host listener failed: ${errorText(e)}`);
    }
  }
}
