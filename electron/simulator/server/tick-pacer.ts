// Drives exchange.step(n) so the total tick rate matches ticksPerSecond (the
// simulator's step callback sends them to the subscribed symbols only). The
// work is batched per timer slot (default 10 ms): each slot steps the ticks
// due since the last slot, carrying the fractional remainder, so 20,000 ticks/s
// is 200 ticks per slot rather than 20,000 timers. Clock and scheduler are
// injected so tests drive it deterministically.

export interface PacerScheduler {
  now(): number;
  every(ms: number, run: () => void): () => void;
}

export const realScheduler: PacerScheduler = {
  now: () => performance.now(),
  every(ms, run) {
    const timer = setInterval(run, ms);
    timer.unref();
    return () => clearInterval(timer);
  },
};

/** Never step more than this per slot: after a long stall we skip ahead rather than flood. */
const MAX_SLOT_SECONDS = 0.25;

export class TickPacer {
  private rate = 0;
  private carry = 0;
  private last = 0;
  private stopTimer: (() => void) | null = null;

  constructor(
    private readonly step: (count: number) => void,
    private readonly scheduler: PacerScheduler = realScheduler,
    private readonly slotMs = 10,
  ) {}

  get ticksPerSecond(): number {
    return this.rate;
  }

  setRate(ticksPerSecond: number): void {
    if (!Number.isFinite(ticksPerSecond) || ticksPerSecond < 0) throw new Error(`Tick rate must be a finite number >= 0, got ${ticksPerSecond}`);
    this.rate = ticksPerSecond;
    if (this.rate === 0) this.halt();
    else if (!this.stopTimer) {
      this.last = this.scheduler.now();
      this.carry = 0;
      this.stopTimer = this.scheduler.every(this.slotMs, () => this.slot());
    }
  }

  halt(): void {
    this.stopTimer?.();
    this.stopTimer = null;
  }

  private slot(): void {
    const now = this.scheduler.now();
    const seconds = Math.min(Math.max(0, now - this.last) / 1000, MAX_SLOT_SECONDS);
    this.last = now;
    const due = this.rate * seconds + this.carry;
    const count = Math.floor(due);
    this.carry = due - count;
    if (count > 0) this.step(count);
  }
}
