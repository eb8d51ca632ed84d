// The Webull OpenAPI's HTTP side on loopback: signature and freshness checks,
// per-app-key rate limits, then the US stock endpoints the adapter uses.
// Answers are Webull's shapes; failures are { error_code, message }.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { expectedHttpSignature, Freshness } from './auth';
import { checkStockOrder } from './check-order';
import type { ExchangeAdapter } from './exchange-adapter';
import type { SimAppKey } from './types';

export interface RateLimit {
  max: number;
  perMs: number;
}

/** Per App ID, as the US api-doc gives them (README.md cites each). */
export const SIM_RATE_LIMITS: Record<string, RateLimit> = {
  '/trade/order/place': { max: 1, perMs: 1_000 },
  '/trade/order/replace': { max: 1, perMs: 1_000 },
  '/trade/order/cancel': { max: 1, perMs: 1_000 },
  '/trade/orders/list-open': { max: 10, perMs: 30_000 },
  '/trade/order/detail': { max: 10, perMs: 30_000 },
  '/account/balance': { max: 10, perMs: 30_000 },
  '/account/positions': { max: 10, perMs: 30_000 },
  '/instrument/list': { max: 60, perMs: 60_000 },
  '/app/subscriptions/list': { max: 10, perMs: 30_000 },
};

export interface HttpSideOptions {
  keys: readonly SimAppKey[];
  adapter: ExchangeAdapter;
  now: () => number;
  limits: Record<string, RateLimit>;
  log: (message: string) => void;
}

const GTC_REFUSED = 'tif GTC is not supported in this region; use DAY';

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Handler = (key: SimAppKey, query: URLSearchParams, body: Record<string, unknown>) => unknown;

function account(key: SimAppKey, id: unknown): string {
  if (typeof id !== 'string' || !key.accounts.includes(id)) throw new Refusal(403, 'ACCOUNT_NOT_AUTHORIZED', `app key ${key.appKey} may not trade account ${String(id)}`);
  return id;
}

function page<T>(rows: T[], size: string | null, after: string | null, id: (row: T) => string): { rows: T[]; hasNext: boolean } {
  const n = Math.min(100, Math.max(1, Number(size) || 10));
  const start = after ? rows.findIndex((r) => id(r) === after) + 1 : 0;
  return { rows: rows.slice(start, start + n), hasNext: start + n < rows.length };
}

function routes(adapter: ExchangeAdapter): Record<string, Handler> {
  return {
    'GET /app/subscriptions/list': (key) => key.accounts.map((id, i) => ({ subscription_id: String(i + 1), user_id: key.appKey, account_id: id, account_number: id })),
    'GET /instrument/list': (_key, q) => (q.get('symbols') ?? '').split(',').filter(Boolean).flatMap((s) => adapter.instruments(s)),
    'POST /trade/order/place': (key, _q, body) => {
      const id = account(key, body.account_id);
      const order = checkStockOrder(body.stock_order);
      if ('error_code' in order) throw new Refusal(400, order.error_code, order.message);
      if (adapter.find(id, order.client_order_id)) throw new Refusal(400, 'DUPLICATE_CLIENT_ORDER_ID', `client_order_id ${order.client_order_id} was already used`);
      const gtcRefused = order.tif === 'GTC' && !key.gtc;
      if (gtcRefused && key.gtcRefusal !== 'event') throw new Refusal(400, 'ORDER_TIF_NOT_SUPPORTED', GTC_REFUSED);
      const instrument = adapter.instrument(Number(order.instrument_id));
      if (!instrument) throw new Refusal(400, 'INSTRUMENT_NOT_FOUND', `instrument_id ${order.instrument_id} is unknown`);
      if (gtcRefused) adapter.refuse(id, instrument.conId, instrument.symbol, order, GTC_REFUSED);
      else adapter.place(id, instrument.conId, instrument.symbol, order);
      return { client_order_id: order.client_order_id };
    },
    'POST /trade/order/replace': (key, _q, body) => {
      const id = account(key, body.account_id);
      const order = checkStockOrder(body.stock_order);
      if ('error_code' in order) throw new Refusal(400, order.error_code, order.message);
      const current = adapter.find(id, order.client_order_id);
      if (!current) throw new Refusal(400, 'ORDER_NOT_FOUND', `no order ${order.client_order_id}`);
      if (current.order_type !== order.order_type || current.side !== order.side || current.instrument_id !== order.instrument_id) {
        throw new Refusal(400, 'INVALID_PARAMETER', 'only qty and prices may be changed');
      }
      adapter.replace(id, order);
      return { client_order_id: order.client_order_id };
    },
    'POST /trade/order/cancel': (key, _q, body) => {
      const id = account(key, body.account_id);
      const clientOrderId = typeof body.client_order_id === 'string' ? body.client_order_id : '';
      if (!adapter.find(id, clientOrderId)) throw new Refusal(400, 'ORDER_NOT_FOUND', `no order ${clientOrderId}`);
      adapter.cancel(id, clientOrderId);
      return { client_order_id: clientOrderId };
    },
    'GET /trade/orders/list-open': (key, q) => {
      const { rows, hasNext } = page(adapter.open(account(key, q.get('account_id'))), q.get('page_size'), q.get('last_client_order_id'), (o) => o.client_order_id);
      return { has_next: hasNext, orders: rows };
    },
    'GET /trade/order/detail': (key, q) => {
      const order = adapter.find(account(key, q.get('account_id')), q.get('client_order_id') ?? '');
      if (!order) throw new Refusal(400, 'ORDER_NOT_FOUND', `no order ${q.get('client_order_id') ?? ''}`);
      return order;
    },
    'GET /account/balance': (key, q) => adapter.balance(account(key, q.get('account_id'))),
    'GET /account/positions': (key, q) => {
      const { rows, hasNext } = page(adapter.holdings(account(key, q.get('account_id'))), q.get('page_size'), q.get('last_instrument_id'), (h) => h.instrument_id ?? '');
      return { has_next: hasNext, holdings: rows };
    },
  };
}

function send(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) reject(new Refusal(413, 'PAYLOAD_TOO_LARGE', 'request body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export interface HttpSide {
  server: Server;
  /** Control: while frozen, requests are read and never answered (a hung link). */
  freeze(on: boolean): void;
}

export function createHttpSide(options: HttpSideOptions): HttpSide {
  let frozen = false;
  const table = routes(options.adapter);
  const freshness = new Freshness(options.now);
  const sent = new Map<string, number[]>();
  const admit = (appKey: string, path: string): boolean => {
    const limit = options.limits[path];
    if (!limit) return true;
    const now = options.now();
    const key = `${appKey} ${path}`;
    const recent = (sent.get(key) ?? []).filter((t) => now - t < limit.perMs);
    if (recent.length >= limit.max) return false;
    recent.push(now);
    sent.set(key, recent);
    return true;
  };
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://sim');
    const handler = table[`${req.method ?? 'GET'} ${url.pathname}`];
    if (!handler) throw new Refusal(404, 'NOT_FOUND', `${req.method ?? ''} ${url.pathname} is not an endpoint of this simulator`);
    const body = await readBody(req, 64 * 1024);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
    const key = options.keys.find((k) => k.appKey === headers['x-app-key']);
    if (!key) throw new Refusal(403, 'INVALID_APP_KEY', `unknown x-app-key ${headers['x-app-key'] ?? '(none)'}`);
    const stale = freshness.check(headers);
    if (stale) throw new Refusal(stale.status, stale.error_code, stale.message);
    if (headers['x-signature'] !== expectedHttpSignature(url.pathname, [...url.searchParams.entries()], headers, body, key.appSecret)) {
      throw new Refusal(403, 'INVALID_SIGNATURE', 'the signature does not match the request');
    }
    if (!admit(key.appKey, url.pathname)) throw new Refusal(429, 'TOO_MANY_REQUESTS', `rate limit of ${url.pathname} exceeded`);
    let parsed: Record<string, unknown> = {};
    if (body) {
      try {
        const value: unknown = JSON.parse(body);
        if (typeof value === 'object' && value !== null) parsed = value as Record<string, unknown>;
      } catch {
        throw new Refusal(400, 'INVALID_PARAMETER', 'the body is not JSON');
      }
    }
    send(res, 200, handler(key, url.searchParams, parsed));
  };
  const server = createServer((req, res) => {
    if (frozen) return void req.resume();
    handle(req, res).catch((e: unknown) => {
      if (e instanceof Refusal) return send(res, e.status, { error_code: e.code, message: e.message });
      options.log(`request failed: ${e instanceof Error ? e.message : String(e)}`);
      send(res, 500, { error_code: 'INTERNAL_ERROR', message: 'internal error' });
    });
  });
  return { server, freeze: (on) => void (frozen = on) };
}
