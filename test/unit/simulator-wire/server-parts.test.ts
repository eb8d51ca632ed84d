// The simulator's pure server parts: pacing window, tick pacer (driven by a
// manual scheduler), and the CLI's argument parsing.

import { describe, expect, it } from 'vitest';
import { CLI_HELP, parseCliArgs } from '../../../electron/simulator/server/cli-args';
import { SlidingRateWindow } from '../../../electron/simulator/server/rate-window';
import { TickPacer, type PacerScheduler } from '../../../electron/simulator/server/tick-pacer';

describe('SlidingRateWindow', () => {
  it('counts messages in the last second and flags the 51st', () => {
    const window = new SlidingRateWindow(50);
    const verdicts = Array.from({ length: 51 }, (_, i) => window.record(1000 + i));
    expect(verdicts[49]).toEqual({ received: 50, exceeded: false });
    expect(verdicts[50]).toEqual({ received: 51, exceeded: true });
  });

  it('forgets messages older than one second', () => {
    const window = new SlidingRateWindow(2);
    window.record(0);
    window.record(500);
    expect(window.record(999)).toEqual({ received: 3, exceeded: true });
    expect(window.record(1000)).toEqual({ received: 3, exceeded: true });
    expect(window.record(1499)).toEqual({ received: 4, exceeded: true });
    expect(window.record(2500)).toEqual({ received: 1, exceeded: false });
  });

  it('keeps memory bounded over a long steady stream', () => {
    const window = new SlidingRateWindow(50);
    let last = { received: 0, exceeded: false };
    for (let t = 0; t < 100_000; t += 25) last = window.record(t);
    expect(last).toEqual({ received: 40, exceeded: false });
  });
});

class ManualScheduler implements PacerScheduler {
  time = 0;
  private tasks: Array<{ ms: number; run: () => void; next: number }> = [];

  now(): number {
    return this.time;
  }

  every(ms: number, run: () => void): () => void {
    const task = { ms, run, next: this.time + ms };
    this.tasks.push(task);
    return () => {
      this.tasks = this.tasks.filter((t) => t !== task);
    };
  }

  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.tasks.filter((t) => t.next <= end).sort((a, b) => a.next - b.next)[0];
      if (!due) break;
      this.time = due.next;
      due.next += due.ms;
      due.run();
    }
    this.time = end;
  }

  get active(): number {
    return this.tasks.length;
  }
}

describe('TickPacer', () => {
  it('steps exactly rate x seconds, batched per 10 ms slot', () => {
    const scheduler = new ManualScheduler();
    const steps: number[] = [];
    const pacer = new TickPacer((n) => steps.push(n), scheduler);
    pacer.setRate(20_000);
    scheduler.advance(1000);
    expect(steps.reduce((a, b) => a + b, 0)).toBe(20_000);
    expect(steps).toHaveLength(100);
    expect(new Set(steps)).toEqual(new Set([200]));
  });

  it('carries fractions so slow rates stay exact', () => {
    const scheduler = new ManualScheduler();
    let total = 0;
    const pacer = new TickPacer((n) => (total += n), scheduler);
    pacer.setRate(7);
    scheduler.advance(10_000);
    expect(total).toBe(70);
  });

  it('stops stepping at rate 0 and restarts without a backlog', () => {
    const scheduler = new ManualScheduler();
    let total = 0;
    const pacer = new TickPacer((n) => (total += n), scheduler);
    pacer.setRate(1000);
    scheduler.advance(500);
    pacer.setRate(0);
    expect(scheduler.active).toBe(0);
    scheduler.advance(5000);
    expect(total).toBe(500);
    pacer.setRate(1000);
    scheduler.advance(100);
    expect(total).toBe(600);
  });

  it('refuses a negative or non-finite rate', () => {
    const pacer = new TickPacer(() => undefined, new ManualScheduler());
    expect(() => pacer.setRate(-1)).toThrow('Tick rate must be a finite number >= 0, got -1');
    expect(() => pacer.setRate(Number.NaN)).toThrow('Tick rate must be a finite number >= 0, got NaN');
  });
});

describe('parseCliArgs', () => {
  it('defaults to port 4002 for DU1000001', () => {
    expect(parseCliArgs([])).toEqual({ kind: 'run', options: { listen: [{ port: 4002, account: 'DU1000001' }] } });
  });

  it('reads ports with accounts, repeated or comma-separated, and the numeric options', () => {
    expect(parseCliArgs(['--port', '4002:DU111,4003:DU222', '--port', '4004', '--account', 'DU9', '--seed', '5', '--tick-rate', '2000', '--cash', '50000', '--max-msg-rate', '80', '--host', '0.0.0.0'])).toEqual({
      kind: 'run',
      options: {
        listen: [{ port: 4002, account: 'DU111' }, { port: 4003, account: 'DU222' }, { port: 4004, account: 'DU9' }],
        seed: 5, tickRate: 2000, startingCash: 50000, maxMessagesPerSecond: 80, host: '0.0.0.0',
      },
    });
  });

  it('explains bad input', () => {
    expect(parseCliArgs(['--port', 'abc'])).toEqual({ kind: 'error', message: '--port: expected N or N:ACCOUNT, got "abc"' });
    expect(parseCliArgs(['--port', '70000'])).toEqual({ kind: 'error', message: '--port: expected N or N:ACCOUNT, got "70000"' });
    expect(parseCliArgs(['--port'])).toEqual({ kind: 'error', message: '--port needs a value' });
    expect(parseCliArgs(['--tick-rate', '-5'])).toEqual({ kind: 'error', message: '--tick-rate must be a number >= 0, got "-5"' });
    expect(parseCliArgs(['--seed', '1.5'])).toEqual({ kind: 'error', message: '--seed must be an integer >= 0, got "1.5"' });
    expect(parseCliArgs(['--port', '4002', '--port', '4002'])).toEqual({ kind: 'error', message: 'Port 4002 is given twice' });
    expect(parseCliArgs(['--bogus'])).toEqual({ kind: 'error', message: 'Unknown option "--bogus" (see --help)' });
  });

  it('adds synthetic listings with --synthetic-symbols, within 0 to 9999', () => {
    expect(parseCliArgs(['--synthetic-symbols', '1000'])).toEqual({ kind: 'run', options: { syntheticListings: 1000, listen: [{ port: 4002, account: 'DU1000001' }] } });
    expect(parseCliArgs(['--synthetic-symbols', '10000'])).toEqual({ kind: 'error', message: '--synthetic-symbols must be from 0 to 9999, got "10000"' });
    expect(parseCliArgs(['--synthetic-symbols', '2.5'])).toEqual({ kind: 'error', message: '--synthetic-symbols must be an integer >= 0, got "2.5"' });
    expect(CLI_HELP).toContain('--synthetic-symbols N');
  });

  it('offers help that documents the port syntax', () => {
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help' });
    expect(CLI_HELP).toContain('--port N[:ACCOUNT][,N[:ACCOUNT]...]');
  });
});
