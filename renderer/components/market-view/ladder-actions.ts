// What the ladder sends, through the one order path (renderer/orders): a limit
// at the chosen price with the ticket's account and quantity, or a cancel of
// the working orders at a price, or a move of them to another price (modify).
// Each answers what the ladder shows.

import type { JanusBridge } from '../../../shared/ipc';
import type { Order, OrderRequest, Side } from '../../../shared/model';
import { cancelOrder } from '../../orders/cancel';
import { submitModify } from '../../orders/modify';
import { submitOrder } from '../../orders/submit';
import { useSettings } from '../../stores/broker-state';
import { orderError, useFeedback, useTicket, type Feedback } from '../../stores/ui';

/** The ladder's order from the ticket's account and quantity (the settings' default quantity when the ticket has none). */
export function ladderOrder(side: Side, symbol: string, price: number): { ok: true; order: OrderRequest } | { ok: false; reason: string } {
  const fields = useTicket.getState().fields;
  if (fields.account === '') return { ok: false, reason: 'no account to send to' };
  const typed = fields.quantity.trim().replace(/,/g, '');
  const fallback = useSettings.getState().settings?.defaults.quantity ?? null;
  const quantity = typed === '' ? fallback : /^\d+$/.test(typed) ? Number(typed) : NaN;
  if (quantity === null) return { ok: false, reason: 'the ticket has no quantity' };
  if (!Number.isFinite(quantity)) return { ok: false, reason: `quantity "${fields.quantity.trim()}" is not a whole number` };
  return { ok: true, order: { account: fields.account, side, symbol, quantity, type: 'limit', limitPrice: price, tif: fields.tif } };
}

export async function placeFromLadder(bridge: JanusBridge, side: Side, symbol: string, price: number): Promise<void> {
  const read = ladderOrder(side, symbol, price);
  if (!read.ok) {
    useFeedback.getState().show('ladder', orderError(read.reason));
    return;
  }
  await submitOrder(bridge, read.order, 'ladder');
}

export async function cancelAtPrice(bridge: JanusBridge, orders: readonly Order[]): Promise<void> {
  if (orders.length === 0) {
    useFeedback.getState().show('ladder', { kind: 'info', text: 'No working order at this price' });
    return;
  }
  let last: Feedback | null = null;
  for (const o of orders) {
    const answer = await cancelOrder(bridge, o.account, o.orderId);
    if (answer.kind === 'error' || last === null || last.kind !== 'error') last = answer;
  }
  if (last) useFeedback.getState().show('ladder', last);
}

/** The price change that moves a working order to `price`: its limit, or a stop order's stop. */
export function moveChanges(order: Order, price: number): { limitPrice: number } | { stopPrice: number } | null {
  if (order.type === 'limit') return { limitPrice: price };
  if (order.type === 'stop') return { stopPrice: price };
  return null;
}

/** Moves the working orders at a price to another price, each by a modify (IB keeps the order id). */
export async function moveToPrice(bridge: JanusBridge, orders: readonly Order[], price: number): Promise<void> {
  if (orders.length === 0) {
    useFeedback.getState().show('ladder', { kind: 'info', text: 'No working order at this price' });
    return;
  }
  let last: Feedback | null = null;
  for (const o of orders) {
    const changes = moveChanges(o, price);
    const answer = changes
      ? await submitModify(bridge, o.account, o.orderId, changes, 'ladder')
      : orderError(`#${o.orderId} is a ${o.type} order: move it from the ticket (Orders › modify)`);
    if (answer.kind === 'error' || last === null || last.kind !== 'error') last = answer;
  }
  if (last) useFeedback.getState().show('ladder', last);
}
