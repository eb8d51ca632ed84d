// The price increment at a price: IB's market rule when known (the increment by
// price level), else the instrument's minTick with the sub-penny rule. Pure.

import type { PriceIncrement } from './model';

/**
 * The increment a price must respect. A stock's minTick can be 0.0001 (it may trade
 * below $1), but at $1.00 and above US equities are quoted in whole cents (Reg NMS
 * rule 612), so IB would reject 187.5012 anyway.
 */
export function effectiveTick(price: number, minTick: number): number {
  return price >= 1 && minTick < 0.01 ? 0.01 : minTick;
}

/**
 * The increment at `price` by the market rule: the level with the highest lowEdge at or
 * below the price (IB's reqMarketRule levels). Without a usable rule, minTick (with the
 * sub-penny rule of effectiveTick); 0 = unknown.
 */
export function tickFor(price: number, rule: readonly PriceIncrement[] | undefined, minTick = 0): number {
  let best: PriceIncrement | null = null;
  for (const level of rule ?? []) {
    if (!(level.increment > 0) || !(level.lowEdge <= price + 1e-12)) continue;
    if (best === null || level.lowEdge > best.lowEdge) best = level;
  }
  if (best) return best.increment;
  return minTick > 0 ? effectiveTick(price, minTick) : 0;
}

