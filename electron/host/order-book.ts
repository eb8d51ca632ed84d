// Order rows keyed by (account, orderId), merged from broker updates: a replay
// (open orders after a reconnect) updates the row, never adds a second one.

import { WORKING_STATUSES, type Order, type OrderRequest, type OrderStatus } from '../../shared/model';
import type { BrokerOrderUpdate } from './broker';

export interface OrderBook {
  /** Merges the update; returns a copy of the row to publish. */
  apply(update: BrokerOrderUpdate): Order;
  /**
   * The row for an order we just sent; null when the broker already reported
   * it (it may do so from inside placeOrder) and the row exists.
   */
  placed(request: OrderRequest, orderId: number, conId: number, clientId: number): Order | null;
  /**
   * Executions as the truth of last resort: an order that filled while the
   * host was cut off is no longer in the open-orders replay, but its
   * executions are. Raises filled (never lowers it) and marks the order filled
   * when nothing remains. Returns the changed row, or null.
   */
  applyExecutions(account: string, orderId: number, filled: number, avgPrice: number | null): Order | null;
  /**
   * After an open-orders replay: working rows of `account` created before
   * `before` that IB no longer lists become inactive. 'inactive', not a final
   * state, so executions that arrive later can still settle them as filled.
   */
  retireMissing(account: string, openOrderIds: readonly number[], before: number): Order[];
  get(account: string, orderId: number): Order | undefined;
  all(): Order[];
  working(account?: string): Order[];
}

export function orderKey(account: string, orderId: number): string {
  return `${account}:${orderId}`;
}

export function isWorking(status: OrderStatus): boolean {
  return WORKING_STATUSES.includes(status);
}

/** Final states a stale replay must not reopen (IB never moves an order out of them). */
const FINAL: readonly OrderStatus[] = ['filled', 'cancelled', 'rejected'];

function blankOrder(account: string, orderId: number, now: number): Order {
  return {
    key: orderKey(account, orderId),
    account,
    orderId,
    permId: 0,
    clientId: 0,
    symbol: '',
    conId: 0,
    side: 'BUY',
    type: 'market',
    quantity: 0,
    limitPrice: null,
    stopPrice: null,
    tif: 'GTC',
    tifChanged: false,
    status: 'pending-submit',
    filled: 0,
    remaining: 0,
    avgFillPrice: null,
    reason: null,
    createdAt: now,
    updatedAt: now,
  };
}

export function createOrderBook(now: () => number): OrderBook {
  const rows = new Map<string, Order>();

  return {
    apply(update) {
      const key = orderKey(update.account, update.orderId);
      const time = now();
      const row = rows.get(key) ?? blankOrder(update.account, update.orderId, update.createdAt ?? time);
      const keepStatus = update.status !== undefined && FINAL.includes(row.status) && !FINAL.includes(update.status);
      for (const field of Object.keys(update) as Array<keyof BrokerOrderUpdate>) {
        const value = update[field];
        if (value === undefined || field === 'createdAt' || field === 'account' || field === 'orderId') continue;
        if (field === 'status' && keepStatus) continue;
        (row as unknown as Record<string, unknown>)[field] = value;
      }
      row.updatedAt = update.updatedAt ?? time;
      rows.set(key, row);
      return { ...row };
    },
    placed(request, orderId, conId, clientId) {
      const key = orderKey(request.account, orderId);
      if (rows.has(key)) return null;
      const row: Order = {
        ...blankOrder(request.account, orderId, now()),
        clientId,
        symbol: request.symbol,
        conId,
        side: request.side,
        type: request.type,
        quantity: request.quantity,
        limitPrice: request.limitPrice ?? null,
        stopPrice: request.stopPrice ?? null,
        trail: request.trail ?? null,
        outsideRth: request.outsideRth === true,
        tif: request.tif,
        remaining: request.quantity,
      };
      rows.set(key, row);
      return { ...row };
    },
    applyExecutions(account, orderId, filled, avgPrice) {
      const row = rows.get(orderKey(account, orderId));
      if (!row || filled <= row.filled || FINAL.includes(row.status)) return null;
      row.filled = filled;
      if (row.quantity > 0) row.remaining = Math.max(0, row.quantity - filled);
      if (avgPrice !== null) row.avgFillPrice = avgPrice;
      row.status = row.quantity > 0 && row.remaining === 0 ? 'filled' : 'partially-filled';
      row.updatedAt = now();
      return { ...row };
    },
    retireMissing(account, openOrderIds, before) {
      const open = new Set(openOrderIds);
      const retired: Order[] = [];
      for (const row of rows.values()) {
        if (row.account !== account || !isWorking(row.status) || open.has(row.orderId) || row.createdAt >= before) continue;
        row.status = 'inactive';
        row.reason = 'no longer open at IB: it was closed while the connection was down';
        row.updatedAt = now();
        retired.push({ ...row });
      }
      return retired;
    },
    get: (account, orderId) => {
      const row = rows.get(orderKey(account, orderId));
      return row ? { ...row } : undefined;
    },
    all: () => [...rows.values()].map((o) => ({ ...o })),
    working: (account) =>
      [...rows.values()].filter((o) => (account === undefined || o.account === account) && isWorking(o.status)).map((o) => ({ ...o })),
  };
}
