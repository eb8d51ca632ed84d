// A pressed hotkey: fill in its line ({qty}, {symbol}) and send it the way the command line
// sends a typed line: parsed with the settings' defaults and the stores' quotes, positions
// and ticks, so its price anchors (`ask+0.01`) are the grammar's, priced at the moment of
// the press. What came of it shows in the command line's feedback place.

import { expandAction, type Expanded } from '../../shared/hotkeys';
import type { JanusBridge } from '../../shared/ipc';
import { accountChoices } from '../components/accounts';
import { accountFor, run } from '../components/CommandLine';
import { parseLine } from '../orders';
import { useConnections, useSettings } from '../stores/broker-state';
import { useSelection } from '../stores/selection';
import { orderError, useFeedback, useTicket } from '../stores/ui';

/** The line a hotkey would send now (anchors left for the grammar), or why it cannot. */
export function hotkeyLine(action: string): Expanded {
  const ticketQty = useTicket.getState().fields.quantity.trim();
  const quantity = ticketQty !== '' ? ticketQty : String(useSettings.getState().settings?.defaults.quantity ?? '');
  return expandAction(action, { symbol: useSelection.getState().symbol, quantity });
}

export async function runHotkey(bridge: JanusBridge, action: string): Promise<void> {
  const line = hotkeyLine(action);
  if (!line.ok) {
    useFeedback.getState().show('command-line', orderError(line.reason));
    return;
  }
  const choices = accountChoices(useSettings.getState().settings, useConnections.getState().byAccount);
  // The command line's defaults and context (quotes, positions, ticks): exits and brackets work as typed.
  await run(bridge, parseLine(line.line, accountFor(choices)), choices);
}
