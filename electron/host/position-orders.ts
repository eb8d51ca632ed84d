// Orders by symbol and position: cancel every working order of a symbol,
// flatten (cancel the symbol's working orders, wait until IB confirms each
// cancel, then one market order that closes the position as it is then) and
// reverse (the same, with one order of twice the position: see
// docs/ARCHITECTURE.md "Orders"). No account = every account.

import { err, ok, type Result } from '../../shared/ipc';
import type { Order, OrderGroup, Position } from '../../shared/model';
import type {
  CancelSymbolRequest,
  CancelSymbolResult,
  FlattenRequest,
  PlaceGroupResult,
  PositionOrdersResult,
  ReverseRequest,
} from '../../shared/order-commands';
import { normalizeSymbol } from '../../shared/symbols';
import { CANCEL_CONFIRM_MS, expectedPosition, unconfirmed, waitUntil, type BookWatch, type CancelSent } from './cancel-confirm';
import type { OrderBook } from './order-book';
import { closingOrder } from './order-checks';
import type { PlaceOptions } from './order-placement';
import type { SessionManager } from './session-manager';

export interface PositionOrderDeps {
  sessions: SessionManager;
  orders: OrderBook;
  positions(): Position[];
  cancel(account: string, orderId: number): Result<null>;
  placeGroup(group: OrderGroup, options?: PlaceOptions): Promise<Result<PlaceGroupResult>>;
  log(level: 'info' | 'warn' | 'error', account: string, message: string): void;
  /** Order and position updates as they arrive, and the clock that bounds the wait for cancels. */
  books: BookWatch;
  /** How long IB gets to confirm a flatten's cancels; default CANCEL_CONFIRM_MS. */
  confirmMs?: number;
}

export interface PositionOrders {
  cancelSymbol(request: CancelSymbolRequest): Result<CancelSymbolResult>;
  flatten(request: FlattenRequest): Promise<Result<PositionOrdersResult>>;
  reverse(request: ReverseRequest): Promise<Result<PositionOrdersResult>>;
}

/** The accounts a request names: one (it must exist), or every configured account. */
function accountsOf(sessions: SessionManager, account: string | undefined): string[] | string {
  if (account === undefined) return sessions.list().map((m) => m.spec.id);
  return sessions.get(account) ? [account] : `unknown account "${account}"`;
}

const cancellable = (order: Order): boolean => order.status !== 'pending-cancel';

/**
 * A market order on the closing side already covering the move (a flatten or reverse a
 * moment ago whose fill has not reached the position yet): a repeated key must not send a
 * second one, which would overshoot into the other side. The sentence, or null.
 */
export function closeUnderWay(working: readonly Order[], symbol: string, held: number, times: 1 | 2): string | null {
  if (!Number.isFinite(held) || held === 0) return null;
  const side = held > 0 ? 'SELL' : 'BUY';
  const under = working.filter((o) => o.symbol === symbol && o.type === 'market' && o.side === side);
  const covered = under.reduce((sum, o) => sum + o.remaining, 0);
  if (under.length === 0 || covered < Math.abs(held) * times) return null;
  return `a market ${side} for ${symbol} is already working (${under.map((o) => `#${o.orderId}`).join(', ')}): nothing more sent`;
}

type Target = { account: string; symbol: string };
type Closed = { orderIds: number[]; problems: string[] };

const ids = (orderIds: readonly number[]): string => orderIds.map((id) => `#${id}`).join(', ');
const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(1))} s`;
const heldIn = (positions: readonly Position[], { account, symbol }: Target): number =>
  positions.find((p) => p.account === account && p.symbol === symbol)?.quantity ?? 0;

const sentOf = (order: Order): CancelSent => ({ orderId: order.orderId, side: order.side, filled: order.filled });

/** Cancels the symbol's working orders in one account; the sentences of those that could not be. */
function cancelIn(deps: PositionOrderDeps, account: string, symbol: string): { cancelled: CancelSent[]; refused: string[] } {
  const cancelled: CancelSent[] = [];
  const refused: string[] = [];
  for (const order of deps.orders.working(account).filter((o) => o.symbol === symbol && cancellable(o))) {
    const r = deps.cancel(account, order.orderId);
    if (r.ok) cancelled.push(sentOf(order));
    else refused.push(`order ${order.orderId}: ${r.error.message}`);
  }
  return { cancelled, refused };
}

/**
 * Waits until IB has confirmed every cancel done and the position shows whatever they
 * filled meanwhile; null then, else why the closing order must not be sized yet.
 */
async function confirmed(deps: PositionOrderDeps, target: Target, held: number, sent: readonly CancelSent[]): Promise<string | null> {
  if (sent.length === 0) return null;
  const confirmMs = deps.confirmMs ?? CANCEL_CONFIRM_MS;
  const rowOf = (orderId: number): Order | undefined => deps.orders.get(target.account, orderId);
  const settled = (): boolean =>
    unconfirmed(sent, rowOf).length === 0 && heldIn(deps.positions(), target) === expectedPosition(held, sent, rowOf);
  if (await waitUntil(deps.books, confirmMs, settled)) return null;
  const open = unconfirmed(sent, rowOf);
  if (open.length > 0) return `cancel of ${ids(open)} not confirmed in ${seconds(confirmMs)}`;
  const filled = sent.filter((s) => (rowOf(s.orderId)?.filled ?? s.filled) > s.filled).map((s) => s.orderId);
  return `the position has not shown the fill of ${ids(filled)} after ${seconds(confirmMs)}`;
}

/**
 * One (account, symbol): cancel its working orders (a flatten does so even when flat; a
 * reverse only with a position to reverse), wait for IB to confirm them, then size the
 * closing order from the position as it is then.
 */
async function closeOne(deps: PositionOrderDeps, target: Target, times: 1 | 2, label: string): Promise<Closed> {
  const { account, symbol } = target;
  const held = heldIn(deps.positions(), target);
  const busy = closeUnderWay(deps.orders.working(account), symbol, held, times);
  if (busy) return { orderIds: [], problems: [busy] };
  if (times === 2 && closingOrder(account, symbol, held, times) === null) return { orderIds: [], problems: [] };
  // Orders whose cancel is already on its way (the trader's, or an earlier key) can still fill: wait for them too.
  const cancelling = deps.orders.working(account).filter((o) => o.symbol === symbol && !cancellable(o)).map(sentOf);
  const { cancelled, refused } = cancelIn(deps, account, symbol);
  const late = await confirmed(deps, target, held, [...cancelling, ...cancelled]);
  if (late !== null) return { orderIds: [], problems: [...refused, `${label} not sent: ${late}`] };
  const now = heldIn(deps.positions(), target);
  const started = closeUnderWay(deps.orders.working(account), symbol, now, times);
  if (started) return { orderIds: [], problems: [...refused, started] };
  const order = closingOrder(account, symbol, now, times);
  if (!order) {
    if (held !== 0) deps.log('info', account, `${label}: flat once the cancels were confirmed — nothing sent`);
    return { orderIds: [], problems: refused };
  }
  // Reversing opens a new position: it passes the risk limits like any order. Closing is never kept back by them.
  const placed = await deps.placeGroup({ kind: 'single', order }, times === 1 ? { closing: true } : {});
  if (placed.ok) return { orderIds: placed.value.orderIds, problems: refused };
  return { orderIds: [], problems: [...refused, `${symbol} in ${account}: ${placed.error.message}`] };
}

/**
 * One flatten or reverse per (account, symbol) at a time: a second key while the first still
 * waits for its cancels would size its own close from the same position and overshoot.
 */
async function closeOnce(deps: PositionOrderDeps, underWay: Set<string>, target: Target, times: 1 | 2, label: string): Promise<Closed> {
  const key = `${target.account}\u0000${target.symbol}`;
  if (underWay.has(key)) {
    return { orderIds: [], problems: [`${label} not sent: an earlier flatten or reverse of ${target.symbol} is still waiting for its cancels`] };
  }
  underWay.add(key);
  try {
    return await closeOne(deps, target, times, label);
  } finally {
    underWay.delete(key);
  }
}

/** Every (account, symbol) at once: one symbol's wait for its cancels never delays another's close. */
async function closeIn(deps: PositionOrderDeps, underWay: Set<string>, targets: Target[], times: 1 | 2): Promise<Result<PositionOrdersResult>> {
  const accounts = new Set(targets.map((t) => t.account));
  const label = (t: Target): string => `${times === 1 ? 'Flatten' : 'Reverse'} ${t.symbol}${accounts.size > 1 ? ` in ${t.account}` : ''}`;
  const closed = await Promise.all(targets.map((t) => closeOnce(deps, underWay, t, times, label(t))));
  const orderIds = closed.flatMap((c) => c.orderIds);
  const problems = closed.flatMap((c) => c.problems);
  if (problems.length > 0 && orderIds.length === 0) return err('order-refused', problems.join('; '));
  for (const problem of problems) deps.log('warn', 'host', problem);
  return ok({ orderIds });
}

export function createPositionOrders(deps: PositionOrderDeps): PositionOrders {
  /** The (account, symbol) pairs a flatten or reverse is working on now. */
  const underWay = new Set<string>();
  const held = (accounts: string[]): Target[] =>
    deps.positions().filter((p) => accounts.includes(p.account) && p.quantity !== 0).map((p) => ({ account: p.account, symbol: p.symbol }));

  return {
    cancelSymbol({ account, symbol }) {
      const n = normalizeSymbol(symbol);
      if (!n.ok) return err('symbol-unknown', n.reason);
      const accounts = accountsOf(deps.sessions, account);
      if (typeof accounts === 'string') return err('unknown-account', accounts);
      const cancelled: number[] = [];
      const refused: string[] = [];
      for (const id of accounts) {
        const r = cancelIn(deps, id, n.symbol);
        cancelled.push(...r.cancelled.map((c) => c.orderId));
        refused.push(...r.refused);
      }
      if (refused.length > 0 && cancelled.length === 0) return err('order-refused', refused.join('; '));
      return ok({ cancelled, refused });
    },
    async flatten({ account, symbol }) {
      const accounts = accountsOf(deps.sessions, account);
      if (typeof accounts === 'string') return err('unknown-account', accounts);
      if (typeof symbol !== 'string') return closeIn(deps, underWay, held(accounts), 1);
      const n = normalizeSymbol(symbol);
      if (!n.ok) return err('symbol-unknown', n.reason);
      return closeIn(deps, underWay, accounts.map((id) => ({ account: id, symbol: n.symbol })), 1);
    },
    async reverse({ account, symbol }) {
      const accounts = accountsOf(deps.sessions, account);
      if (typeof accounts === 'string') return err('unknown-account', accounts);
      const n = normalizeSymbol(symbol);
      if (!n.ok) return err('symbol-unknown', n.reason);
      return closeIn(deps, underWay, accounts.map((id) => ({ account: id, symbol: n.symbol })), 2);
    },
  };
}
