// The IB Gateway simulator: one exchange (electron/simulator/exchange), one
// AccountPort per listened port, a tick pacer, and the control API of
// electron/simulator/api.ts.
//
// Routing choices (TWS differs slightly; documented here on purpose):
// - Order updates (OPEN_ORDER + ORDER_STATUS) and live executions (reqId -1)
//   with their COMMISSION_REPORT go to every connected client of the order's
//   account, not only the owning clientId: a workstation reconnecting under a
//   different clientId still sees its orders move.
// - Position (POSITION) and portfolio/account (PORTFOLIO_VALUE, ACCT_VALUE,
//   ACCOUNT_SUMMARY) changes go only to clients subscribed to them, coalesced
//   per microtask so a burst of ticks sends each changed value once.
// - Pacing: more than maxMessagesPerSecond client messages in a sliding 1 s
//   window -> ERR_MSG(-1, 100, ...) at most once a second, and the request is
//   still served; 5x the limit within one second drops that connection.

import type { ConnectivityCode, ListeningPort, Simulator, SimulatorOptions } from './api';
import { createExchange } from './exchange/index';
import { sessionAt } from './exchange/session';
import type { Exchange, SimAccountValues, SimOrder, SimPosition, SimReject, SimSession } from './exchange/types';
import { AccountPort, type PortContext } from './server/account-port';
import { MarketDataRouter } from './server/market-data-router';
import { createMarketView } from './server/market-view';
import type { MarketViewStreams } from './server/market-view-streams';
import { SimClock } from './server/sim-clock';
import { realScheduler, TickPacer, type PacerScheduler } from './server/tick-pacer';
import { pushAccountSubscriptions } from './server/account-requests';
import * as out from './wire/responses';

export const DEFAULT_ACCOUNT = 'DU1000001';

export const CONNECTIVITY_TEXT: Record<ConnectivityCode, string> = {
  1100: 'Connectivity between IB and Trader Workstation has been lost.',
  1101: 'Connectivity between IB and Trader Workstation has been restored - data lost.',
  1102: 'Connectivity between IB and Trader Workstation has been restored - data maintained.',
  2103: 'Market data farm connection is broken:usfarm',
  2104: 'Market data farm connection is OK:usfarm',
};

/** TWS refreshes account values and the portfolio of subscribed clients every 3 minutes. */
export const ACCOUNT_REFRESH_MS = 180_000;

/** How often the session (PRE/OPEN/POST/CLOSED) is re-read from the clock. */
const SESSION_CHECK_MS = 1_000;

/** Ticks delivered per burst chunk (one buffer per socket per chunk). */
const BURST_CHUNK_TICKS = 2_000;
/** Upper bound on exchange steps per burst chunk (guards the yield estimate when ticks reach few sockets). */
const MAX_BURST_STEPS = 200_000;

export interface SimulatorInternals {
  /** Pacer scheduler; tests inject a manual one. */
  scheduler?: PacerScheduler;
  /** Period of the full account/portfolio refresh to subscribers (default ACCOUNT_REFRESH_MS). */
  accountRefreshMs?: number;
  log?: (message: string) => void;
}

class SimulatorImpl implements Simulator {
  readonly exchange: Exchange;
  readonly host: string;
  private readonly accountPorts: AccountPort[];
  private readonly router: MarketDataRouter;
  private readonly marketView: MarketViewStreams;
  private readonly pacer: TickPacer;
  private latency = 0;
  private frozen = false;
  private closed = false;
  private readonly announced = new Set<string>();
  private readonly pendingPositions = new Map<string, SimPosition>();
  /** Last (position, avgCost) pushed as POSITION: TWS sends POSITION when these change, not on price marks. */
  private readonly positionSent = new Map<string, string>();
  private readonly pendingAccounts = new Map<string, SimAccountValues>();
  private accountFlushScheduled = false;
  private readonly clock: SimClock;
  private readonly log: (message: string) => void;
  private readonly refreshTimer: NodeJS.Timeout;
  private readonly sessionTimer: NodeJS.Timeout;

  constructor(options: SimulatorOptions, internals: SimulatorInternals) {
    this.clock = new SimClock(options.now ?? Date.now, options.clock ?? (options.now ? 'real' : 'demo'));
    const now = (): number => this.clock.now();
    const listen = options.listen && options.listen.length > 0 ? options.listen : [{ port: 0, account: DEFAULT_ACCOUNT }];
    const accounts = [...new Set(listen.map((l) => l.account))];
    this.host = options.host ?? '127.0.0.1';
    this.exchange = createExchange({
      seed: options.seed ?? 1, accounts, startingCash: options.startingCash ?? 1_000_000, now,
      startingPositions: options.startingPositions ?? [],
      syntheticListings: options.syntheticListings ?? 0,
    });
    this.router = new MarketDataRouter((conId) => this.exchange.quote(conId));
    const log = internals.log ?? (() => undefined);
    this.log = log;
    const marketView = createMarketView(this.exchange, options, accounts, now, (contract) => this.accountPorts[0]?.resolve(contract) ?? []);
    this.marketView = marketView.streams;
    const ctx: PortContext = {
      exchange: this.exchange,
      router: this.router,
      marketView: marketView.context,
      maxMessagesPerSecond: options.maxMessagesPerSecond ?? 50,
      maxConnections: options.maxConnections ?? 32,
      handshakeTimeoutMs: options.handshakeTimeoutMs ?? 10_000,
      now,
      latencyMs: () => this.latency,
      isFrozen: () => this.frozen,
      placeOrder: (order) => this.announcing(order.account, order.orderId, () => this.exchange.placeOrder(order)),
      cancelOrder: (account, orderId) => this.announcing(account, orderId, () => this.exchange.cancelOrder(account, orderId)),
      log,
    };
    this.accountPorts = listen.map((l) => new AccountPort(l.account, l.port, this.host, ctx));
    this.exchange.addListener({
      onTick: (tick) => {
        this.router.enqueue(tick);
        this.marketView.onTick(tick);
      },
      onOrder: (order) => {
        this.marketView.onOrder(order.conId);
        this.onOrder(order);
      },
      onExecution: (execution) => {
        this.marketView.onExecution(execution);
        for (const port of this.portsOf(execution.account)) {
          for (const connection of port.readyConnections()) {
            connection.send(out.executionData(-1, execution, connection.version));
            connection.send(out.commissionReport(execution));
          }
        }
      },
      onPosition: (p) => {
        this.pendingPositions.set(`${p.account}|${p.conId}`, p);
        this.scheduleAccountFlush();
      },
      onAccount: (values) => {
        this.pendingAccounts.set(values.account, values);
        this.scheduleAccountFlush();
      },
    });
    this.pacer = new TickPacer((count) => this.step(count), internals.scheduler ?? realScheduler);
    this.pacer.setRate(options.tickRate ?? 50);
    this.refreshTimer = setInterval(() => this.refreshAccounts(), internals.accountRefreshMs ?? ACCOUNT_REFRESH_MS);
    this.refreshTimer.unref();
    this.exchange.setSession(sessionAt(now()));
    this.sessionTimer = setInterval(() => this.syncSession(), SESSION_CHECK_MS);
    this.sessionTimer.unref();
  }

  now(): number {
    return this.clock.now();
  }

  session(): SimSession {
    return this.exchange.session;
  }

  setClock(time: string | Date | number): void {
    this.clock.set(time);
    this.syncSession();
  }

  holdCancels(hold: boolean): void {
    this.exchange.holdCancels(hold);
    this.router.flush();
  }

  private syncSession(): void {
    const session = sessionAt(this.clock.now());
    if (session === this.exchange.session) return;
    this.log(`session ${this.exchange.session} -> ${session}`);
    this.exchange.setSession(session);
  }

  get ports(): readonly ListeningPort[] {
    return this.accountPorts.map((p) => ({ port: p.port, account: p.account }));
  }

  clientCount(): number {
    return this.accountPorts.reduce((sum, p) => sum + p.readyConnections().length, 0);
  }

  async start(): Promise<void> {
    if (this.closed) throw new Error('Simulator is closed');
    for (const port of this.accountPorts) await port.listen();
  }

  async stop(): Promise<void> {
    await Promise.all(this.accountPorts.map((p) => p.close()));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.pacer.halt();
    clearInterval(this.refreshTimer);
    clearInterval(this.sessionTimer);
    await this.stop();
  }

  dropAll(): void {
    for (const port of this.accountPorts) port.dropAll();
  }

  freeze(frozen: boolean): void {
    this.frozen = frozen;
    for (const port of this.accountPorts) for (const connection of port.connections) connection.setFrozen(frozen);
  }

  sendConnectivity(code: ConnectivityCode): void {
    const text = CONNECTIVITY_TEXT[code];
    if (!text) throw new Error(`Unknown connectivity code ${String(code)}`);
    for (const port of this.accountPorts) for (const connection of port.readyConnections()) connection.sendError(-1, code, text);
  }

  refuseConnections(ms: number): void {
    for (const port of this.accountPorts) port.refuseFor(ms, this.clock.now());
  }

  setLatency(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`Latency must be a finite number >= 0, got ${ms}`);
    this.latency = ms;
  }

  rejectNextOrder(account: string, reason: string): void {
    this.exchange.rejectNextOrder(account, reason);
  }

  setTickRate(ticksPerSecond: number): void {
    this.pacer.setRate(this.closed ? 0 : ticksPerSecond);
  }

  movePrice(symbol: string, price: number): void {
    const entry = this.exchange.findBySymbol(symbol.trim().toUpperCase())[0];
    if (!entry) throw new Error(`Unknown symbol ${symbol}`);
    this.exchange.movePrice(entry.conId, price);
    this.router.flush();
  }

  /**
   * Advance the market by `count` ticks now and deliver them (the pacer calls this;
   * tests use it with tickRate 0). Only subscribed symbols move, plus, now and then,
   * symbols with working orders (see exchange/step-targets.ts), so the tick rate is
   * what watchers see. With nothing subscribed and nothing working, nothing moves.
   */
  step(count: number): number {
    this.exchange.step(count, this.watchedConIds());
    return this.router.flush().written;
  }

  /** Symbols someone quotes or streams (bars, depth, tape): the ones the pacer moves. */
  private watchedConIds(): number[] {
    const streamed = this.marketView.conIds();
    if (streamed.length === 0) return this.router.subscribedConIds();
    return [...new Set([...this.router.subscribedConIds(), ...streamed])];
  }

  async burst(count: number): Promise<{ written: number; elapsedMs: number }> {
    if (!Number.isFinite(count) || count < 0) throw new Error(`burst count must be a finite number >= 0, got ${count}`);
    const started = performance.now();
    let written = 0;
    let idleChunks = 0;
    // Steps go to subscribed symbols (and, rarely, ones with working orders); a tick reaches every
    // subscriber of its symbol. Size each step so it delivers about BURST_CHUNK_TICKS (one buffer
    // per socket), from the last yield.
    let yieldPerStep = 1;
    while (written < count && this.router.hasSubscribers() && idleChunks < 20) {
      const wanted = Math.min(BURST_CHUNK_TICKS, count - written);
      const steps = Math.max(1, Math.min(MAX_BURST_STEPS, Math.ceil(wanted / yieldPerStep)));
      this.exchange.step(steps, this.router.subscribedConIds());
      const result = this.router.flush();
      written += result.written;
      if (result.written === 0) {
        idleChunks += 1;
        yieldPerStep = Math.max(yieldPerStep / 8, 1 / MAX_BURST_STEPS);
      } else {
        idleChunks = 0;
        yieldPerStep = result.written / steps;
      }
      // Respect backpressure: wait for 'drain' on full sockets; otherwise let I/O run between chunks.
      if (result.congested.length > 0) await Promise.all(result.congested.map((c) => c.drain()));
      else if (written < count) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return { written, elapsedMs: performance.now() - started };
  }

  private portsOf(account: string): AccountPort[] {
    return this.accountPorts.filter((p) => p.account === account);
  }

  private onOrder(order: SimOrder): void {
    this.announced.add(`${order.account}|${order.orderId}`);
    for (const port of this.portsOf(order.account)) port.broadcastOrder(order);
  }

  /** Runs an exchange order call and tells whether it announced that order through onOrder itself. */
  private announcing(account: string, orderId: number, call: () => SimOrder | SimReject): { result: SimOrder | SimReject; announced: boolean } {
    const key = `${account}|${orderId}`;
    this.announced.delete(key);
    const result = call();
    const announced = this.announced.has(key);
    this.announced.clear();
    return { result, announced };
  }

  /** The periodic full refresh (values, portfolio, update time) to account-update subscribers. */
  private refreshAccounts(): void {
    for (const port of this.accountPorts) {
      const subscribers = port.readyConnections().filter((c) => c.accountUpdates);
      if (subscribers.length === 0) continue;
      const values = this.exchange.accountValues(port.account);
      const positions = this.exchange.positions(port.account);
      for (const connection of subscribers) {
        for (const [key, value] of out.accountValueRows(values)) connection.send(out.accountValue(key, value, 'USD', port.account));
        for (const p of positions) connection.send(out.portfolioValue(p, this.exchange.findByConId(p.conId)?.primaryExchange ?? 'SMART'));
        connection.send(out.accountUpdateTime(this.clock.now()));
      }
    }
  }

  private scheduleAccountFlush(): void {
    if (this.accountFlushScheduled) return;
    this.accountFlushScheduled = true;
    queueMicrotask(() => {
      this.accountFlushScheduled = false;
      this.flushAccountChanges();
    });
  }

  private flushAccountChanges(): void {
    const positions = [...this.pendingPositions.values()];
    const accounts = [...this.pendingAccounts.values()];
    this.pendingPositions.clear();
    this.pendingAccounts.clear();
    const now = this.clock.now();
    const positionChanged = new Set<SimPosition>();
    for (const p of positions) {
      const key = `${p.account}|${p.conId}`;
      const state = `${p.position}|${p.avgCost}`;
      if (this.positionSent.get(key) !== state) {
        this.positionSent.set(key, state);
        positionChanged.add(p);
      }
    }
    for (const port of this.accountPorts) {
      const mine = positions.filter((p) => p.account === port.account);
      const values = accounts.find((a) => a.account === port.account);
      if (mine.length === 0 && !values) continue;
      for (const connection of port.readyConnections()) {
        for (const p of mine) {
          const primary = this.exchange.findByConId(p.conId)?.primaryExchange ?? 'SMART';
          if (connection.positions && positionChanged.has(p)) connection.send(out.position(p, primary));
          if (connection.accountUpdates) connection.send(out.portfolioValue(p, primary));
        }
        if (values && connection.accountUpdates) {
          for (const [key, value] of out.accountValueRows(values)) connection.send(out.accountValue(key, value, 'USD', port.account));
        }
        if (connection.accountUpdates) connection.send(out.accountUpdateTime(now));
        pushAccountSubscriptions(port, connection);
        if (values) {
          for (const [reqId, tags] of connection.accountSummaries) {
            for (const [tag, value, currency] of out.accountSummaryRows(values, tags)) {
              connection.send(out.accountSummary(reqId, port.account, tag, value, currency));
            }
            connection.send(out.accountSummaryEnd(reqId));
          }
        }
      }
    }
  }

}

/** The Simulator plus step(): advance the market by n ticks now and deliver them (for tests with tickRate 0). */
export interface SimulatorHandle extends Simulator {
  step(count: number): number;
}

export async function startSimulator(options: SimulatorOptions = {}, internals: SimulatorInternals = {}): Promise<SimulatorHandle> {
  const simulator = new SimulatorImpl(options, internals);
  try {
    await simulator.start();
  } catch (error) {
    await simulator.close();
    throw error;
  }
  return simulator;
}
