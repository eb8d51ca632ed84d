// The stateless half of order acceptance: type, contract, size, prices and tick
// grid. Order ids, forced rejects, buying power and modifications need account
// state and are checked by the order engine.

import { isRestingType, isTrailType, isWorkedType } from './order-types';
import { NO_SECURITY_DEFINITION, PRICE_OFF_TICK, UNSUPPORTED_ORDER_TYPE, ZERO_SIZE, validationError } from './rejects';
import { priceToTicks, ticksPerDollar } from './ticks';
import type { NewOrder, SimReject, SimSide, SimTif, UniverseEntry } from './types';

export interface CheckedOrder {
  entry: UniverseEntry;
  action: SimSide;
  orderType: string;
  tif: SimTif;
  quantity: number;
  /** Prices the order type uses; the others are dropped (IB ignores them too). Resting types keep what was sent. */
  lmtPrice: number | null;
  auxPrice: number | null;
  lmtTicks: number | null;
  auxTicks: number | null;
  trailingPercent: number | null;
  /** Requested initial trail stop, in ticks (null: start from the last price). */
  trailStopTicks: number | null;
  lmtPriceOffset: number | null;
  lmtOffsetTicks: number | null;
}

const MAX_PRICE = 1_000_000;

export function isReject(x: object): x is SimReject {
  return 'code' in x && 'message' in x && !('orderId' in x);
}

function checkPrice(name: string, price: number | null | undefined, perDollar: number): { ticks: number } | SimReject {
  if (price === null || price === undefined) return validationError(`The ${name} is missing for this order type.`);
  if (typeof price !== 'number' || !Number.isFinite(price) || price <= 0) {
    return validationError(`The ${name} must be a positive number, got ${String(price)}.`);
  }
  // IB's "unset" double (Number.MAX_VALUE) and other absurd values must not pass as prices.
  if (price > MAX_PRICE) return validationError(`The ${name} ${price} is out of range.`);
  const ticks = priceToTicks(price, perDollar);
  return ticks === null ? PRICE_OFF_TICK : { ticks };
}

function optionalPrice(name: string, price: number | null | undefined, perDollar: number): { ticks: number } | null | SimReject {
  return price === null || price === undefined ? null : checkPrice(name, price, perDollar);
}

function checkQuantity(quantity: number): SimReject | null {
  if (quantity === 0) return ZERO_SIZE;
  if (typeof quantity !== 'number' || !Number.isFinite(quantity) || quantity < 0) {
    return validationError(`The order size must be a positive number of shares, got ${String(quantity)}.`);
  }
  if (!Number.isInteger(quantity)) return { code: 10243, message: 'Fractional-sized order cannot be placed via API.' };
  return null;
}

function finiteOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_PRICE ? value : null;
}

export function checkOrder(order: NewOrder, entry: UniverseEntry | undefined): CheckedOrder | SimReject {
  const orderType = order.orderType;
  if (!isWorkedType(orderType) && !isRestingType(orderType)) return UNSUPPORTED_ORDER_TYPE;
  if (order.action !== 'BUY' && order.action !== 'SELL') {
    return validationError(`Unknown action ${JSON.stringify(order.action)}; expected BUY or SELL.`);
  }
  if (order.tif !== 'DAY' && order.tif !== 'GTC') {
    return validationError(`Unsupported time in force ${JSON.stringify(order.tif)}; expected DAY or GTC.`);
  }
  if (!entry) return NO_SECURITY_DEFINITION;
  const badSize = checkQuantity(order.quantity);
  if (badSize) return badSize;

  const base = { entry, action: order.action, orderType, tif: order.tif, quantity: order.quantity };
  if (!isWorkedType(orderType)) {
    // Resting types keep their prices as sent (offsets may be zero or negative); they never trade on them.
    return {
      ...base, lmtPrice: finiteOrNull(order.lmtPrice), auxPrice: finiteOrNull(order.auxPrice), lmtTicks: null, auxTicks: null,
      trailingPercent: null, trailStopTicks: null, lmtPriceOffset: null, lmtOffsetTicks: null,
    };
  }
  const perDollar = ticksPerDollar(entry.minTick);
  let lmt: { ticks: number } | null = null;
  let aux: { ticks: number } | null = null;
  if (orderType === 'LMT' || orderType === 'STP LMT') {
    const r = checkPrice('limit price', order.lmtPrice, perDollar);
    if (isReject(r)) return r;
    lmt = r;
  }
  if (orderType === 'STP' || orderType === 'STP LMT') {
    const r = checkPrice('stop price', order.auxPrice, perDollar);
    if (isReject(r)) return r;
    aux = r;
  }
  if (!isTrailType(orderType)) {
    return {
      ...base, lmtPrice: lmt ? order.lmtPrice : null, auxPrice: aux ? order.auxPrice : null,
      lmtTicks: lmt ? lmt.ticks : null, auxTicks: aux ? aux.ticks : null,
      trailingPercent: null, trailStopTicks: null, lmtPriceOffset: null, lmtOffsetTicks: null,
    };
  }
  return checkTrail(order, base, perDollar);
}

function checkTrail(
  order: NewOrder,
  base: Pick<CheckedOrder, 'entry' | 'action' | 'orderType' | 'tif' | 'quantity'>,
  perDollar: number,
): CheckedOrder | SimReject {
  const percent = order.trailingPercent ?? null;
  let amount: { ticks: number } | null = null;
  if (percent !== null) {
    if (!Number.isFinite(percent) || percent <= 0 || percent >= 100) {
      return validationError(`The trailing percent must be between 0 and 100, got ${String(percent)}.`);
    }
  } else {
    const r = checkPrice('trailing amount', order.auxPrice, perDollar);
    if (isReject(r)) return r;
    amount = r;
  }
  const stop = optionalPrice('trail stop price', order.trailStopPrice, perDollar);
  if (stop !== null && isReject(stop)) return stop;
  let offset: { ticks: number } | null = null;
  if (base.orderType === 'TRAIL LIMIT') {
    const r = checkPrice('limit price offset', order.lmtPriceOffset, perDollar);
    if (isReject(r)) return r;
    offset = r;
  }
  return {
    ...base,
    lmtPrice: null,
    auxPrice: amount ? (order.auxPrice as number) : null,
    lmtTicks: null,
    auxTicks: amount ? amount.ticks : null,
    trailingPercent: percent,
    trailStopTicks: stop ? stop.ticks : null,
    lmtPriceOffset: offset ? (order.lmtPriceOffset as number) : null,
    lmtOffsetTicks: offset ? offset.ticks : null,
  };
}
