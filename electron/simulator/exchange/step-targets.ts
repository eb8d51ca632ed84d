// Which symbols step(count, conIds) moves, and how often each one is drawn.
// Watched symbols (the server passes the conIds clients subscribe to) share the
// ticks evenly. A symbol that only has working orders is not watched by anyone,
// but its stops and limits must still be able to trigger, so it is drawn too, at
// 1/WATCHED_WEIGHT of a watched symbol's share: it moves occasionally without
// taking much from what traders are looking at. With nothing watched, symbols
// with working orders get all the ticks; with neither, nothing moves.
//
// Candidates are sorted by conId so the same seed and the same set of conIds give
// the same market whatever order the subscriptions arrived in.

import type { Prng } from './prng';

/** Draws of a watched symbol per draw of a symbol that only has working orders. */
export const WATCHED_WEIGHT = 10;

export class StepTargets<T> {
  private readonly watchedSlots: number;
  private readonly total: number;

  constructor(
    readonly watched: readonly T[],
    readonly restingOnly: readonly T[],
  ) {
    this.watchedSlots = watched.length * WATCHED_WEIGHT;
    this.total = this.watchedSlots + restingOnly.length;
  }

  get isEmpty(): boolean {
    return this.total === 0;
  }

  /** One symbol, drawn with the weights above. Only call when !isEmpty. */
  draw(rng: Prng): T {
    const slot = rng.nextInt(this.total);
    if (slot < this.watchedSlots) return this.watched[Math.floor(slot / WATCHED_WEIGHT)] as T;
    return this.restingOnly[slot - this.watchedSlots] as T;
  }
}

/**
 * Resolves conIds to books (unknown conIds are ignored, repeats count once).
 * `resting` lists the conIds with working orders.
 */
export function stepTargets<T>(
  watchedConIds: readonly number[],
  resting: Iterable<number>,
  lookup: (conId: number) => T | undefined,
): StepTargets<T> {
  const watchedIds = [...new Set(watchedConIds)].filter((id) => lookup(id) !== undefined).sort((a, b) => a - b);
  const watchedSet = new Set(watchedIds);
  const restingIds = [...new Set(resting)].filter((id) => !watchedSet.has(id) && lookup(id) !== undefined).sort((a, b) => a - b);
  return new StepTargets(
    watchedIds.map((id) => lookup(id) as T),
    restingIds.map((id) => lookup(id) as T),
  );
}
