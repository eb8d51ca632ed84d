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
import type { OrderJournalFactory, OrderJournalPort } from './journal-port';
import { reconcileAccount } from './journal-sync';
import { journaledBroker } from './journaled-broker';
import { createHostLog, type HostLog } from './log';
import { createOrderBook, type OrderBook } from './order-book';
import { createOrderService, type OrderService } from './order-service';
import { createPnlBook, type PnlBook } from './pnl-book';
import { createPortfolio, type Portfolio } from './portfolio';
import { createQuoteBook, type QuoteBook } from './quote-book';
import { createRealScheduler } from './real-scheduler';
import { createSessionManager, type SessionManager } from './session-manager';
import type { SecretStore } from './secret-store';
import { openSettingsStore, type SettingsStore } from './settings-store';
import { createStreamBook, type StreamBook } from './stream-book';
import { openSymbolRegistry, type SymbolRegistry } from './symbol-registry';
import { createWhatIfService, type WhatIfService } from './what-if-service';

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
  /**
   * The order journal (the composition root passes electron/journal's). With it,
   * every order request is journaled before it leaves and reconciled after the
   * first sync; without it (some tests) orders are not journaled.
   */
  journal?: OrderJournalFactory;
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
  whatIf: WhatIfService;
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

/** The books every part publishes into: quotes and streams flushed on the host's clock. */
function createBooks(options: HostOptions, scheduler: Scheduler, now: () => number): Books {
  const { bus, log } = createLogging(options, now);
  const quoteBook = createQuoteBook({
    scheduler,
    flushMs: options.quoteFlushMs,
    emit: (batch) => bus.emit('quotes', batch),
    onSessionError: (error, session, symbol) =>
      void log.add('error', session.config.account, null, `market data for ${symbol} failed: ${message(error)}`),
  });
  const streamBook = createStreamBook({
    scheduler,
    flushMs: options.quoteFlushMs,
    emit: {
      bars: (event) => bus.emit('bars', event),
      depth: (event) => bus.emit('depth', event),
      tape: (event) => bus.emit('tape', event),
      status: (event) => bus.emit('streamStatus', event),
    },
    onSessionError: (error, session, key) => void log.add('error', session.config.account, null, `${key} failed: ${message(error)}`),
  });
  return { bus, log, portfolio: createPortfolio(now), orderBook: createOrderBook(now), quoteBook, streamBook, pnlBook: createPnlBook(now) };
}

/** What the command handlers reach besides the books. */
interface HandlerDeps {
  options: HostOptions;
  books: Books;
  sessions: SessionManager;
  accounts: ReturnType<typeof createAccountReconciler>;
  need(): Started;
  hostLog(level: LogLevel, text: string): void;
}

/** Settings › save: validated, kept, published, and the sessions brought in line with it. */
async function saveSettings(deps: HandlerDeps, raw: unknown): Promise<Result<Settings>> {
  const { settings } = deps.need();
  const parsed = parseSettings(raw);
  if (!parsed.ok) return err('settings-invalid', parsed.error.message);
  settings.set(parsed.value);
  deps.books.bus.emit('settings', parsed.value);
  deps.hostLog('info', 'settings saved');
  await deps.accounts.reconcile(parsed.value);
  return ok(parsed.value);
}

/** A Webull app secret: kept in the secret store (never in settings.json), then the account connects. */
async function keepSecret(deps: HandlerDeps, account: string, secret: string): Promise<Result<null>> {
  const config = deps.need().settings.get().accounts.find((a) => a.id.toLowerCase() === account.toLowerCase());
  if (!config) return err('unknown-account', `no account "${account}" in settings`);
  if (config.broker !== 'webull') return err('settings-invalid', `account "${config.id}" is not a Webull account; only Webull keeps an app secret`);
  if (!deps.options.secrets) return err('broker-error', 'this host has no place to keep secrets');
  deps.options.secrets.set(config.id, secret);
  deps.hostLog('info', `app secret for ${config.id} kept (never written to settings.json)`);
  if (config.enabled) await deps.sessions.connect(config.id);
  return ok(null);
}

function hostHandlers(deps: HandlerDeps): CommandHandlers {
  const { need, books, sessions } = deps;
  return createHandlers({
    snapshot: () => takeSnapshot(books, sessions, need()),
    get orders() {
      return need().orders;
    },
    whatIf: { check: (request) => need().whatIf.check(request) },
    get symbols() {
      return need().symbols;
    },
    quotes: books.quoteBook,
    streams: books.streamBook,
    sessions,
    settings: () => need().settings.get(),
    updateSettings: (raw) => saveSettings(deps, raw),
    setSecret: (account, secret) => keepSecret(deps, account, secret),
  });
}

export function createHostWithBrokers(options: HostOptions): Host {
  const scheduler = options.scheduler ?? createRealScheduler();
  const now = (): number => scheduler.now();
  const books = createBooks(options, scheduler, now);
  const { bus, log, portfolio, orderBook, quoteBook, streamBook } = books;
  const hostLog = (level: LogLevel, text: string): void => void log.add(level, 'host', null, text);
  let started: Started | null = null;
  const sessions = createHostSessions(options, scheduler, books, () => started);
  const need = (): Started => {
    if (!started) throw new Error('the host is not started');
    return started;
  };
  const accounts = createAccountReconciler({ sessions, demo: options.demo, log: hostLog });

  return {
    handlers: hostHandlers({ options, books, sessions, accounts, need, hostLog }),
    onEvent: (listener) => bus.onEvent(listener),
    releaseClient: (clientId) => {
      quoteBook.releaseClient(clientId);
      streamBook.releaseClient(clientId);
    },
    async start() {
      if (started) return;
      started = await openStarted({ options, scheduler, now, hostLog, sessions, quoteBook, orderBook, portfolio, bus, log });
      sessions.start();
      await accounts.reconcile(started.settings.get());
    },
    async stop() {
      await accounts.halt();
      sessions.stop();
      quoteBook.stop();
      streamBook.stop();
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
  streamBook: StreamBook;
  pnlBook: PnlBook;
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
    pnl: books.pnlBook.all(),
  };
}

/** The brokers as the sessions use them: journaled when the host has a journal. */
function brokersFor(options: HostOptions, books: Books): Broker[] {
  if (!options.journal) return options.brokers;
  const { bus, log, portfolio, orderBook } = books;
  const say = (level: 'info' | 'warn' | 'error', account: string, text: string): void => void log.add(level, account, null, text);
  const journal: OrderJournalPort = options.journal((level, text) => void log.add(level, 'journal', null, text));
  const thisRun = new Set<string>();
  const deps = {
    journal,
    now: Date.now,
    log: say,
    thisRun,
    onSynced: (account: string, openOrderIds: readonly number[]) =>
      reconcileAccount({ journal, orderBook, portfolio, bus, thisRun, log: say }, account, openOrderIds),
  };
  return options.brokers.map((broker) => journaledBroker(broker, deps));
}

/** The session manager, with each account's broker events applied to the books. */
function createHostSessions(options: HostOptions, scheduler: Scheduler, books: Books, started: () => Started | null): SessionManager {
  const { bus, log, portfolio, orderBook, quoteBook, streamBook, pnlBook } = books;
  /** When each account's current connection came up: orders older than that may have closed while it was down. */
  const connectedAt = new Map<string, number>();
  /** Look up symbols the broker mentions that the registry does not know yet. */
  const learn = (symbol: string, session: BrokerSession): void => {
    const symbols = started()?.symbols;
    if (!symbols || symbol === '' || symbols.cached(symbol)) return;
    symbols.prefetch([symbol], session);
  };
  const sessions: SessionManager = createSessionManager({
    brokers: createBrokerRegistry(brokersFor(options, books)),
    scheduler,
    reconnectIntervalMs: options.reconnectIntervalMs,
    publish: (state) => {
      bus.emit('connection', state);
      // Every readiness change may move market data to another session.
      quoteBook.setReadySessions(sessions.readySessions());
      streamBook.setReadySessions(sessions.readySessions());
    },
    log: (level, account, text) => void log.add(level, account, null, text),
    listenerFor: (account) =>
      brokerListenerFor(
        {
          bus,
          orderBook,
          portfolio,
          pnlBook,
          quoteBook,
          streamBook,
          log: (level, acct, code, text) => void log.add(level, acct, code, text),
          sessionOf: (acct) => sessions.get(acct)?.session ?? null,
          learn,
          connectedAt: (acct) => connectedAt.get(acct) ?? Infinity,
        },
        account,
      ),
    onSessionCreated: () => {},
    onSessionRemoved: (_account, session) => {
      quoteBook.detachSession(session);
      streamBook.detachSession(session);
    },
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
  portfolio: Portfolio;
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
    positions: () => deps.portfolio.positions(),
    risk: () => settings.get().risk,
    publishOrder: (row) => bus.emit('order', row),
    log: (level, account, text) => void log.add(level, account, null, text),
    books: {
      watch: (onChange) => bus.onEvent((event) => {
        if (event === 'order' || event === 'position') onChange();
      }),
      scheduler: deps.scheduler,
    },
  });
  const whatIf = createWhatIfService({ sessions: deps.sessions, symbols, quotes: deps.quoteBook });
  return { settings, symbols, orders, whatIf };
}
