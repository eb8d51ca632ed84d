// A table body that draws only the rows in (or near) the scroll area, with @tanstack/react-virtual:
// however many orders, fills or log lines the day has, the DOM holds about one screenful.
// Rows keep their table semantics: the table says how many rows it has (aria-rowcount, set by
// the caller as count + 1 for the header row) and each drawn row its place (aria-rowindex).

import {
  measureElement,
  observeElementRect,
  useVirtualizer,
  type Range,
  type Rect,
  type Virtualizer,
  type VirtualizerOptions,
} from '@tanstack/react-virtual';
import { Fragment, useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { OVERSCAN_ROWS, ROW_ESTIMATE_PX, bodyParts, rangeWith, rowSize, scrollToShow, viewportRect } from './virtual-rows';

export interface RowSlot {
  index: number;
  /** The row's aria-rowindex: the header row is 1, the first body row 2. */
  rowIndex: number;
  /** Give it the row's ref (the row also needs data-index={index}) so its real height counts. */
  measure: (el: HTMLTableRowElement | null) => void;
}

export interface VirtualBodyProps {
  count: number;
  /** A stable key per row (an order's key, a fill's execId): measured heights follow it. */
  keyOf: (index: number) => string;
  /** Columns drawn, for the spacer rows. */
  columns: number;
  /** A row drawn even when scrolled away (the selected one), so focus stays on it. */
  keep?: number | null;
  renderRow: (slot: RowSlot) => ReactNode;
}

type Options = VirtualizerOptions<HTMLElement, HTMLTableRowElement>;

/** Where the scroll area has no height (jsdom, a panel not laid out), assume the fallback. */
const observeViewport: Options['observeElementRect'] = (instance, cb) => observeElementRect(instance, (rect: Rect) => cb(viewportRect(rect)));
/** A row that measures 0 is not laid out: keep the estimate rather than collapse it. */
const measureRow: Options['measureElement'] = (el, entry, instance) => rowSize(measureElement(el, entry, instance));

/**
 * The scrolling element a table sits in (other content may sit above it). Found from the body
 * itself: a parent's ref is not attached yet when this body's layout effects first run.
 */
export const SCROLL_AREA = '.table-wrap';
export const scrollAreaOf = (el: Element | null): HTMLElement | null => el?.closest<HTMLElement>(SCROLL_AREA) ?? null;

/** Where the body starts in the scroll area's content, kept current as what is above it changes size. */
function useScrollMargin(bodyRef: RefObject<HTMLElement | null>): number {
  const [margin, setMargin] = useState(0);
  const measure = useCallback(() => {
    const body = bodyRef.current;
    const scroll = scrollAreaOf(body);
    if (!body || !scroll) return;
    const next = Math.round(body.getBoundingClientRect().top - scroll.getBoundingClientRect().top - scroll.clientTop + scroll.scrollTop);
    setMargin((m) => (m === next ? m : next));
  }, [bodyRef]);
  useLayoutEffect(measure);
  useEffect(() => {
    const scroll = scrollAreaOf(bodyRef.current);
    if (!scroll || typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(measure);
    for (const child of scroll.children) observer.observe(child);
    return () => observer.disconnect();
  }, [measure, bodyRef]);
  return margin;
}

export function VirtualBody({ count, keyOf, columns, keep = null, renderRow }: VirtualBodyProps) {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const margin = useScrollMargin(bodyRef);
  const rangeExtractor = useCallback((range: Range) => rangeWith(range, keep), [keep]);
  // Nothing memoizes the virtualizer or what it returns: it is read afresh on every render.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer: Virtualizer<HTMLElement, HTMLTableRowElement> = useVirtualizer<HTMLElement, HTMLTableRowElement>({
    count,
    getScrollElement: () => scrollAreaOf(bodyRef.current),
    estimateSize: () => ROW_ESTIMATE_PX,
    overscan: OVERSCAN_ROWS,
    getItemKey: keyOf,
    rangeExtractor,
    scrollMargin: margin,
    observeElementRect: observeViewport,
    measureElement: measureRow,
  });
  useKeepRowsInView(virtualizer, bodyRef, keyOf, margin);
  const parts = bodyParts(virtualizer.getVirtualItems(), virtualizer.getTotalSize(), margin);
  return (
    <tbody ref={bodyRef}>
      {parts.map((p) =>
        p.kind === 'gap' ? (
          <tr key={p.key} aria-hidden="true" className="virtual-gap">
            <td colSpan={columns} style={{ height: p.height, padding: 0, border: 0 }} />
          </tr>
        ) : (
          <Fragment key={`row-${String(p.item.key)}`}>{renderRow({ index: p.item.index, rowIndex: p.item.index + 2, measure: virtualizer.measureElement })}</Fragment>
        ),
      )}
    </tbody>
  );
}

interface Anchor {
  key: string;
  /** Where the row started, in the scroll area's content. */
  start: number;
  keyOf: (index: number) => string;
  margin: number;
}

/**
 * The scroll area's style for a virtualized table: the browser's own scroll anchoring is off,
 * as it would pick a spacer or fight useKeepRowsInView's correction.
 */
export const VIRTUAL_SCROLL_STYLE = { overflowAnchor: 'none' } as const;

/**
 * Rows arriving (or leaving) above the view must not move what the trader reads, or a click
 * meant for one order lands on another: when the rows change while the table is scrolled past
 * its first row, the first row in view keeps its place on screen. At the top nothing is held,
 * so a new order shows at once as the first row. Height changes of measured rows are the
 * virtualizer's own to correct, so only a change of rows (keyOf) or of the table's place
 * (margin) moves the scroll here.
 */
function useKeepRowsInView(
  virtualizer: Virtualizer<HTMLElement, HTMLTableRowElement>,
  bodyRef: RefObject<HTMLTableSectionElement | null>,
  keyOf: (index: number) => string,
  margin: number,
): void {
  const anchorRef = useRef<Anchor | null>(null);
  useLayoutEffect(() => {
    const body = bodyRef.current;
    const scroller = scrollAreaOf(body);
    if (!body || !scroller) return;
    const held = anchorRef.current;
    if (held && (held.keyOf !== keyOf || held.margin !== margin)) {
      let at = -1;
      for (let i = 0; i < virtualizer.options.count && at === -1; i++) if (keyOf(i) === held.key) at = i;
      const now = virtualizer.measurementsCache[at]?.start;
      if (now !== undefined && now !== held.start) scroller.scrollTop += now - held.start;
    }
    const header = body.parentElement instanceof HTMLTableElement ? (body.parentElement.tHead?.getBoundingClientRect().height ?? 0) : 0;
    const viewTop = scroller.scrollTop + header;
    const first = viewTop > margin + 1 ? virtualizer.getVirtualItems().find((item) => item.start >= viewTop - 1) : undefined;
    anchorRef.current = first ? { key: String(first.key), start: first.start, keyOf, margin } : null;
  });
}

/** Focuses a drawn row and scrolls just enough to show it below its table's sticky header. */
export function focusRow(row: HTMLElement): void {
  row.focus({ preventScroll: true });
  const scroller = scrollAreaOf(row);
  if (!scroller) return;
  const view = scroller.getBoundingClientRect();
  const top = view.top + scroller.clientTop;
  const header = row.closest('table')?.tHead?.getBoundingClientRect().height ?? 0;
  const delta = scrollToShow(row.getBoundingClientRect(), { top, bottom: top + scroller.clientHeight }, header);
  if (delta !== 0) scroller.scrollTop += delta;
}
