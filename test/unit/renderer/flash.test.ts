import { describe, expect, it } from 'vitest';
import { FLASH_MS, SWEEP_MS, createFlasher } from '../../../renderer/components/flash';

/** Just enough of an element for classList. */
class FakeCell {
  private classes = new Set<string>();
  classList = {
    add: (c: string) => void this.classes.add(c),
    remove: (...cs: string[]) => cs.forEach((c) => this.classes.delete(c)),
  };
  get className(): string {
    return [...this.classes].sort().join(' ');
  }
}

function fakeTimers() {
  let now = 0;
  const queue: { at: number; fn: () => void }[] = [];
  return {
    now: () => now,
    setTimeout: (fn: () => void, ms: number) => queue.push({ at: now + ms, fn }),
    advance(ms: number) {
      now += ms;
      for (const t of queue.splice(0).sort((a, b) => a.at - b.at)) {
        if (t.at <= now) t.fn();
        else queue.push(t);
      }
    },
  };
}

describe('price flash', () => {
  it('marks a cell up or down and clears it once the flash is over', () => {
    const timers = fakeTimers();
    const f = createFlasher(timers);
    const cell = new FakeCell();
    timers.advance(30);
    f.flash(cell as unknown as HTMLElement, 'up');
    expect(cell.className).toBe('flash-up');
    timers.advance(FLASH_MS - 1);
    expect(cell.className).toBe('flash-up');
    timers.advance(SWEEP_MS);
    expect(cell.className).toBe('');
    expect(f.active()).toBe(0);
  });

  it('ends flashes that started close together in one sweep', () => {
    const timers = fakeTimers();
    const f = createFlasher(timers);
    const a = new FakeCell();
    const b = new FakeCell();
    timers.advance(10);
    f.flash(a as unknown as HTMLElement, 'up');
    timers.advance(40);
    f.flash(b as unknown as HTMLElement, 'down');
    // Both end on the same 100 ms boundary (t = 400).
    timers.advance(400 - 50 - 1);
    expect([a.className, b.className]).toEqual(['flash-up', 'flash-down']);
    timers.advance(1);
    expect([a.className, b.className]).toEqual(['', '']);
  });

  it('a new tick in the other direction replaces the flash and restarts its time', () => {
    const timers = fakeTimers();
    const f = createFlasher(timers);
    const cell = new FakeCell();
    f.flash(cell as unknown as HTMLElement, 'up');
    timers.advance(200);
    f.flash(cell as unknown as HTMLElement, 'down');
    expect(cell.className).toBe('flash-down');
    timers.advance(FLASH_MS - 1);
    expect(cell.className).toBe('flash-down');
    timers.advance(SWEEP_MS);
    expect(cell.className).toBe('');
  });
});
