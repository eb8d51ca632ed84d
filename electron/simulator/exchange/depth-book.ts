// The market-depth book of one symbol: ten price levels a side around the
// quote's bid and ask, the top level carrying the quote's displayed size, the
// deeper levels sizes drawn from a hash of (seed, conId, price) so a level
// keeps its size while the walk moves around it, and the simulator's own
// resting limit orders adding their remaining size at their price. Pure.

import { ticksPerDollar, ticksToPrice } from './ticks';

export interface DepthRow {
  price: number;
  size: number;
  /** The venue quoting the level (SMART depth names the exchange). */
  marketMaker: string;
}

export interface DepthBookSnapshot {
  bids: DepthRow[];
  asks: DepthRow[];
}

export interface RestingSize {
  side: 'BUY' | 'SELL';
  price: number;
  remaining: number;
}

export interface DepthInput {
  seed: number;
  conId: number;
  minTick: number;
  bid: number;
  ask: number;
  bidSize: number;
  askSize: number;
  resting: readonly RestingSize[];
  rows: number;
}

export const DEPTH_VENUES = ['NSDQ', 'ARCA', 'BATS', 'EDGX', 'NYSE', 'IEX', 'MEMX', 'BYX'] as const;

function levelHash(seed: number, conId: number, ticks: number): number {
  let h = Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) ^ conId;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b) ^ ticks;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function side(input: DepthInput, perDollar: number, top: number, topSize: number, direction: 1 | -1, action: 'BUY' | 'SELL'): DepthRow[] {
  const own = new Map<number, number>();
  for (const order of input.resting) {
    if (order.side !== action || order.remaining <= 0) continue;
    const ticks = Math.round(order.price * perDollar);
    // An order on the far side of the touch would have traded; it cannot rest there.
    const crossed = direction === -1 ? ticks >= Math.round(input.ask * perDollar) : ticks <= Math.round(input.bid * perDollar);
    if (crossed) continue;
    own.set(ticks, (own.get(ticks) ?? 0) + order.remaining);
  }
  // Own orders inside the spread become the best levels.
  const inside = [...own.keys()].filter((t) => (direction === -1 ? t > top : t < top)).sort((a, b) => (a - b) * direction);
  const prices = [...inside];
  for (let t = top; prices.length < input.rows && t >= 1; t += direction) prices.push(t);
  return prices.slice(0, input.rows).map((ticks) => {
    const hash = levelHash(input.seed, input.conId, ticks);
    const market = ticks === top ? topSize : inside.includes(ticks) ? 0 : (1 + (hash % 20)) * 100;
    return {
      price: ticksToPrice(ticks, perDollar),
      size: market + (own.get(ticks) ?? 0),
      marketMaker: DEPTH_VENUES[(hash >>> 8) % DEPTH_VENUES.length] as string,
    };
  });
}

export function buildDepthBook(input: DepthInput): DepthBookSnapshot {
  const perDollar = ticksPerDollar(input.minTick);
  const bidTop = Math.round(input.bid * perDollar);
  const askTop = Math.round(input.ask * perDollar);
  return {
    bids: side(input, perDollar, bidTop, input.bidSize, -1, 'BUY'),
    asks: side(input, perDollar, askTop, input.askSize, 1, 'SELL'),
  };
}

export type DepthOperation = 0 | 1 | 2;

export interface DepthChange {
  position: number;
  operation: DepthOperation;
  /** 0 ask, 1 bid, as IB numbers the sides. */
  side: 0 | 1;
  row: DepthRow;
}

/**
 * The operations that turn `before` into `after` for one side: update where a
 * row changed, insert at the end, delete from the end. Inserting and deleting
 * only at the end keeps the result the same whether a client shifts rows on
 * insert/delete (as IB intends) or not.
 */
export function diffDepthSide(before: readonly DepthRow[], after: readonly DepthRow[], sideId: 0 | 1): DepthChange[] {
  const changes: DepthChange[] = [];
  const common = Math.min(before.length, after.length);
  for (let i = 0; i < common; i++) {
    const a = before[i] as DepthRow;
    const b = after[i] as DepthRow;
    if (a.price !== b.price || a.size !== b.size || a.marketMaker !== b.marketMaker) changes.push({ position: i, operation: 1, side: sideId, row: b });
  }
  for (let i = common; i < after.length; i++) changes.push({ position: i, operation: 0, side: sideId, row: after[i] as DepthRow });
  for (let i = before.length - 1; i >= after.length; i--) changes.push({ position: i, operation: 2, side: sideId, row: before[i] as DepthRow });
  return changes;
}
