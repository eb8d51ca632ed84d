// Our order shapes -> Webull's US stock order (docs: "Place Order",
// developer.webull.com/api-doc/trade/order/place-order; "Replace Order").
// Pure: every refusal is an exact sentence the trader reads after
// `Order Error: `.

import type { OrderType, Side, TimeInForce } from '../../../shared/model';

export type WebullOrderType = 'MARKET' | 'LIMIT' | 'STOP_LOSS' | 'STOP_LOSS_LIMIT' | 'TRAILING_STOP_LOSS';
export type WebullTrailingType = 'AMOUNT' | 'PERCENTAGE';

/** A trailing stop's distance: a price amount or a percent of the price. */
export type Trail = { amount: number } | { percent: number };

/**
 * What this adapter accepts. Today's OrderRequest fits it; `trailing` with
 * `trail` (and `outsideRth`) is the shape the shared model is growing.
 */
export interface WebullOrderInput {
  side: Side;
  quantity: number;
  type: OrderType | 'trailing';
  limitPrice?: number | undefined;
  /** For `trailing`: the starting stop price Webull requires. */
  stopPrice?: number | undefined;
  trail?: Trail | undefined;
  tif: TimeInForce;
  outsideRth?: boolean | undefined;
}

/** The `stock_order` object of place and replace, all values as Webull takes them. */
export interface WebullStockOrder {
  client_order_id: string;
  side: Side;
  tif: TimeInForce;
  extended_hours_trading: boolean;
  instrument_id: string;
  order_type: WebullOrderType;
  qty: string;
  limit_price?: string;
  stop_price?: string;
  trailing_type?: WebullTrailingType;
  trailing_stop_step?: string;
}

export type Mapped<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Webull's documented maximum order quantity. */
export const MAX_QUANTITY = 200_000;

const TYPE: Record<WebullOrderInput['type'], WebullOrderType> = {
  market: 'MARKET',
  limit: 'LIMIT',
  stop: 'STOP_LOSS',
  'stop-limit': 'STOP_LOSS_LIMIT',
  trailing: 'TRAILING_STOP_LOSS',
};

const NAME: Record<WebullOrderType, string> = {
  MARKET: 'a market order',
  LIMIT: 'a limit order',
  STOP_LOSS: 'a stop order',
  STOP_LOSS_LIMIT: 'a stop-limit order',
  TRAILING_STOP_LOSS: 'a trailing stop order',
};

const NEEDS_LIMIT = new Set<WebullOrderType>(['LIMIT', 'STOP_LOSS_LIMIT']);
const NEEDS_STOP = new Set<WebullOrderType>(['STOP_LOSS', 'STOP_LOSS_LIMIT', 'TRAILING_STOP_LOSS']);

/** A price as Webull's string field: no float noise, at most 4 decimals. */
export function priceText(price: number): string {
  return String(Number(price.toFixed(4)));
}

function positive(value: number | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

function priceProblems(input: WebullOrderInput, type: WebullOrderType): string | null {
  const name = NAME[type];
  if (NEEDS_LIMIT.has(type) && input.limitPrice === undefined) return `Webull needs a limit price for ${name}`;
  if (!NEEDS_LIMIT.has(type) && input.limitPrice !== undefined) return `${name} takes no limit price at Webull`;
  if (NEEDS_STOP.has(type) && input.stopPrice === undefined) {
    return type === 'TRAILING_STOP_LOSS'
      ? 'Webull needs a starting stop price for a trailing stop order'
      : `Webull needs a stop price for ${name}`;
  }
  if (!NEEDS_STOP.has(type) && input.stopPrice !== undefined) return `${name} takes no stop price at Webull`;
  if (input.limitPrice !== undefined && !positive(input.limitPrice)) return 'the limit price must be above 0';
  if (input.stopPrice !== undefined && !positive(input.stopPrice)) return 'the stop price must be above 0';
  return null;
}

function trailProblems(input: WebullOrderInput, type: WebullOrderType): string | null {
  if (type !== 'TRAILING_STOP_LOSS') return input.trail ? `${NAME[type]} takes no trail at Webull` : null;
  if (!input.trail) return 'Webull needs a trail amount or percent for a trailing stop order';
  const step = 'amount' in input.trail ? input.trail.amount : input.trail.percent;
  if (!positive(step)) return 'the trail must be above 0';
  if ('percent' in input.trail && step >= 100) return 'a trailing percent must be below 100';
  return null;
}

/** The required-field rules, in the order a trader fixes them; null when the order may go. */
export function webullOrderProblem(input: WebullOrderInput): string | null {
  const type = TYPE[input.type];
  if (!type) return `Webull has no order type for "${String(input.type)}"`;
  if (!Number.isInteger(input.quantity) || input.quantity < 1 || input.quantity > MAX_QUANTITY) {
    return `Webull takes whole shares from 1 to ${MAX_QUANTITY.toLocaleString('en-US')}`;
  }
  const price = priceProblems(input, type);
  if (price) return price;
  const trail = trailProblems(input, type);
  if (trail) return trail;
  if (input.outsideRth && type !== 'LIMIT') return 'Webull trades outside regular hours only with limit orders';
  return null;
}

/** Place: the stock_order for this input, GTC unless the input says DAY. */
export function toWebullStockOrder(input: WebullOrderInput, instrumentId: string, clientOrderId: string): Mapped<WebullStockOrder> {
  const problem = webullOrderProblem(input);
  if (problem) return { ok: false, reason: problem };
  const type = TYPE[input.type];
  const order: WebullStockOrder = {
    client_order_id: clientOrderId,
    side: input.side,
    tif: input.tif,
    extended_hours_trading: input.outsideRth === true,
    instrument_id: instrumentId,
    order_type: type,
    qty: String(input.quantity),
  };
  if (input.limitPrice !== undefined) order.limit_price = priceText(input.limitPrice);
  if (input.stopPrice !== undefined) order.stop_price = priceText(input.stopPrice);
  if (input.trail) {
    order.trailing_type = 'amount' in input.trail ? 'AMOUNT' : 'PERCENTAGE';
    order.trailing_stop_step = priceText('amount' in input.trail ? input.trail.amount : input.trail.percent);
  }
  return { ok: true, value: order };
}

/** The same order as DAY: what is sent once more when Webull refuses GTC. */
export function asDay(order: WebullStockOrder, clientOrderId: string): WebullStockOrder {
  return { ...order, client_order_id: clientOrderId, tif: 'DAY' };
}

/** What a modify may change; anything else needs a new order. */
export interface WebullOrderChanges {
  quantity?: number;
  limitPrice?: number;
  stopPrice?: number;
  trail?: Trail;
}

/**
 * Replace: Webull takes the whole stock_order again with only quantity and
 * prices changed (docs: "Replace Order"), so the new order is checked by the
 * same rules as a new one.
 */
export function toReplaceOrder(current: WebullOrderInput, changes: WebullOrderChanges, instrumentId: string, clientOrderId: string): Mapped<WebullStockOrder> {
  if (changes.trail && current.trail && 'amount' in changes.trail !== 'amount' in current.trail) {
    return { ok: false, reason: 'Webull cannot switch a trailing stop between amount and percent; cancel it and place a new one' };
  }
  const next: WebullOrderInput = {
    ...current,
    ...(changes.quantity !== undefined ? { quantity: changes.quantity } : {}),
    ...(changes.limitPrice !== undefined ? { limitPrice: changes.limitPrice } : {}),
    ...(changes.stopPrice !== undefined ? { stopPrice: changes.stopPrice } : {}),
    ...(changes.trail !== undefined ? { trail: changes.trail } : {}),
  };
  return toWebullStockOrder(next, instrumentId, clientOrderId);
}

/** Our order type for a Webull order_type (orders listed by Webull that we did not place). */
export function fromWebullOrderType(type: string): WebullOrderInput['type'] | null {
  for (const [ours, theirs] of Object.entries(TYPE)) if (theirs === type) return ours as WebullOrderInput['type'];
  return null;
}

/**
 * Webull refused the TIF (GTC is region-specific). The error code is not
 * documented (unverified against Webull): any refusal naming GTC or the TIF.
 */
export function isGtcRefusal(errorCode: string, message: string): boolean {
  return /\bGTC\b|time[ _-]?in[ _-]?force|\btif\b/i.test(`${errorCode} ${message}`);
}

export const GTC_FALLBACK_NOTE = 'GTC refused by Webull; sent as DAY';
