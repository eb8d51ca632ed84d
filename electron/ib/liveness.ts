// Half-open socket detection (research D3). Any message received counts as
// life. While connected, a check runs several times per ping interval:
// - silent for `pingIntervalMs` and no ping waiting -> ping (reqCurrentTime;
//   it takes the priority lane, so a backlog of orders cannot delay it);
// - silent for `doubtAfterMs` -> doubt: the session refuses new orders until
//   anything arrives (orders typed into a frozen link were answered "Sent"
//   and never reached IB);
// - a ping unanswered for `pingTimeoutMs` -> the connection is presumed dead.
// With the defaults (1 s / 2 s / 9 s) doubt starts within 2.25 s of silence
// and death is declared about 10 s in, as before.

import type { Scheduler, TimerHandle } from '../host/broker';

export interface LivenessTimings {
  pingIntervalMs: number;
  pingTimeoutMs: number;
  doubtAfterMs: number;
}

export interface LivenessEvents {
  ping(): void;
  dead(silentMs: number): void;
  /** Doubt began (the time the last message was heard), or ended (null). */
  doubt(lastHeard: number | null): void;
}

export class Liveness {
  private lastLife = 0;
  private pingSentAt: number | null = null;
  private doubting = false;
  private timer: TimerHandle | null = null;
  private readonly checkMs: number;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly timings: LivenessTimings,
    private readonly events: LivenessEvents,
  ) {
    this.checkMs = Math.max(10, Math.floor(Math.min(timings.pingIntervalMs, timings.doubtAfterMs) / 4));
  }

  start(): void {
    this.stop();
    this.lastLife = this.scheduler.now();
    this.pingSentAt = null;
    this.doubting = false;
    this.timer = this.scheduler.setInterval(() => this.check(), this.checkMs);
  }

  /** Called for every received message: must stay cheap. */
  life(): void {
    this.lastLife = this.scheduler.now();
    this.pingSentAt = null;
    if (this.doubting) {
      this.doubting = false;
      this.events.doubt(null);
    }
  }

  stop(): void {
    if (this.timer) this.scheduler.clear(this.timer);
    this.timer = null;
    this.doubting = false;
    this.pingSentAt = null;
  }

  private check(): void {
    const now = this.scheduler.now();
    const silent = now - this.lastLife;
    if (this.pingSentAt !== null && now - this.pingSentAt >= this.timings.pingTimeoutMs) {
      this.stop();
      this.events.dead(silent);
      return;
    }
    if (!this.doubting && silent >= this.timings.doubtAfterMs) {
      this.doubting = true;
      this.events.doubt(this.lastLife);
    }
    if (this.pingSentAt === null && silent >= this.timings.pingIntervalMs) {
      this.pingSentAt = now;
      this.events.ping();
    }
  }
}
