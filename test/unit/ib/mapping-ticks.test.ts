import { describe, expect, it } from 'vitest';
import { DELAYED_TICK, isUnsetTickValue, mapTickType, TICK_FIELD } from '../../../electron/ib/mapping/ticks';

describe('tick types', () => {
  it('maps live tick types to quote fields', () => {
    const live = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 14].map((t) => mapTickType(t));
    expect(live).toEqual([
      { field: 'bidSize', delayed: false },
      { field: 'bid', delayed: false },
      { field: 'ask', delayed: false },
      { field: 'askSize', delayed: false },
      { field: 'last', delayed: false },
      { field: 'lastSize', delayed: false },
      { field: 'high', delayed: false },
      { field: 'low', delayed: false },
      { field: 'volume', delayed: false },
      { field: 'close', delayed: false },
      { field: 'open', delayed: false },
    ]);
  });

  it('maps delayed tick types 66-76 to the same fields, flagged delayed', () => {
    const delayed = [66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76].map((t) => mapTickType(t)?.field);
    expect(delayed).toEqual(['bid', 'ask', 'last', 'bidSize', 'askSize', 'lastSize', 'high', 'low', 'volume', 'close', 'open']);
    expect([66, 71, 76].map((t) => mapTickType(t)?.delayed)).toEqual([true, true, true]);
  });

  it('treats 88 (delayed last timestamp) as a delayed marker without a field', () => {
    expect(mapTickType(88)).toEqual({ field: null, delayed: true });
  });

  it('ignores tick types we do not show and out-of-range numbers', () => {
    expect(mapTickType(45)).toBeNull();
    expect(mapTickType(48)).toBeNull();
    expect(mapTickType(-1)).toBeNull();
    expect(mapTickType(1000)).toBeNull();
    expect(mapTickType(1.5)).toBeNull();
  });

  it('exposes the same answers as flat tables for the hot path', () => {
    expect(TICK_FIELD[4]).toBe('last');
    expect(TICK_FIELD[68]).toBe('last');
    expect(TICK_FIELD[45]).toBeUndefined();
    expect(DELAYED_TICK[68]).toBe(1);
    expect(DELAYED_TICK[4]).toBe(0);
  });

  it('recognises IB unset values', () => {
    expect(isUnsetTickValue(-1)).toBe(true);
    expect(isUnsetTickValue(undefined)).toBe(true);
    expect(isUnsetTickValue(Number.NaN)).toBe(true);
    expect(isUnsetTickValue(Number.MAX_VALUE)).toBe(true);
    expect(isUnsetTickValue(2147483647)).toBe(false);
    expect(isUnsetTickValue(0)).toBe(false);
    expect(isUnsetTickValue(187.5)).toBe(false);
  });
});
