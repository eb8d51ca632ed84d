// The pure parts of a virtualized table body: which rows to draw (the visible range plus
// the row the trader is on, so focus never leaves with a scroll), the spacer rows that
// stand in for the rest, and the sizes to assume where nothing is laid out.

import { defaultRangeExtractor, type Range, type Rect, type VirtualItem } from '@tanstack/react-virtual';

/** One line of a 13px table with 2px padding and a 1px border: the guess before a row is measured. */
export const ROW_ESTIMATE_PX = 21;
/**
 * The scroll area's height where it has none (jsdom in unit tests, a panel not laid out
 * yet): about 23 rows, so a table never shows nothing and never draws everything.
 */
export const FALLBACK_VIEWPORT_PX = 480;
/** Rows drawn beyond each edge, so a short scroll or an arrow key shows a row at once. */
export const OVERSCAN_ROWS = 8;

/** The scroll area's size, with the fallback height when it measures 0. */
export function viewportRect(rect: Rect, fallbackHeight = FALLBACK_VIEWPORT_PX): Rect {
  return rect.height > 0 ? rect : { width: rect.width, height: fallbackHeight };
}

/** A row's measured height, or the estimate when it measures 0 (not laid out). */
export function rowSize(measured: number, estimate = ROW_ESTIMATE_PX): number {
  return measured > 0 ? measured : estimate;
}

/** The visible range's indexes plus `keep` (the selected row) when it lies outside, in order. */
export function rangeWith(range: Range, keep: number | null): number[] {
  const indexes = defaultRangeExtractor(range);
  if (keep === null || keep < 0 || keep >= range.count || indexes.includes(keep)) return indexes;
  return [...indexes, keep].sort((a, b) => a - b);
}

export type BodyPart = { kind: 'row'; item: VirtualItem } | { kind: 'gap'; key: string; height: number };

/**
 * The body in order: a spacer (aria-hidden) for every run of rows not drawn, then the drawn
 * rows, so the scroll height is the whole table's. `start`/`end` include `scrollMargin`.
 */
export function bodyParts(items: readonly VirtualItem[], totalSize: number, scrollMargin: number): BodyPart[] {
  const parts: BodyPart[] = [];
  let at = scrollMargin;
  for (const item of items) {
    if (item.start - at > 0) parts.push({ kind: 'gap', key: `gap-${item.index}`, height: item.start - at });
    parts.push({ kind: 'row', item });
    at = item.end;
  }
  const end = scrollMargin + totalSize;
  if (end - at > 0) parts.push({ kind: 'gap', key: 'gap-end', height: end - at });
  return parts;
}

/** How far to scroll so a row shows below a sticky header of `headerPx`; 0 when it already shows. */
export function scrollToShow(row: { top: number; bottom: number }, view: { top: number; bottom: number }, headerPx: number): number {
  const top = view.top + headerPx;
  if (row.top < top) return row.top - top;
  if (row.bottom > view.bottom) return Math.min(row.bottom - view.bottom, row.top - top);
  return 0;
}
