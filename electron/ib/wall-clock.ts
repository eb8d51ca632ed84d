// The clock our send lanes pace on. IB counts messages per second of real
// time, so pacing runs on Node's timers even where the session's other timers
// (pings, timeouts) run on a test's manual clock; a test that never moved its
// clock would otherwise never see a queued message leave.

import type { Scheduler, TimerHandle } from '../host/broker';

export function createWallClock(): Scheduler {
  let nextId = 1;
  const timers = new Map<number, NodeJS.Timeout>();
  return {
    now: () => performance.now(),
    setTimeout(fn, ms) {
      const id = nextId++;
      const timer = setTimeout(() => {
        timers.delete(id);
        fn();
      }, ms);
      timer.unref(); // a pacing timer never keeps a stopped process alive
      timers.set(id, timer);
      return { id };
    },
    setInterval(fn, ms) {
      const id = nextId++;
      const timer = setInterval(fn, ms);
      timer.unref();
      timers.set(id, timer);
      return { id };
    },
    clear(handle: TimerHandle) {
      const timer = timers.get(handle.id);
      if (!timer) return;
      timers.delete(handle.id);
      clearTimeout(timer);
    },
  };
}
