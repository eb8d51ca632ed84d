// The margin check from the ticket and the command line: the same symbol
// resolution and shared rules as an order, then `order.whatIf`. Nothing is
// placed; the answer (or the reason there is none) lands in the what-if store.

import type { JanusBridge } from '../../shared/ipc';
import { describeOrder } from '../../shared/command-line';
import type { OrderRequest } from '../../shared/model';
import { whatIfLack } from '../components/what-if-text';
import { useSettings } from '../stores/broker-state';
import { useQuotes } from '../stores/quotes';
import { useWhatIf, type WhatIfOrigin } from '../stores/what-if';
import { checkOrder } from './rules';
import { resolveInstrument } from './submit';

export async function checkMargin(bridge: JanusBridge, order: OrderRequest, origin: WhatIfOrigin): Promise<void> {
  const store = useWhatIf.getState();
  const label = describeOrder(order);
  // Refused before asking when the account's broker declares no margin check (Webull).
  const lack = whatIfLack(useSettings.getState().settings, order.account);
  if (lack) {
    store.set(origin, { kind: 'refused', order: label, reason: lack });
    return;
  }
  store.set(origin, { kind: 'checking', order: label });
  const resolved = await resolveInstrument(bridge, order.symbol);
  if (!resolved.ok) {
    store.set(origin, { kind: 'refused', order: label, reason: resolved.reason });
    return;
  }
  const routed: OrderRequest = { ...order, symbol: resolved.instrument.symbol };
  const problem = checkOrder(routed, resolved.instrument, useSettings.getState().settings, useQuotes.getState().bySymbol[routed.symbol]);
  if (problem) {
    store.set(origin, { kind: 'refused', order: label, reason: problem });
    return;
  }
  const result = await bridge.invoke('order.whatIf', { order: routed });
  useWhatIf.getState().set(origin, result.ok ? { kind: 'done', order: label, preview: result.value } : { kind: 'refused', order: label, reason: result.error.message });
}
