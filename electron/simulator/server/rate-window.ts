// TWS pacing: at most `max` client messages in any sliding 1 s window per
// connection. Pure apart from the clock passed in with each message.

export interface RateVerdict {
  /** Messages counted in the window ending now, this one included. */
  received: number;
  /** True when this message pushes the window over the limit. */
  exceeded: boolean;
}

export class SlidingRateWindow {
  private readonly stamps: number[] = [];
  private head = 0;

  constructor(
    private readonly max: number,
    private readonly windowMs = 1000,
  ) {}

  record(nowMs: number): RateVerdict {
    this.stamps.push(nowMs);
    while (this.head < this.stamps.length && (this.stamps[this.head] ?? 0) <= nowMs - this.windowMs) this.head += 1;
    if (this.head > 1024) {
      this.stamps.splice(0, this.head);
      this.head = 0;
    }
    const received = this.stamps.length - this.head;
    return { received, exceeded: received > this.max };
  }
}
