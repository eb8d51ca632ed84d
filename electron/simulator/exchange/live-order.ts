// The exchange's mutable per-account and per-order state, shared by the order
// engine (orders, fills) and the exchange (funds, positions, queries).

import type { PositionBook } from './accounting';
import type { SymbolBook } from './market';
import type { TrailSpec } from './trailing';
import type { SimExecution, SimOrder, SimOrderStatus } from './types';

export interface AccountState {
  readonly id: string;
  cash: number;
  highestOrderId: number;
  rejectNext: string | null;
  readonly orders: Map<number, LiveOrder>;
  readonly positions: Map<number, PositionBook>;
  readonly executions: SimExecution[];
}

export interface LiveOrder {
  readonly order: SimOrder;
  readonly account: AccountState;
  readonly book: SymbolBook;
  lmtTicks: number | null;
  /** STP / STP LMT: the stop; TRAIL: the trailing amount (see trail). */
  auxTicks: number | null;
  /** TRAIL / TRAIL LIMIT only. */
  trail: TrailSpec | null;
  /** The current trailing stop in ticks (null until the trail starts). */
  trailStopTicks: number | null;
  lmtOffsetTicks: number | null;
  /** Price used to reserve funds for a working BUY (limit, stop, or the ask). */
  refPrice: number;
  /** transmit=false and not yet transmitted: held, not working. */
  held: boolean;
  commissionPaid: number;
  filledValue: number;
}

export const TERMINAL: ReadonlySet<SimOrderStatus> = new Set<SimOrderStatus>(['Filled', 'Cancelled', 'Inactive']);

export function isTerminal(live: LiveOrder): boolean {
  return TERMINAL.has(live.order.status);
}

/** The order's OCA group key: its explicit group, or its bracket parent (IB makes bracket children one OCA group). */
export function ocaKey(order: SimOrder): string | null {
  if (order.ocaGroup !== '') return `oca:${order.ocaGroup}`;
  if (order.parentId > 0) return `parent:${order.parentId}`;
  return null;
}
