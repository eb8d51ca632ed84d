// Prices inside the exchange are whole numbers of ticks, so the random walk and
// the matching compare integers and never drift off the tick through float error.

/** How many ticks make one dollar (100 for 0.01, 10,000 for 0.0001). */
export function ticksPerDollar(minTick: number): number {
  if (!(minTick > 0) || !Number.isFinite(minTick)) throw new RangeError(`minTick must be positive, got ${String(minTick)}`);
  return Math.round(1 / minTick);
}

/** A price in dollars as whole ticks, or null when it is not on the tick grid. */
export function priceToTicks(price: number, perDollar: number): number | null {
  if (!Number.isFinite(price)) return null;
  const raw = price * perDollar;
  const whole = Math.round(raw);
  // Tolerate representation error (187.55 * 100 = 18754.999999999996), nothing more.
  return Math.abs(raw - whole) < 1e-6 ? whole : null;
}

/** Whole ticks back to dollars; dividing gives the closest double to the decimal price. */
export function ticksToPrice(ticks: number, perDollar: number): number {
  return ticks / perDollar;
}
