// ONE timer for all sessions (DESIGN.md: the legacy 10 s cadence). Each tick
// runs the check; nextTickAt() is what a waiting session shows as reconnectAt.

import type { Scheduler, TimerHandle } from './broker';

export const DEFAULT_RECONNECT_INTERVAL_MS = 10_000;

export interface ReconnectTimer {
  start(): void;
  stop(): void;
  /** Epoch ms of the next tick; null when stopped. */
  nextTickAt(): number | null;
}

export function createReconnectTimer(options: {
  scheduler: Scheduler;
  intervalMs?: number;
  tick(): void;
}): ReconnectTimer {
  const intervalMs = options.intervalMs ?? DEFAULT_RECONNECT_INTERVAL_MS;
  let handle: TimerHandle | null = null;
  let next: number | null = null;
  return {
    start() {
      if (handle !== null) return;
      next = options.scheduler.now() + intervalMs;
      handle = options.scheduler.setInterval(() => {
        next = options.scheduler.now() + intervalMs;
        options.tick();
      }, intervalMs);
    },
    stop() {
      if (handle !== null) options.scheduler.clear(handle);
      handle = null;
      next = null;
    },
    nextTickAt: () => next,
  };
}
