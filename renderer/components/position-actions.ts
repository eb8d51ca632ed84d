// What a selected position row does by key: F flattens it, R reverses it, C cancels the
// symbol's working orders (all three in the row's account), Enter loads the order that
// closes it into the ticket. The orders themselves go through the shared order path.

import type { JanusBridge } from '../../shared/ipc';
import type { Position } from '../../shared/model';
import { cancelSymbolOrders, flatten, reverse } from '../orders/positions';
import { useFeedback, useTicket, type Feedback } from '../stores/ui';

export const POSITION_KEYS: Readonly<Record<string, { label: string; run(bridge: JanusBridge, p: Position): Promise<Feedback> }>> = {
  f: { label: 'flatten', run: (bridge, p) => flatten(bridge, p.symbol, p.account) },
  r: { label: 'reverse', run: (bridge, p) => reverse(bridge, p.symbol, p.account) },
  c: { label: 'cancel orders', run: (bridge, p) => cancelSymbolOrders(bridge, p.symbol, p.account) },
};

/**
 * The order that closes `p`, ready to send as it is: a market order for the whole
 * position on the other side (what `flat` sends too). Leaves modify mode first.
 */
export function loadClosingOrder(p: Position): void {
  if (p.quantity === 0) return;
  const ticket = useTicket.getState();
  if (ticket.modify) ticket.endModify();
  useTicket.getState().set({
    account: p.account,
    symbol: p.symbol,
    side: p.quantity > 0 ? 'SELL' : 'BUY',
    quantity: String(Math.abs(p.quantity)),
    type: 'market',
    limit: '',
    stop: '',
    trail: '',
    takeProfit: '',
    stopLoss: '',
    outsideRth: false,
  });
  useFeedback.getState().show('ticket', null);
}
