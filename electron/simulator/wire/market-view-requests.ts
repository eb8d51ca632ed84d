// Market-view client messages at server version 193 (layouts from @stoqey/ib
// 1.6.10's encoder): historical data, market depth and tick-by-tick, with their
// cancels. Pure. Kept beside requests.ts so the order and account layouts stay
// in one file and these in another.

import type { ContractQuery } from './requests';

export const MarketViewMsg = {
  REQ_MKT_DEPTH: 10,
  CANCEL_MKT_DEPTH: 11,
  REQ_HISTORICAL_DATA: 20,
  CANCEL_HISTORICAL_DATA: 25,
  REQ_TICK_BY_TICK_DATA: 97,
  CANCEL_TICK_BY_TICK_DATA: 98,
} as const;

export type MarketViewRequest =
  | {
      kind: 'reqHistoricalData';
      reqId: number;
      contract: ContractQuery;
      endDateTime: string;
      barSize: string;
      duration: string;
      useRth: boolean;
      whatToShow: string;
      formatDate: number;
      keepUpToDate: boolean;
    }
  | { kind: 'cancelHistoricalData'; reqId: number }
  | { kind: 'reqMktDepth'; reqId: number; contract: ContractQuery; numRows: number; isSmartDepth: boolean }
  | { kind: 'cancelMktDepth'; reqId: number }
  | { kind: 'reqTickByTick'; reqId: number; contract: ContractQuery; tickType: string }
  | { kind: 'cancelTickByTick'; reqId: number };

export type MarketViewParse =
  | { ok: true; request: MarketViewRequest }
  | { ok: false; id: number; reason: string };

class MarketViewFieldError extends Error {}

function reader(fields: readonly string[]) {
  const str = (i: number): string => {
    const value = fields[i];
    if (value === undefined) throw new MarketViewFieldError(`missing field ${i}`);
    return value;
  };
  const int = (i: number): number => {
    const text = str(i);
    if (text === '') return 0;
    if (!/^-?\d{1,16}$/.test(text)) throw new MarketViewFieldError(`field ${i} is not an integer: ${JSON.stringify(text.slice(0, 20))}`);
    return Number(text);
  };
  const contract = (conIdIndex: number): ContractQuery => ({
    conId: int(conIdIndex),
    symbol: str(conIdIndex + 1),
    secType: str(conIdIndex + 2),
    exchange: str(conIdIndex + 7),
    currency: str(conIdIndex + 9),
  });
  return { str, int, bool: (i: number): boolean => int(i) !== 0, contract };
}

function parseHistorical(fields: readonly string[]): MarketViewRequest {
  // 1 reqId, 2..13 contract (conId .. tradingClass), 14 includeExpired, 15 endDateTime,
  // 16 barSize, 17 duration, 18 useRTH, 19 whatToShow, 20 formatDate, [BAG legs], keepUpToDate, chartOptions
  const f = reader(fields);
  const contract = f.contract(2);
  let cursor = 21;
  if (contract.secType.toUpperCase() === 'BAG') cursor += 1 + 4 * f.int(cursor);
  return {
    kind: 'reqHistoricalData',
    reqId: f.int(1),
    contract,
    endDateTime: f.str(15),
    barSize: f.str(16),
    duration: f.str(17),
    useRth: f.bool(18),
    whatToShow: f.str(19),
    formatDate: f.int(20),
    keepUpToDate: f.bool(cursor),
  };
}

/** The id an error about this message is sent on (its reqId), or -1. */
function idOf(msgId: number, fields: readonly string[]): number {
  const index = msgId === MarketViewMsg.REQ_MKT_DEPTH || msgId === MarketViewMsg.CANCEL_MKT_DEPTH || msgId === MarketViewMsg.CANCEL_HISTORICAL_DATA ? 2 : 1;
  const value = Number(fields[index]);
  return Number.isInteger(value) ? value : -1;
}

/** Null when msgId is not a market-view message. */
export function parseMarketViewMessage(msgId: number, fields: readonly string[]): MarketViewParse | null {
  const f = reader(fields);
  try {
    switch (msgId) {
      case MarketViewMsg.REQ_HISTORICAL_DATA:
        return { ok: true, request: parseHistorical(fields) };
      case MarketViewMsg.CANCEL_HISTORICAL_DATA:
        return { ok: true, request: { kind: 'cancelHistoricalData', reqId: f.int(2) } };
      case MarketViewMsg.REQ_MKT_DEPTH:
        // 1 version, 2 reqId, 3..14 contract (conId .. tradingClass), 15 numRows, 16 isSmartDepth, 17 options
        return {
          ok: true,
          request: { kind: 'reqMktDepth', reqId: f.int(2), contract: f.contract(3), numRows: f.int(15), isSmartDepth: f.bool(16) },
        };
      case MarketViewMsg.CANCEL_MKT_DEPTH:
        return { ok: true, request: { kind: 'cancelMktDepth', reqId: f.int(2) } };
      case MarketViewMsg.REQ_TICK_BY_TICK_DATA:
        // 1 reqId, 2..13 contract, 14 tickType, 15 numberOfTicks, 16 ignoreSize
        return { ok: true, request: { kind: 'reqTickByTick', reqId: f.int(1), contract: f.contract(2), tickType: f.str(14) } };
      case MarketViewMsg.CANCEL_TICK_BY_TICK_DATA:
        return { ok: true, request: { kind: 'cancelTickByTick', reqId: f.int(1) } };
      default:
        return null;
    }
  } catch (error) {
    if (error instanceof MarketViewFieldError) return { ok: false, id: idOf(msgId, fields), reason: error.message };
    throw error;
  }
}
