import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Fill, Order, OrderStatus } from '../../../shared/model';
import type { JournalEntry } from '../../../electron/journal/journal-record';
import {
  FATE_UNKNOWN_SENTENCE,
  NEVER_REACHED_SENTENCE,
  STATE_KINDS,
  reconcile,
  type BrokerTruth,
  type ReconcileAction,
} from '../../../electron/journal/reconcile';

const ACCOUNT = 'DU111';
const request = { account: ACCOUNT, side: 'BUY', symbol: 'AAPL', quantity: 100, type: 'limit', limitPrice: 190, tif: 'DAY' };

function ibOrder(orderId: number, status: OrderStatus, account = ACCOUNT): Order {
  return {
    key: `${account}:${orderId}`, account, orderId, permId: 9000 + orderId, clientId: 7, symbol: 'AAPL', conId: 265598,
    side: 'BUY', type: 'limit', quantity: 100, limitPrice: 190, stopPrice: null, tif: 'DAY', tifChanged: false, status,
    filled: status === 'filled' ? 100 : 0, remaining: status === 'filled' ? 0 : 100, avgFillPrice: null, reason: null,
    createdAt: 1, updatedAt: 2,
  };
}

function fill(orderId: number, execId: string, quantity: number, price: number): Fill {
  return { execId, account: ACCOUNT, orderId, permId: 9000 + orderId, symbol: 'AAPL', conId: 265598, side: 'BUY', quantity, price, exchange: 'ISLAND', commission: null, time: 1000 };
}

const placed = (orderId: number, account = ACCOUNT): JournalEntry => ({ t: 1, account, clientId: 7, orderId, op: 'place', request });
const status = (orderId: number, s: OrderStatus): JournalEntry => ({ t: 2, account: ACCOUNT, orderId, outcome: { kind: 'status', status: s } });
const none: BrokerTruth = { openOrders: [], completedOrders: [], executions: [] };

describe('reconcile', () => {
  it('restores an order IB has that the UI never saw (killed between Enter and the reply)', () => {
    const actions = reconcile(ACCOUNT, [placed(5)], { ...none, openOrders: [ibOrder(5, 'submitted')] }, new Set());
    expect(actions).toEqual([{ kind: 'restore', key: 'DU111:5', order: ibOrder(5, 'submitted') }]);
  });

  it("gives a row the UI shows IB's state", () => {
    const actions = reconcile(ACCOUNT, [placed(5), status(5, 'submitted')], { ...none, completedOrders: [ibOrder(5, 'filled')] }, new Set(['DU111:5']));
    expect(actions).toEqual([{ kind: 'update', key: 'DU111:5', order: ibOrder(5, 'filled') }]);
  });

  it("marks an order IB never received as 'never reached IB' and never re-sends it", () => {
    const actions = reconcile(ACCOUNT, [placed(6), { t: 3, account: ACCOUNT, orderId: 6, outcome: { kind: 'unknown' } }], none, new Set());
    expect(actions).toEqual([{ kind: 'never-reached-ib', key: 'DU111:6', account: ACCOUNT, orderId: 6, request, sentence: NEVER_REACHED_SENTENCE }]);
    expect(NEVER_REACHED_SENTENCE).toMatch(/^never reached IB/);
  });

  it('keeps the refusal sentence of a refused order', () => {
    const refused: JournalEntry = { t: 2, account: ACCOUNT, orderId: 8, outcome: { kind: 'refused', sentence: 'IB refused the order: 201 Order rejected - no trading permissions' } };
    const actions = reconcile(ACCOUNT, [placed(8), refused], none, new Set());
    expect(actions).toEqual([{ kind: 'refused', key: 'DU111:8', account: ACCOUNT, orderId: 8, request, sentence: 'IB refused the order: 201 Order rejected - no trading permissions' }]);
  });

  it('says the fate is unknown when IB answered once but no longer reports the order', () => {
    const actions = reconcile(ACCOUNT, [placed(9), status(9, 'submitted')], none, new Set());
    expect(actions).toEqual([{ kind: 'fate-unknown', key: 'DU111:9', account: ACCOUNT, orderId: 9, request, sentence: FATE_UNKNOWN_SENTENCE }]);
  });

  it('restores an order IB finished before the restart from the journal (cancelled orders are not in open orders)', () => {
    const actions = reconcile(ACCOUNT, [placed(12), status(12, 'submitted'), status(12, 'cancelled')], none, new Set());
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({ kind: 'restore', key: 'DU111:12', order: { orderId: 12, symbol: 'AAPL', side: 'BUY', quantity: 100, limitPrice: 190, type: 'limit', tif: 'DAY', status: 'cancelled', filled: 0, remaining: 100 } });
  });

  it("restores a finished order with the permId the journal learned, so IB's completed order finds its row", () => {
    const perm = (orderId: number, permId: number): JournalEntry => ({ t: 2, account: ACCOUNT, orderId, outcome: { kind: 'perm', permId } });
    const actions = reconcile(ACCOUNT, [placed(12), perm(12, 70012), status(12, 'cancelled'), placed(13), status(13, 'cancelled')], none, new Set());
    expect(actions).toEqual([
      expect.objectContaining({ kind: 'restore', order: expect.objectContaining({ orderId: 12, permId: 70012, status: 'cancelled' }) }),
      expect.objectContaining({ kind: 'restore', order: expect.objectContaining({ orderId: 13, permId: 0, status: 'cancelled' }) }),
    ]);
  });

  it('an order whose permId was journaled reached IB: its fate is unknown (not never-reached) and the row keeps the permId', () => {
    const perm: JournalEntry = { t: 2, account: ACCOUNT, orderId: 14, outcome: { kind: 'perm', permId: 70014 } };
    const actions = reconcile(ACCOUNT, [placed(14), perm], none, new Set());
    expect(actions).toEqual([{ kind: 'fate-unknown', key: 'DU111:14', account: ACCOUNT, orderId: 14, request, permId: 70014, sentence: FATE_UNKNOWN_SENTENCE }]);
  });

  it('a newer place under the same id forgets the permId of the refused one before it', () => {
    const perm: JournalEntry = { t: 2, account: ACCOUNT, orderId: 15, outcome: { kind: 'perm', permId: 70015 } };
    const actions = reconcile(ACCOUNT, [placed(15), perm, placed(15), status(15, 'cancelled')], none, new Set());
    expect(actions).toEqual([expect.objectContaining({ kind: 'restore', order: expect.objectContaining({ orderId: 15, permId: 0 }) })]);
  });

  it('keeps the reason of an order IB rejected before the restart', () => {
    const refused: JournalEntry = { t: 3, account: ACCOUNT, orderId: 13, outcome: { kind: 'refused', sentence: 'Order rejected: no trading permissions' } };
    const actions = reconcile(ACCOUNT, [placed(13), status(13, 'rejected'), refused], none, new Set());
    expect(actions).toEqual([expect.objectContaining({ kind: 'restore', order: expect.objectContaining({ status: 'rejected', reason: 'Order rejected: no trading permissions', createdAt: 1 }) })]);
  });

  it('attaches fills, and an order IB executed is never called lost', () => {
    const fills = [fill(10, 'e1', 40, 190), fill(10, 'e2', 60, 189.5)];
    const actions = reconcile(ACCOUNT, [placed(10)], { ...none, executions: fills }, new Set());
    expect(actions.map((a) => a.kind)).toEqual(['restore', 'attach-fills']);
    const restored = actions[0] as Extract<ReconcileAction, { kind: 'restore' }>;
    expect(restored.order).toMatchObject({ status: 'filled', filled: 100, remaining: 0, quantity: 100, limitPrice: 190 });
    expect(restored.order.avgFillPrice).toBeCloseTo(189.7, 6);
    expect(actions[1]).toEqual({ kind: 'attach-fills', key: 'DU111:10', fills });
  });

  it('makes no row for an order journaled only by a cancel (placed on an earlier day, or a cancel-all) that IB no longer lists', () => {
    const cancelOnly: JournalEntry = { t: 1, account: ACCOUNT, clientId: 7, orderId: 4, op: 'cancel', request: {} };
    const cancelAll: JournalEntry = { t: 1, account: ACCOUNT, clientId: 7, orderId: 0, op: 'cancel', request: { all: true } };
    expect(reconcile(ACCOUNT, [cancelOnly, cancelAll], none, new Set())).toEqual([]);
  });

  it('judges a re-used id by its newest place: an earlier place refused before it left does not make the later one "refused"', () => {
    const refused: JournalEntry = { t: 2, account: ACCOUNT, orderId: 11, outcome: { kind: 'refused', sentence: 'IB link down (1100) — order not sent' } };
    const actions = reconcile(ACCOUNT, [placed(11), refused, placed(11)], none, new Set());
    expect(actions).toEqual([{ kind: 'never-reached-ib', key: 'DU111:11', account: ACCOUNT, orderId: 11, request, sentence: NEVER_REACHED_SENTENCE }]);
  });

  it('looks only at its own account', () => {
    const actions = reconcile(ACCOUNT, [placed(5, 'U999')], { ...none, openOrders: [ibOrder(5, 'submitted', 'U999')] }, new Set());
    expect(actions).toEqual([]);
  });
});

// ---------------------------------------------------------------- properties

const statuses: OrderStatus[] = ['submitted', 'filled', 'cancelled', 'rejected', 'partially-filled'];
const arbEntry = fc.oneof(
  fc.record({ orderId: fc.integer({ min: 1, max: 12 }), op: fc.constantFrom('place' as const, 'modify' as const, 'cancel' as const) })
    .map(({ orderId, op }): JournalEntry => ({ t: 1, account: ACCOUNT, clientId: 7, orderId, op, request })),
  fc.record({ orderId: fc.integer({ min: 1, max: 12 }), kind: fc.constantFrom('status', 'refused', 'unknown'), s: fc.constantFrom(...statuses) })
    .map(({ orderId, kind, s }): JournalEntry => ({
      t: 2, account: ACCOUNT, orderId,
      outcome: kind === 'status' ? { kind: 'status', status: s } : kind === 'refused' ? { kind: 'refused', sentence: 'refused' } : { kind: 'unknown' },
    })),
);
const arbTruth = fc.record({
  open: fc.uniqueArray(fc.integer({ min: 1, max: 15 }), { maxLength: 6 }),
  completed: fc.uniqueArray(fc.integer({ min: 1, max: 15 }), { maxLength: 6 }),
  executed: fc.array(fc.integer({ min: 1, max: 15 }), { maxLength: 6 }),
}).map(({ open, completed, executed }): BrokerTruth => ({
  openOrders: open.map((id) => ibOrder(id, 'submitted')),
  completedOrders: completed.map((id) => ibOrder(id, 'filled')),
  executions: executed.map((id, i) => fill(id, `x${i}`, 10, 100)),
}));
const arbKnown = fc.uniqueArray(fc.integer({ min: 1, max: 15 }), { maxLength: 8 }).map((ids) => new Set(ids.map((id) => `${ACCOUNT}:${id}`)));

describe('reconcile properties', () => {
  it('only ever yields restore, update, a marked state or fills: no action sends anything', () => {
    fc.assert(fc.property(fc.array(arbEntry, { maxLength: 30 }), arbTruth, arbKnown, (entries, truth, known) => {
      const allowed = new Set([...STATE_KINDS, 'attach-fills']);
      for (const action of reconcile(ACCOUNT, entries, truth, known)) expect(allowed.has(action.kind)).toBe(true);
    }));
  });

  it('every placed (or IB-known, or executed) journaled order ends in exactly one state, and nothing else gets one', () => {
    fc.assert(fc.property(fc.array(arbEntry, { maxLength: 30 }), arbTruth, arbKnown, (entries, truth, known) => {
      const states = reconcile(ACCOUNT, entries, truth, known).filter((a) => STATE_KINDS.includes(a.kind)).map((a) => a.key).sort();
      const atIb = new Set([...truth.openOrders, ...truth.completedOrders].map((o) => o.orderId));
      const executed = new Set(truth.executions.map((f) => f.orderId));
      const settled = entries.filter((e) => ('op' in e && e.op === 'place') || atIb.has(e.orderId) || executed.has(e.orderId));
      const journaled = [...new Set(settled.map((e) => `${ACCOUNT}:${e.orderId}`))].sort();
      expect(states).toEqual(journaled);
    }));
  });

  it('is idempotent: once restored rows are known, a second run restores nothing twice and settles the same states', () => {
    fc.assert(fc.property(fc.array(arbEntry, { maxLength: 30 }), arbTruth, arbKnown, (entries, truth, known) => {
      const first = reconcile(ACCOUNT, entries, truth, known);
      const nowKnown = new Set([...known, ...first.filter((a) => a.kind === 'restore').map((a) => a.key)]);
      const second = reconcile(ACCOUNT, entries, truth, nowKnown);
      expect(second.some((a) => a.kind === 'restore')).toBe(false);
      const asUpdate = first.map((a) => (a.kind === 'restore' ? { ...a, kind: 'update' as const } : a));
      expect(second).toEqual(asUpdate);
      expect(reconcile(ACCOUNT, entries, truth, nowKnown)).toEqual(second);
    }));
  });
});
