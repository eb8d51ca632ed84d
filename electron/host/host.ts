// Wires the host together: settings, symbol registry, sessions with their
// reconnect timer, quote book, orders and portfolio, log and event bus. The
// broker list is passed in (index.ts defaults it to the IB broker) so tests run
// the whole host against a scripted broker.

import { err, ok, type CommandHandlers, type HostPort, type Result } from '../../shared/ipc';
import type { LogEntry, LogLevel, Settings, Snapshot } from '../../shared/model';
import { parseSettings } from '../../shared/schema';
import type { Broker, BrokerSession, Scheduler } from './broker';
import { createBrokerRegistry } from './broker-registry';
import { createEventBus } from './event-bus';
import { createHandlers } from './handlers';
import { createHostLog } from './log';
import { createOrderBook } from './order-book';
import { createOrderService, type OrderService } from './order-service';
import { createPortfolio } from './portfolio';
import { createQuoteBook } from './quote-book';
import { createRealScheduler } from './real-scheduler';
import { createSessionManager, type SessionSpec } from './session-manager';
import { openSettingsStore, type SettingsStore } from './settings-store';
import { openSymbolRegistry, type SymbolRegistry } from './symbol-registry';

export interface DemoGateway {
  host: string;
  port: number;
  accountCode: string;
  stop(): Promise<void>;
}

export interface HostOptions {
  dataDir: string;
  brokers?: Broker[];
  scheduler?: Scheduler;
  logger?: (entry: LogEntry) => void;
  /** Starts the embedded simulator when no account is configured (the shell passes it). */
  demo?: { start(): Promise<DemoGateway> };
  quoteFlushMs?: number;
  lookupTimeoutMs?: number;
  reconnectIntervalMs?: number;
  /** Contract-details requests in flight at once. Default 4. */
  maxLookupsInFlight?: number;
}

export interface Host extends HostPort {
  start(): Promise<void>;
  /** Disconnects every session, stops the demo gateway, flushes settings and the symbol cache. */
  stop(): Promise<void>;
}

export const DEMO_ACCOUNT_ID = 'demo';

function demoSpec(gateway: DemoGateway): SessionSpec {
  return {
    id: DEMO_ACCOUNT_ID,
    name: 'Demo',
    broker: 'ib',
    host: gateway.host,
    port: gateway.port,
    clientId: 0,
    accountCode: gateway.accountCode,
    enabled: true,
    simulated: true,
  };
}

interface Started {
  settings: SettingsStore;
  symbols: SymbolRegistry;
  orders: OrderService;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function createHostWithBrokers(options: HostOptions & { brokers: Broker[] }): Host {
  const scheduler = options.scheduler ?? createRealScheduler();
  const now = (): number => scheduler.now();
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
  const hostLog = (level: LogLevel, text: string): void => void log.add(level, 'host', null, text);
  const brokers = createBrokerRegistry(options.brokers);
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
  /** When each account's current connection came up: orders older than that may have closed while it was down. */
  const connectedAt = new Map<string, number>();
  let demo: DemoGateway | null = null;
  let stopped = false;

  const need = (): Started => {
    if (!started) throw new Error('the host is not started');
    return started;
  };

  /** Look up symbols the broker mentions that the registry does not know yet. */
  const learn = (symbol: string, session: BrokerSession): void => {
    if (!started || symbol === '' || started.symbols.cached(symbol)) return;
    started.symbols.prefetch([symbol], session);
  };

  const sessions = createSessionManager({
    brokers,
    scheduler,
    reconnectIntervalMs: options.reconnectIntervalMs,
    publish: (state) => {
      bus.emit('connection', state);
      // Every readiness change may move market data to another session.
      quoteBook.setReadySessions(sessions.readySessions());
    },
    log: (level, account, text) => void log.add(level, account, null, text),
    listenerFor: (account) => ({
      onTick: quoteBook.onTick,
      onQuoteMode: quoteBook.onQuoteMode,
      onOrder: (update) => {
        const row = orderBook.apply({ ...update, account });
        bus.emit('order', row);
        const session = sessions.get(account)?.session;
        if (session) learn(row.symbol, session);
      },
      onFill: (fill) => {
        bus.emit('fill', portfolio.applyFill({ ...fill, account }));
        if (fill.orderId <= 0) return;
        const done = portfolio.executed(account, fill.orderId);
        const row = orderBook.applyExecutions(account, fill.orderId, done.quantity, done.avgPrice);
        if (row) bus.emit('order', row);
      },
      onPosition: (position) => {
        const row = portfolio.applyPosition({ ...position, account });
        bus.emit('position', row);
        const session = sessions.get(account)?.session;
        if (session && row.quantity !== 0) learn(row.symbol, session);
      },
      onAccount: (values) => bus.emit('account', portfolio.applyAccount({ ...values, account })),
      onLog: (level, code, text) => void log.add(level, account, code, text),
      onOpenOrdersEnd: (openOrderIds) => {
        for (const row of orderBook.retireMissing(account, openOrderIds, connectedAt.get(account) ?? Infinity)) {
          bus.emit('order', row);
          log.add('warn', account, null, `order ${row.orderId} (${row.side} ${row.quantity} ${row.symbol}) is ${row.reason ?? 'no longer open'}`);
        }
      },
    }),
    onSessionCreated: () => {},
    onSessionRemoved: (_account, session) => quoteBook.detachSession(session),
    onConnected: (account, session) => {
      connectedAt.set(account, now());
      if (!started) return;
      const symbols = [
        ...started.settings.get().watchlist,
        ...portfolio.positionSymbols(account),
        ...orderBook.working(account).map((o) => o.symbol),
      ].filter((s) => s !== '');
      started.symbols.prefetch(symbols, session);
    },
  });

  // Session changes are serialised: a second settings update waits for the
  // first one's demo start/stop so sessions never run twice.
  let reconciling: Promise<void> = Promise.resolve();
  const reconcile = (settings: Settings): Promise<void> => {
    reconciling = reconciling.then(async () => {
      if (stopped) return;
      const specs: SessionSpec[] = settings.accounts.map((a) => ({ ...a, simulated: false }));
      if (specs.length === 0 && options.demo && !demo) {
        try {
          demo = await options.demo.start();
          hostLog('info', `no account configured: started the simulated demo gateway on ${demo.host}:${demo.port} (account ${demo.accountCode})`);
        } catch (error) {
          hostLog('error', `no account configured and the demo gateway would not start: ${message(error)}`);
        }
      }
      if (stopped) return;
      const retiring = specs.length > 0 ? demo : null;
      if (demo && !retiring) specs.push(demoSpec(demo));
      sessions.reconcile(specs);
      if (retiring) {
        demo = null;
        await retiring.stop().catch((error: unknown) => hostLog('warn', `demo gateway stop failed: ${message(error)}`));
        hostLog('info', 'accounts configured: stopped the demo gateway');
      }
    });
    return reconciling;
  };

  const updateSettings = async (raw: unknown): Promise<Result<Settings>> => {
    const { settings } = need();
    const parsed = parseSettings(raw);
    if (!parsed.ok) return err('settings-invalid', parsed.error.message);
    settings.set(parsed.value);
    bus.emit('settings', parsed.value);
    hostLog('info', 'settings saved');
    await reconcile(parsed.value);
    return ok(parsed.value);
  };

  const snapshot = (): Snapshot => {
    const { settings, symbols } = need();
    return {
      connections: sessions.states(),
      quotes: quoteBook.quotes(),
      orders: orderBook.all(),
      fills: portfolio.fills(),
      positions: portfolio.positions(),
      accounts: portfolio.accounts(),
      log: log.entries(),
      settings: settings.get(),
      instruments: symbols.all(),
    };
  };

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
  });

  return {
    handlers,
    onEvent: (listener) => bus.onEvent(listener),
    releaseClient: (clientId) => quoteBook.releaseClient(clientId),
    async start() {
      if (started) return;
      const settings = await openSettingsStore({
        dataDir: options.dataDir,
        now,
        info: (text) => hostLog('info', text),
        warn: (text) => hostLog('warn', text),
        error: (text) => hostLog('error', text),
      });
      const symbols = await openSymbolRegistry({
        dataDir: options.dataDir,
        scheduler,
        timeoutMs: options.lookupTimeoutMs,
        maxInFlight: options.maxLookupsInFlight,
        log: (level, text) => hostLog(level, text),
      });
      const orders = createOrderService({
        sessions,
        symbols,
        quotes: quoteBook,
        orders: orderBook,
        risk: () => settings.get().risk,
        publishOrder: (row) => bus.emit('order', row),
        log: (level, account, text) => void log.add(level, account, null, text),
      });
      started = { settings, symbols, orders };
      sessions.start();
      await reconcile(settings.get());
    },
    async stop() {
      stopped = true;
      await reconciling;
      sessions.stop();
      quoteBook.stop();
      const gateway = demo;
      demo = null;
      if (gateway) await gateway.stop().catch((error: unknown) => hostLog('warn', `demo gateway stop failed: ${message(error)}`));
      if (started) {
        await started.settings.flush();
        await started.symbols.flush();
      }
    },
  };
}
