// The ticket's text fields -> what Send would do: one order or a bracket (new orders), or
// the changes to a working order (modify mode); else what is still missing or unreadable,
// in the same words as the command line (the quantity sentence is the shared one). Pure:
// whether the result is acceptable is the shared rules' job.

import { formatPrice } from '../../shared/format';
import type { Order, OrderGroup, OrderRequest, OrderType, TrailSpec } from '../../shared/model';
import type { OrderChanges } from '../../shared/order-commands';
import { quantityProblem } from '../../shared/order-rules';
import { normalizeSymbol } from '../../shared/symbols';
import { EMPTY_TICKET, type TicketFields } from '../stores/ui';

export const needsLimit = (type: OrderType): boolean => type === 'limit' || type === 'stop-limit';
export const needsStop = (type: OrderType): boolean => type === 'stop' || type === 'stop-limit';
export const needsTrail = (type: OrderType): boolean => type === 'trailing';
/** IB honours outsideRth on limit and stop-limit orders only. */
export const allowsOutsideRth = (type: OrderType): boolean => type === 'limit' || type === 'stop-limit';
/** A trailing entry cannot carry a bracket (the shared group rules), so its TP/SL fields hide. */
export const allowsBracket = (type: OrderType): boolean => type !== 'trailing';

export const OUTSIDE_RTH_TITLE = 'Outside regular hours applies to limit and stop-limit orders only';

type Fail = { ok: false; reason: string; incomplete: boolean };
export type TicketRead = { ok: true; group: OrderGroup } | Fail;
export type ModifyRead = { ok: true; changes: OrderChanges } | Fail;

const NUMBER = /^\d+(\.\d+)?$|^\.\d+$/;

function readNumber(label: string, text: string): { ok: true; value: number } | Fail {
  const t = text.trim().replace(/,/g, '');
  if (t === '') return { ok: false, reason: `${label} is empty`, incomplete: true };
  if (!NUMBER.test(t)) return { ok: false, reason: `${label} "${text.trim()}" is not a number`, incomplete: false };
  return { ok: true, value: Number(t) };
}

/** The command line's quantity sentence (`quantity -5 must be a positive whole number of shares`). */
function readQuantity(text: string): { ok: true; value: number } | Fail {
  const t = text.trim().replace(/,/g, '');
  if (t === '') return { ok: false, reason: 'quantity is empty', incomplete: true };
  const problem = quantityProblem(text);
  return problem === null ? { ok: true, value: Number(t) } : { ok: false, reason: problem, incomplete: false };
}

function readTrail(f: TicketFields): { ok: true; value: TrailSpec } | Fail {
  const read = readNumber(f.trailUnit === 'amount' ? 'trail amount' : 'trail percent', f.trail.replace(/%\s*$/, ''));
  if (!read.ok) return read;
  return { ok: true, value: f.trailUnit === 'amount' ? { amount: read.value } : { percent: read.value } };
}

/** The prices the type needs, in the ticket's field order (stop, limit, trail). */
function readPrices(f: TicketFields): { ok: true; prices: Partial<OrderRequest> } | Fail {
  const prices: Partial<OrderRequest> = {};
  if (needsStop(f.type)) {
    const stop = readNumber('stop price', f.stop);
    if (!stop.ok) return stop;
    prices.stopPrice = stop.value;
  }
  if (needsLimit(f.type)) {
    const limit = readNumber('limit price', f.limit);
    if (!limit.ok) return limit;
    prices.limitPrice = limit.value;
  }
  if (needsTrail(f.type)) {
    const trail = readTrail(f);
    if (!trail.ok) return trail;
    prices.trail = trail.value;
  }
  return { ok: true, prices };
}

function readEntry(f: TicketFields): { ok: true; order: OrderRequest } | Fail {
  if (f.account === '') return { ok: false, reason: 'no account to send to', incomplete: true };
  if (f.symbol.trim() === '') return { ok: false, reason: 'symbol is empty', incomplete: true };
  const symbol = normalizeSymbol(f.symbol);
  if (!symbol.ok) return { ok: false, reason: symbol.reason, incomplete: false };
  const quantity = readQuantity(f.quantity);
  if (!quantity.ok) return quantity;
  const prices = readPrices(f);
  if (!prices.ok) return prices;
  const order: OrderRequest = { account: f.account, side: f.side, symbol: symbol.symbol, quantity: quantity.value, type: f.type, tif: f.tif, ...prices.prices };
  if (f.outsideRth && allowsOutsideRth(f.type)) order.outsideRth = true;
  return { ok: true, order };
}

/** A new order from the ticket: one order, or a bracket when a take-profit or stop-loss is typed. */
export function readTicket(f: TicketFields): TicketRead {
  const entry = readEntry(f);
  if (!entry.ok) return entry;
  const tpText = f.takeProfit.trim();
  const slText = f.stopLoss.trim();
  if (!allowsBracket(f.type) || (tpText === '' && slText === '')) return { ok: true, group: { kind: 'single', order: entry.order } };
  const { account, symbol, quantity, tif } = entry.order;
  const child = { account, symbol, quantity, tif, side: entry.order.side === 'BUY' ? 'SELL' : 'BUY' } as const;
  const group: Extract<OrderGroup, { kind: 'bracket' }> = { kind: 'bracket', entry: entry.order };
  if (tpText !== '') {
    const tp = readNumber('take-profit price', tpText);
    if (!tp.ok) return tp;
    group.takeProfit = { ...child, type: 'limit', limitPrice: tp.value };
  }
  if (slText !== '') {
    const sl = readNumber('stop-loss price', slText);
    if (!sl.ok) return sl;
    group.stopLoss = { ...child, type: 'stop', stopPrice: sl.value };
  }
  return { ok: true, group };
}

/** What the ticket changes on a working order: quantity, its type's prices, TIF. */
export function readModify(f: TicketFields): ModifyRead {
  const quantity = readQuantity(f.quantity);
  if (!quantity.ok) return quantity;
  const prices = readPrices(f);
  if (!prices.ok) return prices;
  const { limitPrice, stopPrice, trail } = prices.prices;
  const changes: OrderChanges = { quantity: quantity.value, tif: f.tif };
  if (limitPrice !== undefined) changes.limitPrice = limitPrice;
  if (stopPrice !== undefined) changes.stopPrice = stopPrice;
  if (trail !== undefined) changes.trail = trail;
  return { ok: true, changes };
}

/** A working order's fields, loaded into the ticket to be modified. */
export function fieldsOfOrder(o: Order & { type: OrderType }): TicketFields {
  const trail = o.trail ?? null;
  return {
    ...EMPTY_TICKET,
    account: o.account,
    side: o.side,
    symbol: o.symbol,
    quantity: String(o.quantity),
    type: o.type,
    limit: o.limitPrice === null ? '' : formatPrice(o.limitPrice),
    stop: o.stopPrice === null ? '' : formatPrice(o.stopPrice),
    trail: trail === null ? '' : 'amount' in trail ? formatPrice(trail.amount) : String(trail.percent),
    trailUnit: trail !== null && 'percent' in trail ? 'percent' : 'amount',
    tif: o.tif,
    outsideRth: o.outsideRth === true,
  };
}
