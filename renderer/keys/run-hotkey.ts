// A pressed hotkey: fill in its line, price its anchors, and send it the way the command
// line sends a typed line. What came of it shows in the command line's feedback place.

import { expandAction, resolveAnchors } from '../../shared/hotkeys';
import type { JanusBridge } from '../../shared/ipc';
import { accountChoices } from '../components/accounts';
import { accountFor, run } from '../components/CommandLine';
import { parseLine } from '../orders';
import { useConnections, useSettings } from '../stores/broker-state';
import { useQuotes } from '../stores/quotes';
import { useSelection } from '../stores/selection';
import { orderError, useFeedback, useTicket } from '../stores/ui';

/** The line a hotkey would send now, or the sentence saying why it cannot. */
export function hotkeyLine(action: string): { ok: true; line: string } | { ok: false; reason: string } {
  const ticketQty = useTicket.getState().fields.quantity.trim();
  const quantity = ticketQty !== '' ? ticketQty : String(useSettings.getState().settings?.defaults.quantity ?? '');
  const expanded = expandAction(action, { symbol: useSelection.getState().symbol, quantity });
  if (!expanded.ok) return expanded;
  return resolveAnchors(expanded.line, (symbol) => useQuotes.getState().bySymbol[symbol]);
}

export async function runHotkey(bridge: JanusBridge, action: string): Promise<void> {
  const feedback = useFeedback.getState();
  const line = hotkeyLine(action);
  if (!line.ok) {
    feedback.show('command-line', orderError(line.reason));
    return;
  }
  const choices = accountChoices(useSettings.getState().settings, useConnections.getState().byAccount);
  // The command line's defaults and context (quotes, positions, ticks): exits and brackets work as typed.
  await run(bridge, parseLine(line.line, accountFor(choices)), choices);
}
