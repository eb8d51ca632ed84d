// Quotes arrive in batches from the host (one per coalescing window) but the
// screen only changes once per animation frame. The batcher keeps the latest
// quote per symbol between frames and applies them to the store in one set(),
// so a burst of batches costs one store update and each row re-renders (or
// repaints its cells) only when its own quote object changed.

import { create } from 'zustand';
import type { Quote } from '../../shared/model';
import { perf } from '../perf';

export interface QuotesState {
  bySymbol: Record<string, Quote>;
}

export const useQuotes = create<QuotesState>(() => ({ bySymbol: {} }));

/** requestAnimationFrame behind an interface, so tests step frames by hand. */
export interface FrameScheduler {
  request(callback: () => void): void;
}

export interface QuoteBatcher {
  push(quotes: readonly Quote[]): void;
  /** Replace everything (a snapshot after a (re)connect). */
  reset(quotes: readonly Quote[]): void;
  /** Quotes waiting for the next frame (for tests and instrumentation). */
  pendingCount(): number;
}

type QuotesStore = Pick<typeof useQuotes, 'getState' | 'setState'>;

export function createQuoteBatcher(store: QuotesStore, frames: FrameScheduler): QuoteBatcher {
  let pending = new Map<string, Quote>();
  let scheduled = false;

  const flush = (): void => {
    scheduled = false;
    if (pending.size === 0) return;
    const batch = pending;
    pending = new Map();
    const next = { ...store.getState().bySymbol };
    for (const [symbol, quote] of batch) next[symbol] = quote;
    store.setState({ bySymbol: next });
  };

  return {
    push(quotes) {
      if (perf) {
        const now = Date.now();
        for (const q of quotes) perf.recordArrival(q.updatedAt, now);
      }
      for (const q of quotes) {
        const prev = pending.get(q.symbol);
        // Batches can cross on the wire; never let an older quote win.
        if (prev && prev.updatedAt > q.updatedAt) continue;
        pending.set(q.symbol, q);
      }
      if (!scheduled && pending.size > 0) {
        scheduled = true;
        frames.request(flush);
      }
    },
    reset(quotes) {
      pending = new Map();
      const next: Record<string, Quote> = {};
      for (const q of quotes) next[q.symbol] = q;
      store.setState({ bySymbol: next });
    },
    pendingCount: () => pending.size,
  };
}

export const browserFrames: FrameScheduler = {
  request: (cb) => {
    requestAnimationFrame(() => cb());
  },
};
