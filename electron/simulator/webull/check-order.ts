// The stock_order rules of Webull's "Place Order" / "Replace Order" docs, as
// the simulator enforces them. Pure. Error codes are not documented per rule
// (unverified against Webull): INVALID_PARAMETER for all of them.

import type { SimStockOrder, SimWebullOrderType } from './types';

export interface OrderRefusal {
  error_code: string;
  message: string;
}

const TYPES: readonly SimWebullOrderType[] = ['MARKET', 'LIMIT', 'STOP_LOSS', 'STOP_LOSS_LIMIT', 'TRAILING_STOP_LOSS'];
const NEEDS_LIMIT = new Set<string>(['LIMIT', 'STOP_LOSS_LIMIT']);
const NEEDS_STOP = new Set<string>(['STOP_LOSS', 'STOP_LOSS_LIMIT', 'TRAILING_STOP_LOSS']);

function bad(message: string): OrderRefusal {
  return { error_code: 'INVALID_PARAMETER', message };
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

function positivePrice(value: string | undefined): boolean {
  return value !== undefined && /^\d+(\.\d+)?$/.test(value) && Number(value) > 0;
}

function priceRules(type: string, o: Record<string, unknown>): OrderRefusal | null {
  const limit = str(o.limit_price);
  const stop = str(o.stop_price);
  if (NEEDS_LIMIT.has(type) && !positivePrice(limit)) return bad(`limit_price is required and must be > 0 for ${type}`);
  if (!NEEDS_LIMIT.has(type) && limit !== undefined) return bad(`limit_price must not be passed for ${type}`);
  if (NEEDS_STOP.has(type) && !positivePrice(stop)) return bad(`stop_price is required and must be > 0 for ${type}`);
  if (!NEEDS_STOP.has(type) && stop !== undefined) return bad(`stop_price must not be passed for ${type}`);
  if (type === 'TRAILING_STOP_LOSS') {
    if (o.trailing_type !== 'AMOUNT' && o.trailing_type !== 'PERCENTAGE') return bad('trailing_type must be AMOUNT or PERCENTAGE for TRAILING_STOP_LOSS');
    if (!positivePrice(str(o.trailing_stop_step))) return bad('trailing_stop_step is required and must be > 0 for TRAILING_STOP_LOSS');
  } else if (o.trailing_type !== undefined || o.trailing_stop_step !== undefined) {
    return bad(`trailing fields must not be passed for ${type}`);
  }
  return null;
}

export function checkStockOrder(raw: unknown): SimStockOrder | OrderRefusal {
  if (typeof raw !== 'object' || raw === null) return bad('stock_order is required');
  const o = raw as Record<string, unknown>;
  const id = str(o.client_order_id);
  if (!id || id.length > 40) return bad('client_order_id is required, at most 40 characters');
  if (o.side !== 'BUY' && o.side !== 'SELL') return bad('side must be BUY or SELL');
  if (o.tif !== 'DAY' && o.tif !== 'GTC') return bad('tif must be DAY or GTC');
  const type = str(o.order_type) ?? '';
  if (!(TYPES as readonly string[]).includes(type)) return bad(`order_type ${type} is not supported for US stocks`);
  if (typeof o.extended_hours_trading !== 'boolean') return bad('extended_hours_trading is required');
  if (o.extended_hours_trading && type !== 'LIMIT') return bad('extended_hours_trading can be true only for LIMIT orders');
  const qty = str(o.qty) ?? '';
  if (!/^\d+$/.test(qty) || Number(qty) < 1 || Number(qty) > 200_000) return bad('qty must be a whole number from 1 to 200000');
  if (!str(o.instrument_id)) return bad('instrument_id is required');
  const prices = priceRules(type, o);
  if (prices) return prices;
  const order: SimStockOrder = {
    client_order_id: id, side: o.side, tif: o.tif, extended_hours_trading: o.extended_hours_trading,
    instrument_id: str(o.instrument_id) ?? '', order_type: type as SimWebullOrderType, qty,
  };
  for (const key of ['limit_price', 'stop_price', 'trailing_stop_step'] as const) {
    const value = str(o[key]);
    if (value !== undefined) order[key] = value;
  }
  if (o.trailing_type === 'AMOUNT' || o.trailing_type === 'PERCENTAGE') order.trailing_type = o.trailing_type;
  return order;
}
