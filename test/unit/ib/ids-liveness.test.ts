import { describe, expect, it } from 'vitest';
import { OrderIds, REQUEST_ID_BASE, RequestIds } from '../../../electron/ib/ids';
import { Liveness } from '../../../electron/ib/liveness';
import { rowOrderId } from '../../../electron/ib/orders';
import { ManualScheduler } from '../../helpers/manual-scheduler';

describe('id allocation', () => {
  it('hands out request ids from a band far above order ids', () => {
    const ids = new RequestIds();
    expect([ids.take(), ids.take(), ids.take()]).toEqual([REQUEST_ID_BASE, REQUEST_ID_BASE + 1, REQUEST_ID_BASE + 2]);
    expect(REQUEST_ID_BASE).toBe(1_000_000_000);
  });

  it('continues order ids from max(local next, nextValidId) and never goes back', () => {
    const ids = new OrderIds();
    expect(ids.known()).toBe(false);
    ids.observe(5);
    expect([ids.take(), ids.take()]).toEqual([5, 6]);
    ids.observe(3); // a reconnect that answers a lower id
    expect(ids.take()).toBe(7);
    ids.observe(100);
    expect(ids.take()).toBe(100);
    expect(ids.known()).toBe(true);
  });
});

describe('ManualScheduler', () => {
  it('fires timeouts and intervals in due order as the clock advances', () => {
    const s = new ManualScheduler(1000);
    const seen: string[] = [];
    s.setTimeout(() => seen.push(`t@${s.now()}`), 250);
    const every = s.setInterval(() => seen.push(`i@${s.now()}`), 100);
    s.advance(300);
    expect(seen).toEqual(['i@1100', 'i@1200', 't@1250', 'i@1300']);
    s.clear(every);
    s.advance(1000);
    expect(seen).toHaveLength(4);
    expect(s.now()).toBe(2300);
    expect(s.pending()).toBe(0);
  });
});

describe('Liveness', () => {
  function setup() {
    const s = new ManualScheduler();
    const pings: number[] = [];
    const dead: number[] = [];
    const doubts: Array<{ at: number; lastHeard: number | null }> = [];
    const l = new Liveness(
      s,
      { pingIntervalMs: 1_000, pingTimeoutMs: 9_000, doubtAfterMs: 2_000 },
      {
        ping: () => pings.push(s.now()),
        dead: (silent) => dead.push(silent),
        doubt: (lastHeard) => doubts.push({ at: s.now(), lastHeard }),
      },
    );
    return { s, pings, dead, doubts, l };
  }

  it('pings only when the link is idle, and stays quiet while messages arrive', () => {
    const { s, pings, dead, doubts, l } = setup();
    l.start();
    for (let i = 0; i < 20; i++) {
      s.advance(500);
      l.life(); // ticks keep arriving
    }
    expect(pings).toEqual([]);
    s.advance(1_000);
    expect(pings).toEqual([11_000]);
    l.life(); // the currentTime answer
    s.advance(500);
    expect(pings).toEqual([11_000]);
    expect(dead).toEqual([]);
    expect(doubts).toEqual([]);
  });

  it('doubts 2 s into silence, then declares the link dead 9 s after the unanswered ping', () => {
    const { s, pings, dead, doubts, l } = setup();
    l.start();
    s.advance(2_000);
    expect(pings).toEqual([1_000]);
    expect(doubts).toEqual([{ at: 2_000, lastHeard: 0 }]);
    s.advance(7_999);
    expect(dead).toEqual([]);
    s.advance(1);
    expect(dead).toEqual([10_000]);
    s.advance(60_000);
    expect(dead).toEqual([10_000]); // stopped itself: one verdict only
    expect(pings).toEqual([1_000]);
  });

  it('detects doubt within 3 s of silence wherever the silence starts', () => {
    for (const offset of [0, 1, 249, 250, 499, 777, 999]) {
      const { s, doubts, l } = setup();
      l.start();
      s.advance(500 + offset);
      l.life();
      const silentFrom = s.now();
      s.advance(3_000);
      expect(doubts).toHaveLength(1);
      expect(doubts[0]?.lastHeard).toBe(silentFrom);
      expect((doubts[0]?.at ?? Infinity) - silentFrom).toBeLessThan(3_000);
    }
  });

  it('ends doubt on any message, not just the ping answer', () => {
    const { s, dead, doubts, l } = setup();
    l.start();
    s.advance(2_500);
    l.life(); // a tick
    expect(doubts).toEqual([
      { at: 2_000, lastHeard: 0 },
      { at: 2_500, lastHeard: null },
    ]);
    s.advance(1_000);
    expect(dead).toEqual([]);
  });
});

describe('rowOrderId', () => {
  it('keeps API order ids and shows TWS-entered orders (id 0) as -permId', () => {
    expect(rowOrderId(42, 9001)).toBe(42);
    expect(rowOrderId(0, 9001)).toBe(-9001);
    expect(rowOrderId(0, 9002)).toBe(-9002);
    expect(rowOrderId(0, undefined)).toBe(0);
  });
});
