// The coalescer's default window: a tick is on its way to the renderer within
// a quarter of a frame, so with the renderer's next animation frame it reaches
// the screen within about one frame.
import { describe, expect, it } from 'vitest';
import type { Quote } from '../../../shared/model';
import { createQuoteCoalescer, DEFAULT_QUOTE_FLUSH_MS, type LiveQuote } from '../../../electron/host/quote-coalescer';
import { ManualScheduler } from '../../helpers/manual-scheduler';

function live(symbol: string, bid: number): LiveQuote {
  const quote: Quote = {
    symbol, conId: 1, bid, ask: bid + 0.01, last: null, bidSize: null, askSize: null, lastSize: null,
    high: null, low: null, open: null, close: null, volume: null, delayed: false, updatedAt: 1_000,
  };
  return { quote, dirty: false, active: true };
}

describe('quote coalescer default window', () => {
  it('emits the window 4 ms after its first tick, a quarter of a 60 Hz frame', () => {
    const scheduler = new ManualScheduler(1_000);
    const batches: Quote[][] = [];
    const coalescer = createQuoteCoalescer({ scheduler, emit: (batch) => batches.push(batch) });
    const aapl = live('AAPL', 190.5);
    coalescer.mark(aapl, scheduler.now());
    scheduler.advance(3);
    Object.assign(aapl.quote, { bid: 190.52 });
    coalescer.mark(aapl, scheduler.now());
    expect(batches).toHaveLength(0);
    scheduler.advance(1);
    expect(DEFAULT_QUOTE_FLUSH_MS).toBe(4);
    expect(batches).toEqual([[expect.objectContaining({ symbol: 'AAPL', bid: 190.52 })]]);
  });

  it('flushes an overdue window from the tick path when no timer ran', () => {
    const scheduler = new ManualScheduler(1_000);
    const batches: Quote[][] = [];
    const coalescer = createQuoteCoalescer({ scheduler, emit: (batch) => batches.push(batch) });
    coalescer.mark(live('AAPL', 190.5), 1_000);
    // A long socket read: no timer phase, but the next tick sees the window is 4 ms old.
    coalescer.mark(live('MSFT', 410.1), 1_004);
    expect(batches).toEqual([[expect.objectContaining({ symbol: 'AAPL', bid: 190.5 })]]);
  });
});
