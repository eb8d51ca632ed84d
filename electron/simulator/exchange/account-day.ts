// The account's day beyond live state: the positions held at the start of the
// day (for daily P&L), when each order finished, and the orders refused at
// placement, so reqCompletedOrders can list the whole day.

import { TERMINAL, type AccountState } from './live-order';
import type { NewOrder, SimCompletedOrder, SimOrder, SimReject, SimStartingPosition, UniverseEntry } from './types';

/** Permanent ids of orders refused at placement (TWS gives them one too); apart from accepted orders' range. */
const FIRST_REJECTED_PERM_ID = 1_900_000_001;

export class AccountDay {
  /** account -> conId -> shares held at the start of the day. */
  private readonly startQuantities = new Map<string, Map<number, number>>();
  private readonly completedAt = new Map<string, number>();
  private readonly rejected = new Map<string, SimCompletedOrder[]>();
  private nextRejectedPermId = FIRST_REJECTED_PERM_ID;

  constructor(private readonly now: () => number) {}

  /** Books the starting positions into the account and remembers them as the day's start. */
  open(account: AccountState, positions: readonly SimStartingPosition[], find: (symbol: string) => UniverseEntry | undefined): void {
    const start = new Map<number, number>();
    for (const p of positions) {
      const entry = find(p.symbol);
      if (!entry) throw new RangeError(`startingPositions: unknown symbol ${p.symbol}`);
      if (!Number.isFinite(p.quantity) || !Number.isFinite(p.avgCost) || p.avgCost <= 0) {
        throw new RangeError(`startingPositions: bad quantity or cost for ${p.symbol}`);
      }
      account.positions.set(entry.conId, { quantity: p.quantity, avgCost: p.avgCost, realizedPnl: 0 });
      start.set(entry.conId, p.quantity);
    }
    this.startQuantities.set(account.id, start);
  }

  startQuantity(account: string, conId: number): number {
    return this.startQuantities.get(account)?.get(conId) ?? 0;
  }

  /** Called with every order update: a terminal status is the order's completion time. */
  noteOrder(order: SimOrder): void {
    const key = `${order.account}|${order.orderId}`;
    if (TERMINAL.has(order.status) && !this.completedAt.has(key)) this.completedAt.set(key, this.now());
  }

  /** An order refused at placement with a new id: it is part of the day (status Inactive). Returns its permId. */
  noteRefused(n: NewOrder, entry: UniverseEntry | undefined, reject: SimReject): number | null {
    if (!entry) return null;
    const order: SimOrder = {
      account: n.account, clientId: n.clientId, orderId: n.orderId, permId: this.nextRejectedPermId++,
      conId: entry.conId, symbol: entry.symbol, action: n.action, quantity: n.quantity, orderType: n.orderType,
      lmtPrice: n.lmtPrice, auxPrice: n.auxPrice, tif: n.tif, status: 'Inactive', parentId: n.parentId ?? 0,
      ocaGroup: n.ocaGroup ?? '', ocaType: n.ocaType ?? 0, outsideRth: n.outsideRth === true,
      trailingPercent: n.trailingPercent ?? null, trailStopPrice: null, lmtPriceOffset: n.lmtPriceOffset ?? null,
      filled: 0, remaining: n.quantity, avgFillPrice: 0, lastFillPrice: 0, triggered: false,
    };
    const list = this.rejected.get(n.account) ?? [];
    list.push({ order, completedAt: this.now(), completedStatus: `Rejected: ${reject.message}` });
    this.rejected.set(n.account, list);
    return order.permId;
  }

  completedOrders(account: AccountState): SimCompletedOrder[] {
    const done: SimCompletedOrder[] = [];
    for (const live of account.orders.values()) {
      const order = live.order;
      if (!TERMINAL.has(order.status)) continue;
      const at = this.completedAt.get(`${account.id}|${order.orderId}`) ?? this.now();
      done.push({ order: { ...order }, completedAt: at, completedStatus: completedStatusText(order) });
    }
    done.push(...(this.rejected.get(account.id) ?? []).map((c) => ({ ...c, order: { ...c.order } })));
    return done.sort((a, b) => a.completedAt - b.completedAt);
  }
}

function completedStatusText(order: SimOrder): string {
  if (order.status === 'Filled') return 'Filled';
  if (order.status === 'Cancelled') return 'Cancelled by Trader';
  return 'Inactive';
}
