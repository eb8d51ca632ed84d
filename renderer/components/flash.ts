// Price-change flashes without CSS animations: a cell gets a flash class and
// loses it once after FLASH_MS. An animation would restyle and repaint the
// cell on every frame of its run; this costs two style changes per flash,
// which matters with hundreds of cells ticking.

export const FLASH_MS = 350;
/** Flashes end on this grid, so many ending together cost one restyle, not one each. */
export const SWEEP_MS = 100;

export interface FlashTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
}

export interface Flasher {
  flash(el: HTMLElement, direction: 'up' | 'down'): void;
  /** Cells currently flashing (for tests). */
  active(): number;
}

const CLASSES = { up: 'flash-up', down: 'flash-down' } as const;

export function createFlasher(timers: FlashTimers): Flasher {
  const until = new Map<HTMLElement, number>();
  let sweepAt: number | null = null;

  const sweep = (): void => {
    sweepAt = null;
    const now = timers.now();
    let next: number | null = null;
    for (const [el, end] of until) {
      if (end <= now) {
        el.classList.remove(CLASSES.up, CLASSES.down);
        until.delete(el);
      } else if (next === null || end < next) {
        next = end;
      }
    }
    if (next !== null) schedule(next);
  };

  const schedule = (at: number): void => {
    if (sweepAt !== null && sweepAt <= at) return;
    sweepAt = at;
    timers.setTimeout(sweep, Math.max(0, at - timers.now()));
  };

  return {
    flash(el, direction) {
      const other = direction === 'up' ? CLASSES.down : CLASSES.up;
      el.classList.remove(other);
      el.classList.add(CLASSES[direction]);
      const end = Math.ceil((timers.now() + FLASH_MS) / SWEEP_MS) * SWEEP_MS;
      until.set(el, end);
      schedule(end);
    },
    active: () => until.size,
  };
}

export const flasher: Flasher = createFlasher({
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
});
