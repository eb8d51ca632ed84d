/**
 * A modify, checked against the order as the broker last reported it. Pure: the host
 * calls it with the Order row and its client id, then re-sends placeOrder with the same
 * id (DESIGN.md). The shared rules run on the modified order. Sentences, first wins:
 *
 *   `order 42 is not known`                                  (no row)
 *   `order 42 is filled: nothing left to modify`             (cancelled, rejected, inactive alike)
 *   `order 42 is being cancelled: it cannot be modified`
 *   `order 42 is an IB "REL" order, which Janus shows but cannot modify`   (a foreign row)
 *   `order 42 belongs to client 7, not this session (client 0): only its own orders can be modified`
 *   `a modify cannot change the side (BUY to SELL): cancel and send a new order`   (symbol, type alike)
 *   `order 42 is a stop-limit: say which price, "stp P" or "lmt P"`   (the `mod N P` shorthand)
 *   `order 42 is a market order: it has no price to change`
 *   `quantity 50 is below the 60 already filled`
 *   `modify of order 42 changes nothing`
 *   then validateOrder's sentence for the modified order.
 */

import { describeTrail, TYPE_CODES } from './describe-order';
import { quoteInput } from './echo';
import { formatPrice } from './format';
import { WORKING_STATUSES, type Order, type OrderRequest, type OrderType, type TrailSpec } from './model';
import type { OrderChanges } from './order-commands';
import { validateOrder, type OrderContext } from './order-rules';

export interface ModifyContext extends OrderContext {
  /** The client id of the session that would send the modify. */
  clientId: number;
  /** The id asked for, for the sentence when there is no row. */
  orderId?: number;
}

export type ModifyOutcome = { ok: true; request: OrderRequest; preview: string } | { ok: false; reason: string };

const refuse = (reason: string): ModifyOutcome => ({ ok: false, reason });

/** The request that would re-create `order` as it stands now. */
export function requestOf(order: Order & { type: OrderType }): OrderRequest {
  const request: OrderRequest = {
    account: order.account,
    side: order.side,
    symbol: order.symbol,
    quantity: order.quantity,
    type: order.type,
    tif: order.tif,
  };
  if (order.limitPrice !== null) request.limitPrice = order.limitPrice;
  if (order.stopPrice !== null) request.stopPrice = order.stopPrice;
  if (order.trail) request.trail = order.trail;
  if (order.outsideRth === true) request.outsideRth = true;
  return request;
}

/** null when the row may be modified at all (whatever the change), else why not. */
export function modifiableProblem(order: Order | undefined, clientId: number, orderId?: number): string | null {
  if (!order) return `order ${orderId === undefined ? '' : `${orderId} `}is not known`;
  const id = order.orderId;
  if (order.status === 'pending-cancel') return `order ${id} is being cancelled: it cannot be modified`;
  if (!WORKING_STATUSES.includes(order.status)) return `order ${id} is ${order.status}: nothing left to modify`;
  if (order.type === 'foreign') {
    return `order ${id} is an IB ${quoteInput(order.ibType ?? 'unknown')} order, which Janus shows but cannot modify`;
  }
  if (order.clientId !== clientId) {
    return `order ${id} belongs to client ${order.clientId}, not this session (client ${clientId}): only its own orders can be modified`;
  }
  return null;
}

function identityProblem(order: Order, changes: OrderChanges): string | null {
  const changed = (what: string, from: string, to: string): string =>
    `a modify cannot change the ${what} (${from} to ${to}): cancel and send a new order`;
  if (changes.side !== undefined && changes.side !== order.side) return changed('side', order.side, changes.side);
  if (changes.symbol !== undefined && changes.symbol !== order.symbol) return changed('symbol', order.symbol, changes.symbol);
  if (changes.type !== undefined && changes.type !== order.type) return changed('type', order.type, changes.type);
  return null;
}

/** Where `mod N P` puts its price on this order, or why it cannot. */
function shorthand(order: Order, price: number): Partial<OrderRequest> | string {
  switch (order.type) {
    case 'limit':
      return { limitPrice: price };
    case 'stop':
      return { stopPrice: price };
    case 'trailing':
      return { trail: { amount: price } };
    case 'stop-limit':
      return `order ${order.orderId} is a stop-limit: say which price, "stp P" or "lmt P"`;
    default:
      return `order ${order.orderId} is a market order: it has no price to change`;
  }
}

const sameTrail = (a: TrailSpec | undefined, b: TrailSpec | undefined): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The modified request, or the sentence refusing the modify. */
export function applyModification(order: Order | undefined, changes: OrderChanges, context: ModifyContext): ModifyOutcome {
  const problem = modifiableProblem(order, context.clientId, context.orderId);
  if (problem !== null || !order || order.type === 'foreign') return refuse(problem ?? 'order is not known');
  const identity = identityProblem(order, changes);
  if (identity) return refuse(identity);

  const before = requestOf({ ...order, type: order.type });
  const after: OrderRequest = { ...before };
  if (changes.price !== undefined) {
    const placed = shorthand(order, changes.price);
    if (typeof placed === 'string') return refuse(placed);
    Object.assign(after, placed);
  }
  if (changes.quantity !== undefined) after.quantity = changes.quantity;
  if (changes.limitPrice !== undefined) after.limitPrice = changes.limitPrice;
  if (changes.stopPrice !== undefined) after.stopPrice = changes.stopPrice;
  if (changes.trail !== undefined) after.trail = changes.trail;
  if (changes.tif !== undefined) after.tif = changes.tif;

  if (Number.isFinite(after.quantity) && after.quantity < order.filled) {
    return refuse(`quantity ${String(after.quantity)} is below the ${String(order.filled)} already filled`);
  }
  const unchanged =
    after.quantity === before.quantity && after.limitPrice === before.limitPrice && after.stopPrice === before.stopPrice &&
    after.tif === before.tif && sameTrail(after.trail, before.trail);
  if (unchanged) return refuse(`modify of order ${order.orderId} changes nothing`);
  const invalid = validateOrder(after, context);
  if (invalid !== null) return refuse(invalid);
  return { ok: true, request: after, preview: describeModification(order, after) };
}

/** `MODIFY #42 AAPL BUY LMT: qty 100 → 200, lmt 187.50 → 187.60`: only what changes. */
export function describeModification(order: Order, after: OrderRequest): string {
  const price = (value: number | null | undefined): string => (value == null ? '—' : formatPrice(value));
  const parts: string[] = [];
  if (after.quantity !== order.quantity) parts.push(`qty ${String(order.quantity)} → ${String(after.quantity)}`);
  if ((after.limitPrice ?? null) !== order.limitPrice) parts.push(`lmt ${price(order.limitPrice)} → ${price(after.limitPrice)}`);
  if ((after.stopPrice ?? null) !== order.stopPrice) parts.push(`stp ${price(order.stopPrice)} → ${price(after.stopPrice)}`);
  if (!sameTrail(after.trail, order.trail ?? undefined)) parts.push(`trail ${describeTrail(order.trail)} → ${describeTrail(after.trail)}`);
  if (after.tif !== order.tif) parts.push(`${order.tif} → ${after.tif}`);
  const type = order.type === 'foreign' ? (order.ibType ?? 'IB') : TYPE_CODES[order.type];
  return `MODIFY #${order.orderId} ${order.side} ${order.symbol} ${type}: ${parts.join(', ')}`;
}
