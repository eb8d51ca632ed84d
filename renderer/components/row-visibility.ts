// Which watchlist rows are inside (or just outside) the scrolled Quotes area.
// A row out of sight skips its DOM writes: with 200 rows ticking and 20 on a
// trader's screen, writing the other 180 costs style, layout and paint every
// frame for nothing. It repaints from the latest quote when it scrolls back in.

export type VisibilityListener = (visible: boolean) => void;

export interface RowVisibility {
  /** Calls `listener` with the row's visibility now and on every change; returns the unwatch. */
  watch(el: Element, listener: VisibilityListener): () => void;
}

/** Rows this far outside the scrolled area still paint, so a short scroll shows fresh values at once. */
export const ROW_MARGIN_PX = 200;

/** Where IntersectionObserver does not exist (jsdom in unit tests), every row counts as visible. */
export const ALWAYS_VISIBLE: RowVisibility = {
  watch(_el, listener) {
    listener(true);
    return () => undefined;
  },
};

type ObserverFactory = (callback: IntersectionObserverCallback, options: IntersectionObserverInit) => Pick<IntersectionObserver, 'observe' | 'unobserve'>;

export function createRowVisibility(root: Element, makeObserver?: ObserverFactory): RowVisibility {
  const factory: ObserverFactory | undefined =
    makeObserver ?? (typeof IntersectionObserver === 'function' ? (cb, opts) => new IntersectionObserver(cb, opts) : undefined);
  if (!factory) return ALWAYS_VISIBLE;
  const listeners = new Map<Element, VisibilityListener>();
  const observer = factory(
    (entries) => {
      for (const entry of entries) listeners.get(entry.target)?.(entry.isIntersecting);
    },
    { root, rootMargin: `${ROW_MARGIN_PX}px 0px` },
  );
  return {
    watch(el, listener) {
      // Painted until the observer's first report says otherwise: never a blank row on mount.
      listeners.set(el, listener);
      listener(true);
      observer.observe(el);
      return () => {
        listeners.delete(el);
        observer.unobserve(el);
      };
    },
  };
}

const byRoot = new WeakMap<Element, RowVisibility>();

/** One observer per scroll area, shared by all its rows; without a scroll area, always visible. */
export function rowVisibilityFor(row: Element): RowVisibility {
  const root = row.closest('.table-wrap');
  if (!root) return ALWAYS_VISIBLE;
  let visibility = byRoot.get(root);
  if (!visibility) {
    visibility = createRowVisibility(root);
    byRoot.set(root, visibility);
  }
  return visibility;
}
