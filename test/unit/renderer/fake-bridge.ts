// A JanusBridge for unit tests: answers commands from handlers the test
// sets, records every invoke, and lets the test emit events.

import { err, ok, type CommandName, type CommandRequest, type CommandResult, type EventName, type EventPayload, type JanusBridge, type Result } from '../../../shared/ipc';
import type { AccountConfig, ConnectionState, Instrument, Order, OrderRequest, Quote, Settings } from '../../../shared/model';

type Handler<C extends CommandName> = (request: CommandRequest<C>) => Result<CommandResult<C>> | Promise<Result<CommandResult<C>>>;

export interface Call {
  command: CommandName;
  request: unknown;
}

export class FakeBridge implements JanusBridge {
  readonly calls: Call[] = [];
  private readonly handlers = new Map<CommandName, (request: unknown) => unknown>();
  private readonly listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  handle<C extends CommandName>(command: C, handler: Handler<C>): this {
    this.handlers.set(command, handler as (request: unknown) => unknown);
    return this;
  }

  async invoke<C extends CommandName>(command: C, request: CommandRequest<C>): Promise<Result<CommandResult<C>>> {
    this.calls.push({ command, request });
    const h = this.handlers.get(command);
    if (!h) return err('unknown-command', `fake bridge: no handler for ${command}`);
    return (await h(request)) as Result<CommandResult<C>>;
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    const l = listener as (payload: unknown) => void;
    set.add(l);
    return () => set.delete(l);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const l of this.listeners.get(event) ?? []) l(payload);
  }

  callsOf<C extends CommandName>(command: C): CommandRequest<C>[] {
    return this.calls.filter((c) => c.command === command).map((c) => c.request as CommandRequest<C>);
  }
}

export const account = (id: string, name = id): AccountConfig => ({
  id,
  name,
  broker: 'ib',
  host: '127.0.0.1',
  port: 4002,
  clientId: 1,
  accountCode: '',
  enabled: true,
});

export const settings = (patch: Partial<Settings> = {}): Settings => ({
  version: 1,
  accounts: [account('demo', 'Demo')],
  defaults: { tif: 'GTC', quantity: 100, account: 'demo' },
  risk: { maxQuantity: null, maxNotional: null, priceBandPercent: null },
  confirm: { quantityAbove: null, notionalAbove: null },
  watchlist: [],
  ...patch,
});

export const instrument = (symbol: string, minTick = 0.01, conId = 1000): Instrument => ({
  symbol,
  conId,
  secType: 'STK',
  exchange: 'SMART',
  primaryExchange: 'NASDAQ',
  currency: 'USD',
  minTick,
  longName: `${symbol} Inc`,
});

export const connection = (patch: Partial<ConnectionState> = {}): ConnectionState => ({
  account: 'demo',
  name: 'Demo',
  accountCode: 'DU1000001',
  host: '127.0.0.1',
  port: 4002,
  clientId: 1,
  simulated: true,
  socket: 'connected',
  ibLink: 'up',
  farms: [{ name: 'usfarm', kind: 'market', ok: true }],
  readyForOrders: true,
  reconnectAt: null,
  error: null,
  serverVersion: 176,
  ...patch,
});

let nextOrderId = 1;

export const order = (patch: Partial<Order> = {}): Order => {
  const orderId = patch.orderId ?? nextOrderId++;
  const acct = patch.account ?? 'demo';
  return {
    key: `${acct}:${orderId}`,
    account: acct,
    orderId,
    permId: 0,
    clientId: 1,
    symbol: 'AAPL',
    conId: 1000,
    side: 'BUY',
    type: 'limit',
    quantity: 100,
    limitPrice: 187.5,
    stopPrice: null,
    tif: 'GTC',
    tifChanged: false,
    status: 'submitted',
    filled: 0,
    remaining: 100,
    avgFillPrice: null,
    reason: null,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    ...patch,
  };
};

/** A bridge that places every order as id 42 and knows AAPL. */
export function tradingBridge(): FakeBridge {
  return new FakeBridge()
    .handle('symbol.resolve', ({ symbol }) => (symbol === 'AAPL' ? ok(instrument('AAPL')) : err('symbol-unknown', `no US stock called ${symbol}`)))
    .handle('order.place', ({ order: o }: { order: OrderRequest }) => ok({ key: `${o.account}:42`, orderId: 42 }))
    .handle('order.cancel', () => ok(null))
    .handle('order.cancelAll', () => ok({ requested: 2 }));
}

/** A quote as the host sends it; `updatedAt` defaults to the tests' fixed clock. */
export const QUOTE_TIME = 1_800_000_000_000;
export const quote = (symbol: string, patch: Partial<Quote> = {}): Quote => ({
  symbol,
  conId: 1,
  bid: 187.49,
  ask: 187.51,
  last: 187.5,
  bidSize: 300,
  askSize: 1200,
  lastSize: 100,
  high: 189,
  low: 186.25,
  open: 187,
  close: 185,
  volume: 1234567,
  delayed: false,
  updatedAt: QUOTE_TIME,
  ...patch,
});
