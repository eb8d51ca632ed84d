// The last check before an order leaves: account known and ready, symbol
// resolved, order rules and risk limits against the current quote, price band,
// the rate guard. Any refusal answers `order-refused` with the exact reason the
// trader reads after "Order Error: ". Nothing is ever queued for later.

import { err, ok, type Result } from '../../shared/ipc';
import type { OrderGroup, OrderRequest } from '../../shared/model';
import type {
  CancelSymbolRequest,
  CancelSymbolResult,
  FlattenRequest,
  ModifyOrderRequest,
  ModifyOrderResult,
  PlaceGroupResult,
  PositionOrdersResult,
  ReverseRequest,
} from '../../shared/order-commands';
import { createModifier } from './order-modify';
import { createGroupPlacer, type PlacementDeps } from './order-placement';
import { createPositionOrders, type PositionOrderDeps } from './position-orders';
import { createRateGuard } from './rate-guard';

export { referencePrice } from './order-placement';

export interface OrderService {
  place(request: OrderRequest): Promise<Result<{ key: string; orderId: number }>>;
  /** One order, a bracket or an OCA exit: every leg is sent, or none. */
  placeGroup(group: OrderGroup): Promise<Result<PlaceGroupResult>>;
  modify(request: ModifyOrderRequest): Promise<Result<ModifyOrderResult>>;
  cancel(account: string, orderId: number): Result<null>;
  cancelAll(account?: string): Result<{ requested: number }>;
  cancelSymbol(request: CancelSymbolRequest): Result<CancelSymbolResult>;
  flatten(request: FlattenRequest): Promise<Result<PositionOrdersResult>>;
  reverse(request: ReverseRequest): Promise<Result<PositionOrdersResult>>;
}

/** Placement's needs less the rate guard, which the service makes itself; flatten's wait for its cancels. */
export type OrderServiceDeps = Omit<PlacementDeps, 'rateGuard' | 'now'> &
  Pick<PositionOrderDeps, 'books' | 'confirmMs'> & {
    /** The rate guard's clock (wall time: a stuck key repeats in real seconds). Default Date.now. */
    now?(): number;
  };

/** An account cancel-all could not reach, and why. */
interface NotSent {
  account: string;
  why: string;
  working: number;
}

const plural = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

/** The Order Error of a cancel-all that missed accounts: where nothing was sent, and what was. */
export function cancelAllNotSent(missed: readonly NotSent[], sent: ReadonlyArray<{ account: string; count: number }>): string {
  const where = missed
    .map((m) => `"${m.account}" (${m.why}${m.working > 0 ? `, ${plural(m.working, 'working order')} there` : ''})`)
    .join(', ');
  const done = sent.length === 0
    ? 'nothing was cancelled'
    : `cancels sent on ${sent.map((s) => `"${s.account}" for ${plural(s.count, 'order')}`).join(', ')}`;
  return `cancel all not sent to ${where} — ${done}`;
}

/** One working order's cancel, sent now or refused with the reason. */
function cancelOne(deps: OrderServiceDeps, account: string, orderId: number): Result<null> {
  const managed = deps.sessions.get(account);
  if (!managed) return err('unknown-account', `unknown account "${account}"`);
  const row = deps.orders.get(account, orderId);
  if (!row || !deps.orders.working(account).some((o) => o.orderId === orderId)) {
    return err('not-found', `order ${orderId} is not a working order of ${account}`);
  }
  if (!managed.session || !managed.state.readyForOrders) {
    return err('not-connected', `account "${account}" is not connected — cancel of order ${orderId} not sent`);
  }
  try {
    managed.session.cancelOrder(orderId);
  } catch (error) {
    return err('broker-error', error instanceof Error ? error.message : String(error));
  }
  deps.log('info', account, `cancel requested for order ${orderId}`);
  return ok(null);
}

/** Cancel-all on one account or every one; the accounts it could not reach are named. */
function cancelAllIn(deps: OrderServiceDeps, account: string | undefined): Result<{ requested: number }> {
  const targets = account === undefined ? deps.sessions.list() : [deps.sessions.get(account)];
  if (account !== undefined && targets[0] === undefined) return err('unknown-account', `unknown account "${account}"`);
  const sent: Array<{ account: string; count: number }> = [];
  const missed: NotSent[] = [];
  for (const managed of targets) {
    if (!managed) continue;
    const id = managed.spec.id;
    const working = deps.orders.working(id).length;
    if (!managed.session || !managed.state.readyForOrders) {
      // A disabled account with nothing working is not a miss; one that should be up is.
      if (working > 0 || managed.spec.enabled || account !== undefined) missed.push({ account: id, why: 'not connected', working });
      continue;
    }
    let count: number;
    try {
      count = managed.session.cancelAll();
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      deps.log('error', id, `cancel all failed: ${why}`);
      missed.push({ account: id, why, working });
      continue;
    }
    sent.push({ account: id, count });
    deps.log('info', id, `cancel all: ${plural(count, 'order')} cancelled`);
  }
  const requested = sent.reduce((sum, s) => sum + s.count, 0);
  if (missed.length === 0) return ok({ requested });
  const message = cancelAllNotSent(missed, sent);
  for (const m of missed) deps.log('warn', m.account, `cancel all not sent: ${m.why}`);
  return err('not-connected', message);
}

export function createOrderService(deps: OrderServiceDeps): OrderService {
  const placement = { ...deps, rateGuard: createRateGuard(), now: deps.now ?? Date.now };
  const placeGroup = createGroupPlacer(placement);
  const positionOrders = createPositionOrders({
    sessions: deps.sessions,
    orders: deps.orders,
    positions: deps.positions,
    cancel: (account, orderId) => cancelOne(deps, account, orderId),
    placeGroup,
    log: deps.log,
    books: deps.books,
    confirmMs: deps.confirmMs,
  });
  return {
    async place(request) {
      const placed = await placeGroup({ kind: 'single', order: request });
      if (!placed.ok) return placed;
      const [key, orderId] = [placed.value.keys[0], placed.value.orderIds[0]];
      if (key === undefined || orderId === undefined) return err('internal', 'the broker answered no order id');
      return ok({ key, orderId });
    },
    placeGroup: (group) => placeGroup(group),
    modify: createModifier(placement),
    cancel: (account, orderId) => cancelOne(deps, account, orderId),
    cancelAll: (account) => cancelAllIn(deps, account),
    cancelSymbol: (request) => positionOrders.cancelSymbol(request),
    flatten: (request) => positionOrders.flatten(request),
    reverse: (request) => positionOrders.reverse(request),
  };
}
