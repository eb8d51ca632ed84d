// The ticket's text fields -> an OrderRequest, or what is still missing /
// unreadable in the ticket's own words. Only reading the fields lives here;
// whether the order is acceptable is the shared rules' job.

import type { OrderRequest, OrderType } from '../../shared/model';
import { normalizeSymbol } from '../../shared/symbols';
import type { TicketFields } from '../stores/ui';

export const needsLimit = (type: OrderType): boolean => type === 'limit' || type === 'stop-limit';
export const needsStop = (type: OrderType): boolean => type === 'stop' || type === 'stop-limit';

export type TicketRead = { ok: true; order: OrderRequest } | { ok: false; reason: string; incomplete: boolean };

const NUMBER = /^\d+(\.\d+)?$|^\.\d+$/;

function readNumber(label: string, text: string): { ok: true; value: number } | { ok: false; reason: string; incomplete: boolean } {
  const t = text.trim().replace(/,/g, '');
  if (t === '') return { ok: false, reason: `${label} is empty`, incomplete: true };
  if (!NUMBER.test(t)) return { ok: false, reason: `${label} "${text.trim()}" is not a number`, incomplete: false };
  return { ok: true, value: Number(t) };
}

export function readTicket(f: TicketFields): TicketRead {
  if (f.account === '') return { ok: false, reason: 'no account to send to', incomplete: true };
  if (f.symbol.trim() === '') return { ok: false, reason: 'symbol is empty', incomplete: true };
  const symbol = normalizeSymbol(f.symbol);
  if (!symbol.ok) return { ok: false, reason: symbol.reason, incomplete: false };
  const quantity = readNumber('quantity', f.quantity);
  if (!quantity.ok) return quantity;
  const order: OrderRequest = {
    account: f.account,
    side: f.side,
    symbol: symbol.symbol,
    quantity: quantity.value,
    type: f.type,
    tif: f.tif,
  };
  if (needsStop(f.type)) {
    const stop = readNumber('stop price', f.stop);
    if (!stop.ok) return stop;
    order.stopPrice = stop.value;
  }
  if (needsLimit(f.type)) {
    const limit = readNumber('limit price', f.limit);
    if (!limit.ok) return limit;
    order.limitPrice = limit.value;
  }
  return { ok: true, order };
}
