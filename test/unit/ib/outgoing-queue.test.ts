import { describe, expect, it } from 'vitest';
import { PacedQueue, type OutgoingItem } from '../../../electron/ib/outgoing-queue';
import { describeTokens, laneOf, OUT_MSG } from '../../../electron/ib/send-lanes';
import { ManualScheduler } from '../../helpers/manual-scheduler';

type Item = OutgoingItem & { name: string };

const place = (orderId: number): Item => ({ lane: 'normal', msgId: OUT_MSG.PLACE_ORDER, orderId, name: `place ${orderId}` });
const cancel = (orderId: number): Item => ({ lane: 'priority', msgId: OUT_MSG.CANCEL_ORDER, orderId, name: `cancel ${orderId}` });

function setup(perInterval = 4, intervalMs = 100) {
  const s = new ManualScheduler();
  const written: Array<{ at: number; name: string }> = [];
  const q = new PacedQueue<Item>(s, { perInterval, intervalMs }, (item) => written.push({ at: s.now(), name: item.name }));
  return { s, q, written };
}

describe('PacedQueue', () => {
  it('writes at once while the interval has budget, then paces the rest per interval', () => {
    const { s, q, written } = setup();
    for (let id = 1; id <= 10; id++) q.push(place(id));
    expect(written.map((w) => w.name)).toEqual(['place 1', 'place 2', 'place 3', 'place 4']);
    s.advance(100);
    expect(written).toHaveLength(8);
    expect(written.slice(4).every((w) => w.at === 100)).toBe(true);
    s.advance(100);
    expect(written.map((w) => w.name).slice(8)).toEqual(['place 9', 'place 10']);
    expect(q.size()).toEqual({ priority: 0, normal: 0 });
  });

  it('never writes more than the budget in any interval, both lanes together', () => {
    const { s, q, written } = setup(4, 100);
    for (let id = 1; id <= 200; id++) {
      q.push(place(id));
      if (id % 7 === 0) q.push(cancel(id));
    }
    s.advance(10_000);
    const total = 200 + Math.floor(200 / 7);
    expect(written).toHaveLength(total);
    const perWindow = new Map<number, number>();
    for (const w of written) perWindow.set(Math.floor(w.at / 100), (perWindow.get(Math.floor(w.at / 100)) ?? 0) + 1);
    expect(Math.max(...perWindow.values())).toBe(4);
    // Any sliding second holds at most 44 (IB allows 50).
    for (const w of written) expect(written.filter((o) => o.at >= w.at && o.at < w.at + 1000).length).toBeLessThanOrEqual(44);
  });

  it('sends a cancel at the next slot, ahead of a 1,000-order backlog', () => {
    const { s, q, written } = setup();
    for (let id = 1; id <= 1000; id++) q.push(place(id));
    s.advance(250); // some of the backlog has left: 4 at 0, 100, 200
    expect(written).toHaveLength(12);
    q.push(cancel(500));
    s.advance(50);
    expect(written[12]).toEqual({ at: 300, name: 'cancel 500' });
    expect(written.slice(13).map((w) => w.name)).toEqual(['place 13', 'place 14', 'place 15']);
  });

  it('keeps priority items in their own order', () => {
    const { s, q, written } = setup(1, 100);
    q.push(place(1));
    q.push(place(2));
    q.push(cancel(7));
    q.push(cancel(8));
    s.advance(300);
    expect(written.map((w) => w.name)).toEqual(['place 1', 'cancel 7', 'cancel 8', 'place 2']);
  });

  it('withdraws a queued place so it is never written', () => {
    const { s, q, written } = setup(1, 100);
    q.push(place(1));
    q.push(place(2));
    q.push(place(3));
    expect(q.has((i) => i.orderId === 2)).toBe(true);
    expect(q.withdraw((i) => i.orderId === 2).map((i) => i.name)).toEqual(['place 2']);
    expect(q.withdraw((i) => i.orderId === 1)).toEqual([]); // already written
    s.advance(1_000);
    expect(written.map((w) => w.name)).toEqual(['place 1', 'place 3']);
  });

  it('drops everything unsent when closed, and writes nothing afterwards', () => {
    const { s, q, written } = setup(1, 100);
    q.push(place(1));
    q.push(place(2));
    q.push(cancel(1));
    expect(q.drop().map((i) => i.name)).toEqual(['cancel 1', 'place 2']);
    q.push(place(3));
    s.advance(1_000);
    expect(written.map((w) => w.name)).toEqual(['place 1']);
  });
});

describe('send lanes', () => {
  it('puts cancels, global cancel and the liveness ping in the priority lane, the rest in the normal lane', () => {
    expect(laneOf(OUT_MSG.CANCEL_ORDER)).toBe('priority');
    expect(laneOf(OUT_MSG.REQ_GLOBAL_CANCEL)).toBe('priority');
    expect(laneOf(OUT_MSG.REQ_CURRENT_TIME)).toBe('priority');
    expect(laneOf(OUT_MSG.PLACE_ORDER)).toBe('normal');
    expect(laneOf(1)).toBe('normal'); // reqMktData
  });

  it('reads the message id and order id of an encoded message (as the controller wraps it)', () => {
    expect(describeTokens([[3, 1001, 265598, 'AAPL']])).toMatchObject({ msgId: 3, orderId: 1001, lane: 'normal' });
    expect(describeTokens([[[3, 1002, 265598, 'AAPL']]])).toMatchObject({ msgId: 3, orderId: 1002, lane: 'normal' });
    expect(describeTokens([[4, 1001, '']])).toMatchObject({ msgId: 4, orderId: 1001, lane: 'priority' });
    expect(describeTokens([[49, 1]])).toMatchObject({ msgId: 49, orderId: null, lane: 'priority' });
    expect(describeTokens([1, 2, 3])).toMatchObject({ msgId: 1, orderId: null, lane: 'normal' });
  });
});
