// The simulator's clock: the base clock (Date.now, or one a test injects) plus an
// offset that setClock moves. 'demo' starts at 10:00 New York on a weekday (today,
// or the next weekday) and runs forward in real time, so a new user can trade at
// any hour; 'real' follows the base clock.

import { demoStart, parseClockSetting } from '../exchange/session';

export type ClockMode = 'demo' | 'real';

export class SimClock {
  private offset: number;

  constructor(
    private readonly base: () => number,
    mode: ClockMode,
  ) {
    const start = base();
    this.offset = mode === 'demo' ? demoStart(start) - start : 0;
  }

  now(): number {
    return this.base() + this.offset;
  }

  /** "HH:MM[:SS]" New York time today, an ISO date-time, a Date or epoch ms; throws a sentence on bad input. */
  set(value: string | Date | number): number {
    const target = parseClockSetting(value, this.now());
    if (typeof target === 'string') throw new RangeError(target);
    this.offset = target - this.base();
    return target;
  }
}
