// The Orders tables' row order: each bracket child right under its parent (indented, with
// its role), the rest newest first. Pure.

import type { Order } from '../../shared/model';
import { byNewest } from './order-text';

/** TP / SL for a bracket child (by its type), OCA for an order in an OCA group without a parent. */
export type OrderRole = 'TP' | 'SL' | 'OCA';

export function orderRole(o: Order): OrderRole | null {
  if (o.parentId != null && o.parentId !== 0) return o.type === 'limit' ? 'TP' : 'SL';
  if (o.ocaGroup != null && o.ocaGroup !== '') return 'OCA';
  return null;
}

export interface TreeRow {
  key: string;
  /** 1 for a child shown under its parent, else 0. */
  depth: number;
}

/**
 * Newest first, children after their parent (take-profit before stop-loss, then by id).
 * A child whose parent is not in `orders` (the parent filled and moved to Completed)
 * stands on its own.
 */
export function orderTree(orders: readonly Order[]): TreeRow[] {
  const byParent = new Map<string, Order[]>();
  const present = new Set(orders.map((o) => `${o.account}:${o.orderId}`));
  const roots: Order[] = [];
  for (const o of orders) {
    const parent = o.parentId != null && o.parentId !== 0 ? `${o.account}:${o.parentId}` : null;
    if (parent !== null && present.has(parent) && parent !== o.key) {
      const list = byParent.get(parent) ?? [];
      list.push(o);
      byParent.set(parent, list);
    } else {
      roots.push(o);
    }
  }
  const rank = (o: Order): number => (orderRole(o) === 'TP' ? 0 : 1);
  const rows: TreeRow[] = [];
  for (const root of [...roots].sort(byNewest)) {
    rows.push({ key: root.key, depth: 0 });
    const children = byParent.get(`${root.account}:${root.orderId}`) ?? [];
    children.sort((a, b) => rank(a) - rank(b) || a.orderId - b.orderId);
    for (const child of children) rows.push({ key: child.key, depth: 1 });
  }
  return rows;
}
