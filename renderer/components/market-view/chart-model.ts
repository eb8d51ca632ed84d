// The Chart's pure parts: which price lines it draws (the position's average
// cost, every working order of the symbol), what a key does, and how bar times
// are shown. No DOM, no chart library.

import { BAR_SIZES, type Bar, type BarSize } from '../../../shared/market-view';
import { WORKING_STATUSES, type Order, type Position } from '../../../shared/model';

export interface PriceLineSpec {
  /** Stable per line: a moved order keeps its line and only its price changes. */
  id: string;
  price: number;
  title: string;
  kind: 'avg' | 'buy' | 'sell';
}

/** The price an order works at on a chart: its limit, else its stop. */
export function orderLinePrice(order: Order): number | null {
  return order.limitPrice ?? order.stopPrice ?? null;
}

export function priceLinesFor(symbol: string, positions: readonly Position[], orders: readonly Order[]): PriceLineSpec[] {
  const lines: PriceLineSpec[] = [];
  for (const p of positions) {
    if (p.symbol !== symbol || p.quantity === 0 || !(p.avgCost > 0)) continue;
    lines.push({ id: `avg:${p.account}`, price: p.avgCost, title: `Avg ${p.quantity > 0 ? '+' : ''}${p.quantity}`, kind: 'avg' });
  }
  for (const o of orders) {
    if (o.symbol !== symbol || !WORKING_STATUSES.includes(o.status)) continue;
    const price = orderLinePrice(o);
    if (price === null) continue;
    lines.push({ id: `order:${o.key}`, price, title: `#${o.orderId} ${o.side} ${o.remaining}`, kind: o.side === 'BUY' ? 'buy' : 'sell' });
  }
  return lines;
}

export type ChartKeyAction =
  | { kind: 'bar-size'; barSize: BarSize }
  | { kind: 'scroll'; bars: number }
  | { kind: 'zoom'; factor: number }
  | { kind: 'latest' }
  | { kind: 'fit' };

/** Keys while the chart has focus: 1-5 bar sizes, arrows scroll, +/- zoom, End latest, Home fit. */
export function chartKeyAction(key: string, shift: boolean): ChartKeyAction | null {
  const index = ['1', '2', '3', '4', '5'].indexOf(key);
  if (index >= 0) return { kind: 'bar-size', barSize: BAR_SIZES[index] as BarSize };
  switch (key) {
    case 'ArrowLeft':
      return { kind: 'scroll', bars: shift ? -50 : -5 };
    case 'ArrowRight':
      return { kind: 'scroll', bars: shift ? 50 : 5 };
    case '+':
    case '=':
    case 'ArrowUp':
      return { kind: 'zoom', factor: 1.25 };
    case '-':
    case 'ArrowDown':
      return { kind: 'zoom', factor: 0.8 };
    case 'End':
      return { kind: 'latest' };
    case 'Home':
      return { kind: 'fit' };
    default:
      return null;
  }
}

export const MIN_BAR_SPACING = 1;
export const MAX_BAR_SPACING = 60;

export function zoomed(spacing: number, factor: number): number {
  return Math.min(MAX_BAR_SPACING, Math.max(MIN_BAR_SPACING, spacing * factor));
}

/**
 * The chart library draws times as UTC: intraday bars are shifted by the local
 * offset so the axis reads the trader's clock; daily bars (00:00 UTC) are left alone.
 */
export function displayTime(bar: Bar, barSize: BarSize, offsetMinutes: (epochMs: number) => number): number {
  if (barSize === '1 day') return bar.time;
  return bar.time - offsetMinutes(bar.time * 1000) * 60;
}

export const BAR_SIZE_LABEL: Record<BarSize, string> = { '1 min': '1m', '5 mins': '5m', '15 mins': '15m', '1 hour': '1h', '1 day': '1D' };
