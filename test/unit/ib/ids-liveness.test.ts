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
    const l = new Liveness(s, 10_000, 5_000, () => pings.push(s.now()), (silent) => dead.push(silent));
    return { s, pings, dead, l };
  }

  it('pings every interval and stays quiet while answers come', () => {
    const { s, pings, dead, l } = setup();
    l.start();
    s.advance(10_000);
    l.life(); // the currentTime answer
    s.advance(10_000);
    l.life();
    s.advance(5_000);
    expect(pings).toEqual([10_000, 20_000]);
    expect(dead).toEqual([]);
  });

  it('declares the link dead when nothing arrives within the timeout after a ping', () => {
    const { s, dead, l } = setup();
    l.start();
    s.advance(14_999);
    expect(dead).toEqual([]);
    s.advance(1);
    expect(dead).toEqual([15_000]);
    s.advance(60_000);
    expect(dead).toEqual([15_000]); // stopped itself: one verdict only
  });

  it('counts any message, not just the ping answer, as life', () => {
    const { s, dead, l } = setup();
    l.start();
    s.advance(12_000);
    l.life(); // a tick
    s.advance(3_000);
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
