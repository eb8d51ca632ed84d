// The BookTrader-style price ladder as data: one row per tick from above the
// best ask (or the highest working order) down to below the best bid (or the
// lowest), each with the book's size on either side and the working orders
// resting at that price. Prices are counted in whole ticks so rows never drift
// off the grid through float error. Pure.

import type { DepthBook, DepthLevel } from '../../../shared/market-view';
import { WORKING_STATUSES, type Order } from '../../../shared/model';
import { orderLinePrice } from './chart-model';

export interface LadderRow {
  price: number;
  bid: DepthLevel | null;
  ask: DepthLevel | null;
  buys: Order[];
  sells: Order[];
  bestBid: boolean;
  bestAsk: boolean;
}

/** Rows shown at most: the book's ten levels a side plus room around working orders. */
export const MAX_LADDER_ROWS = 80;

export function tickSize(minTick: number): number {
  return minTick > 0 ? minTick : 0.01;
}

const toTicks = (price: number, tick: number): number => Math.round(price / tick);
const fromTicks = (ticks: number, tick: number): number => Number((ticks * tick).toFixed(tick < 0.01 ? 4 : 2));

/** Working orders of one symbol, in the order the ladder shows them. */
export function workingOrdersOf(symbol: string, orders: readonly Order[]): Order[] {
  return orders.filter((o) => o.symbol === symbol && WORKING_STATUSES.includes(o.status) && orderLinePrice(o) !== null);
}

export function ladderRows(book: DepthBook | undefined, working: readonly Order[], minTick: number): LadderRow[] {
  const tick = tickSize(minTick);
  const bids = new Map<number, DepthLevel>();
  const asks = new Map<number, DepthLevel>();
  for (const l of book?.bids ?? []) if (!bids.has(toTicks(l.price, tick))) bids.set(toTicks(l.price, tick), l);
  for (const l of book?.asks ?? []) if (!asks.has(toTicks(l.price, tick))) asks.set(toTicks(l.price, tick), l);
  const orderTicks = new Map<number, Order[]>();
  for (const o of working) {
    const t = toTicks(orderLinePrice(o) as number, tick);
    orderTicks.set(t, [...(orderTicks.get(t) ?? []), o]);
  }
  const all = [...bids.keys(), ...asks.keys(), ...orderTicks.keys()];
  if (all.length === 0) return [];
  let top = Math.max(...all) + 2;
  let bottom = Math.max(1, Math.min(...all) - 2);
  if (top - bottom + 1 > MAX_LADDER_ROWS) {
    // Keep the touch in view: centre on the best bid and ask.
    const bestBid = bids.size > 0 ? Math.max(...bids.keys()) : Math.min(...all);
    const bestAsk = asks.size > 0 ? Math.min(...asks.keys()) : bestBid;
    const mid = Math.round((bestBid + bestAsk) / 2);
    top = mid + MAX_LADDER_ROWS / 2;
    bottom = Math.max(1, mid - MAX_LADDER_ROWS / 2 + 1);
  }
  const bestBid = bids.size > 0 ? Math.max(...bids.keys()) : null;
  const bestAsk = asks.size > 0 ? Math.min(...asks.keys()) : null;
  const rows: LadderRow[] = [];
  for (let t = top; t >= bottom; t--) {
    const here = orderTicks.get(t) ?? [];
    rows.push({
      price: fromTicks(t, tick),
      bid: bids.get(t) ?? null,
      ask: asks.get(t) ?? null,
      buys: here.filter((o) => o.side === 'BUY'),
      sells: here.filter((o) => o.side === 'SELL'),
      bestBid: t === bestBid,
      bestAsk: t === bestAsk,
    });
  }
  return rows;
}

/** The price one row up (+1) or down (-1) from `price`. */
export function stepPrice(price: number, direction: 1 | -1, minTick: number): number {
  const tick = tickSize(minTick);
  return fromTicks(Math.max(1, toTicks(price, tick) + direction), tick);
}

export type LadderKeyAction =
  | { kind: 'move'; direction: 1 | -1 }
  | { kind: 'place'; side: 'BUY' | 'SELL' }
  | { kind: 'cancel' }
  | { kind: 'modify'; direction: 1 | -1 }
  | { kind: 'touch' };

/**
 * Keys on the ladder: arrows move the selected price, B / S place a limit
 * there with the ticket's quantity, Del cancels the orders at it,
 * Shift+arrows move those orders one tick (modify), Space returns to the touch.
 */
export function ladderKeyAction(key: string, shift: boolean): LadderKeyAction | null {
  if (key === 'ArrowUp') return shift ? { kind: 'modify', direction: 1 } : { kind: 'move', direction: 1 };
  if (key === 'ArrowDown') return shift ? { kind: 'modify', direction: -1 } : { kind: 'move', direction: -1 };
  if (shift) return null;
  const k = key.toLowerCase();
  if (k === 'b') return { kind: 'place', side: 'BUY' };
  if (k === 's') return { kind: 'place', side: 'SELL' };
  if (key === 'Delete' || key === 'Backspace') return { kind: 'cancel' };
  if (key === ' ') return { kind: 'touch' };
  return null;
}
