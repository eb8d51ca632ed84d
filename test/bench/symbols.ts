// The symbols a benchmark subscribes: the simulator's live, unambiguous names
// first (about 300), then its synthetic listings ZSYN0001... for the rest, so
// `--scale-symbols 1000` really subscribes 1,000. Whoever starts the simulator
// passes `syntheticListings: syntheticNeeded(count)`.

import { UNIVERSE } from '../../electron/simulator/exchange/universe';
import { syntheticListings } from '../../electron/simulator/exchange/universe-synthetic';

/** Live-data symbols the simulator lists once each (no ambiguous, no delayed-only names). */
function realSymbols(): string[] {
  const bySymbol = new Map<string, number>();
  for (const e of UNIVERSE) bySymbol.set(e.symbol, (bySymbol.get(e.symbol) ?? 0) + 1);
  return UNIVERSE.filter((e) => e.livePermission && bySymbol.get(e.symbol) === 1).map((e) => e.symbol);
}

/** Synthetic listings the simulator needs for `count` benchmark symbols. */
export function syntheticNeeded(count: number): number {
  return Math.max(0, count - realSymbols().length);
}

/** `count` symbols: the real ones first, then ZSYN0001... */
export function benchSymbols(count: number): string[] {
  const real = realSymbols();
  return [...real.slice(0, count), ...syntheticListings(syntheticNeeded(count)).map((l) => l.symbol)];
}
