// Which IB order types the simulator accepts, which it works, and when each may
// work in the New York trading day. Pure.
//
// - Worked: MKT, LMT, STP, STP LMT, TRAIL, TRAIL LIMIT (see matching.ts, trailing.ts).
// - Resting ("foreign"): IB types the workstation may meet from other clients or
//   TWS itself. They are accepted, reported with their real type and prices, and
//   can be modified and cancelled; they never trade, except MOC (fills at the last
//   price when the regular session closes) and LOC (fills there if the limit allows).
// - Refused with 387: types whose OPEN_ORDER needs fields we do not model (PEG BENCH,
//   VOL and the volatility pegs, PEG STK) and anything IB does not know.

import type { SimOrderType, SimSession } from './types';

export const WORKED_TYPES: readonly SimOrderType[] = ['MKT', 'LMT', 'STP', 'STP LMT', 'TRAIL', 'TRAIL LIMIT'];

export const RESTING_TYPES: readonly string[] = [
  'REL', 'MIDPRICE', 'LIT', 'MIT', 'MOC', 'LOC', 'MTL', 'MKT PRT', 'STP PRT', 'PEG MID', 'PEG MKT', 'PEG PRIM',
  'PEG BEST', 'PASSV REL', 'REL + LMT', 'REL + MKT', 'LMT + MKT', 'SNAP MID', 'SNAP MKT', 'SNAP PRIM', 'TRAIL LIT',
  'TRAIL MIT', 'TRAIL REL + MKT', 'TRAIL LMT + MKT', 'BOX TOP', 'VWAP',
];

export function isWorkedType(orderType: string): orderType is SimOrderType {
  return (WORKED_TYPES as readonly string[]).includes(orderType);
}

export function isRestingType(orderType: string): boolean {
  return RESTING_TYPES.includes(orderType);
}

export function isTrailType(orderType: string): boolean {
  return orderType === 'TRAIL' || orderType === 'TRAIL LIMIT';
}

/** Stops and trails wait for their trigger before they work. */
export function isTriggerType(orderType: string): boolean {
  return orderType === 'STP' || orderType === 'STP LMT' || isTrailType(orderType);
}

/** Executes at the regular close (MOC, LOC). */
export function isAtCloseType(orderType: string): boolean {
  return orderType === 'MOC' || orderType === 'LOC';
}

/**
 * May this order work now? The regular session works everything; pre-market and
 * after hours only limit-priced orders marked outsideRth (as IB: market and stop
 * orders wait for 09:30); nothing works while closed.
 */
export function mayWorkIn(session: SimSession, order: { orderType: string; outsideRth: boolean }): boolean {
  if (session === 'OPEN') return true;
  if (session === 'CLOSED') return false;
  return order.outsideRth && (order.orderType === 'LMT' || order.orderType === 'STP LMT' || order.orderType === 'TRAIL LIMIT');
}
