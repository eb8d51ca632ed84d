// The simulator as tests, the CLI and the app's demo mode use it.
// Implemented by electron/simulator/simulator.ts: startSimulator(options).

import type { Exchange } from './exchange/types';

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
  now?: () => number;
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
  /** Write `count` ticks for subscribed symbols as fast as the sockets take them. */
  burst(count: number): Promise<{ written: number; elapsedMs: number }>;
  /** Stop for good. */
  close(): Promise<void>;
}
