// The simulator as tests, the CLI and the app's demo mode use it.
// Implemented by electron/simulator/simulator.ts: startSimulator(options).

import type { Exchange, SimSession, SimStartingPosition } from './exchange/types';

export interface SimulatorListen {
  /** 0 = any free port. */
  port: number;
  /** The IB account code served behind this port (one account per port). */
  account: string;
}

export interface SimulatorOptions {
  /** Loopback only unless stated. Default 127.0.0.1. */
  host?: string;
  /** Default: one port, any free, account DU1000001. */
  listen?: SimulatorListen[];
  /** Random-walk seed: the same seed gives the same quotes. Default 1. */
  seed?: number;
  /** Total ticks per second across all subscribed symbols. 0 = quotes move only when told. Default 50. */
  tickRate?: number;
  /** Starting cash per account. Default 1,000,000. */
  startingCash?: number;
  /** Messages per second a client may send before error 100. Default 50. */
  maxMessagesPerSecond?: number;
  /**
   * Base clock (default Date.now). The simulator's time is this plus whatever
   * setClock moved it by.
   */
  now?: () => number;
  /**
   * 'demo' (default without `now`): starts at 10:00 New York on a weekday and runs in
   * real time, so orders can trade at any hour. 'real' (default with `now`): the base clock.
   */
  clock?: 'demo' | 'real';
  /** Concurrent sockets per port (TWS serves 32 API clients); beyond it a new socket is closed at once. Default 32. */
  maxConnections?: number;
  /** A socket that has not finished the handshake and START_API by then is closed. Default 10,000 ms. */
  handshakeTimeoutMs?: number;
  /** Market-depth subscriptions a client may hold at once; one more gets 309 (TWS's default is 3). */
  maxDepthRequests?: number;
  /**
   * Positions every account holds at the start, bought before today (daily P&L counts from the
   * previous close). Default none; the demo and the CLI pass DEMO_STARTING_POSITIONS.
   */
  startingPositions?: readonly SimStartingPosition[];
  /**
   * Made-up live listings ZSYN0001 ... ZSYN{N} added after the universe (0 to 9999, default 0), so a
   * scale run can subscribe more symbols than the ~300 the universe lists (`--synthetic-symbols N`).
   */
  syntheticListings?: number;
}

export interface ListeningPort {
  port: number;
  account: string;
}

export type ConnectivityCode = 1100 | 1101 | 1102 | 2103 | 2104;

export interface Simulator {
  readonly host: string;
  /** Actual ports, in the order of options.listen. */
  readonly ports: readonly ListeningPort[];
  readonly exchange: Exchange;
  /** Live client connections (after START_API). */
  clientCount(): number;

  // Faults and controls
  /** Destroy every client socket now. */
  dropAll(): void;
  /** Keep sockets open but read and answer nothing: a half-open link. */
  freeze(frozen: boolean): void;
  /** Send a connectivity/farm message to every client (2103 then 2104 for a farm flap). */
  sendConnectivity(code: ConnectivityCode): void;
  /** Accept and immediately close new connections for this long. */
  refuseConnections(ms: number): void;
  /** Close listeners and clients; state (orders, positions, ids) is kept. */
  stop(): Promise<void>;
  /** Listen again on the same ports. */
  start(): Promise<void>;
  /** Delay every outgoing message by this many ms. */
  setLatency(ms: number): void;
  rejectNextOrder(account: string, reason: string): void;
  setTickRate(ticksPerSecond: number): void;
  movePrice(symbol: string, price: number): void;
  /**
   * Set the simulator's clock: "HH:MM" or "HH:MM:SS" New York time on the current
   * New York date, an ISO date-time, a Date or epoch ms. The clock runs on from
   * there; session changes (DAY expiry at 16:00, orders waiting for 09:30) happen at once.
   * Throws a RangeError with a sentence on bad input.
   */
  setClock(time: string | Date | number): void;
  /** The simulator's current time (epoch ms). */
  now(): number;
  /** The New York session at the simulator's time: PRE 04:00-09:30, OPEN 09:30-16:00, POST 16:00-20:00, CLOSED. */
  session(): SimSession;
  /** While true, cancels stay PendingCancel (a second cancel gets 161, fills can still race); false completes them. */
  holdCancels(hold: boolean): void;
  /** Write `count` ticks for subscribed symbols as fast as the sockets take them. */
  burst(count: number): Promise<{ written: number; elapsedMs: number }>;
  /** Stop for good. */
  close(): Promise<void>;
}
