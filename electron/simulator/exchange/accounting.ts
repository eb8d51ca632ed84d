// Money arithmetic for the simulated broker, pure so the numbers can be checked
// by hand in tests.
//
// Choices (IB-like, simplified):
// - Commission: IB "Fixed" US stock pricing, charged per order: $0.005/share,
//   at least $1.00, at most 1% of the trade value. Partial fills each pay the
//   difference between the order's total so far and what it already paid, so the
//   first execution carries the minimum and the parts sum to the order's fee.
// - avgCost (as IB reports for STK): average price per share including
//   commission. Buying adds the commission to the cost; selling short subtracts it
//   from the proceeds. Reducing a position leaves avgCost unchanged and books
//   realized P&L net of the reducing fill's commission. Crossing through zero
//   closes the old side and opens the new one at the fill price.
// - Unrealized P&L = (market price - avgCost) x position, using the last trade.
// - Funds: AvailableFunds = min(cash, NetLiquidation) - the value reserved by
//   working BUY orders (remaining x their reference price). The simulator lets a
//   buy through only when its value fits in AvailableFunds (cash-secured: no
//   leverage, so rejects are predictable), yet reports BuyingPower as
//   4 x AvailableFunds the way IB shows a margin account's intraday figure.

export const COMMISSION_PER_SHARE = 0.005;
export const COMMISSION_MIN = 1;
export const COMMISSION_MAX_RATE = 0.01;
export const BUYING_POWER_MULTIPLIER = 4;

export function roundCents(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Rounds away float dust (1e-12) while keeping the precision IB shows for prices. */
export function roundPrice(x: number): number {
  return Math.round(x * 1e8) / 1e8;
}

/** The whole order's commission once `shares` have filled for a total of `value` dollars. */
export function orderCommission(shares: number, value: number): number {
  if (shares <= 0) return 0;
  const fee = Math.max(COMMISSION_MIN, shares * COMMISSION_PER_SHARE);
  return roundCents(Math.min(fee, value * COMMISSION_MAX_RATE));
}

export interface PositionBook {
  /** Signed shares: negative is short. */
  quantity: number;
  avgCost: number;
  realizedPnl: number;
}

export interface FillEffect {
  position: PositionBook;
  /** Change of cash: proceeds minus cost minus commission. */
  cashDelta: number;
  realizedDelta: number;
}

/** The position and cash after one execution of `shares` (> 0) at `price`. */
export function applyFill(
  before: PositionBook,
  side: 'BUY' | 'SELL',
  shares: number,
  price: number,
  commission: number,
): FillEffect {
  const signed = side === 'BUY' ? shares : -shares;
  const cashDelta = -signed * price - commission;
  const held = before.quantity;
  const after = held + signed;

  if (held === 0 || Math.sign(held) === Math.sign(signed)) {
    const perShare = signed > 0 ? price + commission / shares : price - commission / shares;
    const avgCost = (Math.abs(held) * before.avgCost + shares * perShare) / Math.abs(after);
    return { position: { quantity: after, avgCost, realizedPnl: before.realizedPnl }, cashDelta, realizedDelta: 0 };
  }

  const closing = Math.min(shares, Math.abs(held));
  const opening = shares - closing;
  const closingCommission = (commission * closing) / shares;
  const openingCommission = commission - closingCommission;
  const gainPerShare = held > 0 ? price - before.avgCost : before.avgCost - price;
  const realizedDelta = gainPerShare * closing - closingCommission;

  let avgCost = before.avgCost;
  if (after === 0) avgCost = 0;
  else if (opening > 0) avgCost = signed > 0 ? price + openingCommission / opening : price - openingCommission / opening;

  return {
    position: { quantity: after, avgCost, realizedPnl: before.realizedPnl + realizedDelta },
    cashDelta,
    realizedDelta,
  };
}

export function unrealizedPnl(position: PositionBook, marketPrice: number): number {
  return position.quantity === 0 ? 0 : (marketPrice - position.avgCost) * position.quantity;
}

export interface FundsInput {
  cash: number;
  /** Sum of position x market price (shorts negative). */
  marketValue: number;
  /** Value held back by working BUY orders. */
  reserved: number;
}

export interface Funds {
  netLiquidation: number;
  availableFunds: number;
  buyingPower: number;
}

export function funds(input: FundsInput): Funds {
  const netLiquidation = input.cash + input.marketValue;
  const availableFunds = Math.min(input.cash, netLiquidation) - input.reserved;
  return {
    netLiquidation,
    availableFunds,
    buyingPower: Math.max(0, availableFunds) * BUYING_POWER_MULTIPLIER,
  };
}
