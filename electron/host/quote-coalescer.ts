// Collects quotes that ticked and flushes them as one batch per window (the
// pendingTickers idea of ib_async): a burst of thousands of ticks becomes one
// event per symbol per window. The tick path only flips a flag and, for the
// first tick of a symbol in a window, pushes onto a reused array.

import type { Quote } from '../../shared/model';
import type { Scheduler, TimerHandle } from './broker';

export interface LiveQuote {
  /** Mutated in place by ticks; copied when flushed. */
  readonly quote: Quote;
  dirty: boolean;
  /** False once unsubscribed: a pending flush skips it. */
  active: boolean;
}

export interface QuoteCoalescer {
  /**
   * `now` is the tick's time. A window older than flushMs is flushed right
   * here: while a large socket read is decoded the event loop runs no timers
   * (measured: ~240 ms between timer phases during a 200k-tick burst), and
   * quotes must not freeze for that long.
   */
  mark(live: LiveQuote, now: number): void;
  /** Emit what is pending now (used on stop). */
  flushNow(): void;
  stop(): void;
}

/**
 * A quarter of a 60 Hz frame. The renderer applies quotes on its next
 * animation frame, so a tick waits for the host's window and then for that
 * frame; the two are not in phase. With a 16 ms window a tick could wait
 * almost a whole frame here and another there (tick-to-screen p99 ~35 ms);
 * with 4 ms it reaches the screen within about one frame. The renderer's cost
 * does not grow with it: it still applies one merged update per frame, and a
 * browser-mode client that falls behind gets batches merged (quote-backlog.ts).
 */
export const DEFAULT_QUOTE_FLUSH_MS = 4;

export function createQuoteCoalescer(options: {
  scheduler: Scheduler;
  flushMs?: number;
  emit(batch: Quote[]): void;
}): QuoteCoalescer {
  const flushMs = options.flushMs ?? DEFAULT_QUOTE_FLUSH_MS;
  const pending: LiveQuote[] = [];
  let timer: TimerHandle | null = null;
  let windowStart = 0;

  const flush = (): void => {
    if (timer !== null) options.scheduler.clear(timer);
    timer = null;
    if (pending.length === 0) return;
    const batch: Quote[] = [];
    for (const live of pending) {
      live.dirty = false;
      if (live.active) batch.push({ ...live.quote });
    }
    pending.length = 0;
    if (batch.length > 0) options.emit(batch);
  };

  return {
    mark(live, now) {
      if (timer !== null && now - windowStart >= flushMs) flush();
      if (live.dirty) return;
      live.dirty = true;
      pending.push(live);
      if (timer === null) {
        windowStart = now;
        timer = options.scheduler.setTimeout(flush, flushMs);
      }
    },
    flushNow: () => flush(),
    stop() {
      if (timer !== null) options.scheduler.clear(timer);
      timer = null;
      for (const live of pending) live.dirty = false;
      pending.length = 0;
    },
  };
}
