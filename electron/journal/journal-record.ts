// The order journal's line format and its validating parser. Pure: the file
// code (journal-file.ts) and reconcile.ts both read entries through here, so a
// line that does not parse is refused with one specific sentence, never thrown.
import { WORKING_STATUSES, type OrderStatus } from '../../shared/model';

export type JournalOp = 'place' | 'modify' | 'cancel';

/** What left the host, appended (and fsync'd) before it left. */
export interface JournalRecord {
  /** Epoch ms when the request was journaled. */
  t: number;
  account: string;
  clientId: number;
  orderId: number;
  op: JournalOp;
  /** The request exactly as the host sends it; opaque to the journal. */
  request: JsonObject;
}

/** How a journaled request ended, as it became known. */
export type JournalOutcome =
  /** IB reported this status for the order. */
  | { kind: 'status'; status: OrderStatus }
  /** IB (or the host, before the wire) refused the request; the sentence the trader saw. */
  | { kind: 'refused'; sentence: string }
  /** The link was lost before an answer came: the fate is unknown until reconcile. */
  | { kind: 'unknown' }
  /**
   * IB's permanent id for the order, journaled once when IB first reports it: after a
   * restart, today's completed orders (keyed by permId) find their restored row by it.
   */
  | { kind: 'perm'; permId: number };

export interface JournalOutcomeLine {
  t: number;
  account: string;
  orderId: number;
  outcome: JournalOutcome;
}

export type JournalEntry = JournalRecord | JournalOutcomeLine;

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export type LineReading = { ok: true; entry: JournalEntry } | { ok: false; reason: string };

export function isRecord(entry: JournalEntry): entry is JournalRecord {
  return 'op' in entry;
}

const OPS: readonly JournalOp[] = ['place', 'modify', 'cancel'];
const TERMINAL_STATUSES: readonly OrderStatus[] = ['filled', 'cancelled', 'rejected', 'inactive'];
const STATUSES: ReadonlySet<string> = new Set<string>([...WORKING_STATUSES, ...TERMINAL_STATUSES]);
const MAX_INT32 = 2 ** 31 - 1;
/** Longest line the parser looks at; a longer one is garbage, not an order. */
export const MAX_LINE_CHARS = 64 * 1024;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fieldProblem(line: Record<string, unknown>, allowed: readonly string[]): string | null {
  for (const key of Object.keys(line)) if (!allowed.includes(key)) return `unexpected field "${key}"`;
  const t = line.t;
  if (typeof t !== 'number' || !Number.isSafeInteger(t) || t < 0) return '"t" must be a time in epoch milliseconds';
  if (typeof line.account !== 'string' || line.account.length === 0 || line.account.length > 64) {
    return '"account" must be a non-empty account id';
  }
  const orderId = line.orderId;
  if (typeof orderId !== 'number' || !Number.isInteger(orderId) || orderId < 0 || orderId > MAX_INT32) {
    return '"orderId" must be a whole number from 0 to 2147483647';
  }
  return null;
}

function readOutcome(value: unknown): JournalOutcome | string {
  if (!isPlainObject(value)) return '"outcome" must be an object with a "kind"';
  if (value.kind === 'unknown' && Object.keys(value).length === 1) return { kind: 'unknown' };
  if (value.kind === 'status' && Object.keys(value).length === 2) {
    if (typeof value.status === 'string' && STATUSES.has(value.status)) return { kind: 'status', status: value.status as OrderStatus };
    return `"outcome.status" ${JSON.stringify(value.status)} is not an order status`;
  }
  if (value.kind === 'perm' && Object.keys(value).length === 2) {
    const permId = value.permId;
    if (typeof permId === 'number' && Number.isInteger(permId) && permId > 0 && permId <= MAX_INT32) return { kind: 'perm', permId };
    return '"outcome.permId" must be a whole number from 1 to 2147483647';
  }
  if (value.kind === 'refused' && Object.keys(value).length === 2) {
    if (typeof value.sentence === 'string' && value.sentence.length > 0) return { kind: 'refused', sentence: value.sentence };
    return '"outcome.sentence" must be the refusal\'s sentence';
  }
  return '"outcome" must be {kind:"status",status}, {kind:"refused",sentence}, {kind:"perm",permId} or {kind:"unknown"}';
}

function readRecord(line: Record<string, unknown>): LineReading {
  const problem = fieldProblem(line, ['t', 'account', 'clientId', 'orderId', 'op', 'request']);
  if (problem) return { ok: false, reason: problem };
  const clientId = line.clientId;
  if (typeof clientId !== 'number' || !Number.isInteger(clientId) || clientId < 0 || clientId > MAX_INT32) {
    return { ok: false, reason: '"clientId" must be a whole number from 0 to 2147483647' };
  }
  if (!OPS.includes(line.op as JournalOp)) return { ok: false, reason: `"op" ${JSON.stringify(line.op)} is not place, modify or cancel` };
  if (!isPlainObject(line.request)) return { ok: false, reason: '"request" must be an object' };
  return { ok: true, entry: line as unknown as JournalRecord };
}

function readOutcomeLine(line: Record<string, unknown>): LineReading {
  const problem = fieldProblem(line, ['t', 'account', 'orderId', 'outcome']);
  if (problem) return { ok: false, reason: problem };
  const outcome = readOutcome(line.outcome);
  if (typeof outcome === 'string') return { ok: false, reason: outcome };
  return { ok: true, entry: { t: line.t as number, account: line.account as string, orderId: line.orderId as number, outcome } };
}

/** Validates one journal line (without its newline). Never throws. */
export function parseJournalLine(text: string): LineReading {
  if (text.length > MAX_LINE_CHARS) return { ok: false, reason: `the line is longer than ${MAX_LINE_CHARS} characters` };
  if (text.trim().length === 0) return { ok: false, reason: 'the line is empty' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'the line is not complete JSON (torn or corrupt)' };
  }
  if (!isPlainObject(value)) return { ok: false, reason: 'the line is JSON but not an object' };
  if ('op' in value) return readRecord(value);
  if ('outcome' in value) return readOutcomeLine(value);
  return { ok: false, reason: 'the line is neither a request (with "op") nor an outcome (with "outcome")' };
}

/** The one text form of an entry: one line of JSON, without the newline. */
export function formatJournalLine(entry: JournalEntry): string {
  return JSON.stringify(entry);
}
