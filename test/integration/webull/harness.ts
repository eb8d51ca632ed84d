// A Webull session against the Webull simulator over real HTTP and gRPC on
// loopback, with a listener that keeps what a trader would see: order rows
// (merged like the host's order book), fills, positions, account values, log.

import type { BrokerListener, BrokerOrderUpdate, BrokerSessionStatus } from '../../../electron/host/broker';
import { createRealScheduler } from '../../../electron/host/real-scheduler';
import { WebullSession, type WebullSessionOptions } from '../../../electron/webull';
import type { RateLimit, WebullEndpoint } from '../../../electron/webull/rate-limit';
import type { AccountValue, Fill, Instrument, Position } from '../../../shared/model';

export type Row = Partial<BrokerOrderUpdate> & Pick<BrokerOrderUpdate, 'account' | 'orderId'>;

export interface Recorder extends BrokerListener {
  rows: Map<number, Row>;
  fills: Fill[];
  positions: Map<string, Position>;
  account: AccountValue | null;
  statuses: BrokerSessionStatus[];
  logs: string[];
  openOrdersEnd: number[][];
}

export function recorder(): Recorder {
  const r: Recorder = {
    rows: new Map(), fills: [], positions: new Map(), account: null, statuses: [], logs: [], openOrdersEnd: [],
    onStatus: (s) => void r.statuses.push(s),
    onTick: () => {},
    onQuoteMode: () => {},
    onOrder: (u) => void r.rows.set(u.orderId, { ...r.rows.get(u.orderId), ...u }),
    onFill: (f) => void r.fills.push(f),
    onPosition: (p) => void r.positions.set(p.symbol, p),
    onAccount: (a) => void (r.account = { ...(r.account ?? ({} as AccountValue)), ...a }),
    onLog: (_l, _c, m) => void r.logs.push(m),
    onOpenOrdersEnd: (ids) => void r.openOrdersEnd.push(ids),
  };
  return r;
}

/** Fast limits for tests that are not about pacing; client and simulator agree on them. */
export const FAST: Record<WebullEndpoint, RateLimit> = {
  place: { max: 50, perMs: 1000 }, replace: { max: 50, perMs: 1000 }, cancel: { max: 50, perMs: 1000 },
  openOrders: { max: 50, perMs: 1000 }, orderDetail: { max: 50, perMs: 1000 }, balance: { max: 50, perMs: 1000 },
  positions: { max: 50, perMs: 1000 }, instruments: { max: 50, perMs: 1000 }, subscriptions: { max: 50, perMs: 1000 },
};

export const FAST_SIM: Record<string, RateLimit> = {
  '/trade/order/place': FAST.place, '/trade/order/replace': FAST.replace, '/trade/order/cancel': FAST.cancel,
  '/trade/orders/list-open': FAST.openOrders, '/trade/order/detail': FAST.orderDetail, '/account/balance': FAST.balance,
  '/account/positions': FAST.positions, '/instrument/list': FAST.instruments, '/app/subscriptions/list': FAST.subscriptions,
};

export function session(
  port: number,
  account: { id: string; accountCode: string; appKey: string; appSecret: string | null },
  options: Partial<WebullSessionOptions> = {},
): { session: WebullSession; rec: Recorder } {
  const rec = recorder();
  const s = new WebullSession(
    { account: account.id, host: '127.0.0.1', port, clientId: 0, accountCode: account.accountCode },
    { listener: rec, scheduler: createRealScheduler() },
    {
      credentials: () => ({ appKey: account.appKey, appSecret: account.appSecret, region: 'us' }),
      rateLimits: FAST,
      refreshMs: 200,
      ...options,
    },
  );
  return { session: s, rec };
}

export async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const AAPL: Instrument = {
  symbol: 'AAPL', conId: 265598, secType: 'STK', exchange: 'SMART', primaryExchange: 'NASDAQ', currency: 'USD', minTick: 0.01, longName: 'APPLE INC',
};
