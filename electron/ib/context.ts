// What every part of an IB session shares: the host's listener and clock, the
// request-id band, and the safe ways to call back into the host. The parts
// (connection, orders, market data, account, contracts) each own their state
// and receive this instead of a reference to each other.

import type { EventName, IBApi } from '@stoqey/ib';
import type { LogLevel } from '../../shared/model';
import type { BrokerListener, BrokerSessionConfig, Scheduler } from '../host/broker';
import type { RequestIds } from './ids';

/** Subscribes a handler on the current link's client; it is dropped when the link closes. */
export type On = <A extends unknown[]>(event: EventName, handler: (...args: A) => void) => void;

export interface SessionContext {
  readonly config: BrokerSessionConfig;
  readonly listener: BrokerListener;
  readonly scheduler: Scheduler;
  readonly reqIds: RequestIds;
  /** The current connection's client once it is READY; null otherwise. */
  readyApi(): IBApi | null;
  /** The IB account code this session trades (known once READY). */
  accountCode(): string | null;
  /** Messages for another account served by the same login are ignored. */
  isOurAccount(account: string | undefined): boolean;
  log(level: LogLevel, code: number | null, message: string): void;
  /** Calls into the host must never throw back into the IB client's socket handler. */
  safeCall(fn: () => void): void;
  /** An exception inside @stoqey/ib or one of our handlers: logged, never rethrown. */
  contained(where: 'decode' | 'dispatch', e: unknown): void;
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
