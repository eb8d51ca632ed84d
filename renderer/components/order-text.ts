// How orders read on screen. Pure.

import { formatPrice } from '../../shared/format';
import type { Order, OrderRowType, OrderStatus } from '../../shared/model';

export const STATUS_TEXT: Record<OrderStatus, string> = {
  'pending-submit': 'Pending submit',
  'pre-submitted': 'Pre-submitted',
  submitted: 'Working',
  'partially-filled': 'Partially filled',
  'pending-cancel': 'Pending cancel',
  filled: 'Filled',
  cancelled: 'Cancelled',
  rejected: 'Rejected',
  inactive: 'Inactive',
};

export const TYPE_TEXT: Record<OrderRowType, string> = {
  market: 'MKT',
  limit: 'LMT',
  stop: 'STP',
  'stop-limit': 'STP LMT',
  trailing: 'TRAIL',
  // A foreign row shows IB's own type text (Order.ibType) instead, when it has one.
  foreign: 'IB',
};

export const priceOrDash = (v: number | null): string => (v === null ? '—' : formatPrice(v));

export function timeText(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Newest first. */
export const byNewest = (a: Order, b: Order): number => b.createdAt - a.createdAt || b.orderId - a.orderId;
