// The one file where the Webull simulator meets the exchange engine
// (../exchange): Webull orders by client_order_id become exchange orders by
// number, exchange fills become Webull trade events. The exchange has no
// modify and no trailing stop yet, so replace = cancel + place of the
// remainder, and a trailing stop is a stop this file moves on each trade.
// When the exchange grows those, only this file changes.

import type { Exchange, SimExecution, SimOrder } from '../exchange/types';
import type { OrderEvent, SimStockOrder, SimWebullOrder, WebullOrderStatus } from './types';

export interface AdapterOut {
  event(accountId: string, event: OrderEvent): void;
}

interface Live {
  order: SimWebullOrder;
  /** The exchange order working it now; null once done. */
  exchangeId: number | null;
}

export type ReplaceFields = Pick<SimStockOrder, 'client_order_id' | 'qty' | 'limit_price' | 'stop_price' | 'trailing_stop_step'>;

const TYPE_TO_EXCHANGE: Record<SimWebullOrder['order_type'], string> = {
  MARKET: 'MKT', LIMIT: 'LMT', STOP_LOSS: 'STP', STOP_LOSS_LIMIT: 'STP LMT', TRAILING_STOP_LOSS: 'STP',
};

const TERMINAL = new Set<WebullOrderStatus>(['FILLED', 'CANCELLED', 'FAILED']);

function roundTo(price: number, tick: number, up: boolean): number {
  const ticks = price / tick;
  return Number(((up ? Math.ceil(ticks - 1e-9) : Math.floor(ticks + 1e-9)) * tick).toFixed(6));
}

export class ExchangeAdapter {
  private readonly orders = new Map<string, Live>();
  /** `${account}:${exchangeId}` -> the Webull order it works. */
  private readonly byExchange = new Map<string, Live>();
  private readonly nextExchangeId = new Map<string, number>();

  constructor(
    private readonly exchange: Exchange,
    private readonly out: AdapterOut,
  ) {
    exchange.addListener({
      onTick: (tick) => {
        if (tick.field === 'last') this.trail(tick.conId, tick.value);
      },
      onOrder: (order) => this.exchangeOrder(order),
      onExecution: (execution) => this.execution(execution),
      onPosition: () => {},
      onAccount: () => {},
    });
  }

  /** Listings for a symbol, in Webull's form (class shares with a dot). */
  instruments(symbol: string): { symbol: string; instrument_id: string; name: string; exchange_code: string; currency: 'USD' }[] {
    return this.exchange.findBySymbol(symbol).map((e) => ({
      symbol: e.symbol.replace(/ /g, '.'), instrument_id: String(e.conId), name: e.longName, exchange_code: e.primaryExchange, currency: 'USD',
    }));
  }

  instrument(conId: number): { conId: number; symbol: string } | null {
    const entry = this.exchange.findByConId(conId);
    return entry ? { conId: entry.conId, symbol: entry.symbol.replace(/ /g, '.') } : null;
  }

  balance(accountId: string): Record<string, unknown> {
    const v = this.exchange.accountValues(accountId);
    return {
      account_id: accountId,
      total_asset_currency: 'USD',
      total_asset: String(v.netLiquidation),
      total_cash_balance: String(v.totalCashValue),
      total_unrealized_profit_loss: String(v.unrealizedPnl),
      account_currency_assets: [{ currency: 'USD', buying_power: String(v.buyingPower), cash_balance: String(v.totalCashValue), net_liquidation_value: String(v.netLiquidation) }],
    };
  }

  holdings(accountId: string): Record<string, string>[] {
    return this.exchange.positions(accountId).filter((p) => p.position !== 0).map((p) => ({
      instrument_id: String(p.conId), symbol: p.symbol.replace(/ /g, '.'), qty: String(p.position), unit_cost: String(p.avgCost),
      last_price: String(p.marketPrice), market_value: String(p.marketValue), unrealized_profit_loss: String(p.unrealizedPnl),
    }));
  }

  /** Control: set a price now (tests and demos trigger stops with it). */
  movePrice(symbol: string, price: number): void {
    const entry = this.exchange.findBySymbol(symbol)[0];
    if (!entry) throw new RangeError(`no listing for ${symbol}`);
    this.exchange.movePrice(entry.conId, price);
  }

  /** Moves the market for symbols with working Webull orders (the demo pacer). */
  step(count: number): void {
    const conIds = [...new Set([...this.orders.values()].filter((l) => l.exchangeId !== null).map((l) => Number(l.order.instrument_id)))];
    if (conIds.length > 0) this.exchange.step(count, conIds);
  }

  find(accountId: string, clientOrderId: string): SimWebullOrder | null {
    const live = this.orders.get(`${accountId}:${clientOrderId}`);
    return live ? live.order : null;
  }

  open(accountId: string): SimWebullOrder[] {
    return [...this.orders.values()].filter((l) => l.order.account_id === accountId && !TERMINAL.has(l.order.order_status)).map((l) => ({ ...l.order }));
  }

  /** Accepts the order (the caller validated its fields); an exchange refusal becomes PLACE_FAILED. */
  place(accountId: string, conId: number, symbol: string, stock: SimStockOrder): void {
    const order: SimWebullOrder = { ...stock, account_id: accountId, instrument_id: String(conId), symbol, order_status: 'SUBMITTED', filled_qty: '0', filled_price: '0' };
    const live: Live = { order, exchangeId: null };
    this.orders.set(`${accountId}:${stock.client_order_id}`, live);
    const refused = this.work(live, Number(stock.qty));
    if (refused) {
      order.order_status = 'FAILED';
      this.emit(live, 'PLACE_FAILED', refused);
    }
  }

  /** Accepted, then refused on the event stream (PLACE_FAILED), never worked. */
  refuse(accountId: string, conId: number, symbol: string, stock: SimStockOrder, message: string): void {
    const order: SimWebullOrder = { ...stock, account_id: accountId, instrument_id: String(conId), symbol, order_status: 'FAILED', filled_qty: '0', filled_price: '0' };
    const live: Live = { order, exchangeId: null };
    this.orders.set(`${accountId}:${stock.client_order_id}`, live);
    this.emit(live, 'PLACE_FAILED', message);
  }

  /** Quantity and prices only; the order keeps its client_order_id and what already filled. */
  replace(accountId: string, changes: ReplaceFields): void {
    const live = this.orders.get(`${accountId}:${changes.client_order_id}`);
    if (!live) return;
    const order = live.order;
    if (TERMINAL.has(order.order_status)) return this.emit(live, 'MODIFY_FAILED', `order is ${order.order_status}`);
    const filled = Number(order.filled_qty);
    const qty = Number(changes.qty || order.qty);
    if (qty <= filled) return this.emit(live, 'MODIFY_FAILED', `quantity ${qty} is not above the ${filled} already filled`);
    const before = { ...order };
    order.qty = String(qty);
    if (changes.limit_price) order.limit_price = changes.limit_price;
    if (changes.stop_price) order.stop_price = changes.stop_price;
    if (changes.trailing_stop_step) order.trailing_stop_step = changes.trailing_stop_step;
    this.retire(live);
    const refused = this.work(live, qty - filled);
    if (refused) {
      Object.assign(order, before);
      this.work(live, Number(before.qty) - filled);
      return this.emit(live, 'MODIFY_FAILED', refused);
    }
    this.emit(live, 'MODIFY_SUCCESS');
  }

  cancel(accountId: string, clientOrderId: string): void {
    const live = this.orders.get(`${accountId}:${clientOrderId}`);
    if (!live) return;
    if (TERMINAL.has(live.order.order_status)) return this.emit(live, 'CANCEL_FAILED', `order is ${live.order.order_status}`);
    this.retire(live);
    live.order.order_status = 'CANCELLED';
    this.emit(live, 'CANCEL_SUCCESS');
  }

  /** Sends `quantity` of the order to the exchange; the refusal's words, or null. */
  private work(live: Live, quantity: number): string | null {
    const order = live.order;
    const account = order.account_id;
    const id = (this.nextExchangeId.get(account) ?? 0) + 1;
    this.nextExchangeId.set(account, id);
    const key = `${account}:${id}`;
    this.byExchange.set(key, live);
    live.exchangeId = id;
    const result = this.exchange.placeOrder({
      account, clientId: 0, orderId: id, conId: Number(order.instrument_id), action: order.side, quantity,
      orderType: TYPE_TO_EXCHANGE[order.order_type],
      lmtPrice: order.limit_price ? Number(order.limit_price) : null,
      auxPrice: order.stop_price ? Number(order.stop_price) : null,
      tif: order.tif, transmit: true,
    });
    if ('code' in result) {
      this.byExchange.delete(key);
      live.exchangeId = null;
      return result.message;
    }
    return null;
  }

  /** Stops the exchange order without telling the client (a replace or a cancel reports itself). */
  private retire(live: Live): void {
    if (live.exchangeId === null) return;
    const id = live.exchangeId;
    this.byExchange.delete(`${live.order.account_id}:${id}`);
    live.exchangeId = null;
    this.exchange.cancelOrder(live.order.account_id, id);
  }

  private exchangeOrder(order: SimOrder): void {
    const key = `${order.account}:${order.orderId}`;
    const live = this.byExchange.get(key);
    if (!live || (order.status !== 'Cancelled' && order.status !== 'Inactive')) return;
    this.byExchange.delete(key);
    live.exchangeId = null;
    live.order.order_status = 'CANCELLED';
    this.emit(live, 'CANCEL_SUCCESS');
  }

  private execution(execution: SimExecution): void {
    const key = `${execution.account}:${execution.orderId}`;
    const live = this.byExchange.get(key);
    if (!live) return;
    const order = live.order;
    const before = Number(order.filled_qty);
    const filled = before + execution.shares;
    const avg = (before * Number(order.filled_price) + execution.shares * execution.price) / filled;
    order.filled_qty = String(filled);
    order.filled_price = String(Number(avg.toFixed(6)));
    const done = filled >= Number(order.qty);
    order.order_status = done ? 'FILLED' : 'PARTIAL_FILLED';
    if (done) {
      this.byExchange.delete(key);
      live.exchangeId = null;
    }
    this.emit(live, done ? 'FINAL_FILLED' : 'FILLED');
  }

  /** Moves trailing stops after a trade: a sell's stop only rises, a buy's only falls. */
  private trail(conId: number, last: number): void {
    const tick = this.exchange.findByConId(conId)?.minTick || 0.01;
    for (const live of [...this.orders.values()]) {
      const o = live.order;
      if (o.order_type !== 'TRAILING_STOP_LOSS' || o.instrument_id !== String(conId) || TERMINAL.has(o.order_status) || live.exchangeId === null) continue;
      const step = Number(o.trailing_stop_step);
      const distance = o.trailing_type === 'PERCENTAGE' ? (last * step) / 100 : step;
      const sell = o.side === 'SELL';
      const wanted = roundTo(sell ? last - distance : last + distance, tick, !sell);
      const current = Number(o.stop_price);
      if (sell ? wanted <= current : wanted >= current) continue;
      o.stop_price = String(wanted);
      this.retire(live);
      this.work(live, Number(o.qty) - Number(o.filled_qty));
    }
  }

  private emit(live: Live, scene: OrderEvent['scene_type'], message?: string): void {
    const o = live.order;
    this.out.event(o.account_id, {
      account_id: o.account_id, client_order_id: o.client_order_id, scene_type: scene, order_status: o.order_status,
      instrument_id: o.instrument_id, symbol: o.symbol, side: o.side, order_type: o.order_type, qty: o.qty,
      filled_qty: o.filled_qty, filled_price: o.filled_price,
      ...(o.limit_price ? { limit_price: o.limit_price } : {}),
      ...(o.stop_price ? { stop_price: o.stop_price } : {}),
      ...(o.trailing_stop_step ? { trailing_stop_step: o.trailing_stop_step } : {}),
      ...(message ? { message } : {}),
    });
  }
}
