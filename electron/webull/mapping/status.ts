// Webull order statuses and trade events -> our order rows and fills. Pure.
// Statuses: SUBMITTED, CANCELLED, FAILED, FILLED, PARTIAL_FILLED (docs: data
// dictionary "OrderStatus"); scene types: "Subscribe Trade Events".

import type { OrderStatus } from '../../../shared/model';

export function mapWebullStatus(status: string, filled: number): OrderStatus | null {
  switch (status.toUpperCase().replace(/\s+/g, '_')) {
    case 'SUBMITTED':
      return filled > 0 ? 'partially-filled' : 'submitted';
    case 'PARTIAL_FILLED':
    case 'PARTIALLY_FILLED':
      return 'partially-filled';
    case 'FILLED':
      return 'filled';
    case 'CANCELLED':
    case 'CANCELED':
      return 'cancelled';
    case 'FAILED':
      return 'rejected';
    default:
      return null;
  }
}

export type SceneType = 'FILLED' | 'FINAL_FILLED' | 'PLACE_FAILED' | 'MODIFY_SUCCESS' | 'MODIFY_FAILED' | 'CANCEL_SUCCESS' | 'CANCEL_FAILED';

export const SCENE_TYPES: readonly SceneType[] = [
  'FILLED', 'FINAL_FILLED', 'PLACE_FAILED', 'MODIFY_SUCCESS', 'MODIFY_FAILED', 'CANCEL_SUCCESS', 'CANCEL_FAILED',
];

/**
 * One order event's payload (JSON in SubscribeResponse.payload). The docs list
 * the scene types but not the payload's fields; these names follow the order
 * fields of "Query Order Detail" (unverified against Webull).
 */
export interface OrderEventPayload {
  account_id: string;
  client_order_id: string;
  scene_type: SceneType;
  order_status?: string;
  instrument_id?: string;
  symbol?: string;
  side?: string;
  qty?: string;
  /** Cumulative filled quantity. */
  filled_qty?: string;
  /** Average fill price. */
  filled_price?: string;
  limit_price?: string;
  stop_price?: string;
  trailing_stop_step?: string;
  /** Webull's words for a failure. */
  message?: string;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** A payload from the wire, or the sentence saying why it is not one. */
export function parseOrderEvent(json: string): OrderEventPayload | { problem: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { problem: `a Webull trade event was not JSON: ${json.slice(0, 80)}` };
  }
  if (typeof raw !== 'object' || raw === null) return { problem: 'a Webull trade event was not an object' };
  const r = raw as Record<string, unknown>;
  const scene = text(r.scene_type);
  const clientOrderId = text(r.client_order_id);
  if (!scene || !(SCENE_TYPES as readonly string[]).includes(scene)) return { problem: `a Webull trade event has an unknown scene_type "${String(scene)}"` };
  if (!clientOrderId) return { problem: 'a Webull trade event has no client_order_id' };
  const payload: OrderEventPayload = { account_id: text(r.account_id) ?? '', client_order_id: clientOrderId, scene_type: scene as SceneType };
  for (const key of ['order_status', 'instrument_id', 'symbol', 'side', 'qty', 'filled_qty', 'filled_price', 'limit_price', 'stop_price', 'trailing_stop_step', 'message'] as const) {
    const value = text(r[key]);
    if (value !== undefined) payload[key] = value;
  }
  return payload;
}

export function numberOrNull(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** The part of a fill a cumulative update adds: quantity and price of the new shares. */
export interface FillDelta {
  quantity: number;
  price: number;
}

/**
 * Events carry cumulative quantity and average price; the new execution is
 * the difference from what was known (null when nothing new filled).
 */
export function fillDelta(before: { filled: number; avg: number }, after: { filled: number; avg: number }): FillDelta | null {
  const quantity = after.filled - before.filled;
  if (!(quantity > 0)) return null;
  const value = after.filled * after.avg - before.filled * before.avg;
  return { quantity, price: Number((value / quantity).toFixed(6)) };
}

/** What a scene does to the row's status and reason (fills and modifies add fields beside this). */
export function sceneEffect(payload: OrderEventPayload, filled: number): { status?: OrderStatus; reason?: string } {
  const why = payload.message ? `: ${payload.message}` : '';
  switch (payload.scene_type) {
    case 'FILLED':
      return { status: 'partially-filled' };
    case 'FINAL_FILLED':
      return { status: 'filled' };
    case 'PLACE_FAILED':
      return { status: 'rejected', reason: `Webull refused the order${why}` };
    case 'MODIFY_SUCCESS': {
      const status = payload.order_status ? mapWebullStatus(payload.order_status, filled) : null;
      return status ? { status } : {};
    }
    case 'MODIFY_FAILED':
      return { reason: `Webull refused the change${why}` };
    case 'CANCEL_SUCCESS':
      return { status: 'cancelled' };
    case 'CANCEL_FAILED':
      return { reason: `Webull refused the cancel${why}` };
  }
}
