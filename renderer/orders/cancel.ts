// Cancelling, from whichever entry point: one order by (account, id), or every
// working order after the trader confirms. Each answers what to show.

import type { JanusBridge } from '../../shared/ipc';
import { orderError, useConfirm, type Feedback } from '../stores/ui';

export async function cancelOrder(bridge: JanusBridge, account: string, orderId: number): Promise<Feedback> {
  const r = await bridge.invoke('order.cancel', { account, orderId });
  return r.ok ? { kind: 'info', text: `Cancel requested for #${orderId}` } : orderError(r.error.message);
}

/** Asks first; null when the trader said no. */
export async function cancelAllOrders(bridge: JanusBridge, account?: string): Promise<Feedback | null> {
  const scope = account ? `in account ${account}` : 'in every account';
  const yes = await useConfirm.getState().ask('Cancel all orders', [`Cancel every working order ${scope}?`], 'Cancel all');
  if (!yes) return null;
  const r = await bridge.invoke('order.cancelAll', account ? { account } : {});
  if (!r.ok) return orderError(r.error.message);
  const n = r.value.requested;
  return { kind: 'info', text: `Cancel requested for ${n} working order${n === 1 ? '' : 's'}` };
}
