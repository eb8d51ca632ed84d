// Client messages (server version 193 layouts, from @stoqey/ib's encoder) ->
// typed requests. Pure. A known message with a malformed field becomes
// { kind: 'invalid' } carrying the id IB would answer on; an unknown message id
// becomes { kind: 'unsupported' }. Neither loses frame sync: frames are
// length-delimited and parsed whole.

import { parseMarketViewMessage, type MarketViewRequest } from './market-view-requests';
import { ACCOUNT_REQUEST_ID_INDEX, parseAccountRequest, type AccountRequest } from './account-requests';
import { ClientMsg } from './message-ids';
import { MAX_SERVER_VER, MIN_SERVER_VER } from './server-versions';

export interface ContractQuery {
  conId: number;
  symbol: string;
  secType: string;
  exchange: string;
  currency: string;
}

export interface PlaceOrderRequest {
  kind: 'placeOrder';
  orderId: number;
  contract: ContractQuery;
  action: string;
  totalQuantity: number;
  orderType: string;
  lmtPrice: number | null;
  auxPrice: number | null;
  tif: string;
  account: string;
  orderRef: string;
  /** TWS reads an empty transmit field as false: the order is held, not worked. */
  transmit: boolean;
  parentId: number;
  outsideRth: boolean;
  ocaGroup: string;
  ocaType: number;
  trailStopPrice: number | null;
  trailingPercent: number | null;
  /** TRAIL LIMIT only (read from the fixed tail; see parsePlaceOrder). */
  lmtPriceOffset: number | null;
  /** A what-if: TWS answers the margin and commission it would cost and never places it. */
  whatIf: boolean;
}

export type ClientRequest =
  | { kind: 'startApi'; clientId: number }
  | { kind: 'reqCurrentTime' }
  | { kind: 'reqMarketDataType'; marketDataType: number }
  | { kind: 'reqContractData'; reqId: number; contract: ContractQuery }
  | { kind: 'reqMktData'; reqId: number; contract: ContractQuery; snapshot: boolean }
  | { kind: 'cancelMktData'; reqId: number }
  | PlaceOrderRequest
  | { kind: 'cancelOrder'; orderId: number }
  | { kind: 'reqGlobalCancel' }
  | { kind: 'reqOpenOrders'; scope: 'client' | 'all' | 'auto' }
  | { kind: 'reqExecutions'; reqId: number; filter: ExecutionFilterQuery }
  | { kind: 'reqIds' }
  | { kind: 'reqManagedAccts' }
  | { kind: 'reqPositions' }
  | { kind: 'cancelPositions' }
  | { kind: 'reqAccountUpdates'; subscribe: boolean; account: string }
  | { kind: 'reqAccountSummary'; reqId: number; group: string; tags: string[] }
  | { kind: 'cancelAccountSummary'; reqId: number }
  | { kind: 'marketView'; request: MarketViewRequest }
  | AccountRequest
  | { kind: 'ignored'; msgId: number }
  | { kind: 'unsupported'; msgId: number; id: number }
  | { kind: 'invalid'; msgId: number; id: number; reason: string };

export interface ExecutionFilterQuery {
  clientId: number | null;
  account: string;
  symbol: string;
  secType: string;
  side: string;
}

class FieldError extends Error {}

/** Reads fields by position with strict number parsing; "" means unset. */
class Fields {
  constructor(private readonly fields: readonly string[]) {}

  get length(): number {
    return this.fields.length;
  }

  str(index: number): string {
    const value = this.fields[index];
    if (value === undefined) throw new FieldError(`missing field ${index}`);
    return value;
  }

  int(index: number, whenEmpty = 0): number {
    const text = this.str(index);
    if (text === '') return whenEmpty;
    if (!/^-?\d{1,16}$/.test(text)) throw new FieldError(`field ${index} is not an integer: ${JSON.stringify(text.slice(0, 20))}`);
    return Number(text);
  }

  /** Unset ("" or >= 1e308) is null. */
  double(index: number): number | null {
    const text = this.str(index);
    if (text === '') return null;
    const value = Number(text);
    if (Number.isNaN(value)) throw new FieldError(`field ${index} is not a number: ${JSON.stringify(text.slice(0, 20))}`);
    return value >= 1e308 ? null : value;
  }

  bool(index: number): boolean {
    return this.int(index) !== 0;
  }
}

function contractAt(f: Fields, conIdIndex: number): ContractQuery {
  // conId, symbol, secType, ltdOrMonth, strike, right, multiplier, exchange, primaryExch, currency
  return {
    conId: f.int(conIdIndex),
    symbol: f.str(conIdIndex + 1),
    secType: f.str(conIdIndex + 2),
    exchange: f.str(conIdIndex + 7),
    currency: f.str(conIdIndex + 9),
  };
}

/**
 * PLACE_ORDER as @stoqey/ib's encoder writes it at `version`: a version field
 * below ORDER_CONTAINER (145) shifts everything by one; faProfile below
 * FA_PROFILE_DESUPPORT (177) shifts everything after faPercentage. At 193: 1
 * orderId, 2..15 contract, 16 action, 17 qty, 18 type, 19 lmt, 20 aux, 21 tif,
 * 22 ocaGroup, 23 account, 26 orderRef, 27 transmit, 28 parentId, 33 outsideRth,
 * 46 ocaType; from 64 on a cursor walks the optional groups (delta-neutral,
 * scale, hedge, delta-neutral contract, algo) to trailStopPrice, whatIf and
 * lmtPriceOffset.
 */
function parsePlaceOrder(f: Fields, version: number): PlaceOrderRequest {
  const o = version < MIN_SERVER_VER.ORDER_CONTAINER ? 1 : 0;
  const fa = version < MIN_SERVER_VER.FA_PROFILE_DESUPPORT ? 1 : 0;
  const orderId = f.int(1 + o);
  const quantity = f.double(17 + o);
  if (quantity === null) throw new FieldError('totalQuantity is unset');
  const orderType = f.str(18 + o);
  const tail = placeOrderTail(f, 64 + o + fa, version, orderType);
  return {
    kind: 'placeOrder',
    orderId,
    contract: { conId: f.int(2 + o), symbol: f.str(3 + o), secType: f.str(4 + o), exchange: f.str(9 + o), currency: f.str(11 + o) },
    action: f.str(16 + o),
    totalQuantity: quantity,
    orderType,
    lmtPrice: f.double(19 + o),
    auxPrice: f.double(20 + o),
    tif: f.str(21 + o),
    account: f.str(23 + o),
    orderRef: f.str(26 + o),
    transmit: f.bool(27 + o),
    parentId: f.int(28 + o),
    outsideRth: f.bool(33 + o),
    ocaGroup: f.str(22 + o),
    ocaType: f.length > 46 + o + fa ? f.int(46 + o + fa) : 0,
    ...tail,
  };
}

type PlaceOrderTail = Pick<PlaceOrderRequest, 'trailStopPrice' | 'trailingPercent' | 'lmtPriceOffset' | 'whatIf'>;

/** The fields after deltaNeutralOrderType (index `start`), walked group by group as the encoder writes them. */
function placeOrderTail(f: Fields, start: number, version: number, orderType: string): PlaceOrderTail {
  if (f.length <= start) return { trailStopPrice: null, trailingPercent: null, lmtPriceOffset: null, whatIf: false };
  let c = start;
  c += f.str(c) !== '' ? 10 : 2; // deltaNeutralOrderType, auxPrice (+8)
  c += 2; // continuousUpdate, referencePriceType
  const trailStopPrice = f.double(c);
  const trailingPercent = f.double(c + 1);
  c += 4; // trailStopPrice, trailingPercent, scaleInitLevelSize, scaleSubsLevelSize
  c += f.str(c) !== '' ? 8 : 1; // scalePriceIncrement (+7)
  c += 3; // scaleTable, activeStartTime, activeStopTime
  c += f.str(c) !== '' ? 2 : 1; // hedgeType (+hedgeParam)
  c += 4; // optOutSmartRouting, clearingAccount, clearingIntent, notHeld
  c += f.bool(c) ? 4 : 1; // delta-neutral contract (+conId, delta, price)
  c += f.str(c) !== '' ? 2 + 2 * f.int(c + 1) : 1; // algoStrategy (+count, pairs)
  c += 1; // algoId
  const whatIf = f.bool(c);
  c += 5; // whatIf, orderMiscOptions, solicited, randomizeSize, randomizePrice
  let lmtPriceOffset: number | null = null;
  if (orderType.toUpperCase() === 'TRAIL LIMIT' && version >= MIN_SERVER_VER.PEGGED_TO_BENCHMARK && f.int(c) === 0) {
    // nConditions 0, then adjustedOrderType, triggerPrice, lmtPriceOffset.
    lmtPriceOffset = f.double(c + 3);
  }
  return { trailStopPrice, trailingPercent, lmtPriceOffset, whatIf };
}

/**
 * Where the reqId sits in requests the simulator does not serve (server version 193
 * layouts from @stoqey/ib's encoder), so their refusal reaches the request that
 * asked instead of hanging it: historical data, PnL, matching symbols, sec-def
 * option params, head timestamp, historical ticks, tick-by-tick (index 1);
 * market depth, real-time bars, fundamentals, positions/account updates multi (index 2).
 */
const UNSUPPORTED_REQ_ID_INDEX: ReadonlyMap<number, number> = new Map([
  [20, 1], [81, 1], [78, 1], [87, 1], [96, 1], [97, 1],
  [10, 2], [50, 2], [52, 2], [74, 2], [76, 2],
]);

/** The id IB would put on an error about this message (reqId / orderId), or -1. */
function errorIdOf(msgId: number, fields: readonly string[], version: number): number {
  const at = (index: number): number => {
    const value = Number(fields[index]);
    return Number.isInteger(value) ? value : -1;
  };
  switch (msgId) {
    case ClientMsg.PLACE_ORDER:
      return at(version < MIN_SERVER_VER.ORDER_CONTAINER ? 2 : 1);
    case ClientMsg.CANCEL_ORDER:
      return at(version < MIN_SERVER_VER.CME_TAGGING_FIELDS ? 2 : 1);
    case ClientMsg.REQ_MKT_DATA:
    case ClientMsg.CANCEL_MKT_DATA:
    case ClientMsg.REQ_CONTRACT_DATA:
    case ClientMsg.REQ_EXECUTIONS:
    case ClientMsg.REQ_ACCOUNT_SUMMARY:
    case ClientMsg.CANCEL_ACCOUNT_SUMMARY:
      return at(2);
    default: {
      const index = UNSUPPORTED_REQ_ID_INDEX.get(msgId) ?? ACCOUNT_REQUEST_ID_INDEX.get(msgId);
      return index === undefined ? -1 : at(index);
    }
  }
}

/** A client frame, read with the layouts of the negotiated server `version`. */
export function parseClientMessage(fields: readonly string[], version: number = MAX_SERVER_VER): ClientRequest {
  const f = new Fields(fields);
  const idText = fields[0] ?? '';
  if (!/^\d{1,4}$/.test(idText)) return { kind: 'invalid', msgId: -1, id: -1, reason: `bad message id ${JSON.stringify(idText.slice(0, 20))}` };
  const msgId = Number(idText);
  try {
    switch (msgId) {
      case ClientMsg.START_API:
        return { kind: 'startApi', clientId: f.int(2) };
      case ClientMsg.REQ_CURRENT_TIME:
        return { kind: 'reqCurrentTime' };
      case ClientMsg.REQ_MARKET_DATA_TYPE:
        return { kind: 'reqMarketDataType', marketDataType: f.int(2) };
      case ClientMsg.REQ_CONTRACT_DATA:
        // 1 version, 2 reqId, 3 conId, 4 symbol, 5 secType, 6 ltd, 7 strike, 8 right, 9 mult, 10 exchange, 11 primaryExch, 12 currency
        return { kind: 'reqContractData', reqId: f.int(2), contract: contractAt(f, 3) };
      case ClientMsg.REQ_MKT_DATA: {
        // 1 version, 2 reqId, 3.. contract (as contract data), 13 localSymbol, 14 tradingClass,
        // [BAG legs], dnFlag [+3], genericTicks, snapshot, regulatorySnapshot, options
        const contract = contractAt(f, 3);
        let cursor = 15;
        if (contract.secType.toUpperCase() === 'BAG') cursor += 1 + 4 * f.int(cursor);
        if (f.bool(cursor)) cursor += 3;
        cursor += 1; // dn flag
        cursor += 1; // generic tick list
        const snapshot = f.bool(cursor);
        return { kind: 'reqMktData', reqId: f.int(2), contract, snapshot };
      }
      case ClientMsg.CANCEL_MKT_DATA:
        return { kind: 'cancelMktData', reqId: f.int(2) };
      case ClientMsg.PLACE_ORDER:
        return parsePlaceOrder(f, version);
      case ClientMsg.CANCEL_ORDER:
        // Below CME_TAGGING_FIELDS (192) the encoder writes a version field first.
        return { kind: 'cancelOrder', orderId: f.int(version < MIN_SERVER_VER.CME_TAGGING_FIELDS ? 2 : 1) };
      case ClientMsg.REQ_GLOBAL_CANCEL:
        return { kind: 'reqGlobalCancel' };
      case ClientMsg.REQ_OPEN_ORDERS:
        return { kind: 'reqOpenOrders', scope: 'client' };
      case ClientMsg.REQ_ALL_OPEN_ORDERS:
        return { kind: 'reqOpenOrders', scope: 'all' };
      case ClientMsg.REQ_AUTO_OPEN_ORDERS:
        return { kind: 'reqOpenOrders', scope: 'auto' };
      case ClientMsg.REQ_EXECUTIONS: {
        const clientIdText = f.str(3);
        return {
          kind: 'reqExecutions',
          reqId: f.int(2),
          filter: {
            clientId: clientIdText === '' ? null : f.int(3),
            account: f.str(4),
            symbol: f.str(6),
            secType: f.str(7),
            side: f.str(9),
          },
        };
      }
      case ClientMsg.REQ_IDS:
        return { kind: 'reqIds' };
      case ClientMsg.REQ_MANAGED_ACCTS:
        return { kind: 'reqManagedAccts' };
      case ClientMsg.REQ_POSITIONS:
        return { kind: 'reqPositions' };
      case ClientMsg.CANCEL_POSITIONS:
        return { kind: 'cancelPositions' };
      case ClientMsg.REQ_ACCOUNT_DATA:
        return { kind: 'reqAccountUpdates', subscribe: f.bool(2), account: fields.length > 3 ? f.str(3) : '' };
      case ClientMsg.REQ_ACCOUNT_SUMMARY:
        return {
          kind: 'reqAccountSummary',
          reqId: f.int(2),
          group: f.str(3),
          tags: f.str(4).split(',').map((tag) => tag.trim()).filter((tag) => tag !== ''),
        };
      case ClientMsg.CANCEL_ACCOUNT_SUMMARY:
        return { kind: 'cancelAccountSummary', reqId: f.int(2) };
      case ClientMsg.SET_SERVER_LOGLEVEL:
        return { kind: 'ignored', msgId };
      default: {
        const marketView = parseMarketViewMessage(msgId, fields);
        if (marketView?.ok) return { kind: 'marketView', request: marketView.request };
        if (marketView) return { kind: 'invalid', msgId, id: marketView.id, reason: marketView.reason };
        return parseAccountRequest(msgId, f) ?? { kind: 'unsupported', msgId, id: errorIdOf(msgId, fields, version) };
      }
    }
  } catch (error) {
    if (error instanceof FieldError) return { kind: 'invalid', msgId, id: errorIdOf(msgId, fields, version), reason: error.message };
    throw error;
  }
}
