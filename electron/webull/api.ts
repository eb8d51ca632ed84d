// Webull's US stock OpenAPI endpoints this adapter uses, each behind the rate
// gate (README.md "Endpoints" cites the doc page of each). Answers are checked
// for the fields we read; anything else is ignored.

import type { WebullBalance, WebullHolding } from './mapping/account';
import type { WebullStockOrder } from './mapping/order';
import type { HttpCall, WebullHttp } from './http-client';
import type { RateGate, WebullEndpoint } from './rate-limit';

/** An order as list-open / order detail report it (flat, or its first `items` entry merged in). */
export interface WebullOrderRow {
  client_order_id: string;
  instrument_id?: string;
  symbol?: string;
  side?: string;
  order_type?: string;
  order_status?: string;
  qty?: string;
  filled_qty?: string;
  filled_price?: string;
  limit_price?: string;
  stop_price?: string;
  tif?: string;
  trailing_type?: string;
  trailing_stop_step?: string;
  extended_hours_trading?: boolean;
}

export interface WebullInstrumentRow {
  symbol: string;
  instrument_id: string;
  name?: string;
  exchange_code?: string;
  currency?: string;
}

const PAGE = 100;
/** Pages read per listing: 2,000 rows; more is logged, not read. */
const MAX_PAGES = 20;

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function stringFields(raw: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (typeof v === 'string' || typeof v === 'number') out[k] = String(v);
  return out;
}

export function toOrderRow(value: unknown): WebullOrderRow | null {
  const raw = record(value);
  const item = record(list(raw.items)[0]);
  const merged = { ...stringFields(raw), ...stringFields(item) };
  if (!merged.client_order_id) return null;
  const row: WebullOrderRow = { ...merged, client_order_id: merged.client_order_id };
  const ext = raw.extended_hours_trading ?? item.extended_hours_trading;
  if (typeof ext === 'boolean') row.extended_hours_trading = ext;
  return row;
}

export class WebullApi {
  constructor(
    private readonly http: WebullHttp,
    private readonly gate: RateGate,
  ) {}

  private send(endpoint: WebullEndpoint, call: HttpCall): Promise<unknown> {
    return this.gate.run(endpoint, () => this.http.call(call));
  }

  /** The accounts this app key may trade (docs: "Get Account List" / app subscriptions). */
  async accountIds(): Promise<string[]> {
    const answer = await this.send('subscriptions', { method: 'GET', path: '/app/subscriptions/list' });
    return list(answer).map((a) => stringFields(record(a)).account_id).filter((id): id is string => typeof id === 'string');
  }

  async instruments(symbol: string): Promise<WebullInstrumentRow[]> {
    const answer = await this.send('instruments', { method: 'GET', path: '/instrument/list', query: { symbols: symbol, category: 'US_STOCK' } });
    const rows: WebullInstrumentRow[] = [];
    for (const raw of list(answer)) {
      const f = stringFields(record(raw));
      if (f.symbol && f.instrument_id) rows.push({ ...f, symbol: f.symbol, instrument_id: f.instrument_id });
    }
    return rows;
  }

  async place(accountId: string, order: WebullStockOrder): Promise<void> {
    await this.send('place', { method: 'POST', path: '/trade/order/place', body: { account_id: accountId, stock_order: order } });
  }

  async replace(accountId: string, order: WebullStockOrder): Promise<void> {
    await this.send('replace', { method: 'POST', path: '/trade/order/replace', body: { account_id: accountId, stock_order: order } });
  }

  async cancel(accountId: string, clientOrderId: string): Promise<void> {
    await this.send('cancel', { method: 'POST', path: '/trade/order/cancel', body: { account_id: accountId, client_order_id: clientOrderId } });
  }

  /** Every open order, page by page (last_client_order_id is the cursor). */
  async openOrders(accountId: string): Promise<WebullOrderRow[]> {
    const rows: WebullOrderRow[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const query: Record<string, string> = { account_id: accountId, page_size: String(PAGE) };
      if (cursor) query.last_client_order_id = cursor;
      const answer = record(await this.send('openOrders', { method: 'GET', path: '/trade/orders/list-open', query }));
      const orders = list(answer.orders).map(toOrderRow).filter((r): r is WebullOrderRow => r !== null);
      rows.push(...orders);
      const last = orders[orders.length - 1];
      if (answer.has_next !== true || !last) break;
      cursor = last.client_order_id;
    }
    return rows;
  }

  async balance(accountId: string): Promise<WebullBalance> {
    const answer = record(await this.send('balance', { method: 'GET', path: '/account/balance', query: { account_id: accountId, total_asset_currency: 'USD' } }));
    const balance: WebullBalance = stringFields(answer);
    const assets = list(answer.account_currency_assets).map((a) => stringFields(record(a)));
    if (assets.length > 0) balance.account_currency_assets = assets;
    return balance;
  }

  async positions(accountId: string): Promise<WebullHolding[]> {
    const holdings: WebullHolding[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const query: Record<string, string> = { account_id: accountId, page_size: String(PAGE) };
      if (cursor) query.last_instrument_id = cursor;
      const answer = record(await this.send('positions', { method: 'GET', path: '/account/positions', query }));
      const rows = list(answer.holdings).map((h) => stringFields(record(h)));
      holdings.push(...rows);
      const last = rows[rows.length - 1];
      if (answer.has_next !== true || !last?.instrument_id) break;
      cursor = last.instrument_id;
    }
    return holdings;
  }
}
