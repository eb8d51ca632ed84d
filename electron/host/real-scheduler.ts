// The Scheduler seam backed by Node's timers, for production. Tests pass a
// manual scheduler instead so timer-driven behaviour runs deterministically.

import type { Scheduler, TimerHandle } from './broker';

export function createRealScheduler(): Scheduler {
  let nextId = 1;
  const timers = new Map<number, { kind: 'timeout' | 'interval'; timer: NodeJS.Timeout }>();
  return {
    now: () => Date.now(),
    setTimeout(fn, ms) {
      const id = nextId++;
      const timer = setTimeout(() => {
        timers.delete(id);
        fn();
      }, ms);
      // A pending host timer must never keep a stopped process alive.
      timer.unref();
      timers.set(id, { kind: 'timeout', timer });
      return { id };
    },
    setInterval(fn, ms) {
      const id = nextId++;
      const timer = setInterval(fn, ms);
      timer.unref();
      timers.set(id, { kind: 'interval', timer });
      return { id };
    },
    clear(handle: TimerHandle) {
      const entry = timers.get(handle.id);
      if (!entry) return;
      timers.delete(handle.id);
      if (entry.kind === 'timeout') clearTimeout(entry.timer);
      else clearInterval(entry.timer);
    },
  };
}
