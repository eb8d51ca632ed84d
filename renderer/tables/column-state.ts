// Saved column choices <-> the headless table's state. Pure: unknown ids in a saved
// choice are dropped, columns added since are shown at the end, widths stay in bounds.

import type { TableColumns } from '../../shared/model';

export interface ColumnSpec {
  id: string;
  label: string;
  /** Right-aligned numbers. */
  num?: boolean;
  /** Default width in px. */
  size: number;
  /** A column the trader cannot hide (the one naming the row). */
  required?: boolean;
  /** Header text only for screen readers (an actions column). */
  srOnly?: boolean;
}

export const MIN_COLUMN_WIDTH = 32;
export const MAX_COLUMN_WIDTH = 1200;

export interface ColumnState {
  columnOrder: string[];
  columnVisibility: Record<string, boolean>;
  columnSizing: Record<string, number>;
}

export function toColumnState(specs: readonly ColumnSpec[], saved: TableColumns | undefined): ColumnState {
  const ids = specs.map((s) => s.id);
  const known = new Set(ids);
  const savedOrder = (saved?.order ?? []).filter((id) => known.has(id));
  const columnOrder = [...new Set([...savedOrder, ...ids])];
  const hidden = new Set((saved?.hidden ?? []).filter((id) => known.has(id)));
  const columnVisibility = Object.fromEntries(specs.map((s) => [s.id, s.required === true || !hidden.has(s.id)]));
  const columnSizing: Record<string, number> = {};
  for (const [id, width] of Object.entries(saved?.sizes ?? {})) {
    if (known.has(id) && Number.isFinite(width)) columnSizing[id] = Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, Math.round(width)));
  }
  return { columnOrder, columnVisibility, columnSizing };
}

export function fromColumnState(state: ColumnState): TableColumns {
  return {
    order: [...state.columnOrder],
    hidden: Object.entries(state.columnVisibility)
      .filter(([, visible]) => !visible)
      .map(([id]) => id),
    sizes: Object.fromEntries(Object.entries(state.columnSizing).map(([id, w]) => [id, Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, Math.round(w)))])),
  };
}

/** The order with `id` moved one place toward the start (-1) or the end (+1). */
export function moveColumn(order: readonly string[], id: string, step: -1 | 1): string[] {
  const at = order.indexOf(id);
  const to = at + step;
  if (at === -1 || to < 0 || to >= order.length) return [...order];
  const next = [...order];
  next.splice(at, 1);
  next.splice(to, 0, id);
  return next;
}
