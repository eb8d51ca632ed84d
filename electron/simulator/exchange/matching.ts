// When a working order trades against the displayed quote, and at what price.
// Everything is in whole ticks.
//
// - MKT (and a triggered STP or TRAIL): buys take the ask, sells hit the bid.
// - LMT (and a triggered STP LMT or TRAIL LIMIT): a buy fills when ask <= limit,
//   at the ask (the better price); a sell when bid >= limit, at the bid.
// - Stops and trails trigger when the last trade or the near side touches the
//   stop: a buy stop when last >= stop or ask >= stop, a sell stop when
//   last <= stop or bid <= stop.
// - At most the displayed size fills per quote, so an order larger than the size
//   fills in parts against successive quotes.

import { isTriggerType } from './order-types';
import type { SimSide } from './types';

export interface MatchableOrder {
  action: SimSide;
  orderType: string;
  lmtTicks: number | null;
  /** The stop (STP, STP LMT: auxPrice; TRAIL, TRAIL LIMIT: the current trail stop). */
  stopTicks: number | null;
  triggered: boolean;
}

export interface TopOfBook {
  bid: number;
  ask: number;
  last: number;
  bidSize: number;
  askSize: number;
}

export function stopTouched(order: MatchableOrder, q: TopOfBook): boolean {
  const stop = order.stopTicks;
  if (stop === null) return false;
  return order.action === 'BUY' ? q.last >= stop || q.ask >= stop : q.last <= stop || q.bid <= stop;
}

/** True for stop and trail orders that are still waiting for their trigger. */
export function awaitsTrigger(order: Pick<MatchableOrder, 'orderType' | 'triggered'>): boolean {
  return isTriggerType(order.orderType) && !order.triggered;
}

/** The price (ticks) at which the order can trade now, or null if it cannot. Stops must be triggered first. */
export function executablePrice(order: MatchableOrder, q: TopOfBook): number | null {
  if (awaitsTrigger(order)) return null;
  const near = order.action === 'BUY' ? q.ask : q.bid;
  const t = order.orderType;
  if (t === 'MKT' || t === 'STP' || t === 'TRAIL') return near;
  if (t !== 'LMT' && t !== 'STP LMT' && t !== 'TRAIL LIMIT') return null;
  const limit = order.lmtTicks;
  if (limit === null) return null;
  if (order.action === 'BUY') return near <= limit ? near : null;
  return near >= limit ? near : null;
}

/** Shares shown on the side the order would trade against. */
export function displayedSize(action: SimSide, q: TopOfBook): number {
  return action === 'BUY' ? q.askSize : q.bidSize;
}
