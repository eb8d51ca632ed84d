// OPEN_ORDER (also as a what-if answer) and COMPLETED_ORDER as field lists, at
// the negotiated server version `v`, following @stoqey/ib 1.6.10's
// OrderDecoder reader by reader; every gate is one of IB's MIN_SERVER_VER
// constants (server-versions.ts). A field too many or too few shows up in the
// client as error 505, which the tests assert never happens.

import type { SimOrder, SimWhatIf } from '../exchange/types';
import { doubleOrUnset, UNSET_DOUBLE, UNSET_INT, type Field } from './codec';
import { ServerMsg } from './message-ids';
import { MAX_SERVER_VER, MIN_SERVER_VER as V } from './server-versions';

export const COMPLETED_ORDER = 101;
export const COMPLETED_ORDERS_END = 102;

/** Pushes `fields` when the version reaches `min`. */
function gate(out: Field[], v: number, min: number, ...fields: Field[]): void {
  if (v >= min) out.push(...fields);
}

function contractFields(order: SimOrder): Field[] {
  return [order.conId, order.symbol, 'STK', '', 0, '', '', 'SMART', 'USD', order.symbol, order.symbol];
}

function faFields(out: Field[], v: number): void {
  out.push('', '', ''); // faGroup, faMethod, faPercentage
  if (v < V.FA_PROFILE_DESUPPORT) out.push(''); // faProfile
}

function whatIfFields(out: Field[], v: number, status: string, w: SimWhatIf | null): void {
  const d = (x: number | undefined): string => doubleOrUnset(x ?? null);
  out.push(w ? 1 : 0, status);
  gate(out, v, V.WHAT_IF_EXT_FIELDS,
    d(w?.initMarginBefore), d(w?.maintMarginBefore), d(w?.equityWithLoanBefore),
    d(w?.initMarginChange), d(w?.maintMarginChange), d(w?.equityWithLoanChange));
  out.push(d(w?.initMarginAfter), d(w?.maintMarginAfter), d(w?.equityWithLoanAfter),
    d(w?.commission), d(w?.minCommission), d(w?.maxCommission), w ? 'USD' : '', w?.warningText ?? '');
}

/** OPEN_ORDER; with `whatIf`, TWS's answer to a what-if order (the order is not placed). */
export function openOrder(order: SimOrder, v: number = MAX_SERVER_VER, whatIf: SimWhatIf | null = null): Field[] {
  const out: Field[] = [ServerMsg.OPEN_ORDER];
  if (v < V.ORDER_CONTAINER) out.push(v); // message version; the decoder gates on it as on the server version
  out.push(order.orderId, ...contractFields(order));
  out.push(order.action, order.quantity, order.orderType, doubleOrUnset(order.lmtPrice), doubleOrUnset(order.auxPrice),
    order.tif, order.ocaGroup, order.account, 'O', 0, '', order.clientId, order.permId, order.outsideRth ? 1 : 0, 0, 0, '', '');
  faFields(out, v);
  gate(out, v, V.MODELS_SUPPORT, '');
  // goodTillDate .. triggerMethod
  out.push('', '', UNSET_DOUBLE, '', 0, '', -1, 0, UNSET_DOUBLE, UNSET_DOUBLE, UNSET_DOUBLE, UNSET_DOUBLE, UNSET_DOUBLE,
    UNSET_INT, 0, 0, 0, UNSET_INT, order.ocaType || 3, 0, 0, UNSET_DOUBLE, order.parentId, 0);
  // volatility (deltaNeutralOrderType "" so no extra fields), trail, basis points, combos, scale
  out.push(UNSET_DOUBLE, 0, '', UNSET_DOUBLE, 0, 0,
    doubleOrUnset(order.trailStopPrice), doubleOrUnset(order.trailingPercent), UNSET_DOUBLE, UNSET_INT,
    '', 0, 0, 0, UNSET_INT, UNSET_INT, UNSET_DOUBLE);
  // hedgeType, optOutSmartRouting, clearingAccount, clearingIntent, notHeld, deltaNeutral flag, algoStrategy, solicited
  out.push('', 0, '', 'IB', 0, 0, '', 0);
  whatIfFields(out, v, whatIf ? 'PreSubmitted' : order.status, whatIf);
  out.push(0, 0); // randomizeSize, randomizePrice
  gate(out, v, V.PEGGED_TO_BENCHMARK, 0, // conditions
    'None', UNSET_DOUBLE, doubleOrUnset(order.trailStopPrice), doubleOrUnset(order.lmtPriceOffset),
    UNSET_DOUBLE, UNSET_DOUBLE, UNSET_DOUBLE, 0);
  gate(out, v, V.SOFT_DOLLAR_TIER, '', '', '');
  gate(out, v, V.CASH_QTY, UNSET_DOUBLE);
  gate(out, v, V.AUTO_PRICE_FOR_HEDGE, 1);
  gate(out, v, V.ORDER_CONTAINER, 0);
  gate(out, v, V.D_PEG_ORDERS, 0);
  gate(out, v, V.PRICE_MGMT_ALGO, 0);
  gate(out, v, V.DURATION, UNSET_INT);
  gate(out, v, V.POST_TO_ATS, UNSET_INT);
  gate(out, v, V.AUTO_CANCEL_PARENT, 0);
  gate(out, v, V.PEGBEST_PEGMID_OFFSETS, UNSET_INT, UNSET_INT, UNSET_DOUBLE, UNSET_DOUBLE, UNSET_DOUBLE);
  gate(out, v, V.CUSTOMER_ACCOUNT, '');
  gate(out, v, V.PROFESSIONAL_CUSTOMER, 0);
  gate(out, v, V.BOND_ACCRUED_INTEREST, '');
  gate(out, v, V.INCLUDE_OVERNIGHT, 0);
  gate(out, v, V.CME_TAGGING_FIELDS_IN_OPEN_ORDER, '', UNSET_INT);
  return out;
}

/** A finished order of today as reqCompletedOrders lists it. */
export interface CompletedOrderInfo {
  order: SimOrder;
  /** "yyyyMMdd HH:mm:ss zone". */
  completedTime: string;
  /** TWS's words, e.g. "Filled", "Cancelled by Trader", "Rejected: <reason>". */
  completedStatus: string;
}

/**
 * COMPLETED_ORDER. Below FA_PROFILE_DESUPPORT (177) TWS also sends faProfile,
 * which @stoqey/ib's completed-order reader skips (it gates on its own version,
 * MAX_VALUE): the decoder is one field off there (see README).
 */
export function completedOrder(info: CompletedOrderInfo, v: number = MAX_SERVER_VER): Field[] {
  const { order } = info;
  const out: Field[] = [COMPLETED_ORDER, ...contractFields(order)];
  out.push(order.action, order.quantity, order.orderType, doubleOrUnset(order.lmtPrice), doubleOrUnset(order.auxPrice),
    order.tif, order.ocaGroup, order.account, 'O', 0, '', order.permId, order.outsideRth ? 1 : 0, 0, 0, '');
  faFields(out, v);
  out.push(''); // modelCode
  // goodTillDate .. triggerMethod
  out.push('', '', UNSET_DOUBLE, '', 0, '', -1, UNSET_DOUBLE, UNSET_DOUBLE, UNSET_DOUBLE, UNSET_DOUBLE, UNSET_DOUBLE,
    UNSET_INT, 0, 0, UNSET_INT, order.ocaType || 3, 0);
  // volatility, trail, combos, scale, hedge, clearing, notHeld, delta neutral, algo, solicited
  out.push(UNSET_DOUBLE, 0, '', UNSET_DOUBLE, 0, 0,
    doubleOrUnset(order.trailStopPrice), doubleOrUnset(order.trailingPercent),
    '', 0, 0, 0, UNSET_INT, UNSET_INT, UNSET_DOUBLE, '', '', 'IB', 0, 0, '', 0);
  out.push(order.status, 0, 0); // status, randomizeSize, randomizePrice
  gate(out, v, V.PEGGED_TO_BENCHMARK, 0); // conditions
  out.push(doubleOrUnset(order.trailStopPrice), doubleOrUnset(order.lmtPriceOffset));
  gate(out, v, V.CASH_QTY, UNSET_DOUBLE);
  gate(out, v, V.AUTO_PRICE_FOR_HEDGE, 0);
  gate(out, v, V.ORDER_CONTAINER, 0);
  // autoCancelDate, filledQuantity, refFuturesConId, autoCancelParent, shareholder, imbalanceOnly,
  // routeMarketableToBbo, parentPermId, completedTime, completedStatus
  out.push('', order.filled, 0, 0, '', 0, 0, 0, info.completedTime, info.completedStatus);
  gate(out, v, V.PEGBEST_PEGMID_OFFSETS, UNSET_INT, UNSET_INT, UNSET_DOUBLE, UNSET_DOUBLE, UNSET_DOUBLE);
  gate(out, v, V.CUSTOMER_ACCOUNT, '');
  gate(out, v, V.PROFESSIONAL_CUSTOMER, 0);
  return out;
}

export function completedOrdersEnd(): Field[] {
  return [COMPLETED_ORDERS_END];
}
