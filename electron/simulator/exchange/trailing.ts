// Trailing stops in whole ticks. Pure.
//
// The stop follows the last trade at a fixed distance (an amount, or a percent of
// the last price): a SELL trail's stop only rises (max(previous, last - distance)),
// a BUY trail's only falls (min(previous, last + distance)). When touched it
// triggers: TRAIL becomes a market order, TRAIL LIMIT a limit at stop -/+ offset.

import type { SimSide } from './types';

export interface TrailSpec {
  action: SimSide;
  /** Trailing amount in ticks, or null when the trail is a percent. */
  amountTicks: number | null;
  percent: number | null;
}

/** Distance from the last price to the stop, in ticks (at least one tick). */
export function trailDistance(spec: TrailSpec, lastTicks: number): number {
  if (spec.amountTicks !== null) return Math.max(1, spec.amountTicks);
  const percent = spec.percent ?? 0;
  return Math.max(1, Math.round((lastTicks * percent) / 100));
}

/** The stop after a new last price; `current` null means the trail starts now. */
export function nextTrailStop(spec: TrailSpec, current: number | null, lastTicks: number): number {
  const distance = trailDistance(spec, lastTicks);
  if (spec.action === 'SELL') {
    const candidate = Math.max(1, lastTicks - distance);
    return current === null ? candidate : Math.max(current, candidate);
  }
  const candidate = lastTicks + distance;
  return current === null ? candidate : Math.min(current, candidate);
}

/** TRAIL LIMIT's limit once triggered: below the stop for a sell, above for a buy. */
export function trailLimit(action: SimSide, stopTicks: number, offsetTicks: number): number {
  return action === 'SELL' ? Math.max(1, stopTicks - offsetTicks) : stopTicks + offsetTicks;
}
