// Reconcile: after the first full sync of an account following a start, what
// the journal says left the host is set against what IB reports. Pure: the
// host gathers the journal and the broker's truth and applies the actions.
// There is deliberately no action that sends anything: an order whose fate is
// unclear is shown as such, never re-sent behind the trader's back.
import type { Fill, Order, OrderStatus } from '../../shared/model';
import { isRecord, type JournalEntry, type JournalOutcome } from './journal-record';

export interface BrokerTruth {
  openOrders: readonly Order[];
  /** Today's completed orders (reqCompletedOrders). */
  completedOrders: readonly Order[];
  executions: readonly Fill[];
}

export type ReconcileAction =
  /** IB has the order and the UI has not seen it: add its row with IB's state. */
  | { kind: 'restore'; key: string; order: Order }
  /** IB has the order and the UI shows it: IB's state replaces the UI's. */
  | { kind: 'update'; key: string; order: Order }
  /** Journaled, no answer from IB ever recorded, and IB does not know it. */
  | ({ kind: 'never-reached-ib' } & Unsettled)
  /** Journaled and refused (the refusal is journaled); IB does not know it. */
  | ({ kind: 'refused' } & Unsettled)
  /** IB answered for it once but no longer reports it: its fate is unknown and the UI says so. */
  | ({ kind: 'fate-unknown' } & Unsettled)
  /** IB's executions of a journaled order, to attach to its row (merged by execId). */
  | { kind: 'attach-fills'; key: string; fills: Fill[] };

/** A journaled order IB does not report; `permId` only when the journal learned one. */
export interface Unsettled {
  key: string;
  account: string;
  orderId: number;
  request: JournalRequest;
  sentence: string;
  permId?: number;
}

export type ReconcileKind = ReconcileAction['kind'];
/** The kinds that settle an order's state; every journaled order gets exactly one. */
export const STATE_KINDS: readonly ReconcileKind[] = ['restore', 'update', 'never-reached-ib', 'refused', 'fate-unknown'];

/** The first journaled request of an order: what the trader asked for. */
export type JournalRequest = Extract<JournalEntry, { op: unknown }>['request'];

export const NEVER_REACHED_SENTENCE = 'never reached IB: the order was journaled but IB has no record of it; it was not re-sent';
export const FATE_UNKNOWN_SENTENCE = 'fate unknown: IB acknowledged this order earlier but no longer reports it; check TWS';

export function orderKey(account: string, orderId: number): string {
  return `${account}:${orderId}`;
}

interface Journaled {
  account: string;
  orderId: number;
  clientId: number;
  request: JournalRequest;
  /** A place record was journaled: only then can the host say the order never reached IB. */
  placed: boolean;
  /** When the place was journaled (epoch ms; 0 when only outcomes are known). */
  t: number;
  /** IB's permId, once journaled (0 = IB never reported one). */
  permId: number;
  outcomes: JournalOutcome[];
}

function collect(account: string, entries: readonly JournalEntry[]): Map<number, Journaled> {
  const orders = new Map<number, Journaled>();
  for (const entry of entries) {
    if (entry.account !== account) continue;
    let order = orders.get(entry.orderId);
    if (isRecord(entry)) {
      // A place refused before it left leaves its id unused, and the next place takes the same id:
      // the newer place is the order, so its request and outcomes start afresh.
      if (entry.op === 'place') {
        orders.set(entry.orderId, { account, orderId: entry.orderId, clientId: entry.clientId, request: entry.request, placed: true, t: entry.t, permId: 0, outcomes: [] });
      } else if (!order) {
        orders.set(entry.orderId, { account, orderId: entry.orderId, clientId: entry.clientId, request: entry.request, placed: false, t: entry.t, permId: 0, outcomes: [] });
      }
      continue;
    }
    // An outcome without its request (its day file was pruned or torn) still names an order IB was asked about.
    if (!order) orders.set(entry.orderId, (order = { account, orderId: entry.orderId, clientId: 0, request: {}, placed: false, t: 0, permId: 0, outcomes: [] }));
    if (entry.outcome.kind === 'perm') order.permId = entry.outcome.permId;
    order.outcomes.push(entry.outcome);
  }
  return orders;
}

function brokerOrders(account: string, truth: BrokerTruth): Map<number, Order> {
  const byId = new Map<number, Order>();
  // Completed first, so an open row (fresher) wins if both list the order.
  for (const order of [...truth.completedOrders, ...truth.openOrders]) {
    if (order.account === account) byId.set(order.orderId, order);
  }
  return byId;
}

const FINAL_STATUSES: readonly OrderStatus[] = ['filled', 'cancelled', 'rejected'];

function unknownToIb(order: Journaled, knownToUi: ReadonlySet<string>): ReconcileAction {
  const key = orderKey(order.account, order.orderId);
  const base = { key, account: order.account, orderId: order.orderId, request: order.request, ...(order.permId > 0 ? { permId: order.permId } : {}) };
  // IB answered with a final state before the restart: the fate is known, and IB
  // need not list a finished order again (open orders only list working ones).
  const last = [...order.outcomes].reverse().find((o) => o.kind === 'status');
  if (last?.kind === 'status' && FINAL_STATUSES.includes(last.status)) {
    return { kind: knownToUi.has(key) ? 'update' : 'restore', key, order: orderFromJournal(order, last.status) };
  }
  const refusal = [...order.outcomes].reverse().find((o) => o.kind === 'refused');
  if (refusal?.kind === 'refused') return { kind: 'refused', ...base, sentence: refusal.sentence };
  // A status or a permId: IB answered for the order once, so it did reach IB.
  if (order.outcomes.some((o) => o.kind === 'status' || o.kind === 'perm')) return { kind: 'fate-unknown', ...base, sentence: FATE_UNKNOWN_SENTENCE };
  return { kind: 'never-reached-ib', ...base, sentence: NEVER_REACHED_SENTENCE };
}

/**
 * The actions for one account, in journal order. Every order with a place
 * record, and every journaled order IB reports, gets exactly one state action. `knownToUi` holds the order
 * keys (`account:orderId`) the UI already shows.
 */
export function reconcile(
  account: string,
  entries: readonly JournalEntry[],
  truth: BrokerTruth,
  knownToUi: ReadonlySet<string>,
): ReconcileAction[] {
  const journaled = collect(account, entries);
  const atIb = brokerOrders(account, truth);
  const actions: ReconcileAction[] = [];
  for (const order of journaled.values()) {
    const key = orderKey(account, order.orderId);
    const fills = truth.executions.filter((fill) => fill.account === account && fill.orderId === order.orderId);
    const ib = atIb.get(order.orderId);
    if (ib) actions.push({ kind: knownToUi.has(key) ? 'update' : 'restore', key, order: ib });
    else if (fills.length > 0) {
      // IB executed it, so it reached IB even though no order row came back; never call it lost.
      actions.push({ kind: knownToUi.has(key) ? 'update' : 'restore', key, order: orderFromFills(order, fills) });
    } else if (order.placed) actions.push(unknownToIb(order, knownToUi));
    // Without its place record (a cancel of an order from an earlier day, a cancel-all, a pruned file)
    // the journal cannot tell what the order was: IB's silence about it is no news, so no row is made.
    if (fills.length > 0) actions.push({ kind: 'attach-fills', key, fills });
  }
  return actions;
}

/** A row for a finished order from its journaled request and the final status IB gave it. */
function orderFromJournal(order: Journaled, status: OrderStatus): Order {
  const quantity = typeof order.request.quantity === 'number' ? order.request.quantity : 0;
  const filled = status === 'filled' ? quantity : 0;
  const side = order.request.side === 'SELL' ? 'SELL' : 'BUY';
  const symbol = typeof order.request.symbol === 'string' ? order.request.symbol : '';
  // A rejection's reason is journaled as a 'refused' outcome beside its status.
  const refusal = [...order.outcomes].reverse().find((o) => o.kind === 'refused');
  const reason = status === 'rejected' ? (refusal?.kind === 'refused' ? refusal.sentence : 'rejected by IB (the reason was not journaled)') : null;
  return { ...rowOf(order, { symbol, conId: 0, side, permId: order.permId, quantity, filled, avgFillPrice: null, time: order.t }), status, remaining: quantity - filled, reason };
}

/** A row for an order IB executed but listed in neither open nor completed orders. */
function orderFromFills(order: Journaled, fills: readonly Fill[]): Order {
  const first = fills[0] as Fill;
  const filled = fills.reduce((sum, fill) => sum + fill.quantity, 0);
  const notional = fills.reduce((sum, fill) => sum + fill.quantity * fill.price, 0);
  const asked = typeof order.request.quantity === 'number' ? order.request.quantity : filled;
  const quantity = Math.max(asked, filled);
  const remaining = quantity - filled;
  return {
    ...rowOf(order, { symbol: first.symbol, conId: first.conId, side: first.side, permId: first.permId, quantity, filled, avgFillPrice: filled > 0 ? notional / filled : null, time: Math.min(...fills.map((fill) => fill.time)) }),
    status: remaining === 0 ? 'filled' : 'partially-filled',
    remaining,
    updatedAt: Math.max(...fills.map((fill) => fill.time)),
  };
}

interface RowFacts {
  symbol: string;
  conId: number;
  side: Order['side'];
  permId: number;
  quantity: number;
  filled: number;
  avgFillPrice: number | null;
  time: number;
}

function rowOf(order: Journaled, facts: RowFacts): Omit<Order, 'status' | 'remaining'> {
  const tif = order.request.tif === 'DAY' ? 'DAY' : 'GTC';
  const type = order.request.type;
  return {
    key: orderKey(order.account, order.orderId),
    account: order.account,
    orderId: order.orderId,
    permId: facts.permId,
    clientId: order.clientId,
    symbol: facts.symbol,
    conId: facts.conId,
    side: facts.side,
    type: type === 'market' || type === 'limit' || type === 'stop' || type === 'stop-limit' ? type : 'market',
    quantity: facts.quantity,
    limitPrice: typeof order.request.limitPrice === 'number' ? order.request.limitPrice : null,
    stopPrice: typeof order.request.stopPrice === 'number' ? order.request.stopPrice : null,
    tif,
    tifChanged: false,
    filled: facts.filled,
    avgFillPrice: facts.avgFillPrice,
    reason: null,
    createdAt: facts.time,
    updatedAt: facts.time,
  };
}
