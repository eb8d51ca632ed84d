// Backpressure for one slow browser-mode client. Quote batches hold the latest
// full quote of each symbol that ticked, so while a socket's send buffer is
// over its limit the batches are merged (latest per symbol wins) instead of
// queued; the merged batch goes out once the socket drains. Orders, fills and
// every other event are never dropped — they do not pass through here.
import type { Quote } from '../../shared/model';

export class QuoteBacklog {
  private readonly pending = new Map<string, Quote>();
  private mergedBatches = 0;

  /** Batches merged away since the last flush (how far behind this client is). */
  get merged(): number {
    return this.mergedBatches;
  }

  get isEmpty(): boolean {
    return this.pending.size === 0;
  }

  /**
   * A new batch arrived. Returns the batch to send now (this one, or the held
   * quotes merged with it), or null when the socket is congested and the
   * batch was folded into the backlog.
   */
  offer(batch: readonly Quote[], congested: boolean): Quote[] | null {
    if (!congested && this.pending.size === 0) return [...batch];
    for (const quote of batch) {
      this.pending.delete(quote.symbol); // keep insertion order = most recent last
      this.pending.set(quote.symbol, quote);
    }
    if (congested) {
      this.mergedBatches += 1;
      return null;
    }
    return this.drain();
  }

  /** The socket drained: the held quotes to send, or null when there are none. */
  drain(): Quote[] | null {
    if (this.pending.size === 0) return null;
    const batch = [...this.pending.values()];
    this.pending.clear();
    this.mergedBatches = 0;
    return batch;
  }
}
