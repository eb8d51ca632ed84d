// The order journal around every broker session: one place every order
// request passes through, whichever command or hotkey asked for it. A place
// (every leg of a group), modify or cancel is appended (fsync'd) before the session may send it; if
// the append fails the request is refused with the journal's sentence and
// nothing is sent. The listener side appends outcomes as they arrive and
// notices the end of an account's first full sync, when the host reconciles.

import type { Instrument, OrderGroup, OrderRequest, OrderStatus } from '../../shared/model';
import type { Broker, BrokerCompletedOrder, BrokerListener, BrokerSession, BrokerSessionConfig } from './broker';
import type { JournalEntry, JournalJsonObject, JournalOp, JournalOutcome, OrderJournalPort } from './journal-port';
import { PendingModifies } from './pending-modifies';

/** A request the journal could not record: it was not sent. The message is the trader's sentence. */
export class JournalRefusedError extends Error {
  constructor(sentence: string) {
    super(sentence);
    this.name = 'JournalRefusedError';
  }
}

export interface JournalingDeps {
  journal: OrderJournalPort;
  /** Epoch ms for each line. */
  now(): number;
  log(level: 'info' | 'warn' | 'error', account: string, message: string): void;
  /** Order keys (`account:orderId`) journaled by this run; reconcile leaves them to the live UI. */
  thisRun: Set<string>;
  /**
   * The account's first full sync since the start is done (open orders, then
   * executions). Returns the order ids the journal now follows (IB knows them).
   */
  onSynced(account: string, openOrderIds: readonly number[]): readonly number[];
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The request as one JSON object (undefined fields dropped), exactly as the host hands it over. */
export function requestJson(request: object): JournalJsonObject {
  return JSON.parse(JSON.stringify(request)) as JournalJsonObject;
}

/** A group's orders in the order the adapter sends them (and takes their ids): entry, take-profit, stop-loss; or the legs. */
export function groupRequests(group: OrderGroup): OrderRequest[] {
  switch (group.kind) {
    case 'single':
      return [group.order];
    case 'bracket':
      return [group.entry, ...(group.takeProfit ? [group.takeProfit] : []), ...(group.stopLoss ? [group.stopLoss] : [])];
    case 'oco':
      return [...group.legs];
  }
}

/** Outcome bookkeeping of one session's journaled orders. */
class Outcomes {
  /** Last status journaled per order; null = no answer from the broker yet. */
  private readonly last = new Map<number, OrderStatus | null>();
  /** The permId journaled per order (once: IB repeats it on every openOrder and orderStatus). */
  private readonly perms = new Map<number, number>();
  readonly modifies: PendingModifies;
  private openOrderIds: number[] | null = null;
  private synced = false;

  constructor(
    private readonly config: BrokerSessionConfig,
    private readonly deps: JournalingDeps,
  ) {
    this.modifies = new PendingModifies(config.account);
  }

  /** The order id IB's permId belongs to, as journaled by this run. */
  orderIdOfPerm(permId: number): number | undefined {
    for (const [orderId, perm] of this.perms) if (perm === permId) return orderId;
    return undefined;
  }

  follow(orderId: number, status: OrderStatus | null): void {
    if (!this.last.has(orderId) || status !== null) this.last.set(orderId, status);
  }

  status(orderId: number, status: OrderStatus, reason: string | null | undefined): void {
    if (!this.last.has(orderId) || this.last.get(orderId) === status) return;
    // The adapter's own 'pending-submit' row is not an answer: an order IB never
    // acknowledged must read 'never reached IB' after a crash, not 'fate unknown'.
    if (status === 'pending-submit') return;
    this.last.set(orderId, status);
    this.append(orderId, { kind: 'status', status });
    // The reason a rejected row shows must survive a restart too.
    if (status === 'rejected' && reason) this.append(orderId, { kind: 'refused', sentence: reason });
  }

  /** IB named the order's permId: journaled the first time, so a restart can match IB's completed order to its row. */
  perm(orderId: number, permId: number): void {
    if (!(permId > 0) || !this.last.has(orderId) || this.perms.get(orderId) === permId) return;
    this.perms.set(orderId, permId);
    this.append(orderId, { kind: 'perm', permId });
  }

  refused(orderId: number, sentence: string): void {
    this.last.delete(orderId);
    this.append(orderId, { kind: 'refused', sentence });
  }

  /** The link dropped: orders that never got an answer have an unknown fate until reconcile. */
  linkLost(): void {
    this.openOrderIds = null;
    for (const [orderId, status] of this.last) {
      if (status !== null) continue;
      this.last.set(orderId, 'inactive');
      this.append(orderId, { kind: 'unknown' });
    }
  }

  openOrdersEnd(ids: number[]): void {
    this.openOrderIds = ids;
  }

  executionsEnd(): void {
    if (this.synced || this.openOrderIds === null) return;
    this.synced = true;
    for (const orderId of this.deps.onSynced(this.config.account, this.openOrderIds)) this.follow(orderId, 'submitted');
  }

  /** The first full sync since the start is done and the journal reconciled. */
  get isSynced(): boolean {
    return this.synced;
  }

  private append(orderId: number, outcome: JournalOutcome): void {
    const entry: JournalEntry = { t: this.deps.now(), account: this.config.account, orderId, outcome };
    let result;
    try {
      result = this.deps.journal.append(entry);
    } catch (error) {
      result = { ok: false as const, sentence: `outcome not journaled: ${describe(error)}` };
    }
    if (!result.ok) this.deps.log('error', this.config.account, `order ${orderId}: ${result.sentence}`);
  }
}

function journaledListener(inner: BrokerListener, outcomes: Outcomes): BrokerListener {
  // Today's completed orders wait for the first reconcile after a start: the journal restores
  // the rows it knows under their own order ids first, so a completed order then merges into
  // that row instead of becoming a second, -permId row for the same order.
  const heldCompleted: BrokerCompletedOrder[] = [];
  const passCompleted = (order: BrokerCompletedOrder): void => {
    const settled = outcomes.modifies.completed(outcomes.orderIdOfPerm(order.permId));
    inner.onCompletedOrder?.(settled && order.reason === undefined ? { ...order, reason: null } : order);
  };
  const releaseCompleted = (): void => {
    for (const order of heldCompleted.splice(0)) passCompleted(order);
  };
  return {
    ...inner,
    onCompletedOrder: (order) => {
      if (outcomes.isSynced) passCompleted(order);
      else heldCompleted.push(order);
    },
    onStatus: (status) => {
      inner.onStatus(status);
      if (status.connected) return;
      outcomes.linkLost();
      for (const update of outcomes.modifies.linkLost()) inner.onOrder(update);
    },
    onOrder: (raw) => {
      const update = outcomes.modifies.answer(raw);
      inner.onOrder(update);
      if (update.permId !== undefined) outcomes.perm(update.orderId, update.permId);
      if (update.status !== undefined) outcomes.status(update.orderId, update.status, update.reason);
    },
    onOpenOrdersEnd: (ids) => {
      inner.onOpenOrdersEnd?.(ids);
      outcomes.openOrdersEnd(ids);
    },
    onExecutionsEnd: () => {
      inner.onExecutionsEnd?.();
      outcomes.executionsEnd();
      if (outcomes.isSynced) releaseCompleted();
    },
  };
}

/** A session whose every order request is journaled before it may leave. */
class JournaledSession implements BrokerSession {
  constructor(
    private readonly inner: BrokerSession,
    private readonly outcomes: Outcomes,
    private readonly deps: JournalingDeps,
  ) {}

  get config(): BrokerSessionConfig {
    return this.inner.config;
  }

  connect(): Promise<void> {
    return this.inner.connect();
  }

  disconnect(): void {
    this.inner.disconnect();
  }

  isConnected(): boolean {
    return this.inner.isConnected();
  }

  lookupSymbol(symbol: string, timeoutMs: number): Promise<Instrument[]> {
    return this.inner.lookupSymbol(symbol, timeoutMs);
  }

  subscribeQuotes(instrument: Instrument): void {
    this.inner.subscribeQuotes(instrument);
  }

  unsubscribeQuotes(conId: number): void {
    this.inner.unsubscribeQuotes(conId);
  }

  placeGroup(group: OrderGroup, instrument: Instrument): number[] {
    const legs = groupRequests(group).map(requestJson);
    const first = this.inner.peekOrderId?.();
    if (first === undefined) return this.placeThenJournal(group, instrument, legs);
    // Every leg is journaled under the id it will take (consecutive from the peek) before any leaves.
    legs.forEach((leg, i) => {
      try {
        this.record('place', first + i, leg);
      } catch (error) {
        for (let done = 0; done < i; done++) this.outcomes.refused(first + done, describe(error));
        throw error;
      }
      this.outcomes.follow(first + i, null);
    });
    let ids: number[];
    try {
      ids = this.inner.placeGroup(group, instrument);
    } catch (error) {
      legs.forEach((_leg, i) => this.outcomes.refused(first + i, describe(error)));
      throw error;
    }
    ids.forEach((orderId, i) => {
      if (orderId === first + i) return;
      // The adapter broke its promise about the ids: journal the real one too, loudly.
      this.deps.log('error', this.config.account, `order journal: order went out as ${orderId}, journaled as ${first + i}`);
      this.recordAfterSend('place', orderId, legs[i] ?? {});
      this.outcomes.follow(orderId, null);
    });
    return ids;
  }

  modifyOrder(orderId: number, request: OrderRequest, instrument: Instrument): void {
    this.record('modify', orderId, requestJson(request));
    this.inner.modifyOrder(orderId, request, instrument);
    this.outcomes.modifies.modifySent(orderId, request);
  }

  cancelOrder(orderId: number): void {
    this.record('cancel', orderId, {});
    this.inner.cancelOrder(orderId);
  }

  cancelAll(): number {
    // Order id 0: no single order; reconcile makes no row of a line without a place.
    this.record('cancel', 0, { all: true });
    return this.inner.cancelAll();
  }

  /** For adapters that cannot tell the id first and send asynchronously (Webull's HTTP). */
  private placeThenJournal(group: OrderGroup, instrument: Instrument, legs: JournalJsonObject[]): number[] {
    const ids = this.inner.placeGroup(group, instrument);
    ids.forEach((orderId, i) => {
      this.recordAfterSend('place', orderId, legs[i] ?? {});
      this.outcomes.follow(orderId, null);
    });
    return ids;
  }

  private recordAfterSend(op: JournalOp, orderId: number, request: JournalJsonObject): void {
    try {
      this.record(op, orderId, request);
    } catch (error) {
      this.deps.log('error', this.config.account, `order ${orderId} was handed to the broker but not journaled: ${describe(error)}`);
    }
  }

  /** Appends the request line; throws the journal's sentence when it cannot, so nothing is sent. */
  private record(op: JournalOp, orderId: number, request: JournalJsonObject): void {
    const { account, clientId } = this.inner.config;
    let result;
    try {
      result = this.deps.journal.append({ t: this.deps.now(), account, clientId, orderId, op, request });
    } catch (error) {
      const what = op === 'place' ? 'order' : op;
      result = { ok: false as const, sentence: `${what} not sent: the order journal cannot be written (${describe(error)})` };
    }
    if (!result.ok) throw new JournalRefusedError(result.sentence);
    if (op === 'place') this.deps.thisRun.add(`${account}:${orderId}`);
  }
}

/** Ids journaled today may never have reached IB, whose nextValidId would then hand them out again. */
function skipJournaledIds(session: BrokerSession, deps: JournalingDeps): void {
  const { account } = session.config;
  try {
    const highest = deps.journal.highestOrderId(account);
    if (highest > 0) session.skipOrderIdsThrough?.(highest);
  } catch (error) {
    deps.log('error', account, `order journal could not be read for used order ids: ${describe(error)}`);
  }
}

/**
 * Seam methods that send no order pass straight through, even ones this file
 * does not name yet (a what-if margin check is never journaled as an order; market-view streams
 * carry no orders).
 * Anything else the seam grows is absent until it is journaled here.
 */
const PASS_THROUGH: ReadonlySet<PropertyKey> = new Set(['whatIf', 'subscribeStream', 'unsubscribeStream', 'capabilities']);

function withPassThrough(journaled: JournaledSession, inner: BrokerSession): BrokerSession {
  const passes = (key: PropertyKey): boolean => !(key in journaled) && PASS_THROUGH.has(key) && key in inner;
  return new Proxy(journaled, {
    get(target, key, receiver) {
      if (!passes(key)) return Reflect.get(target, key, receiver) as unknown;
      const value = Reflect.get(inner, key) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(inner) : value;
    },
    has: (target, key) => key in target || passes(key),
  });
}

/** The broker with every session it creates journaled. */
export function journaledBroker(inner: Broker, deps: JournalingDeps): Broker {
  return {
    name: inner.name,
    capabilities: inner.capabilities,
    createSession(config, brokerDeps) {
      const outcomes = new Outcomes(config, deps);
      const session = inner.createSession(config, { ...brokerDeps, listener: journaledListener(brokerDeps.listener, outcomes) });
      skipJournaledIds(session, deps);
      return withPassThrough(new JournaledSession(session, outcomes, deps), session);
    },
  };
}
