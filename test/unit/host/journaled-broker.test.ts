import { describe, expect, it } from 'vitest';
import type { Instrument, OrderRequest } from '../../../shared/model';
import type { BrokerCompletedOrder, BrokerDeps, BrokerListener, BrokerOrderUpdate, BrokerSession, BrokerSessionConfig } from '../../../electron/host/broker';
import type { JournalAppendResult, JournalEntry, OrderJournalPort } from '../../../electron/host/journal-port';
import { journaledBroker, JournalRefusedError, type JournalingDeps } from '../../../electron/host/journaled-broker';
import { modifyFateUnknown } from '../../../electron/host/pending-modifies';
import { ManualScheduler } from '../../helpers/manual-scheduler';
import { FakeBroker, FakeSession, instrument } from './fake-broker';

/** A session that, like the IB adapter, can tell the id its next place will use. */
class PeekingSession extends FakeSession {
  peekOrderId(): number {
    return this.nextOrderId;
  }

  skipOrderIdsThrough(orderId: number): void {
    this.nextOrderId = Math.max(this.nextOrderId, orderId + 1);
  }
}

class PeekingBroker extends FakeBroker {
  override createSession(config: BrokerSessionConfig, deps: BrokerDeps): FakeSession {
    const session = new PeekingSession(config, deps);
    this.sessions.push(session);
    return session;
  }
}

/** A journal in memory that records what the session had sent at the moment of each append. */
function memoryJournal(sentAtAppend: () => number, highest = 0) {
  const lines: Array<{ entry: JournalEntry; sentBefore: number }> = [];
  let answer: JournalAppendResult | Error = { ok: true };
  const port: OrderJournalPort = {
    append(entry) {
      if (answer instanceof Error) throw answer;
      if (answer.ok) lines.push({ entry, sentBefore: sentAtAppend() });
      return answer;
    },
    reconcile: () => [],
    highestOrderId: () => highest,
  };
  return { port, lines, fail: (next: JournalAppendResult | Error) => void (answer = next) };
}

/** One order through the seam: a group of one. */
const place = (session: BrokerSession, order: OrderRequest, inst: Instrument): number | undefined => session.placeGroup({ kind: 'single', order }, inst)[0];

const noop = (): void => {};
/** permIds of the completed orders the host received, in order. */
const completedSeen: number[] = [];
const listener: BrokerListener = {
  onStatus: noop, onTick: noop, onQuoteMode: noop, onOrder: noop, onFill: noop, onPosition: noop, onAccount: noop, onLog: noop,
  onCompletedOrder: (order) => void completedSeen.push(order.permId),
};
const config: BrokerSessionConfig = { account: 'DU1', host: '127.0.0.1', port: 4002, clientId: 7, accountCode: 'DU1' };
const buy: OrderRequest = { account: 'DU1', symbol: 'AAPL', side: 'BUY', type: 'limit', quantity: 100, limitPrice: 190, tif: 'DAY' };

function setup(broker: FakeBroker = new PeekingBroker(), highestJournaled = 0, hostListener: BrokerListener = listener) {
  let inner: FakeSession | null = null;
  const sent = (): number => (inner ? inner.placed.length + inner.cancelled.length + inner.cancelAllCalls : 0);
  const journal = memoryJournal(sent, highestJournaled);
  const logs: string[] = [];
  const synced: Array<{ account: string; ids: readonly number[] }> = [];
  const deps: JournalingDeps = {
    journal: journal.port,
    now: () => 1_000,
    log: (_level, _account, message) => void logs.push(message),
    thisRun: new Set(),
    onSynced: (account, ids) => {
      synced.push({ account, ids });
      return [...ids];
    },
  };
  const session = journaledBroker(broker, deps).createSession(config, { listener: hostListener, scheduler: new ManualScheduler(0) });
  inner = broker.session('DU1');
  return { session, inner, journal, logs, synced, deps };
}

describe('journaled session: requests', () => {
  it('journals a place under the id it will use before the adapter sends it', () => {
    const { session, inner, journal, deps } = setup();
    const orderId = place(session, buy, instrument('AAPL', 265598));
    expect(orderId).toBe(100);
    expect(inner.placed.map((p) => p.orderId)).toEqual([100]);
    expect(journal.lines).toEqual([{ entry: { t: 1_000, account: 'DU1', clientId: 7, orderId: 100, op: 'place', request: { ...buy } }, sentBefore: 0 }]);
    expect([...deps.thisRun]).toEqual(['DU1:100']);
  });

  it('refuses with the journal sentence and sends nothing when the append fails', () => {
    const { session, inner, journal } = setup();
    journal.fail({ ok: false, sentence: 'order not sent: the order journal cannot be written (ENOSPC: no space left on device)' });
    expect(() => place(session, buy, instrument('AAPL', 265598))).toThrow(
      new JournalRefusedError('order not sent: the order journal cannot be written (ENOSPC: no space left on device)'),
    );
    journal.fail({ ok: false, sentence: 'cancel not sent: the order journal cannot be written (ENOSPC: no space left on device)' });
    expect(() => session.cancelOrder(100)).toThrow('cancel not sent: the order journal cannot be written (ENOSPC: no space left on device)');
    expect(() => session.cancelAll()).toThrow(JournalRefusedError);
    expect(inner.placed).toEqual([]);
    expect(inner.cancelled).toEqual([]);
    expect(inner.cancelAllCalls).toBe(0);
  });

  it('treats a journal that throws like one that refuses: the order is not sent', () => {
    const { session, inner, journal } = setup();
    journal.fail(new Error('EIO: i/o error, write'));
    expect(() => place(session, buy, instrument('AAPL', 265598))).toThrow('order not sent: the order journal cannot be written (EIO: i/o error, write)');
    expect(inner.placed).toEqual([]);
  });

  it('journals every leg of a bracket under the id it will take, and a modify, before they are sent', () => {
    const { session, inner, journal } = setup();
    const takeProfit: OrderRequest = { ...buy, side: 'SELL', limitPrice: 195 };
    const stopLoss: OrderRequest = { ...buy, side: 'SELL', type: 'stop', limitPrice: undefined, stopPrice: 185 };
    expect(session.placeGroup({ kind: 'bracket', entry: buy, takeProfit, stopLoss }, instrument('AAPL', 265598))).toEqual([100, 101, 102]);
    session.modifyOrder(101, { ...takeProfit, limitPrice: 196 }, instrument('AAPL', 265598));
    expect(journal.lines.map((l) => [l.entry.orderId, 'op' in l.entry ? l.entry.op : '', l.sentBefore])).toEqual([
      [100, 'place', 0], [101, 'place', 0], [102, 'place', 0], [101, 'modify', 3],
    ]);
    expect(journal.lines[2]?.entry).toMatchObject({ request: { side: 'SELL', type: 'stop', stopPrice: 185 } });
    expect(inner.modified.map((m) => m.request.limitPrice)).toEqual([196]);
  });

  it('sends no leg of a group when one leg cannot be journaled, and marks the journaled legs refused', () => {
    const { session, inner, journal } = setup();
    let appends = 0;
    const real = journal.port.append.bind(journal.port);
    journal.port.append = (entry) => (++appends === 2 ? { ok: false, sentence: 'order not sent: the order journal cannot be written (EIO)' } : real(entry));
    expect(() => session.placeGroup({ kind: 'oco', legs: [buy, { ...buy, quantity: 5 }] }, instrument('AAPL', 265598))).toThrow('order not sent: the order journal cannot be written (EIO)');
    expect(inner.placed).toEqual([]);
    expect(journal.lines.map((l) => l.entry).at(-1)).toEqual({ t: 1_000, account: 'DU1', orderId: 100, outcome: { kind: 'refused', sentence: 'order not sent: the order journal cannot be written (EIO)' } });
  });

  it('journals a cancel and a cancel-all before they are sent', () => {
    const { session, inner, journal } = setup();
    session.cancelOrder(42);
    inner.cancelAllCount = 3;
    expect(session.cancelAll()).toBe(3);
    expect(journal.lines).toEqual([
      { entry: { t: 1_000, account: 'DU1', clientId: 7, orderId: 42, op: 'cancel', request: {} }, sentBefore: 0 },
      { entry: { t: 1_000, account: 'DU1', clientId: 7, orderId: 0, op: 'cancel', request: { all: true } }, sentBefore: 1 },
    ]);
  });

  it("appends the adapter's refusal as the order's outcome", () => {
    const { session, inner, journal } = setup();
    inner.refuseNextPlace = 'IB link down (1100) — order not sent';
    expect(() => place(session, buy, instrument('AAPL', 265598))).toThrow('IB link down (1100) — order not sent');
    expect(journal.lines.map((l) => l.entry)).toEqual([
      { t: 1_000, account: 'DU1', clientId: 7, orderId: 100, op: 'place', request: { ...buy } },
      { t: 1_000, account: 'DU1', orderId: 100, outcome: { kind: 'refused', sentence: 'IB link down (1100) — order not sent' } },
    ]);
  });

  it('never reuses an id today\'s journal holds (it may never have reached IB, so IB would hand it out again)', () => {
    const { session } = setup(new PeekingBroker(), 120);
    expect(place(session, buy, instrument('AAPL', 265598))).toBe(121);
  });

  it('journals right after the place for an adapter that cannot tell its id first', () => {
    const { session, inner, journal } = setup(new FakeBroker());
    expect(place(session, buy, instrument('AAPL', 265598))).toBe(100);
    expect(inner.placed).toHaveLength(1);
    expect(journal.lines.map((l) => l.entry)).toEqual([{ t: 1_000, account: 'DU1', clientId: 7, orderId: 100, op: 'place', request: { ...buy } }]);
  });
});

describe('journaled session: what is not an order', () => {
  it('passes a what-if margin check straight through, journaling nothing, and offers no other unknown method', async () => {
    const broker = new PeekingBroker();
    const journal = memoryJournal(() => 0);
    const deps: JournalingDeps = { journal: journal.port, now: () => 1, log: () => {}, thisRun: new Set(), onSynced: () => [] };
    const wrapped = journaledBroker(broker, deps).createSession(config, { listener, scheduler: new ManualScheduler(0) });
    const inner = broker.session('DU1') as FakeSession & { whatIf?: unknown; flattenEverything?: unknown };
    inner.whatIf = async (request: OrderRequest) => ({ initMarginChange: request.quantity });
    inner.flattenEverything = () => 'sent';
    const session = wrapped as BrokerSession & { whatIf?: (r: OrderRequest) => Promise<unknown>; flattenEverything?: unknown };
    expect('whatIf' in session).toBe(true);
    expect(await session.whatIf?.(buy)).toEqual({ initMarginChange: 100 });
    expect('flattenEverything' in session).toBe(false);
    expect(session.flattenEverything).toBeUndefined();
    expect(journal.lines).toEqual([]);
  });
});

describe('journaled session: outcomes and the sync point', () => {
  it('appends each new status of a journaled order once, but not the adapter’s own pending-submit', () => {
    const { session, inner, journal } = setup();
    place(session, buy, instrument('AAPL', 265598));
    inner.listener.onOrder({ account: 'DU1', orderId: 100, status: 'pending-submit' });
    inner.listener.onOrder({ account: 'DU1', orderId: 100, status: 'submitted' });
    inner.listener.onOrder({ account: 'DU1', orderId: 100, status: 'submitted', filled: 0 });
    inner.listener.onOrder({ account: 'DU1', orderId: 100, status: 'filled' });
    inner.listener.onOrder({ account: 'DU1', orderId: 555, status: 'submitted' });
    place(session, { ...buy, quantity: 1 }, instrument('AAPL', 265598));
    inner.listener.onOrder({ account: 'DU1', orderId: 101, status: 'rejected', reason: 'Order rejected: no trading permissions' });
    expect(journal.lines.slice(1).map((l) => l.entry)).toEqual([
      { t: 1_000, account: 'DU1', orderId: 100, outcome: { kind: 'status', status: 'submitted' } },
      { t: 1_000, account: 'DU1', orderId: 100, outcome: { kind: 'status', status: 'filled' } },
      { t: 1_000, account: 'DU1', clientId: 7, orderId: 101, op: 'place', request: { ...buy, quantity: 1 } },
      { t: 1_000, account: 'DU1', orderId: 101, outcome: { kind: 'status', status: 'rejected' } },
      { t: 1_000, account: 'DU1', orderId: 101, outcome: { kind: 'refused', sentence: 'Order rejected: no trading permissions' } },
    ]);
  });

  it("journals IB's permId once, as soon as IB reports it, and only for journaled orders", () => {
    const { session, inner, journal } = setup();
    place(session, buy, instrument('AAPL', 265598));
    inner.listener.onOrder({ account: 'DU1', orderId: 100, permId: 0, status: 'pending-submit' });
    inner.listener.onOrder({ account: 'DU1', orderId: 100, permId: 812_001, status: 'submitted' });
    inner.listener.onOrder({ account: 'DU1', orderId: 100, permId: 812_001, filled: 0 });
    inner.listener.onOrder({ account: 'DU1', orderId: 555, permId: 812_999, status: 'submitted' });
    expect(journal.lines.slice(1).map((l) => l.entry)).toEqual([
      { t: 1_000, account: 'DU1', orderId: 100, outcome: { kind: 'perm', permId: 812_001 } },
      { t: 1_000, account: 'DU1', orderId: 100, outcome: { kind: 'status', status: 'submitted' } },
    ]);
  });

  it("appends 'unknown' for orders without an answer when the link is lost, once", () => {
    const { session, inner, journal } = setup();
    inner.autoConnect = true;
    void inner.connect();
    place(session, buy, instrument('AAPL', 265598));
    place(session, { ...buy, quantity: 5 }, instrument('AAPL', 265598));
    inner.listener.onOrder({ account: 'DU1', orderId: 101, status: 'submitted' });
    inner.drop('connection reset');
    inner.drop('connection reset');
    const outcomes = journal.lines.map((l) => l.entry).filter((e) => 'outcome' in e);
    expect(outcomes).toEqual([
      { t: 1_000, account: 'DU1', orderId: 101, outcome: { kind: 'status', status: 'submitted' } },
      { t: 1_000, account: 'DU1', orderId: 100, outcome: { kind: 'unknown' } },
    ]);
  });

  it('reports the first full sync (open orders, then executions) once per start', () => {
    const { inner, synced } = setup();
    inner.listener.onExecutionsEnd?.();
    expect(synced).toEqual([]);
    inner.listener.onOpenOrdersEnd?.([3, 4]);
    inner.listener.onExecutionsEnd?.();
    inner.listener.onOpenOrdersEnd?.([3]);
    inner.listener.onExecutionsEnd?.();
    expect(synced).toEqual([{ account: 'DU1', ids: [3, 4] }]);
  });

  it('holds today\'s completed orders until the first reconcile has restored the journal\'s rows, then passes them on', () => {
    completedSeen.length = 0;
    const { inner } = setup();
    inner.listener.onCompletedOrder?.({ permId: 501, status: 'cancelled' });
    inner.listener.onOpenOrdersEnd?.([]);
    inner.listener.onCompletedOrder?.({ permId: 502, status: 'filled' });
    expect(completedSeen).toEqual([]);
    inner.listener.onExecutionsEnd?.();
    expect(completedSeen).toEqual([501, 502]);
    inner.listener.onCompletedOrder?.({ permId: 503, status: 'rejected' });
    expect(completedSeen).toEqual([501, 502, 503]);
  });

  it('follows the orders reconcile settled: their later statuses are journaled', () => {
    const { inner, journal } = setup();
    inner.listener.onOpenOrdersEnd?.([3]);
    inner.listener.onExecutionsEnd?.();
    inner.listener.onOrder({ account: 'DU1', orderId: 3, status: 'cancelled' });
    expect(journal.lines.map((l) => l.entry)).toEqual([{ t: 1_000, account: 'DU1', orderId: 3, outcome: { kind: 'status', status: 'cancelled' } }]);
  });
});

describe('journaled session: a modify whose fate is unknown', () => {
  const UNKNOWN = modifyFateUnknown('qty 100, lmt 191.00');
  function recording() {
    const seen: BrokerOrderUpdate[] = [];
    const completed: BrokerCompletedOrder[] = [];
    const host: BrokerListener = { ...listener, onOrder: (u) => void seen.push(u), onCompletedOrder: (o) => void completed.push(o) };
    const world = setup(new PeekingBroker(), 0, host);
    world.inner.autoConnect = true;
    void world.inner.connect();
    place(world.session, buy, instrument('AAPL', 265598));
    world.inner.listener.onOrder({ account: 'DU1', orderId: 100, permId: 5100, quantity: 100, limitPrice: 190, status: 'submitted' });
    seen.length = 0;
    return { ...world, seen, completed };
  }

  it('says so on the row when the link closes before IB answers, and IB\'s next report of the order clears it', () => {
    const { session, inner, seen } = recording();
    session.modifyOrder(100, { ...buy, limitPrice: 191 }, instrument('AAPL', 265598));
    expect(UNKNOWN).toBe("modify fate unknown: the link closed before IB answered (asked qty 100, lmt 191.00); the row shows IB's last report until IB reports the order again");
    inner.drop('connection reset');
    expect(seen).toContainEqual({ account: 'DU1', orderId: 100, reason: UNKNOWN });
    // The status replay after the reconnect says nothing of the values: still unknown.
    inner.listener.onOrder({ account: 'DU1', orderId: 100, status: 'submitted' });
    expect(seen.at(-1)).toEqual({ account: 'DU1', orderId: 100, status: 'submitted' });
    // IB's openOrder carries the values it holds: that is the answer, and the doubt goes.
    inner.listener.onOrder({ account: 'DU1', orderId: 100, quantity: 100, limitPrice: 191, status: 'submitted' });
    expect(seen.at(-1)).toEqual({ account: 'DU1', orderId: 100, quantity: 100, limitPrice: 191, status: 'submitted', reason: null });
    inner.listener.onOrder({ account: 'DU1', orderId: 100, quantity: 100, limitPrice: 191 });
    expect(seen.at(-1)).toEqual({ account: 'DU1', orderId: 100, quantity: 100, limitPrice: 191 });
  });

  it('says nothing when IB answered the modify (its values, or a refusal) before the link closed', () => {
    const { session, inner, seen } = recording();
    session.modifyOrder(100, { ...buy, limitPrice: 191 }, instrument('AAPL', 265598));
    inner.listener.onOrder({ account: 'DU1', orderId: 100, reason: null });
    inner.listener.onOrder({ account: 'DU1', orderId: 100, quantity: 100, limitPrice: 191 });
    session.modifyOrder(100, { ...buy, limitPrice: 192 }, instrument('AAPL', 265598));
    inner.listener.onOrder({ account: 'DU1', orderId: 100, reason: "Can't modify a filled order." });
    inner.drop('connection reset');
    expect(seen.filter((u) => typeof u.reason === 'string' && u.reason.startsWith('modify fate unknown'))).toEqual([]);
  });

  it('a completed order from IB settles the doubt of an order that finished while the link was down', () => {
    const { session, inner, seen, completed } = recording();
    session.modifyOrder(100, { ...buy, limitPrice: 191 }, instrument('AAPL', 265598));
    inner.drop('connection reset');
    expect(seen).toContainEqual({ account: 'DU1', orderId: 100, reason: UNKNOWN });
    inner.listener.onOpenOrdersEnd?.([]);
    inner.listener.onExecutionsEnd?.();
    inner.listener.onCompletedOrder?.({ permId: 5100, status: 'cancelled', limitPrice: 191 });
    inner.listener.onCompletedOrder?.({ permId: 5100, status: 'cancelled', limitPrice: 191 });
    expect(completed).toEqual([{ permId: 5100, status: 'cancelled', limitPrice: 191, reason: null }, { permId: 5100, status: 'cancelled', limitPrice: 191 }]);
  });
});
