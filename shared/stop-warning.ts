/**
 * A stop on the wrong side of the market is a market order in disguise: a buy stop at or
 * below the ask, or a sell stop at or above the bid, triggers the moment it arrives. TWS
 * warns before it sends one; so do we (ticket and command-line previews, and a
 * confirmation before sending). Pure.
 *
 *   `buy stop 180.00 is at or below the ask 187.51: it triggers at once`
 *   `sell stop 190.00 is at or above the bid 187.49: it triggers at once`
 *
 * With no bid (ask) the last trade stands in; with no quote at all there is no warning.
 */

import { formatPrice } from './format';
import type { OrderType, Side } from './model';

export interface StopShape {
  side: Side;
  type: OrderType;
  stopPrice?: number;
}

export interface TouchQuote {
  bid: number | null;
  ask: number | null;
  last: number | null;
}

const usable = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

/** The sentence when the stop would trigger as soon as it is placed, else null. */
export function stopTriggersAtOnce(order: StopShape, quote: TouchQuote | undefined): string | null {
  if (order.type !== 'stop' && order.type !== 'stop-limit') return null;
  const stop = order.stopPrice;
  if (!usable(stop) || !quote) return null;
  const buy = order.side === 'BUY';
  const near = buy ? quote.ask : quote.bid;
  const name = usable(near) ? (buy ? 'ask' : 'bid') : 'last';
  const ref = usable(near) ? near : quote.last;
  if (!usable(ref)) return null;
  const cents = (p: number): number => Math.round(p * 1e4);
  const through = buy ? cents(stop) <= cents(ref) : cents(stop) >= cents(ref);
  if (!through) return null;
  return `${buy ? 'buy' : 'sell'} stop ${formatPrice(stop)} is at or ${buy ? 'below' : 'above'} the ${name} ${formatPrice(ref)}: it triggers at once`;
}
