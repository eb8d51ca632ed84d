// Half-open socket detection (research D3): while connected, ping TWS with
// reqCurrentTime every interval; any message received counts as life. Nothing
// received within `timeoutMs` after a ping -> the connection is presumed dead.

import type { Scheduler, TimerHandle } from '../host/broker';

export class Liveness {
  private lastLife = 0;
  /** Set by any message; cleared when a ping goes out. */
  private heard = true;
  private pingTimer: TimerHandle | null = null;
  private deadlineTimer: TimerHandle | null = null;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly intervalMs: number,
    private readonly timeoutMs: number,
    private readonly ping: () => void,
    private readonly onDead: (silentMs: number) => void,
  ) {}

  start(): void {
    this.stop();
    this.lastLife = this.scheduler.now();
    this.heard = true;
    this.pingTimer = this.scheduler.setInterval(() => this.sendPing(), this.intervalMs);
  }

  /** Called for every received message: must stay cheap. */
  life(): void {
    this.heard = true;
    this.lastLife = this.scheduler.now();
  }

  stop(): void {
    if (this.pingTimer) this.scheduler.clear(this.pingTimer);
    if (this.deadlineTimer) this.scheduler.clear(this.deadlineTimer);
    this.pingTimer = null;
    this.deadlineTimer = null;
  }

  private sendPing(): void {
    if (this.deadlineTimer) return; // the previous ping is still waiting for its answer
    this.heard = false;
    this.ping();
    this.deadlineTimer = this.scheduler.setTimeout(() => {
      this.deadlineTimer = null;
      if (!this.heard) {
        this.stop();
        this.onDead(this.scheduler.now() - this.lastLife);
      }
    }, this.timeoutMs);
  }
}
