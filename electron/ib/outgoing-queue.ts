// Every message a session writes to TWS, paced in two lanes.
//
// IB allows 50 client messages per second in total; @stoqey/ib's own limiter
// is one FIFO, so a cancel typed behind 1,000 queued orders waited ~25 s (at
// 40/s) to reach the wire. Here a cancel, a global cancel and the liveness
// ping take the priority lane and leave at the next free slot; everything
// else (placeOrder, a modify, which IB encodes as placeOrder, market data and
// account requests) takes the normal lane. Both lanes share one budget of
// `perInterval` messages per `intervalMs`, so IB's limit holds in total.
//
// One queue per link: when the link closes, drop() hands back what was never
// written so the orders part can tell the trader; nothing is carried to the
// next connection. Pure over an injected scheduler, so tests run it on a
// manual clock.

import type { Scheduler, TimerHandle } from '../host/broker';

export type Lane = 'priority' | 'normal';

export interface OutgoingItem {
  lane: Lane;
  /** IB's outgoing message id (PLACE_ORDER = 3, CANCEL_ORDER = 4, ...). */
  msgId: number;
  /** The order id a PLACE_ORDER / CANCEL_ORDER carries; null for other messages. */
  orderId: number | null;
}

export interface PacedQueueOptions {
  /** Messages allowed per interval, both lanes together. */
  perInterval: number;
  intervalMs: number;
}

/** 4 per 100 ms: 40/s in any aligned second, at most 44 in any sliding second, under IB's 50. */
export const DEFAULT_PACING: PacedQueueOptions = { perInterval: 4, intervalMs: 100 };

export class PacedQueue<T extends OutgoingItem> {
  private readonly priority: T[] = [];
  private readonly normal: T[] = [];
  private windowStart = Number.NEGATIVE_INFINITY;
  private sentInWindow = 0;
  private timer: TimerHandle | null = null;
  private closed = false;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly options: PacedQueueOptions,
    private readonly write: (item: T) => void,
  ) {}

  /** Writes now when the budget allows and nothing waits ahead in its lane order; else queues. */
  push(item: T): void {
    if (this.closed) return;
    const waiting = item.lane === 'priority' ? this.priority.length : this.priority.length + this.normal.length;
    if (waiting === 0 && this.takeSlot()) {
      this.write(item);
      return;
    }
    (item.lane === 'priority' ? this.priority : this.normal).push(item);
    this.arm();
  }

  /**
   * Takes queued, unwritten items matching `which` out of the normal lane (a
   * cancel of an order that was never sent: nothing needs to reach IB).
   */
  withdraw(which: (item: T) => boolean): T[] {
    const taken: T[] = [];
    const kept: T[] = [];
    for (const item of this.normal) (which(item) ? taken : kept).push(item);
    if (taken.length > 0) {
      this.normal.length = 0;
      for (const item of kept) this.normal.push(item);
    }
    return taken;
  }

  /** Queued, not yet written. */
  has(which: (item: T) => boolean): boolean {
    return this.priority.some(which) || this.normal.some(which);
  }

  size(): { priority: number; normal: number } {
    return { priority: this.priority.length, normal: this.normal.length };
  }

  /** The link is gone: stop, and hand back everything never written (priority first). */
  drop(): T[] {
    this.closed = true;
    if (this.timer) this.scheduler.clear(this.timer);
    this.timer = null;
    const unsent = [...this.priority, ...this.normal];
    this.priority.length = 0;
    this.normal.length = 0;
    return unsent;
  }

  private takeSlot(): boolean {
    const now = this.scheduler.now();
    if (now - this.windowStart >= this.options.intervalMs) {
      this.windowStart = now;
      this.sentInWindow = 0;
    }
    if (this.sentInWindow >= this.options.perInterval) return false;
    this.sentInWindow++;
    return true;
  }

  private arm(): void {
    if (this.timer || this.closed) return;
    const wait = Math.max(0, this.windowStart + this.options.intervalMs - this.scheduler.now());
    this.timer = this.scheduler.setTimeout(() => {
      this.timer = null;
      this.drain();
    }, wait);
  }

  private drain(): void {
    while (!this.closed && (this.priority.length > 0 || this.normal.length > 0) && this.takeSlot()) {
      const item = (this.priority.length > 0 ? this.priority.shift() : this.normal.shift()) as T;
      this.write(item);
    }
    if (this.priority.length > 0 || this.normal.length > 0) this.arm();
  }
}
