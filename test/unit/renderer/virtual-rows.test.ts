import { describe, expect, it } from 'vitest';
import type { VirtualItem } from '@tanstack/react-virtual';
import { steppedIndex } from '../../../renderer/components/row-focus';
import { FALLBACK_VIEWPORT_PX, ROW_ESTIMATE_PX, bodyParts, rangeWith, rowSize, scrollToShow, viewportRect } from '../../../renderer/tables/virtual-rows';

const item = (index: number, start: number, size = 20): VirtualItem => ({ key: `k${index}`, index, start, end: start + size, size, lane: 0 });

describe('rangeWith', () => {
  const range = { startIndex: 10, endIndex: 20, overscan: 2, count: 1000 };
  it('is the visible range with its overscan', () => {
    expect(rangeWith(range, null)).toEqual(Array.from({ length: 15 }, (_, i) => 8 + i));
  });
  it('adds the kept row when it lies outside, in order', () => {
    expect(rangeWith(range, 500).at(-1)).toBe(500);
    expect(rangeWith(range, 0)[0]).toBe(0);
    expect(rangeWith(range, 0)).toHaveLength(16);
  });
  it('ignores a kept row already drawn, or not in the table', () => {
    expect(rangeWith(range, 12)).toHaveLength(15);
    expect(rangeWith(range, -1)).toHaveLength(15);
    expect(rangeWith(range, 1000)).toHaveLength(15);
  });
});

describe('bodyParts', () => {
  it('puts a spacer for every run of rows not drawn, so the body is as tall as the table', () => {
    const parts = bodyParts([item(5, 130), item(6, 150), item(40, 830)], 1000, 30);
    expect(parts.map((p) => (p.kind === 'gap' ? `gap ${p.height}` : `row ${p.item.index}`))).toEqual(['gap 100', 'row 5', 'row 6', 'gap 660', 'row 40', 'gap 180']);
  });
  it('draws no spacer where rows touch the edges', () => {
    expect(bodyParts([item(0, 0), item(1, 20)], 40, 0).map((p) => p.kind)).toEqual(['row', 'row']);
  });
  it('is one spacer for a table with rows and none drawn', () => {
    expect(bodyParts([], 420, 0)).toEqual([{ kind: 'gap', key: 'gap-end', height: 420 }]);
  });
});

describe('scrollToShow', () => {
  const view = { top: 100, bottom: 400 };
  it('scrolls a row hidden under the sticky header down into view', () => {
    expect(scrollToShow({ top: 110, bottom: 130 }, view, 22)).toBe(-12);
  });
  it('scrolls a row below the view up to its bottom edge', () => {
    expect(scrollToShow({ top: 395, bottom: 416 }, view, 22)).toBe(16);
  });
  it('leaves a row in view alone', () => {
    expect(scrollToShow({ top: 200, bottom: 220 }, view, 22)).toBe(0);
  });
});

describe('sizes where nothing is laid out', () => {
  it('takes the fallback height for a scroll area of height 0, else the measured one', () => {
    expect(viewportRect({ width: 0, height: 0 })).toEqual({ width: 0, height: FALLBACK_VIEWPORT_PX });
    expect(viewportRect({ width: 800, height: 300 })).toEqual({ width: 800, height: 300 });
  });
  it('keeps the estimate for a row that measures 0', () => {
    expect(rowSize(0)).toBe(ROW_ESTIMATE_PX);
    expect(rowSize(34)).toBe(34);
  });
});

describe('steppedIndex', () => {
  it('moves one row and stays put at either end', () => {
    expect(steppedIndex('ArrowDown', 3, 10)).toBe(4);
    expect(steppedIndex('ArrowUp', 3, 10)).toBe(2);
    expect(steppedIndex('ArrowDown', 9, 10)).toBe(9);
    expect(steppedIndex('ArrowUp', 0, 10)).toBe(0);
  });
  it('is null for other keys or a row not in the list', () => {
    expect(steppedIndex('Enter', 3, 10)).toBeNull();
    expect(steppedIndex('ArrowDown', -1, 10)).toBeNull();
  });
});
