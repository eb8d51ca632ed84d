// Modifying a working order from whichever entry point: the shared rules
// (applyModification) on the row the renderer holds, for early feedback; then
// `order.modify`; then a watch on the row so IB's answer to the modify (104,
// 105, 10147, 10148, 161 ... as the row's reason) reads "Order Error: <IB text>"
// where it was typed.

import type { JanusBridge } from '../../shared/ipc';
import { applyModification } from '../../shared/modify';
import type { Order, OrderRequest } from '../../shared/model';
import type { OrderChanges } from '../../shared/order-commands';
import { useConnections, useInstruments, useOrders } from '../stores/broker-state';
import { orderError, useFeedback, type Feedback, type Origin } from '../stores/ui';

/** How long a modify's answer is watched for; IB answers in well under a second. */
const WATCH_MS = 30_000;

/** The row's reason once IB refuses the modify; stops at a final state, a refusal or the timeout. */
function watchModify(key: string, origin: Origin): void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const stop = useOrders.subscribe((state, previous) => {
    const row: Order | undefined = state.byKey[key];
    if (!row || row === previous.byKey[key]) return;
    if (row.reason !== null && row.reason !== previous.byKey[key]?.reason) {
      useFeedback.getState().show(origin, orderError(row.reason));
      finish();
    } else if (row.status === 'filled' || row.status === 'cancelled' || row.status === 'rejected') {
      finish();
    }
  });
  const finish = (): void => {
    stop();
    if (timer !== null) clearTimeout(timer);
  };
  timer = setTimeout(finish, WATCH_MS);
}

/** The preview of a modify against the row this window holds, or why it would be refused. */
export function checkModify(account: string, orderId: number, changes: OrderChanges): { ok: true; preview: string; request: OrderRequest } | { ok: false; reason: string } {
  const row = useOrders.getState().byKey[`${account}:${orderId}`];
  const clientId = useConnections.getState().byAccount[account]?.clientId ?? row?.clientId ?? 0;
  const minTick = row ? useInstruments.getState().bySymbol[row.symbol]?.minTick : undefined;
  const outcome = applyModification(row, changes, { clientId, orderId, ...(minTick === undefined ? {} : { minTick }) });
  return outcome.ok ? { ok: true, preview: outcome.preview, request: outcome.request } : { ok: false, reason: outcome.reason };
}

export async function submitModify(bridge: JanusBridge, account: string, orderId: number, changes: OrderChanges, origin: Origin): Promise<Feedback> {
  const check = checkModify(account, orderId, changes);
  if (!check.ok) return orderError(check.reason);
  const key = `${account}:${orderId}`;
  const result = await bridge.invoke('order.modify', { account, orderId, changes });
  if (!result.ok) return orderError(result.error.message);
  watchModify(key, origin);
  return { kind: 'info', text: `Sent ${check.preview}` };
}
