/**
 * Order validation shared by the ticket preview, the command line and main's final
 * check before an order leaves for the broker. Every refusal is one sentence, shown to
 * the trader as `Order Error: <reason>` and asserted verbatim by tests across the app.
 * Prices print with formatPrice (2–4 decimals), ticks and percentages with formatNumber.
 *
 * validateOrder — checked in this order, first failure wins:
 *   symbol ....... (the normalizeSymbol reason, e.g.) `symbol "AA$L" has a character that is not a letter or digit: "$"`
 *   side ......... `side "HOLD" must be BUY or SELL`
 *   type ......... `order type "peg" must be market, limit, stop, stop-limit or trailing`
 *   tif .......... `time in force "IOC" must be GTC or DAY`
 *   quantity ..... `quantity 0 must be a positive whole number of shares`   (zero, negative, NaN, Infinity)
 *                  `quantity 10.5 must be a whole number of shares`
 *                  `quantity 1e+21 is too large`                           (not a safe integer)
 *                  `quantity "abc" is not a number`                        (text from a form; see quantityProblem)
 *   prices ....... `a market order takes no limit price`   `a market order takes no stop price`
 *                  `a limit order needs a limit price`     `a limit order takes no stop price`
 *                  `a stop order needs a stop price`       `a stop order takes no limit price`
 *                  `a stop-limit order needs a stop price` `a stop-limit order needs a limit price`
 *                  `limit price -1.00 must be a positive number`  (also stop price; zero, NaN, Infinity)
 *                  `limit price 20000000.00 is too large`         (above 10,000,000; also stop price)
 *                  `limit price 187.12345 has more than 4 decimals` (also stop price)
 *                  `limit price 5e-324 is below the smallest tick 0.0001`  (also stop price)
 *   trailing ..... `a trailing order needs a trail amount or percent`   `a limit order takes no trail`
 *                  `trail amount 0 must be a positive number`   `trail amount 0.12345 has more than 4 decimals`
 *                  `trail amount 20000000.00 is too large`
 *                  `trail percent 100 must be above 0% and below 100%`  `trail percent 1.123 has more than 2 decimals`
 *   ext .......... `ext (outside regular hours) is only for limit and stop-limit orders, not a market order`
 *   stop-limit ... `buy stop-limit: limit 194.00 is below the stop 195.00`
 *                  `sell stop-limit: limit 181.00 is above the stop 180.00`
 *   tick ......... `limit price 187.505 is not a multiple of the 0.01 tick`  (also stop price and trail amount; when minTick > 0;
 *                  at $1.00 and above the tick is at least 0.01, the sub-penny rule)
 *   risk ......... `quantity 5000 is above the 1000 share limit`
 *                  `notional $190,000.00 is above the $100,000.00 limit`  (price: limit, else stop, else referencePrice)
 *
 * checkPriceBand — the host's typo guard against the current market (percent = band):
 *                  `buy limit 250.00 is 33.3% above the ask 187.50 (band 5%)`   (ask, else last)
 *                  `sell limit 100.00 is 46.7% below the bid 187.50 (band 5%)`  (bid, else last)
 *                  `buy stop 150.00 is 20.0% below the ask 187.50 (band 5%)`    (would trigger at once)
 *                  `sell stop 220.00 is 17.3% above the bid 187.50 (band 5%)`   (would trigger at once)
 *                  `buy stop-limit: limit 210.00 is 7.7% above the stop 195.00 (band 5%)`
 *                  `sell stop-limit: limit 170.00 is 5.6% below the stop 180.00 (band 5%)`
 *   (a stop-limit's stop is checked like a stop; its limit is checked against its own stop,
 *   which is where the market will be when it triggers.)
 */

import type { OrderRequest, OrderType, PriceIncrement, Side } from './model';
import { tickFor } from './price-ticks';
import { quoteInput } from './echo';
import { MAX_PRICE_DECIMALS, formatMoney, formatNumber, formatPercent, formatPrice } from './format';
import { normalizeSymbol } from './symbols';

export interface OrderContext {
  /** The instrument's minimum price increment; 0 or absent = unknown, no tick check. */
  minTick?: number;
  /** The instrument's market rule (IB reqMarketRule); when given it decides the tick by price. */
  priceIncrements?: readonly PriceIncrement[];
  /** Refuse orders above this many shares. null/absent = no limit. */
  maxQuantity?: number | null;
  /** Refuse orders above this notional (USD). null/absent = no limit. */
  maxNotional?: number | null;
  /** Price used for the notional of a market order (e.g. last or ask). */
  referencePrice?: number | null;
}

export interface MarketPrices {
  bid: number | null;
  ask: number | null;
  last: number | null;
}

/** The fields the rules read; OrderRequest and the command line's ParsedOrder both fit. */
export type OrderShape = Pick<
  OrderRequest,
  'side' | 'symbol' | 'quantity' | 'type' | 'limitPrice' | 'stopPrice' | 'tif' | 'trail' | 'outsideRth'
>;

/**
 * What an account id may be made of: it is typed as `@id` on the command line and is
 * part of every order key (`id:orderId`), so no spaces, `@` or `:`.
 */
export const ACCOUNT_ID_PATTERN = /^[A-Za-z0-9_.-]+$/;

/** No US equity trades near this; beyond it, float tick arithmetic stops being exact. */
export const MAX_PRICE = 10_000_000;

const SIDES: readonly Side[] = ['BUY', 'SELL'];
const TYPES: readonly OrderType[] = ['market', 'limit', 'stop', 'stop-limit', 'trailing'];
const TIFS: readonly string[] = ['GTC', 'DAY'];

/** Which prices each order type carries. */
const PRICES_BY_TYPE: Record<OrderType, { limit: boolean; stop: boolean }> = {
  market: { limit: false, stop: false },
  limit: { limit: true, stop: false },
  stop: { limit: false, stop: true },
  'stop-limit': { limit: true, stop: true },
  trailing: { limit: false, stop: false },
};

/** Smallest price IB takes for a US equity (sub-penny, below $1). */
export const SMALLEST_TICK = 10 ** -MAX_PRICE_DECIMALS;
/** IB's trailingPercent: above 0, below 100, to a hundredth of a percent. */
export const MAX_TRAIL_PERCENT_DECIMALS = 2;

function article(type: OrderType): string {
  return type === 'market' ? 'a market' : `a ${type}`;
}

/** `value` is a whole multiple of `unit`, allowing for binary float error (e.g. 187.51 / 0.01). */
export function isMultipleOf(value: number, unit: number): boolean {
  if (!(unit > 0) || !Number.isFinite(value)) return false;
  const units = value / unit;
  // The quotient carries a few ulps of error, which grows with its size: allow a
  // millionth of a tick, or 1e-13 of the quotient for big prices in small ticks.
  return Math.abs(units - Math.round(units)) <= Math.max(1e-6, Math.abs(units) * 1e-13);
}

/** Round a price to the nearest tick, then strip float noise (187.49999999999997 -> 187.5). */
export function roundToTick(price: number, tick: number): number {
  if (!(tick > 0) || !Number.isFinite(price)) return price;
  const rounded = Math.round(price / tick) * tick;
  return Number(rounded.toFixed(10));
}

/** A price in whole 0.0001 units, so comparisons ignore float noise. */
function inPriceUnits(price: number): number {
  return Math.round(price * 10 ** MAX_PRICE_DECIMALS);
}

export { effectiveTick, tickFor } from './price-ticks';

function priceProblem(label: 'limit price' | 'stop price' | 'trail amount', price: number): string | null {
  if (!Number.isFinite(price) || price <= 0) return `${label} ${formatPrice(price)} must be a positive number`;
  if (price > MAX_PRICE) return `${label} ${formatPrice(price)} is too large`;
  if (!isMultipleOf(price, 10 ** -MAX_PRICE_DECIMALS)) {
    return `${label} ${String(price)} has more than ${MAX_PRICE_DECIMALS} decimals`;
  }
  // 5e-324 is a whole number of 0.0001 units (zero of them): refuse it by size.
  if (price < SMALLEST_TICK - 1e-12) return `${label} ${String(price)} is below the smallest tick ${formatNumber(SMALLEST_TICK)}`;
  return null;
}

/**
 * The order with a null price treated as absent. The types say undefined, but a form
 * or a JSON round trip can hand us null; "no price" is what the trader meant.
 */
function withoutNullPrices(order: OrderShape): OrderShape {
  const loose = order as { limitPrice?: number | null; stopPrice?: number | null };
  if (loose.limitPrice !== null && loose.stopPrice !== null) return order;
  const copy: OrderShape = { ...order };
  if (loose.limitPrice === null) delete copy.limitPrice;
  if (loose.stopPrice === null) delete copy.stopPrice;
  return copy;
}

/**
 * The one sentence for a bad quantity, from the command line, the ticket (which holds
 * text) or a payload: `quantity "abc" is not a number`, `quantity -5 must be a positive
 * whole number of shares`, `quantity 10.5 must be a whole number of shares`, `quantity
 * 1e+21 is too large`. null when it is a whole number of shares.
 */
export function quantityProblem(value: unknown): string | null {
  let q = value;
  if (typeof value === 'string') {
    const text = value.trim().replace(/,/g, '');
    if (text === '' || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return `quantity ${quoteInput(value)} is not a number`;
    q = Number(text);
  }
  if (typeof q !== 'number' || !Number.isFinite(q) || q <= 0) {
    const shown = typeof q === 'number' ? String(q) : quoteInput(String(q));
    return `quantity ${shown} must be a positive whole number of shares`;
  }
  if (!Number.isInteger(q)) return `quantity ${String(q)} must be a whole number of shares`;
  if (!Number.isSafeInteger(q)) return `quantity ${String(q)} is too large`;
  return null;
}

function trailProblem(order: OrderShape): string | null {
  const trail = order.trail;
  if (order.type !== 'trailing') return trail === undefined ? null : `${article(order.type)} order takes no trail`;
  if (trail === undefined || trail === null || typeof trail !== 'object') {
    return 'a trailing order needs a trail amount or percent';
  }
  if ('amount' in trail) return priceProblem('trail amount', trail.amount);
  const percent = (trail as { percent?: unknown }).percent;
  if (typeof percent !== 'number' || !Number.isFinite(percent) || percent <= 0 || percent >= 100) {
    return `trail percent ${String(percent)} must be above 0% and below 100%`;
  }
  if (!isMultipleOf(percent, 10 ** -MAX_TRAIL_PERCENT_DECIMALS)) {
    return `trail percent ${String(percent)} has more than ${MAX_TRAIL_PERCENT_DECIMALS} decimals`;
  }
  return null;
}

/** Trailing and outside-hours rules: IB fills outside regular hours only limit-priced orders. */
function trailAndHoursProblem(order: OrderShape): string | null {
  const trail = trailProblem(order);
  if (trail) return trail;
  if (order.outsideRth === true && order.type !== 'limit' && order.type !== 'stop-limit') {
    return `ext (outside regular hours) is only for limit and stop-limit orders, not ${article(order.type)} order`;
  }
  return null;
}

/** Structural rules every order must meet, whatever the instrument or account. */
function shapeProblem(order: OrderShape): string | null {
  const symbol = normalizeSymbol(typeof order.symbol === 'string' ? order.symbol : '');
  if (!symbol.ok) return symbol.reason;
  if (!SIDES.includes(order.side)) return `side ${quoteInput(String(order.side))} must be BUY or SELL`;
  if (!TYPES.includes(order.type)) {
    return `order type ${quoteInput(String(order.type))} must be market, limit, stop, stop-limit or trailing`;
  }
  if (!TIFS.includes(order.tif)) return `time in force ${quoteInput(String(order.tif))} must be GTC or DAY`;

  const quantity = quantityProblem(order.quantity);
  if (quantity) return quantity;

  const wants = PRICES_BY_TYPE[order.type];
  const hasLimit = order.limitPrice !== undefined;
  const hasStop = order.stopPrice !== undefined;
  // For a stop-limit, ask for the stop first: it is the first price typed on the command line.
  if (wants.stop && !hasStop) return `${article(order.type)} order needs a stop price`;
  if (wants.limit && !hasLimit) return `${article(order.type)} order needs a limit price`;
  if (!wants.limit && hasLimit) return `${article(order.type)} order takes no limit price`;
  if (!wants.stop && hasStop) return `${article(order.type)} order takes no stop price`;

  if (order.stopPrice !== undefined) {
    const problem = priceProblem('stop price', order.stopPrice);
    if (problem) return problem;
  }
  if (order.limitPrice !== undefined) {
    const problem = priceProblem('limit price', order.limitPrice);
    if (problem) return problem;
  }
  const extras = trailAndHoursProblem(order);
  if (extras) return extras;
  if (order.type === 'stop-limit' && order.limitPrice !== undefined && order.stopPrice !== undefined) {
    const limit = order.limitPrice;
    const stop = order.stopPrice;
    if (order.side === 'BUY' && inPriceUnits(limit) < inPriceUnits(stop)) {
      return `buy stop-limit: limit ${formatPrice(limit)} is below the stop ${formatPrice(stop)}`;
    }
    if (order.side === 'SELL' && inPriceUnits(limit) > inPriceUnits(stop)) {
      return `sell stop-limit: limit ${formatPrice(limit)} is above the stop ${formatPrice(stop)}`;
    }
  }
  return null;
}

/** The price the order's notional is measured at, or null when none is known. */
export function notionalPrice(order: OrderShape, referencePrice?: number | null): number | null {
  const candidates: unknown[] = [order.limitPrice, order.stopPrice, referencePrice];
  for (const price of candidates) {
    if (typeof price === 'number' && Number.isFinite(price) && price > 0) return price;
  }
  return null;
}

/** quantity × price, or null when the order has no price and no reference price is known. */
export function orderNotional(order: OrderShape, referencePrice?: number | null): number | null {
  const price = notionalPrice(order, referencePrice);
  return price === null ? null : price * order.quantity;
}

/** null when the order may be sent; otherwise the one-sentence reason it may not. */
export function validateOrder(input: OrderShape, context: OrderContext = {}): string | null {
  const order = withoutNullPrices(input);
  const shape = shapeProblem(order);
  if (shape) return shape;

  const tick = context.minTick ?? 0;
  const rule = context.priceIncrements;
  if ((Number.isFinite(tick) && tick > 0) || (rule !== undefined && rule.length > 0)) {
    const amount = order.trail && 'amount' in order.trail ? order.trail.amount : undefined;
    for (const [label, price] of [
      ['stop price', order.stopPrice],
      ['limit price', order.limitPrice],
      ['trail amount', amount],
    ] as const) {
      if (price === undefined) continue;
      const effective = tickFor(price, rule, Number.isFinite(tick) ? tick : 0);
      if (!(effective > 0)) continue;
      if (Math.round(price / effective) < 1) {
        return `${label} ${formatPrice(price)} is below the ${formatNumber(effective)} tick`;
      }
      if (!isMultipleOf(price, effective)) {
        return `${label} ${formatPrice(price)} is not a multiple of the ${formatNumber(effective)} tick`;
      }
    }
  }

  const maxQuantity = context.maxQuantity;
  if (maxQuantity !== undefined && maxQuantity !== null && order.quantity > maxQuantity) {
    return `quantity ${String(order.quantity)} is above the ${formatNumber(maxQuantity)} share limit`;
  }

  const maxNotional = context.maxNotional;
  if (maxNotional !== undefined && maxNotional !== null) {
    const notional = orderNotional(order, context.referencePrice);
    // Compare in cents so 100 × 1000.00 is not refused against a $100,000.00 limit by float noise.
    if (notional !== null && Math.round(notional * 100) > Math.round(maxNotional * 100)) {
      return `notional ${formatMoney(notional)} is above the ${formatMoney(maxNotional)} limit`;
    }
  }
  return null;
}

/** True when validateOrder has nothing against the order. */
export function isAcceptable(order: OrderShape, context: OrderContext = {}): boolean {
  return validateOrder(order, context) === null;
}

function usable(price: number | null): price is number {
  return price !== null && Number.isFinite(price) && price > 0;
}

/** The market price a side's order is measured against, and its name in the sentence. */
function marketReference(side: Side, market: MarketPrices): { name: string; price: number } | null {
  const quote = side === 'BUY' ? market.ask : market.bid;
  if (usable(quote)) return { name: side === 'BUY' ? 'ask' : 'bid', price: quote };
  if (usable(market.last)) return { name: 'last', price: market.last };
  return null;
}

/** How far `price` is from `reference`, in percent of the reference (positive = above). */
function percentFrom(price: number, reference: number): number {
  return ((price - reference) / reference) * 100;
}

/** Beyond the band, with a hair of slack so an order exactly on the band passes. */
function beyond(distance: number, percent: number): boolean {
  return distance > percent + 1e-9;
}

/**
 * The typo guard: refuses prices that would trade (or trigger) more than `percent`%
 * through the market. Passive prices away from the market are fine; no market data,
 * a market order or a band that is not a non-negative number means no check.
 */
export function checkPriceBand(input: OrderShape, market: MarketPrices, percent: number): string | null {
  const order = withoutNullPrices(input);
  if (!Number.isFinite(percent) || percent < 0) return null;
  const side = order.side === 'BUY' ? 'buy' : 'sell';
  const band = `(band ${formatNumber(percent, 4)}%)`;
  const ref = marketReference(order.side, market);

  if ((order.type === 'stop' || order.type === 'stop-limit') && order.stopPrice !== undefined && ref) {
    const distance = percentFrom(order.stopPrice, ref.price);
    // A buy stop below the market (or a sell stop above it) triggers at once: a market order in disguise.
    if (order.side === 'BUY' && beyond(-distance, percent)) {
      return `buy stop ${formatPrice(order.stopPrice)} is ${formatPercent(-distance)} below the ${ref.name} ${formatPrice(ref.price)} ${band}`;
    }
    if (order.side === 'SELL' && beyond(distance, percent)) {
      return `sell stop ${formatPrice(order.stopPrice)} is ${formatPercent(distance)} above the ${ref.name} ${formatPrice(ref.price)} ${band}`;
    }
  }

  if (order.type === 'limit' && order.limitPrice !== undefined && ref) {
    const distance = percentFrom(order.limitPrice, ref.price);
    if (order.side === 'BUY' && beyond(distance, percent)) {
      return `buy limit ${formatPrice(order.limitPrice)} is ${formatPercent(distance)} above the ${ref.name} ${formatPrice(ref.price)} ${band}`;
    }
    if (order.side === 'SELL' && beyond(-distance, percent)) {
      return `sell limit ${formatPrice(order.limitPrice)} is ${formatPercent(-distance)} below the ${ref.name} ${formatPrice(ref.price)} ${band}`;
    }
  }

  // A stop-limit's limit is measured against its stop, where the market is when it triggers;
  // only checked when there is market data, like every other band check.
  if (order.type === 'stop-limit' && order.limitPrice !== undefined && usable(order.stopPrice ?? null) && ref) {
    const stop = order.stopPrice as number;
    const distance = percentFrom(order.limitPrice, stop);
    if (order.side === 'BUY' && beyond(distance, percent)) {
      return `${side} stop-limit: limit ${formatPrice(order.limitPrice)} is ${formatPercent(distance)} above the stop ${formatPrice(stop)} ${band}`;
    }
    if (order.side === 'SELL' && beyond(-distance, percent)) {
      return `${side} stop-limit: limit ${formatPrice(order.limitPrice)} is ${formatPercent(-distance)} below the stop ${formatPrice(stop)} ${band}`;
    }
  }
  return null;
}
