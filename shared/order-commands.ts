// Request and result shapes of the order commands DESIGN.md adds (order.place with a
// group, order.modify, order.cancelSymbol, position.flatten, position.reverse). Their zod
// schemas are in shared/schema.ts; they are not in shared/ipc.ts's Commands map yet
// (registering them there needs host handlers, which the host helper adds).

import type { OrderGroup, OrderRequest, TimeInForce, TrailSpec } from './model';

/**
 * What a modify may change. `price` is the command line's `mod N P`: the one price of a
 * limit (limit price), stop (stop price) or trailing order (trail amount). side, symbol
 * and type are here only so a payload that tries to change them is refused with a
 * sentence rather than ignored.
 */
export interface OrderChanges {
  quantity?: number;
  limitPrice?: number;
  stopPrice?: number;
  trail?: TrailSpec;
  tif?: TimeInForce;
  price?: number;
  side?: OrderRequest['side'];
  symbol?: string;
  type?: OrderRequest['type'];
}

/** order.place with a group: one order, a bracket or an OCA exit. */
export interface PlaceGroupRequest {
  group: OrderGroup;
}
/** Ids of every order placed, in sending order (entry first, then take-profit, then stop-loss). */
export interface PlaceGroupResult {
  keys: string[];
  orderIds: number[];
}

export interface ModifyOrderRequest {
  account: string;
  orderId: number;
  changes: OrderChanges;
}
export interface ModifyOrderResult {
  key: string;
  orderId: number;
}

/** Cancel every working order of one symbol (in one account, or every account when absent). */
export interface CancelSymbolRequest {
  account?: string;
  symbol: string;
}
export interface CancelSymbolResult {
  /** Order ids a cancel was sent for (none when nothing was working). */
  cancelled: number[];
  /** Orders whose cancel could not be sent, each with its sentence (`order 7: ...`). */
  refused: string[];
}

/** Close a position (or every position with 'all'): a market order on the other side. */
export interface FlattenRequest {
  account?: string;
  symbol: string | { all: true };
}
/** Close the position and open the same size on the other side. */
export interface ReverseRequest {
  account?: string;
  symbol: string;
}
export interface PositionOrdersResult {
  /** Order ids sent (none when there was nothing to close). */
  orderIds: number[];
}
