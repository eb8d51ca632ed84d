// Market-view server messages at server version 193, as field lists that
// @stoqey/ib 1.6.10's decoder reads field for field: HISTORICAL_DATA (no
// version, no hasGaps, with barCount), HISTORICAL_DATA_UPDATE (open, close,
// high, low: the decoder's order), MARKET_DEPTH / MARKET_DEPTH_L2 (with
// isSmartDepth) and TICK_BY_TICK (AllLast, BidAsk).

import type { SimBar } from '../exchange/history';
import type { DepthChange } from '../exchange/depth-book';
import type { Field } from './codec';

export const MarketViewServerMsg = {
  MARKET_DEPTH: 12,
  MARKET_DEPTH_L2: 13,
  HISTORICAL_DATA: 17,
  HISTORICAL_DATA_UPDATE: 90,
  TICK_BY_TICK: 99,
} as const;

export function historicalData(reqId: number, start: string, end: string, bars: readonly SimBar[], date: (bar: SimBar) => string): Field[] {
  const fields: Field[] = [MarketViewServerMsg.HISTORICAL_DATA, reqId, start, end, bars.length];
  for (const bar of bars) fields.push(date(bar), bar.open, bar.high, bar.low, bar.close, bar.volume, bar.wap, bar.count);
  return fields;
}

export function historicalDataUpdate(reqId: number, bar: SimBar, date: string): Field[] {
  return [MarketViewServerMsg.HISTORICAL_DATA_UPDATE, reqId, bar.count, date, bar.open, bar.close, bar.high, bar.low, bar.wap, bar.volume];
}

export function marketDepth(reqId: number, change: DepthChange): Field[] {
  return [MarketViewServerMsg.MARKET_DEPTH, 1, reqId, change.position, change.operation, change.side, change.row.price, change.row.size];
}

export function marketDepthL2(reqId: number, change: DepthChange, isSmartDepth: boolean): Field[] {
  return [
    MarketViewServerMsg.MARKET_DEPTH_L2, 1, reqId, change.position, change.row.marketMaker,
    change.operation, change.side, change.row.price, change.row.size, isSmartDepth ? 1 : 0,
  ];
}

export interface SimPrint {
  /** Epoch seconds. */
  time: number;
  price: number;
  size: number;
  exchange: string;
  specialConditions: string;
}

/** tickType 1 Last or 2 AllLast; attribute mask bit 0 pastLimit, bit 1 unreported. */
export function tickByTickLast(reqId: number, tickType: 1 | 2, print: SimPrint): Field[] {
  return [MarketViewServerMsg.TICK_BY_TICK, reqId, tickType, print.time, print.price, print.size, 0, print.exchange, print.specialConditions];
}

/** tickType 3 BidAsk; attribute mask bit 0 bidPastLow, bit 1 askPastHigh. */
export function tickByTickBidAsk(reqId: number, time: number, bid: number, ask: number, bidSize: number, askSize: number): Field[] {
  return [MarketViewServerMsg.TICK_BY_TICK, reqId, 3, time, bid, ask, bidSize, askSize, 0];
}
