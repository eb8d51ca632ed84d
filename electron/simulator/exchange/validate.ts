// The stateless half of order acceptance: type, contract, size, prices and tick
// grid. Order ids, forced rejects and buying power need account state and are
// checked by the exchange.

import { NO_SECURITY_DEFINITION, PRICE_OFF_TICK, UNSUPPORTED_ORDER_TYPE, ZERO_SIZE, validationError } from './rejects';
import { priceToTicks, ticksPerDollar } from './ticks';
import type { NewOrder, SimOrderType, SimReject, SimSide, SimTif, UniverseEntry } from './types';

export interface CheckedOrder {
  entry: UniverseEntry;
  action: SimSide;
  orderType: SimOrderType;
  tif: SimTif;
  quantity: number;
  /** Prices the order type uses; the others are dropped (IB ignores them too). */
  lmtPrice: number | null;
  auxPrice: number | null;
  lmtTicks: number | null;
  auxTicks: number | null;
}

const ORDER_TYPES: readonly string[] = ['MKT', 'LMT', 'STP', 'STP LMT'];
const MAX_PRICE = 1_000_000;

export function isReject(x: object): x is SimReject {
  return 'code' in x && 'message' in x && !('orderId' in x);
}

function checkPrice(
  name: 'limit' | 'stop',
  price: number | null,
  perDollar: number,
): { ticks: number } | SimReject {
  if (price === null || price === undefined) return validationError(`The ${name} price is missing for this order type.`);
  if (typeof price !== 'number' || !Number.isFinite(price) || price <= 0) {
    return validationError(`The ${name} price must be a positive number, got ${String(price)}.`);
  }
  // IB's "unset" double (Number.MAX_VALUE) and other absurd values must not pass as prices.
  if (price > MAX_PRICE) return validationError(`The ${name} price ${price} is out of range.`);
  const ticks = priceToTicks(price, perDollar);
  return ticks === null ? PRICE_OFF_TICK : { ticks };
}

export function checkOrder(order: NewOrder, entry: UniverseEntry | undefined): CheckedOrder | SimReject {
  if (!ORDER_TYPES.includes(order.orderType)) return UNSUPPORTED_ORDER_TYPE;
  const orderType = order.orderType as SimOrderType;
  if (order.action !== 'BUY' && order.action !== 'SELL') {
    return validationError(`Unknown action ${JSON.stringify(order.action)}; expected BUY or SELL.`);
  }
  if (order.tif !== 'DAY' && order.tif !== 'GTC') {
    return validationError(`Unsupported time in force ${JSON.stringify(order.tif)}; expected DAY or GTC.`);
  }
  if (!entry) return NO_SECURITY_DEFINITION;

  const quantity = order.quantity;
  if (quantity === 0) return ZERO_SIZE;
  if (typeof quantity !== 'number' || !Number.isFinite(quantity) || quantity < 0) {
    return validationError(`The order size must be a positive number of shares, got ${String(quantity)}.`);
  }
  if (!Number.isInteger(quantity)) {
    return { code: 10243, message: 'Fractional-sized order cannot be placed via API.' };
  }

  const perDollar = ticksPerDollar(entry.minTick);
  let lmt: { ticks: number } | null = null;
  let aux: { ticks: number } | null = null;
  if (orderType === 'LMT' || orderType === 'STP LMT') {
    const r = checkPrice('limit', order.lmtPrice, perDollar);
    if (isReject(r)) return r;
    lmt = r;
  }
  if (orderType === 'STP' || orderType === 'STP LMT') {
    const r = checkPrice('stop', order.auxPrice, perDollar);
    if (isReject(r)) return r;
    aux = r;
  }

  return {
    entry,
    action: order.action,
    orderType,
    tif: order.tif,
    quantity,
    lmtPrice: lmt ? order.lmtPrice : null,
    auxPrice: aux ? order.auxPrice : null,
    lmtTicks: lmt ? lmt.ticks : null,
    auxTicks: aux ? aux.ticks : null,
  };
}
