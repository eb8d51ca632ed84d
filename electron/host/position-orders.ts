// Orders by symbol and position: cancel every working order of a symbol,
// flatten (cancel the symbol's working orders, then one market order that
// closes the position) and reverse (the same, with one order of twice the
// position: see docs/ARCHITECTURE.md "Orders"). No account = every account.

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

export function createPositionOrders(deps: PositionOrderDeps): PositionOrders {
  /** Cancels the symbol's working orders in one account; the sentences of those that could not be. */
  const cancelIn = (account: string, symbol: string): { cancelled: number[]; refused: string[] } => {
    const cancelled: number[] = [];
    const refused: string[] = [];
    for (const order of deps.orders.working(account).filter((o) => o.symbol === symbol && cancellable(o))) {
      const r = deps.cancel(account, order.orderId);
      if (r.ok) cancelled.push(order.orderId);
      else refused.push(`order ${order.orderId}: ${r.error.message}`);
    }
    return { cancelled, refused };
  };

  /**
   * For each (account, symbol): cancel its working orders (a flatten does so even when
   * flat; a reverse only with a position to reverse), then send the closing order.
   */
  const closeIn = async (targets: Array<{ account: string; symbol: string }>, times: 1 | 2): Promise<Result<PositionOrdersResult>> => {
    const orderIds: number[] = [];
    const problems: string[] = [];
    const positions = deps.positions();
    for (const { account, symbol } of targets) {
      const held = positions.find((p) => p.account === account && p.symbol === symbol)?.quantity ?? 0;
      const busy = closeUnderWay(deps.orders.working(account), symbol, held, times);
      if (busy) {
        problems.push(busy);
        continue;
      }
      const order = closingOrder(account, symbol, held, times);
      if (order || times === 1) problems.push(...cancelIn(account, symbol).refused);
      if (!order) continue;
      // Reversing opens a new position: it passes the risk limits like any order. Closing is never kept back by them.
      const placed = await deps.placeGroup({ kind: 'single', order }, times === 1 ? { closing: true } : {});
      if (placed.ok) orderIds.push(...placed.value.orderIds);
      else problems.push(`${symbol} in ${account}: ${placed.error.message}`);
    }
    if (problems.length > 0 && orderIds.length === 0) return err('order-refused', problems.join('; '));
    for (const problem of problems) deps.log('warn', 'host', problem);
    return ok({ orderIds });
  };

  const held = (accounts: string[]): Array<{ account: string; symbol: string }> =>
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
        const r = cancelIn(id, n.symbol);
        cancelled.push(...r.cancelled);
        refused.push(...r.refused);
      }
      if (refused.length > 0 && cancelled.length === 0) return err('order-refused', refused.join('; '));
      return ok({ cancelled, refused });
    },
    async flatten({ account, symbol }) {
      const accounts = accountsOf(deps.sessions, account);
      if (typeof accounts === 'string') return err('unknown-account', accounts);
      if (typeof symbol !== 'string') return closeIn(held(accounts), 1);
      const n = normalizeSymbol(symbol);
      if (!n.ok) return err('symbol-unknown', n.reason);
      return closeIn(accounts.map((id) => ({ account: id, symbol: n.symbol })), 1);
    },
    async reverse({ account, symbol }) {
      const accounts = accountsOf(deps.sessions, account);
      if (typeof accounts === 'string') return err('unknown-account', accounts);
      const n = normalizeSymbol(symbol);
      if (!n.ok) return err('symbol-unknown', n.reason);
      return closeIn(accounts.map((id) => ({ account: id, symbol: n.symbol })), 2);
    },
  };
}
