// Send what the ticket holds: a new order or bracket, or the modify of a working order.
// A stop that would trigger at once is asked about first (as TWS does); everything else
// (rules, thresholds, watching for IB's answer) is the shared order path's.

import { describeGroup } from '../../shared/describe-order';
import type { JanusBridge } from '../../shared/ipc';
import { useConnections, useInstruments, useOrders, useSettings } from '../stores/broker-state';
import { useQuotes } from '../stores/quotes';
import { orderError, useFeedback, useTicket } from '../stores/ui';
import { submitGroup } from '../orders/group';
import { submitModify } from '../orders/modify';
import { stopConfirmed } from '../orders/stop-confirm';
import { previewModify, previewNewOrder, type PreviewInputs } from './ticket-preview';
import { readModify, readTicket } from './ticket-read';

function inputsFor(symbol: string): PreviewInputs {
  return {
    instrument: useInstruments.getState().bySymbol[symbol],
    settings: useSettings.getState().settings,
    quote: useQuotes.getState().bySymbol[symbol],
  };
}

/** The client id this window's session for `account` places orders with. */
export function sessionClientId(account: string): number {
  const connected = useConnections.getState().byAccount[account]?.clientId;
  if (connected !== undefined) return connected;
  return useSettings.getState().settings?.accounts.find((a) => a.id === account)?.clientId ?? -1;
}

async function sendModify(bridge: JanusBridge, key: string, orderId: number): Promise<void> {
  const feedback = useFeedback.getState();
  const order = useOrders.getState().byKey[key];
  const read = readModify(useTicket.getState().fields);
  const account = order?.account ?? key.slice(0, key.lastIndexOf(':'));
  const preview = previewModify(order, orderId, sessionClientId(account), read, inputsFor(order?.symbol ?? ''));
  if (!read.ok || !preview.ok) {
    feedback.show('ticket', orderError(read.ok ? preview.text : read.reason));
    return;
  }
  if (!(await stopConfirmed('ticket', preview.text, preview.warning))) return;
  const result = await submitModify(bridge, account, orderId, read.changes, 'ticket');
  feedback.show('ticket', result);
  // Sent: the row shows the new values as IB confirms them; IB's refusal arrives as the row's reason.
  if (result.kind === 'info') useTicket.getState().endModify();
}

export async function sendTicket(bridge: JanusBridge): Promise<void> {
  const ticket = useTicket.getState();
  if (ticket.modify) return sendModify(bridge, ticket.modify.key, ticket.modify.orderId);
  const read = readTicket(ticket.fields);
  if (!read.ok) {
    useFeedback.getState().show('ticket', orderError(read.reason));
    return;
  }
  const entry = read.group.kind === 'single' ? read.group.order : read.group.kind === 'bracket' ? read.group.entry : undefined;
  const preview = previewNewOrder(read, inputsFor(entry?.symbol ?? ''));
  if (!(await stopConfirmed('ticket', describeGroup(read.group), preview.warning))) return;
  const { side, type, tif } = ticket.fields;
  const outcome = await submitGroup(bridge, read.group, 'ticket');
  if (outcome === 'sent') useTicket.getState().clear({ side, type, tif });
}
