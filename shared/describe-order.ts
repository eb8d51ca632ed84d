/**
 * The one description of an order for people: the command line's preview, the ticket,
 * confirmations and the host's log all print an order this way.
 *
 *   BUY 100 AAPL MKT GTC
 *   BUY 100 AAPL LMT 187.50 GTC @paper
 *   SELL 100 AAPL STP LMT 180.00 / 179.50 DAY EXT        (stop / limit; EXT = outside regular hours)
 *   SELL 100 AAPL TRAIL 0.50 GTC                         (TRAIL 1% for a percent trail)
 *   BUY 100 AAPL LMT 187.50 GTC · TP SELL LMT 190.00 · SL SELL STP 185.00 @paper
 *   OCA SELL 100 AAPL LMT 190.00 GTC · SELL 100 AAPL STP 185.00 GTC
 *
 * A missing price (a half-filled form hands over null) shows as `?`.
 */

import type { OrderGroup, OrderRequest, OrderType, TrailSpec } from './model';
import { formatNumber, formatPrice } from './format';

/** What describeOrder reads: an OrderRequest, or the command line's order with no account yet. */
export type DescribableOrder = Omit<OrderRequest, 'account'> & { account: string | null };

export const TYPE_CODES: Record<OrderType, string> = {
  market: 'MKT',
  limit: 'LMT',
  stop: 'STP',
  'stop-limit': 'STP LMT',
  trailing: 'TRAIL',
};

function priceText(value: number | undefined | null, decimals: number): string {
  // `== null`: a form may hand over null for "no price yet"; show it as missing, not "null".
  return value == null ? '?' : formatPrice(value, decimals);
}

/** `0.50` or `1%`. */
export function describeTrail(trail: TrailSpec | undefined | null, decimals = 2): string {
  if (!trail) return '?';
  return 'amount' in trail ? priceText(trail.amount, decimals) : `${formatNumber(trail.percent, 4)}%`;
}

/** `LMT 187.50`, `STP LMT 180.00 / 179.50`, `TRAIL 1%`, `MKT`. */
function typeAndPrices(order: DescribableOrder, decimals: number): string {
  const code = TYPE_CODES[order.type] ?? String(order.type);
  switch (order.type) {
    case 'limit':
      return `${code} ${priceText(order.limitPrice, decimals)}`;
    case 'stop':
      return `${code} ${priceText(order.stopPrice, decimals)}`;
    case 'stop-limit':
      return `${code} ${priceText(order.stopPrice, decimals)} / ${priceText(order.limitPrice, decimals)}`;
    case 'trailing':
      return `${code} ${describeTrail(order.trail, decimals)}`;
    default:
      return code;
  }
}

function accountSuffix(account: string | null): string {
  return account !== null && account !== '' ? ` @${account}` : '';
}

/** One order on one line, without its account. */
function orderBody(order: DescribableOrder, decimals: number): string {
  const ext = order.outsideRth === true ? ' EXT' : '';
  return `${order.side} ${String(order.quantity)} ${order.symbol} ${typeAndPrices(order, decimals)} ${order.tif}${ext}`;
}

/**
 * `BUY 100 AAPL LMT 187.50 GTC @paper`. Prices show at least `priceDecimals` decimals
 * (default 2) and more when the price needs them.
 */
export function describeOrder(order: DescribableOrder, priceDecimals = 2): string {
  return `${orderBody(order, priceDecimals)}${accountSuffix(order.account)}`;
}

/** A bracket child: its side and prices; quantity and symbol are the entry's. */
function childText(label: string, child: DescribableOrder, decimals: number): string {
  const ext = child.outsideRth === true ? ' EXT' : '';
  return `${label} ${child.side} ${typeAndPrices(child, decimals)}${ext}`;
}

/** A single order, a bracket or an OCA group, on one line. */
export function describeGroup<O extends DescribableOrder>(group: OrderGroup<O>, priceDecimals = 2): string {
  switch (group.kind) {
    case 'single':
      return describeOrder(group.order, priceDecimals);
    case 'bracket': {
      const parts = [orderBody(group.entry, priceDecimals)];
      if (group.takeProfit) parts.push(childText('TP', group.takeProfit, priceDecimals));
      if (group.stopLoss) parts.push(childText('SL', group.stopLoss, priceDecimals));
      return `${parts.join(' · ')}${accountSuffix(group.entry.account)}`;
    }
    case 'oco': {
      const legs = group.legs.map((leg) => orderBody(leg, priceDecimals)).join(' · ');
      return `OCA ${legs}${accountSuffix(group.legs[0]?.account ?? null)}`;
    }
  }
}
