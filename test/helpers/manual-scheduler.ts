// A Scheduler whose clock moves only when a test says so. Timers fire in due
// order (ties in creation order) while advance() walks the clock forward, so
// liveness pings, connect timeouts and reconnect timers are driven exactly.

import type { Scheduler, TimerHandle } from '../../electron/host/broker';

interface ManualTimer {
  handle: TimerHandle;
  due: number;
  /** 0 for a one-shot timer. */
  every: number;
  fn: () => void;
  seq: number;
}

export class ManualScheduler implements Scheduler {
  private time: number;
  private nextId = 1;
  private seq = 0;
  private readonly timers = new Map<number, ManualTimer>();

  constructor(startMs = 0) {
    this.time = startMs;
  }

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    return this.add(fn, ms, 0);
  }

  setInterval(fn: () => void, ms: number): TimerHandle {
    // An interval of 0 would spin advance() forever; IB cadences are never 0.
    return this.add(fn, ms, Math.max(1, ms));
  }

  clear(handle: TimerHandle): void {
    this.timers.delete(handle.id);
  }

  /** Timers still armed. */
  pending(): number {
    return this.timers.size;
  }

  /** Move the clock forward by ms, firing every timer that falls due on the way. */
  advance(ms: number): void {
    const target = this.time + ms;
    for (;;) {
      const next = this.earliest();
      if (!next || next.due > target) break;
      this.time = next.due;
      if (next.every > 0) {
        next.due += next.every;
        next.seq = this.seq++;
      } else {
        this.timers.delete(next.handle.id);
      }
      next.fn();
    }
    this.time = target;
  }

  private add(fn: () => void, ms: number, every: number): TimerHandle {
    const handle: TimerHandle = { id: this.nextId++ };
    this.timers.set(handle.id, { handle, due: this.time + Math.max(0, ms), every, fn, seq: this.seq++ });
    return handle;
  }

  private earliest(): ManualTimer | undefined {
    let best: ManualTimer | undefined;
    for (const t of this.timers.values()) {
      if (!best || t.due < best.due || (t.due === best.due && t.seq < best.seq)) best = t;
    }
    return best;
  }
}
