// ArrowUp / ArrowDown in a ticket price field: one tick up or down, the tick
// taken from the instrument's market rule at that price (IB reqMarketRule), so
// a stock under $1 steps by 0.0001 and one at $1 or above by 0.01. Pure.

import type { Instrument } from '../../shared/model';
import { roundToTick, tickFor } from '../../shared/order-rules';

/** The next price text, or null when the field holds no positive price to step from. */
export function stepPrice(text: string, direction: 1 | -1, instrument: Pick<Instrument, 'minTick' | 'priceIncrements'> | undefined): string | null {
  const price = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(price) || price <= 0) return null;
  const minTick = instrument?.minTick || 0.01;
  // Stepping down from a level's low edge uses the increment below it (1.00 -> 0.9999).
  const tick = tickFor(direction === 1 ? price : price - 1e-9, instrument?.priceIncrements, minTick);
  if (!(tick > 0)) return null;
  const next = roundToTick(roundToTick(price, tick) + direction * tick, tick);
  if (next <= 0) return null;
  const decimals = Math.max(2, Math.min(4, (String(tick).split('.')[1] ?? '').length));
  return next.toFixed(decimals);
}
