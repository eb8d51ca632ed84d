// A HostPort for transport tests: every handler answers what it received, so a
// test sees exactly what crossed the transport; emit() pushes any event. The
// real host is tested elsewhere — here only the transports are under test.
import {
  COMMAND_NAMES,
  ok,
  type CommandContext,
  type CommandHandlers,
  type CommandName,
  type CommandRequest,
  type EventListener,
  type EventName,
  type EventPayload,
  type HostPort,
} from '../../../shared/ipc';
import type { Settings } from '../../../shared/model';

export interface EchoCall {
  command: CommandName;
  request: unknown;
  clientId: string;
}

export interface EchoHost extends HostPort {
  readonly calls: EchoCall[];
  readonly released: string[];
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  listenerCount(): number;
}

export function createEchoHost(): EchoHost {
  const calls: EchoCall[] = [];
  const released: string[] = [];
  const listeners = new Set<EventListener>();
  const handlers = Object.fromEntries(
    COMMAND_NAMES.map((command) => [
      command,
      async (request: unknown, context: CommandContext) => {
        calls.push({ command, request, clientId: context.clientId });
        return ok({ echo: command, request, clientId: context.clientId });
      },
    ]),
  ) as unknown as CommandHandlers;
  return {
    handlers,
    calls,
    released,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    releaseClient(clientId) {
      released.push(clientId);
    },
    emit(event, payload) {
      for (const listener of listeners) listener(event, payload);
    },
    listenerCount: () => listeners.size,
  };
}

export const SETTINGS: Settings = {
  version: 1,
  accounts: [
    { id: 'main', name: 'Main', broker: 'ib', host: '127.0.0.1', port: 4002, clientId: 7, accountCode: 'DU1234567', enabled: true },
  ],
  defaults: { tif: 'GTC', quantity: 100, account: 'main' },
  risk: { maxQuantity: 10_000, maxNotional: 1_000_000, priceBandPercent: 5, maxOrdersPerSecond: 5, maxOrdersPerMinute: 60 },
  confirm: { quantityAbove: 1_000, notionalAbove: 100_000 },
  watchlist: ['AAPL', 'MSFT'],
};

/** One valid request per command; typed so a new command without a fixture fails to compile. */
export const VALID_REQUESTS: { [C in CommandName]: CommandRequest<C> } = {
  'app.snapshot': {},
  'order.place': {
    order: { account: 'main', side: 'BUY', symbol: 'AAPL', quantity: 100, type: 'limit', limitPrice: 187.5, tif: 'GTC' },
  },
  'order.cancel': { account: 'main', orderId: 42 },
  'order.cancelAll': { account: 'main' },
  'symbol.resolve': { symbol: 'AAPL' },
  'quotes.subscribe': { symbol: 'MSFT' },
  'quotes.unsubscribe': { symbol: 'MSFT' },
  'watchlist.set': { symbols: ['AAPL', 'BRK B'] },
  'settings.get': {},
  'settings.update': { settings: SETTINGS },
  'session.connect': { account: 'main' },
  'session.disconnect': { account: 'main' },
  'secret.set': { account: 'main', secret: 's3cret' },
};

const NOW = 1_780_000_000_000;

/** One payload per event, as a trader would see them. */
export const EVENT_PAYLOADS: { [E in EventName]: EventPayload<E> } = {
  connection: {
    account: 'main', name: 'Main', accountCode: 'DU1234567', host: '127.0.0.1', port: 4002, clientId: 7,
    simulated: false, socket: 'connected', ibLink: 'up', farms: [{ name: 'usfarm', kind: 'market', ok: true }],
    readyForOrders: true, reconnectAt: null, error: null, serverVersion: 193,
  },
  quotes: [{
    symbol: 'AAPL', conId: 265598, bid: 187.49, ask: 187.51, last: 187.5, bidSize: 300, askSize: 200, lastSize: 100,
    high: 189, low: 186.2, open: 186.5, close: 186, volume: 1_234_567, delayed: false, updatedAt: NOW,
  }],
  order: {
    key: 'main:42', account: 'main', orderId: 42, permId: 9001, clientId: 7, symbol: 'AAPL', conId: 265598,
    side: 'BUY', type: 'limit', quantity: 100, limitPrice: 187.5, stopPrice: null, tif: 'GTC', tifChanged: false,
    status: 'submitted', filled: 0, remaining: 100, avgFillPrice: null, reason: null, createdAt: NOW, updatedAt: NOW,
  },
  fill: {
    execId: '0001f4e8.6543.01.01', account: 'main', orderId: 42, permId: 9001, symbol: 'AAPL', conId: 265598,
    side: 'BUY', quantity: 100, price: 187.5, exchange: 'ISLAND', commission: 1, time: NOW,
  },
  position: {
    account: 'main', symbol: 'AAPL', conId: 265598, quantity: 100, avgCost: 187.51, marketPrice: 187.6,
    marketValue: 18_760, unrealizedPnl: 9, realizedPnl: 0,
  },
  account: {
    account: 'main', currency: 'USD', netLiquidation: 1_000_009, totalCash: 981_249, buyingPower: 3_925_000,
    availableFunds: 981_249, unrealizedPnl: 9, realizedPnl: 0, updatedAt: NOW,
  },
  log: { seq: 1, time: NOW, level: 'warn', source: 'main', code: 2104, message: 'Market data farm connection is OK:usfarm' },
  settings: SETTINGS,
  menu: { action: 'cancel-all' },
};
