// What the host needs from the order journal (electron/journal implements it;
// the composition root passes it in, as it does brokers: the host imports no
// sibling folder). The shapes mirror electron/journal's line format so the
// real journal fits this port structurally.

import type { Fill, LogLevel, Order, OrderStatus } from '../../shared/model';

export type JournalOp = 'place' | 'modify' | 'cancel';

export type JournalJson = null | boolean | number | string | JournalJson[] | { [key: string]: JournalJson };
export type JournalJsonObject = { [key: string]: JournalJson };

/** Appended (and fsync'd) before the request leaves the host. */
export interface JournalRequestEntry {
  t: number;
  account: string;
  clientId: number;
  orderId: number;
  op: JournalOp;
  request: JournalJsonObject;
}

export type JournalOutcome =
  | { kind: 'status'; status: OrderStatus }
  | { kind: 'refused'; sentence: string }
  | { kind: 'unknown' }
  /** IB's permId, journaled once when IB first reports it; restored with the row after a restart. */
  | { kind: 'perm'; permId: number };

export interface JournalOutcomeEntry {
  t: number;
  account: string;
  orderId: number;
  outcome: JournalOutcome;
}

export type JournalEntry = JournalRequestEntry | JournalOutcomeEntry;

export type JournalAppendResult = { ok: true } | { ok: false; sentence: string };

/** What the broker reported in an account's first full sync after a start. */
export interface JournalTruth {
  openOrders: readonly Order[];
  completedOrders: readonly Order[];
  executions: readonly Fill[];
}

interface Unsettled {
  key: string;
  account: string;
  orderId: number;
  request: JournalJsonObject;
  sentence: string;
  /** IB's permId when the journal learned one (IB answered for the order once). */
  permId?: number;
}

/** What to show for each journaled order; none of them sends anything. */
export type JournalAction =
  | { kind: 'restore'; key: string; order: Order }
  | { kind: 'update'; key: string; order: Order }
  | ({ kind: 'never-reached-ib' } & Unsettled)
  | ({ kind: 'refused' } & Unsettled)
  | ({ kind: 'fate-unknown' } & Unsettled)
  | { kind: 'attach-fills'; key: string; fills: Fill[] };

export interface OrderJournalPort {
  /** Appends one line and makes it durable before returning; a refusal carries the sentence to show. */
  append(entry: JournalEntry): JournalAppendResult;
  /**
   * Today's journal for `account` set against the broker's truth. Orders in
   * `exclude` (journaled by this run) are left out: the UI has followed them live.
   */
  reconcile(account: string, truth: JournalTruth, knownToUi: ReadonlySet<string>, exclude: ReadonlySet<string>): JournalAction[];
  /** The highest order id today's journal holds for the account (0 when none): ids a new session must not reuse. */
  highestOrderId(account: string): number;
}

/** The host hands its log to the journal it is given. */
export type OrderJournalFactory = (log: (level: Extract<LogLevel, 'info' | 'warn' | 'error'>, message: string) => void) => OrderJournalPort;
