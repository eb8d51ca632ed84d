// Orders by symbol and position, from whichever entry point (command line,
// position-row keys): cancel every working order of a symbol, flatten one
// position or all (all asks first), reverse. Each answers what to show.

import type { JanusBridge } from '../../shared/ipc';
import { orderError, useConfirm, type Feedback } from '../stores/ui';

const where = (account: string | undefined): string => (account ? ` in ${account}` : ' in every account');
const ids = (orderIds: readonly number[]): string => orderIds.map((id) => `#${id}`).join(', ');

export async function cancelSymbolOrders(bridge: JanusBridge, symbol: string, account?: string): Promise<Feedback> {
  const r = await bridge.invoke('order.cancelSymbol', account ? { account, symbol } : { symbol });
  if (!r.ok) return orderError(r.error.message);
  const { cancelled, refused } = r.value;
  const text = cancelled.length === 0 ? `No working ${symbol} orders${where(account)}` : `Cancel requested for ${ids(cancelled)}`;
  return refused.length > 0 ? orderError(`${text}; not cancelled: ${refused.join('; ')}`) : { kind: 'info', text };
}

/** Cancels the symbol's working orders and closes the position at market (none when flat). */
export async function flatten(bridge: JanusBridge, symbol: string, account?: string): Promise<Feedback> {
  const r = await bridge.invoke('position.flatten', account ? { account, symbol } : { symbol });
  if (!r.ok) return orderError(r.error.message);
  if (r.value.orderIds.length === 0) return { kind: 'info', text: `No ${symbol} position${where(account)}: working ${symbol} orders cancelled, nothing to close` };
  return { kind: 'info', text: `Sent ${ids(r.value.orderIds)}: FLAT ${symbol}` };
}

/** Asks first; null when the trader said no. */
export async function flattenAll(bridge: JanusBridge, account?: string): Promise<Feedback | null> {
  const yes = await useConfirm
    .getState()
    .ask('Flatten all positions', [`Close every position${where(account)} at market, after cancelling their working orders?`], 'Flatten all');
  if (!yes) return null;
  const r = await bridge.invoke('position.flatten', account ? { account, symbol: { all: true } } : { symbol: { all: true } });
  if (!r.ok) return orderError(r.error.message);
  if (r.value.orderIds.length === 0) return { kind: 'info', text: `No positions${where(account)}: nothing sent` };
  return { kind: 'info', text: `Sent ${ids(r.value.orderIds)}: FLAT ALL` };
}

/** One market order of twice the position on the other side (see docs/ARCHITECTURE.md). */
export async function reverse(bridge: JanusBridge, symbol: string, account?: string): Promise<Feedback> {
  const r = await bridge.invoke('position.reverse', account ? { account, symbol } : { symbol });
  if (!r.ok) return orderError(r.error.message);
  if (r.value.orderIds.length === 0) return orderError(`no ${symbol} position${where(account)} to reverse`);
  return { kind: 'info', text: `Sent ${ids(r.value.orderIds)}: REVERSE ${symbol}` };
}
