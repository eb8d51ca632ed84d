// What each quote cell shows, computed without React: rows write these
// strings straight into their cells on every frame that changed the quote.

import { formatPercent, formatPrice, formatQuantity } from '../../shared/format';
import type { Quote } from '../../shared/model';
import type { ColumnSpec } from '../tables/column-state';

export const STALE_AFTER_MS = 5000;

export const QUOTE_COLUMNS = [
  { key: 'bid', label: 'Bid' },
  { key: 'ask', label: 'Ask' },
  { key: 'last', label: 'Last' },
  { key: 'change', label: 'Chg' },
  { key: 'changePct', label: 'Chg %' },
  { key: 'bidSize', label: 'Bid size' },
  { key: 'askSize', label: 'Ask size' },
  { key: 'volume', label: 'Volume' },
  { key: 'high', label: 'High' },
  { key: 'low', label: 'Low' },
] as const;

export type QuoteColumn = (typeof QUOTE_COLUMNS)[number]['key'];

/** The watchlist's columns for the column model (widths in px; numbers grow to fill). */
export const QUOTE_TABLE_COLUMNS: readonly ColumnSpec[] = [
  { id: 'symbol', label: 'Symbol', size: 64, required: true },
  { id: 'data', label: 'Data', size: 80 },
  ...QUOTE_COLUMNS.map((c) => ({ id: c.key, label: c.label, num: true, size: 60 })),
  { id: 'problem', label: 'Problem', size: 90, srOnly: true },
  { id: 'remove', label: 'Remove', size: 30, srOnly: true, required: true },
];

const FIXED = new Set(['symbol', 'data', 'remove']);

/** The rows' shared grid template: fixed columns keep their width, the rest grow from theirs. */
export function quoteGridTemplate(columns: readonly { id: string; size: number }[]): string {
  return columns.map((c) => (FIXED.has(c.id) ? `${c.size}px` : `minmax(${c.size}px, 1fr)`)).join(' ');
}

const DASH = '—';
const price = (v: number | null): string => (v === null ? DASH : formatPrice(v));
const size = (v: number | null): string => (v === null ? DASH : formatQuantity(v));

export function quoteCells(q: Quote): Record<QuoteColumn, string> {
  const change = q.last !== null && q.close !== null && q.close !== 0 ? q.last - q.close : null;
  const sign = change !== null && change > 0 ? '+' : '';
  return {
    bid: price(q.bid),
    ask: price(q.ask),
    last: price(q.last),
    change: change === null ? DASH : `${sign}${formatPrice(change)}`,
    changePct: change === null || q.close === null ? DASH : `${sign}${formatPercent((change / q.close) * 100, 2)}`,
    bidSize: size(q.bidSize),
    askSize: size(q.askSize),
    volume: size(q.volume),
    high: price(q.high),
    low: price(q.low),
  };
}

export type QuoteBadge = 'LIVE' | 'DELAYED' | 'STALE' | 'WAITING';

export function quoteBadge(q: Quote | undefined, now: number): QuoteBadge {
  if (!q) return 'WAITING';
  if (now - q.updatedAt > STALE_AFTER_MS) return 'STALE';
  return q.delayed ? 'DELAYED' : 'LIVE';
}

/** Sign of the day's change, for colouring: 1 up, -1 down, 0 flat/unknown. */
export function changeSign(q: Quote): number {
  if (q.last === null || q.close === null) return 0;
  return Math.sign(q.last - q.close);
}
