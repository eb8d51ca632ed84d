// IB tick types -> QuoteField + delayed flag, as flat tables indexed by tick
// type so the tick path is two array reads and no allocation.

import type { QuoteField } from '../../../shared/model';

const TABLE_SIZE = 100;

/** TICK_FIELD[tickType] = the quote field it updates, or undefined when we ignore it. */
export const TICK_FIELD: readonly (QuoteField | undefined)[] = (() => {
  const t = new Array<QuoteField | undefined>(TABLE_SIZE).fill(undefined);
  const set = (field: QuoteField, live: number, delayed: number): void => {
    t[live] = field;
    t[delayed] = field;
  };
  set('bidSize', 0, 69);
  set('bid', 1, 66);
  set('ask', 2, 67);
  set('askSize', 3, 70);
  set('last', 4, 68);
  set('lastSize', 5, 71);
  set('high', 6, 72);
  set('low', 7, 73);
  set('volume', 8, 74);
  set('close', 9, 75);
  set('open', 14, 76);
  return t;
})();

/** 1 where the tick type only exists in delayed streams (66-76, 88 delayed last timestamp). */
export const DELAYED_TICK: Uint8Array = (() => {
  const t = new Uint8Array(TABLE_SIZE);
  for (let i = 66; i <= 76; i++) t[i] = 1;
  t[88] = 1;
  return t;
})();

/** The pure, testable view of the tables: null when the tick type is not one we use. */
export function mapTickType(tickType: number): { field: QuoteField | null; delayed: boolean } | null {
  if (!Number.isInteger(tickType) || tickType < 0 || tickType >= TABLE_SIZE) return null;
  const field = TICK_FIELD[tickType] ?? null;
  const delayed = DELAYED_TICK[tickType] === 1;
  if (!field && !delayed) return null;
  return { field, delayed };
}

/** IB's "no value": -1 for an empty book side, MAX_VALUE (or decoded undefined) for unset. */
export function isUnsetTickValue(value: number | undefined): boolean {
  // `!(value >= 0)` also catches undefined and NaN without a second branch.
  return value === undefined || !(value >= 0) || value >= 1e300;
}
