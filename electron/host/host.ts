// Wires the host together: settings, symbol registry, sessions with their
// reconnect timer, quote book, orders and portfolio, log and event bus. The
// broker list is passed in (the composition root registers the IB broker) so
// tests run the whole host against a scripted broker, and the host never
// imports a broker implementation.

import { err, ok, type CommandHandlers, type HostPort, type Result } from '../../shared/ipc';
import type { LogEntry, LogLevel, Settings, Snapshot } from '../../shared/model';
import { parseSettings } from '../../shared/schema';
import type { Broker, BrokerSession, Scheduler } from './broker';
import { brokerListenerFor } from './broker-events';
import { createBrokerRegistry } from './broker-registry';
import { createAccountReconciler, type DemoGateway } from './demo-accounts';
import { createEventBus, type EventBus } from './event-bus';
import { createHandlers } from './handlers';
import { createHostLog, type HostLog } from './log';
import { createOrderBook, type OrderBook } from './order-book';
import { createOrderService, type OrderService } from './order-service';
import { createPortfolio, type Portfolio } from './portfolio';
import { createQuoteBook, type QuoteBook } from './quote-book';
import { createRealScheduler } from './real-scheduler';
import { createSessionManager, type SessionManager } from './session-manager';
import type { SecretStore } from './secret-store';
import { openSettingsStore, type SettingsStore } from './settings-store';
import { openSymbolRegistry, type SymbolRegistry } from './symbol-registry';

export { DEMO_ACCOUNT_ID, type DemoGateway } from './demo-accounts';

export interface HostOptions {
  dataDir: string;
  /** The broker implementations sessions may use, by name (the composition root passes them). */
  brokers: Broker[];
  scheduler?: Scheduler;
  logger?: (entry: LogEntry) => void;
  /** Starts the embedded simulator when no account is configured (the shell passes it). */
  demo?: { start(): Promise<DemoGateway> };
  quoteFlushMs?: number;
  lookupTimeoutMs?: number;
  reconnectIntervalMs?: number;
  /** Contract-details requests in flight at once. Default 4. */
  maxLookupsInFlight?: number;
  /** Where Webull app secrets are kept (safeStorage in the desktop app, memory in browser mode). */
  secrets?: SecretStore;
}

export interface Host extends HostPort {
  start(): Promise<void>;
  /** Disconnects every session, stops the demo gateway, flushes settings and the symbol cache. */
  stop(): Promise<void>;
}

/** What exists only after start(): it reads the data folder. */
interface Started {
  settings: SettingsStore;
  symbols: SymbolRegistry;
  orders: OrderService;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The event bus and the log that publishes on it (and to the app's logger). */
function createLogging(options: HostOptions, now: () => number): { bus: EventBus; log: HostLog } {
  const bus = createEventBus((error) => {
    // A throwing event listener is a transport bug; say so without recursing into the bus.
    if (options.logger) options.logger({ seq: 0, time: now(), level: 'error', source: 'host', code: null, message: `event listener failed: ${message(error)}` });
  });
  const log = createHostLog({
    now,
    onEntry: (entry) => {
      bus.emit('log', entry);
      try {
        options.logger?.(entry);
      } catch {
        // The app's logger failing must not take the host down with it.
      }
    },
  });
  return { bus, log };
}

export function createHostWithBrokers(options: HostOptions): Host {
  const scheduler = options.scheduler ?? createRealScheduler();
  const now = (): number => scheduler.now();
  const { bus, log } = createLogging(options, now);
  const hostLog = (level: LogLevel, text: string): void => void log.add(level, 'host', null, text);
  const portfolio = createPortfolio(now);
  const orderBook = createOrderBook(now);
  const quoteBook = createQuoteBook({
    scheduler,
    flushMs: options.quoteFlushMs,
    emit: (batch) => bus.emit('quotes', batch),
    onSessionError: (error, session, symbol) =>
      void log.add('error', session.config.account, null, `market data for ${symbol} failed: ${message(error)}`),
  });
  let started: Started | null = null;
  const books: Books = { bus, log, portfolio, orderBook, quoteBook };
  const sessions = createHostSessions(options, scheduler, books, () => started);
  const need = (): Started => {
    if (!started) throw new Error('the host is not started');
    return started;
  };

  const accounts = createAccountReconciler({ sessions, demo: options.demo, log: hostLog });

  const updateSettings = async (raw: unknown): Promise<Result<Settings>> => {
    const { settings } = need();
    const parsed = parseSettings(raw);
    if (!parsed.ok) return err('settings-invalid', parsed.error.message);
    settings.set(parsed.value);
    bus.emit('settings', parsed.value);
    hostLog('info', 'settings saved');
    await accounts.reconcile(parsed.value);
    return ok(parsed.value);
  };

  const snapshot = (): Snapshot => takeSnapshot(books, sessions, need());

  const handlers: CommandHandlers = createHandlers({
    snapshot,
    orders: {
      place: (request) => need().orders.place(request),
      cancel: (account, orderId) => need().orders.cancel(account, orderId),
      cancelAll: (account) => need().orders.cancelAll(account),
    },
    get symbols() {
      return need().symbols;
    },
    quotes: quoteBook,
    sessions,
    settings: () => need().settings.get(),
    updateSettings,
    setSecret: async (account, secret) => {
      const config = need().settings.get().accounts.find((a) => a.id.toLowerCase() === account.toLowerCase());
      if (!config) return err('unknown-account', `no account "${account}" in settings`);
      if (config.broker !== 'webull') return err('settings-invalid', `account "${config.id}" is not a Webull account; only Webull keeps an app secret`);
      if (!options.secrets) return err('broker-error', 'this host has no place to keep secrets');
      options.secrets.set(config.id, secret);
      hostLog('info', `app secret for ${config.id} kept (never written to settings.json)`);
      if (config.enabled) await sessions.connect(config.id);
      return ok(null);
    },
  });

  return {
    handlers,
    onEvent: (listener) => bus.onEvent(listener),
    releaseClient: (clientId) => quoteBook.releaseClient(clientId),
    async start() {
      if (started) return;
      started = await openStarted({ options, scheduler, now, hostLog, sessions, quoteBook, orderBook, bus, log });
      sessions.start();
      await accounts.reconcile(started.settings.get());
    },
    async stop() {
      await accounts.halt();
      sessions.stop();
      quoteBook.stop();
      await accounts.stopDemo();
      if (started) {
        await started.settings.flush();
        await started.symbols.flush();
      }
    },
  };
}

/** The host's state every part publishes into. */
interface Books {
  bus: EventBus;
  log: HostLog;
  portfolio: Portfolio;
  orderBook: OrderBook;
  quoteBook: QuoteBook;
}

/** Everything a newly connected window needs, in one message. */
function takeSnapshot(books: Books, sessions: SessionManager, started: Started): Snapshot {
  const { portfolio, orderBook, quoteBook, log } = books;
  return {
    connections: sessions.states(),
    quotes: quoteBook.quotes(),
    orders: orderBook.all(),
    fills: portfolio.fills(),
    positions: portfolio.positions(),
    accounts: portfolio.accounts(),
    log: log.entries(),
    settings: started.settings.get(),
    instruments: started.symbols.all(),
  };
}

/** The session manager, with each account's broker events applied to the books. */
function createHostSessions(options: HostOptions, scheduler: Scheduler, books: Books, started: () => Started | null): SessionManager {
  const { bus, log, portfolio, orderBook, quoteBook } = books;
  /** When each account's current connection came up: orders older than that may have closed while it was down. */
  const connectedAt = new Map<string, number>();
  /** Look up symbols the broker mentions that the registry does not know yet. */
  const learn = (symbol: string, session: BrokerSession): void => {
    const symbols = started()?.symbols;
    if (!symbols || symbol === '' || symbols.cached(symbol)) return;
    symbols.prefetch([symbol], session);
  };
  const sessions: SessionManager = createSessionManager({
    brokers: createBrokerRegistry(options.brokers),
    scheduler,
    reconnectIntervalMs: options.reconnectIntervalMs,
    publish: (state) => {
      bus.emit('connection', state);
      // Every readiness change may move market data to another session.
      quoteBook.setReadySessions(sessions.readySessions());
    },
    log: (level, account, text) => void log.add(level, account, null, text),
    listenerFor: (account) =>
      brokerListenerFor(
        {
          bus,
          orderBook,
          portfolio,
          quoteBook,
          log: (level, acct, code, text) => void log.add(level, acct, code, text),
          sessionOf: (acct) => sessions.get(acct)?.session ?? null,
          learn,
          connectedAt: (acct) => connectedAt.get(acct) ?? Infinity,
        },
        account,
      ),
    onSessionCreated: () => {},
    onSessionRemoved: (_account, session) => quoteBook.detachSession(session),
    onConnected: (account, session) => {
      connectedAt.set(account, scheduler.now());
      const now = started();
      if (!now) return;
      const symbols = [
        ...now.settings.get().watchlist,
        ...portfolio.positionSymbols(account),
        ...orderBook.working(account).map((o) => o.symbol),
      ].filter((s) => s !== '');
      now.symbols.prefetch(symbols, session);
    },
  });
  return sessions;
}

/** Opens what lives in the data folder (settings, symbol cache) and the order service over them. */
async function openStarted(deps: {
  options: HostOptions;
  scheduler: Scheduler;
  now: () => number;
  hostLog: (level: LogLevel, text: string) => void;
  sessions: SessionManager;
  quoteBook: QuoteBook;
  orderBook: OrderBook;
  bus: EventBus;
  log: HostLog;
}): Promise<Started> {
  const { options, hostLog, bus, log } = deps;
  const settings = await openSettingsStore({
    dataDir: options.dataDir,
    now: deps.now,
    info: (text) => hostLog('info', text),
    warn: (text) => hostLog('warn', text),
    error: (text) => hostLog('error', text),
  });
  const symbols = await openSymbolRegistry({
    dataDir: options.dataDir,
    scheduler: deps.scheduler,
    timeoutMs: options.lookupTimeoutMs,
    maxInFlight: options.maxLookupsInFlight,
    log: (level, text) => hostLog(level, text),
  });
  const orders = createOrderService({
    sessions: deps.sessions,
    symbols,
    quotes: deps.quoteBook,
    orders: deps.orderBook,
    risk: () => settings.get().risk,
    publishOrder: (row) => bus.emit('order', row),
    log: (level, account, text) => void log.add(level, account, null, text),
  });
  return { settings, symbols, orders };
}
