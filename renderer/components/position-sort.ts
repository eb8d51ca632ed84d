// Sorting the positions table by a clicked column. Pure.

import type { Position } from '../../shared/model';

export type PositionColumn =
  | 'account'
  | 'symbol'
  | 'quantity'
  | 'avgCost'
  | 'marketPrice'
  | 'marketValue'
  | 'unrealizedPnl'
  | 'realizedPnl'
  | 'dailyPnl';

/** A position with its daily P&L (IB reqPnLSingle), which streams apart from the position. */
export type PositionRow = Position & { dailyPnl?: number | null };

export interface SortSpec {
  column: PositionColumn;
  descending: boolean;
}

/** Nulls (not reported yet) sort last whichever the direction. */
export function sortPositions<T extends PositionRow>(rows: readonly T[], spec: SortSpec): T[] {
  const dir = spec.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = a[spec.column] ?? null;
    const y = b[spec.column] ?? null;
    if (x === null && y === null) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    const c = typeof x === 'string' && typeof y === 'string' ? x.localeCompare(y) : Number(x) - Number(y);
    return c * dir || a.symbol.localeCompare(b.symbol);
  });
}

/** Clicking the sorted column flips it; another column sorts ascending. */
export function nextSort(current: SortSpec, column: PositionColumn): SortSpec {
  return current.column === column ? { column, descending: !current.descending } : { column, descending: false };
}
