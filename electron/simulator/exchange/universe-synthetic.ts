// Synthetic listings for scale runs: a screen of many small watchlists needs
// more live symbols than the ~300 real-looking ones in universe.ts. With
// `syntheticListings: N` (CLI `--synthetic-symbols N`) the simulator adds N
// clearly made-up names, ZSYN0001 ... ZSYN9999, after its own universe, which is
// left as it is. Deterministic: the same N always gives the same symbols,
// conIds and starting prices. Pure.

import type { UniverseEntry } from './types';

export const SYNTHETIC_PREFIX = 'ZSYN';
export const MAX_SYNTHETIC_LISTINGS = 9999;
/** conIds 910000001 ... 910009999: above every conId in universe.ts. */
export const SYNTHETIC_CONID_BASE = 910_000_000;

const EXCHANGES = ['NASDAQ', 'NYSE', 'ARCA'] as const;

/** The sentence that refuses a bad count, or null. */
export function syntheticCountProblem(count: unknown): string | null {
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > MAX_SYNTHETIC_LISTINGS) {
    return `syntheticListings must be a whole number from 0 to ${MAX_SYNTHETIC_LISTINGS}, got ${JSON.stringify(count)}`;
  }
  return null;
}

/** The i-th synthetic listing (1-based). */
function listing(i: number): UniverseEntry {
  const digits = String(i).padStart(4, '0');
  // Spread the prices over 5.00 ... 504.99 without a PRNG: a fixed permutation of the index.
  const basePrice = (500 + ((i * 7919) % 50_000)) / 100;
  return Object.freeze({
    symbol: `${SYNTHETIC_PREFIX}${digits}`,
    conId: SYNTHETIC_CONID_BASE + i,
    primaryExchange: EXCHANGES[i % EXCHANGES.length] ?? 'NASDAQ',
    minTick: 0.01,
    longName: `SYNTHETIC LISTING ${digits}`,
    basePrice,
    livePermission: true,
  });
}

/** ZSYN0001 ... ZSYN{count}; throws a RangeError with a sentence on a bad count. */
export function syntheticListings(count: number): UniverseEntry[] {
  const problem = syntheticCountProblem(count);
  if (problem) throw new RangeError(problem);
  return Array.from({ length: count }, (_, k) => listing(k + 1));
}
