// Today's finished orders, as the broker lists them after a connect, merged
// into the order rows: by permId first (rows the journal restored carry the
// permId it learned), then by the order id the order's fills carry, and only
// for a row that never got a permId by what it is. A row the host already has
// is updated (never reopened); an order it never saw (placed before a restart,
// or in TWS) gets a row under the order id its fills carry, else under -permId
// (as TWS-entered orders are shown). Fills whose order had no row then attach
// to that row.

import type { Fill, Order } from '../../shared/model';
import type { BrokerCompletedOrder } from './broker';
import type { OrderBook } from './order-book';

/** The row of `account` with this permId, if any. */
export function rowByPermId(book: Pick<OrderBook, 'all'>, account: string, permId: number): Order | undefined {
  if (permId <= 0) return undefined;
  return book.all().find((row) => row.account === account && row.permId === permId);
}

/**
 * The last resort, for a row that never got a permId (restored from a journal line written
 * before IB answered, or by a journal that did not record permIds): IB's completed order is
 * matched by what it is: same symbol, side, quantity, type and prices, among the account's
 * rows without a permId. Two identical such orders may pair the wrong way round, which is why
 * permId and the fills' order id are asked first. Without it the restored row and a recovered
 * -permId row would show one order twice.
 */
export function rowByIdentity(book: Pick<OrderBook, 'all'>, account: string, completed: BrokerCompletedOrder): Order | undefined {
  if (completed.symbol === undefined || completed.side === undefined || completed.quantity === undefined) return undefined;
  return book.all().find(
    (row) =>
      row.account === account &&
      row.permId <= 0 &&
      row.orderId > 0 &&
      row.symbol === completed.symbol &&
      row.side === completed.side &&
      row.quantity === completed.quantity &&
      (completed.type === undefined || row.type === completed.type) &&
      (completed.limitPrice === undefined || row.limitPrice === completed.limitPrice) &&
      (completed.stopPrice === undefined || row.stopPrice === completed.stopPrice),
  );
}

/** The order id to file a recovered order under: what one of its fills says, else -permId. */
export function recoveredOrderId(fills: readonly Fill[], account: string, permId: number): number {
  const fill = fills.find((f) => f.account === account && f.permId === permId && f.orderId > 0);
  return fill ? fill.orderId : -permId;
}

/** The average price of the order's fills (IB lists a completed order without it), or null. */
export function averageFillPrice(fills: readonly Fill[], account: string, permId: number): number | null {
  let shares = 0;
  let value = 0;
  for (const f of fills) {
    if (f.account !== account || f.permId !== permId) continue;
    shares += f.quantity;
    value += f.quantity * f.price;
  }
  return shares > 0 ? Math.round((value / shares) * 1e6) / 1e6 : null;
}

/** The row the order's fills name (their order id), unless that row belongs to another permId. */
export function rowByFills(book: Pick<OrderBook, 'get'>, fills: readonly Fill[], account: string, permId: number): Order | undefined {
  const orderId = recoveredOrderId(fills, account, permId);
  if (orderId <= 0) return undefined;
  const row = book.get(account, orderId);
  return row && (row.permId <= 0 || row.permId === permId) ? row : undefined;
}

/** Merges one completed order; returns the row to publish. */
export function mergeCompletedOrder(book: OrderBook, fills: readonly Fill[], account: string, completed: BrokerCompletedOrder): Order {
  const existing =
    rowByPermId(book, account, completed.permId) ?? rowByFills(book, fills, account, completed.permId) ?? rowByIdentity(book, account, completed);
  const orderId = existing ? existing.orderId : recoveredOrderId(fills, account, completed.permId);
  const avgFillPrice = averageFillPrice(fills, account, completed.permId) ?? undefined;
  return book.apply({ avgFillPrice, ...completed, account, orderId });
}
