import { describe, expect, it } from 'vitest';
import { fromColumnState, moveColumn, toColumnState, type ColumnSpec } from '../../../renderer/tables/column-state';

const SPECS: ColumnSpec[] = [
  { id: 'time', label: 'Time', size: 70 },
  { id: 'symbol', label: 'Symbol', size: 70, required: true },
  { id: 'price', label: 'Price', size: 70, num: true },
];

describe('column choices', () => {
  it('starts from the defaults when nothing is saved', () => {
    expect(toColumnState(SPECS, undefined)).toEqual({
      columnOrder: ['time', 'symbol', 'price'],
      columnVisibility: { time: true, symbol: true, price: true },
      columnSizing: {},
    });
  });

  it('reads a saved choice: unknown ids dropped, new columns at the end, a required column never hidden, widths in bounds', () => {
    const state = toColumnState(SPECS, { order: ['price', 'gone', 'time'], hidden: ['time', 'symbol', 'gone'], sizes: { price: 5000, time: 3, gone: 90 } });
    expect(state).toEqual({
      columnOrder: ['price', 'time', 'symbol'],
      columnVisibility: { time: false, symbol: true, price: true },
      columnSizing: { price: 1200, time: 32 },
    });
  });

  it('writes back what settings.json keeps', () => {
    expect(fromColumnState({ columnOrder: ['price', 'time', 'symbol'], columnVisibility: { time: false, symbol: true, price: true }, columnSizing: { price: 88.4 } })).toEqual({
      order: ['price', 'time', 'symbol'],
      hidden: ['time'],
      sizes: { price: 88 },
    });
  });

  it('moves a column one place, staying put at either end', () => {
    expect(moveColumn(['a', 'b', 'c'], 'b', -1)).toEqual(['b', 'a', 'c']);
    expect(moveColumn(['a', 'b', 'c'], 'b', 1)).toEqual(['a', 'c', 'b']);
    expect(moveColumn(['a', 'b', 'c'], 'a', -1)).toEqual(['a', 'b', 'c']);
    expect(moveColumn(['a', 'b', 'c'], 'c', 1)).toEqual(['a', 'b', 'c']);
  });
});
