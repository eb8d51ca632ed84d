// After an account's first full sync since the start, the journal is set
// against what the broker reported and the result applied to the books: rows
// for orders the UI has not seen, IB's state for the ones it has, and a
// visible status for every order IB never received. Nothing is sent.

import type { Order, OrderRequest, OrderStatus } from '../../shared/model';
import type { BrokerOrderUpdate } from './broker';
import type { EventBus } from './event-bus';
import type { JournalAction, JournalJsonObject, JournalTruth, OrderJournalPort } from './journal-port';
import type { OrderBook } from './order-book';
import type { Portfolio } from './portfolio';

export interface JournalSyncDeps {
  journal: OrderJournalPort;
  orderBook: OrderBook;
  portfolio: Portfolio;
  bus: EventBus;
  thisRun: ReadonlySet<string>;
  log(level: 'info' | 'warn' | 'error', account: string, message: string): void;
}

const SIDES = ['BUY', 'SELL'] as const;
const TYPES = ['market', 'limit', 'stop', 'stop-limit'] as const;

const oneOf = <T extends string>(allowed: readonly T[], value: unknown): T | null =>
  typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : null;
const price = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** The journaled place request as an OrderRequest, or null when the line does not describe one. Pure. */
export function orderRequestFromJournal(account: string, request: JournalJsonObject): OrderRequest | null {
  const side = oneOf(SIDES, request.side);
  const type = oneOf(TYPES, request.type);
  const tif = oneOf(['DAY', 'GTC'] as const, request.tif);
  const { symbol, quantity } = request;
  if (!side || !type || !tif || typeof symbol !== 'string' || typeof quantity !== 'number' || !(quantity > 0)) return null;
  const limitPrice = price(request.limitPrice);
  const stopPrice = price(request.stopPrice);
  return { account, symbol, side, type, quantity, tif, ...(limitPrice === undefined ? {} : { limitPrice }), ...(stopPrice === undefined ? {} : { stopPrice }) };
}

/** The status a journaled order IB does not know is shown with. */
export function unsettledStatus(kind: 'never-reached-ib' | 'refused' | 'fate-unknown'): OrderStatus {
  // 'inactive' rather than a final state: if IB does report the order after all, its update still applies.
  return kind === 'refused' ? 'rejected' : 'inactive';
}

function toUpdate(order: Order): BrokerOrderUpdate {
  const { key: _key, ...update } = order;
  return update;
}

/** The broker's truth for one account: the books hold exactly what it reported since the start. */
export function truthOf(deps: Pick<JournalSyncDeps, 'orderBook' | 'portfolio' | 'thisRun'>, account: string, openOrderIds: readonly number[]): JournalTruth {
  const open = new Set(openOrderIds);
  const rows = deps.orderBook.all().filter((row) => row.account === account && !deps.thisRun.has(row.key));
  return {
    openOrders: rows.filter((row) => open.has(row.orderId)),
    // Rows of finished orders the broker listed (today's completed orders, where the adapter reports them).
    completedOrders: rows.filter((row) => !open.has(row.orderId) && row.permId !== 0),
    executions: deps.portfolio.fills().filter((fill) => fill.account === account),
  };
}

function applyOne(deps: JournalSyncDeps, account: string, action: JournalAction): Order | null {
  const { orderBook, portfolio } = deps;
  switch (action.kind) {
    case 'restore':
    case 'update':
      return orderBook.apply(toUpdate(action.order));
    case 'attach-fills': {
      for (const fill of action.fills) portfolio.applyFill(fill);
      const orderId = action.fills[0]?.orderId ?? 0;
      const done = portfolio.executed(account, orderId);
      return orderBook.applyExecutions(account, orderId, done.quantity, done.avgPrice);
    }
    default: {
      const request = orderRequestFromJournal(account, action.request);
      if (action.kind === 'refused' && !orderBook.get(account, action.orderId)) {
        // Refused before it left (the trader read the Order Error then; it never had a row): no row now either.
        deps.log('info', account, `order ${action.orderId} was refused before it was sent: ${action.sentence}`);
        return null;
      }
      if (request && !orderBook.get(account, action.orderId)) orderBook.placed(request, action.orderId, 0, 0);
      deps.log('warn', account, `order ${action.orderId}${request ? ` (${request.side} ${request.quantity} ${request.symbol})` : ''}: ${action.sentence}`);
      const permId = action.permId !== undefined && action.permId > 0 ? { permId: action.permId } : {};
      return orderBook.apply({ account, orderId: action.orderId, ...permId, status: unsettledStatus(action.kind), reason: action.sentence });
    }
  }
}

/** Reconciles one account; returns the order ids IB knows, for the journal to follow. */
export function reconcileAccount(deps: JournalSyncDeps, account: string, openOrderIds: readonly number[]): number[] {
  const truth = truthOf(deps, account, openOrderIds);
  const known = new Set(deps.orderBook.all().map((row) => row.key));
  let actions: JournalAction[];
  try {
    actions = deps.journal.reconcile(account, truth, known, deps.thisRun);
  } catch (error) {
    deps.log('error', account, `order journal could not be reconciled: ${error instanceof Error ? error.message : String(error)}`);
    return [];
  }
  const followed: number[] = [];
  const counts = new Map<string, number>();
  for (const action of actions) {
    const row = applyOne(deps, account, action);
    if (row) deps.bus.emit('order', row);
    counts.set(action.kind, (counts.get(action.kind) ?? 0) + 1);
    if (action.kind === 'restore' || action.kind === 'update') followed.push(action.order.orderId);
  }
  if (actions.length > 0) {
    const summary = [...counts].map(([kind, n]) => `${n} ${kind}`).join(', ');
    deps.log('info', account, `order journal reconciled with the broker: ${summary}; nothing was re-sent`);
  }
  return followed;
}
