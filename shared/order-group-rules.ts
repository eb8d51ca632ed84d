/**
 * Rules for order groups (DESIGN.md "Orders: one model, many shapes"): brackets and OCA
 * exits. Each leg must first pass validateOrder; its sentence then names the leg
 * (`take-profit: limit price 0.00 must be a positive number`). Then, first failure wins:
 *
 *   bracket ..... `a bracket needs a take-profit or a stop-loss`
 *                 `a bracket's entry cannot be a trailing order`
 *                 `the take-profit must be a limit order`   `the stop-loss must be a stop order`
 *                 `the take-profit must SELL to close a BUY entry`          (stop-loss alike)
 *                 `the take-profit is for MSFT, the entry for AAPL`         (symbol; stop-loss alike)
 *                 `the take-profit is in account "b", the entry in "a"`     (account)
 *                 `the take-profit is for 50 shares, the entry for 100`     (quantity)
 *                 `the take-profit has time in force DAY, the entry GTC`    (tif)
 *   ordering .... `take-profit 186.00 must be above the entry 187.50 for a buy`
 *                 `stop-loss 188.00 must be below the entry 187.50 for a buy`
 *                 (a sell: below / above; a market entry names the quote: `... above the ask 187.50 for a buy`)
 *                 `no ask for AAPL yet to place the take-profit and stop-loss against`  (market entry, no quote)
 *   oco ......... `an OCA group needs at least one order`
 *                 `every order of an OCA group must be for the same symbol, account, side and quantity`
 *                 `take-profit 184.00 must be above the stop-loss 185.00 when selling`  (below when buying)
 *                 `take-profit 180.00 must be above the bid 182.00 when selling`        (with a quote)
 *                 `stop-loss 183.00 must be below the bid 182.00 when selling`          (with a quote)
 */

import type { OrderGroup } from './model';
import { formatPrice } from './format';
import { validateOrder, type OrderContext, type OrderShape } from './order-rules';

/** A leg as the group rules read it; ParsedOrder and OrderRequest both fit. */
export type GroupLeg = OrderShape & { account: string | null };

/** The price the legs are ordered against and its name in a sentence ("entry", "ask", "bid", "last"). */
export interface GroupReference {
  name: string;
  price: number;
}

export interface GroupContext extends OrderContext {
  /**
   * For a market entry (or an exit): the quote it is measured against, or a sentence
   * (`no ask for AAPL yet`) when there is none. Ignored for a priced entry.
   */
  reference?: GroupReference | { missing: string } | null;
}

const opposite = (side: GroupLeg['side']): GroupLeg['side'] => (side === 'BUY' ? 'SELL' : 'BUY');

function legProblem(label: string, leg: GroupLeg, context: OrderContext): string | null {
  const problem = validateOrder(leg, context);
  return problem === null ? null : `${label}: ${problem}`;
}

function sameAsEntry(label: string, entry: GroupLeg, child: GroupLeg): string | null {
  if (child.side !== opposite(entry.side)) return `the ${label} must ${opposite(entry.side)} to close a ${entry.side} entry`;
  if (child.symbol !== entry.symbol) return `the ${label} is for ${child.symbol}, the entry for ${entry.symbol}`;
  if ((child.account ?? null) !== (entry.account ?? null)) {
    return `the ${label} is in account "${child.account ?? ''}", the entry in "${entry.account ?? ''}"`;
  }
  if (child.quantity !== entry.quantity) {
    return `the ${label} is for ${String(child.quantity)} shares, the entry for ${String(entry.quantity)}`;
  }
  if (child.tif !== entry.tif) return `the ${label} has time in force ${child.tif}, the entry ${entry.tif}`;
  return null;
}

/** The entry's own price (limit, else stop), or the context's quote for a market entry. */
function entryReference(entry: GroupLeg, context: GroupContext): GroupReference | { missing: string } | null {
  const own = entry.limitPrice ?? entry.stopPrice;
  if (own !== undefined && own !== null) return { name: 'entry', price: own };
  return context.reference ?? null;
}

/** Take-profit beyond the reference, stop-loss short of it, in the entry's direction. */
function orderingProblem(
  side: GroupLeg['side'],
  ref: GroupReference,
  tp: number | undefined,
  sl: number | undefined,
  tail: string,
): string | null {
  const up = side === 'BUY';
  const tooLow = (p: number): boolean => Math.round(p * 1e4) <= Math.round(ref.price * 1e4);
  const tooHigh = (p: number): boolean => Math.round(p * 1e4) >= Math.round(ref.price * 1e4);
  if (tp !== undefined && (up ? tooLow(tp) : tooHigh(tp))) {
    return `take-profit ${formatPrice(tp)} must be ${up ? 'above' : 'below'} the ${ref.name} ${formatPrice(ref.price)} ${tail}`;
  }
  if (sl !== undefined && (up ? tooHigh(sl) : tooLow(sl))) {
    return `stop-loss ${formatPrice(sl)} must be ${up ? 'below' : 'above'} the ${ref.name} ${formatPrice(ref.price)} ${tail}`;
  }
  return null;
}

function bracketProblem(
  group: Extract<OrderGroup<GroupLeg>, { kind: 'bracket' }>,
  context: GroupContext,
): string | null {
  const { entry, takeProfit, stopLoss } = group;
  if (!takeProfit && !stopLoss) return 'a bracket needs a take-profit or a stop-loss';
  const own = legProblem('entry', entry, context);
  if (own) return own;
  if (entry.type === 'trailing') return "a bracket's entry cannot be a trailing order";
  if (takeProfit) {
    if (takeProfit.type !== 'limit') return 'the take-profit must be a limit order';
    const problem = legProblem('take-profit', takeProfit, context) ?? sameAsEntry('take-profit', entry, takeProfit);
    if (problem) return problem;
  }
  if (stopLoss) {
    if (stopLoss.type !== 'stop') return 'the stop-loss must be a stop order';
    const problem = legProblem('stop-loss', stopLoss, context) ?? sameAsEntry('stop-loss', entry, stopLoss);
    if (problem) return problem;
  }
  const ref = entryReference(entry, context);
  if (ref === null || 'missing' in ref) {
    const missing = ref?.missing ?? `no ${entry.side === 'BUY' ? 'ask' : 'bid'} for ${entry.symbol} yet`;
    return `${missing} to place the take-profit and stop-loss against`;
  }
  const tail = `for a ${entry.side === 'BUY' ? 'buy' : 'sell'}`;
  return orderingProblem(entry.side, ref, takeProfit?.limitPrice, stopLoss?.stopPrice, tail);
}

function ocoProblem(legs: readonly GroupLeg[], context: GroupContext): string | null {
  const [first] = legs;
  if (!first) return 'an OCA group needs at least one order';
  for (const leg of legs) {
    const label = leg.type === 'limit' ? 'take-profit' : leg.type === 'stop' ? 'stop-loss' : 'order';
    const problem = legProblem(label, leg, context);
    if (problem) return problem;
    const same =
      leg.symbol === first.symbol && (leg.account ?? null) === (first.account ?? null) &&
      leg.side === first.side && leg.quantity === first.quantity;
    if (!same) return 'every order of an OCA group must be for the same symbol, account, side and quantity';
  }
  const tp = legs.find((leg) => leg.type === 'limit')?.limitPrice;
  const sl = legs.find((leg) => leg.type === 'stop')?.stopPrice;
  // Closing a long sells: the take-profit sits above, the stop-loss below (a short's exit mirrors it).
  const up = first.side === 'SELL';
  const tail = `when ${up ? 'selling' : 'buying'}`;
  if (tp !== undefined && sl !== undefined) {
    const problem = orderingProblem(up ? 'BUY' : 'SELL', { name: 'stop-loss', price: sl }, tp, undefined, tail);
    if (problem) return problem;
  }
  const ref = context.reference;
  if (ref && !('missing' in ref)) return orderingProblem(up ? 'BUY' : 'SELL', ref, tp, sl, tail);
  return null;
}

/** null when the group may be sent; otherwise the one-sentence reason it may not. */
export function validateGroup(group: OrderGroup<GroupLeg>, context: GroupContext = {}): string | null {
  switch (group.kind) {
    case 'single':
      return validateOrder(group.order, context);
    case 'bracket':
      return bracketProblem(group, context);
    case 'oco':
      return ocoProblem(group.legs, context);
  }
}

/** The side that closes a position of `quantity` shares (signed), or null when flat. */
export function closingSide(quantity: number): GroupLeg['side'] | null {
  if (!Number.isFinite(quantity) || quantity === 0) return null;
  return quantity > 0 ? 'SELL' : 'BUY';
}
