// The host's market-view stream book against scripted sessions: reference
// counting per renderer, one carrier, coalescing per window.

import { describe, expect, it } from 'vitest';
import type { BarsEvent, DepthEvent, StreamStatusEvent, TapeEvent } from '../../../shared/market-view';
import type { Instrument } from '../../../shared/model';
import type { BrokerSession, BrokerStream } from '../../../electron/host/broker';
import { BARS_LINGER_MS, createStreamBook } from '../../../electron/host/stream-book';
import { ManualScheduler } from '../../helpers/manual-scheduler';

const AAPL: Instrument = { symbol: 'AAPL', conId: 265598, secType: 'STK', exchange: 'SMART', primaryExchange: 'NASDAQ', currency: 'USD', minTick: 0.01, longName: 'APPLE INC' };
const bars: BrokerStream = { key: 'bars:265598:1 min', kind: 'bars', instrument: AAPL, barSize: '1 min' };
const depth: BrokerStream = { key: 'depth:265598', kind: 'depth', instrument: AAPL };

function session(name: string, calls: string[], streams = true): BrokerSession {
  const base = { config: { account: name } } as unknown as BrokerSession;
  if (!streams) return base;
  return {
    ...base,
    subscribeStream: (s: BrokerStream) => void calls.push(`${name} +${s.key}`),
    unsubscribeStream: (key: string) => void calls.push(`${name} -${key}`),
  } as BrokerSession;
}

function book() {
  const scheduler = new ManualScheduler(0);
  const seen = { bars: [] as BarsEvent[], depth: [] as DepthEvent[], tape: [] as TapeEvent[], status: [] as StreamStatusEvent[] };
  const streams = createStreamBook({
    scheduler,
    flushMs: 16,
    emit: { bars: (e) => seen.bars.push(e), depth: (e) => seen.depth.push(e), tape: (e) => seen.tape.push(e), status: (e) => seen.status.push(e) },
  });
  return { scheduler, seen, streams };
}

describe('stream book', () => {
  it('asks the broker on 0 -> 1 and 1 -> 0 only, per key across renderers', () => {
    const calls: string[] = [];
    const { streams, scheduler } = book();
    streams.setReadySessions([session('a', calls)]);
    streams.subscribe('r1', bars);
    streams.subscribe('r1', bars);
    streams.subscribe('r2', bars);
    expect(calls).toEqual(['a +bars:265598:1 min']);
    expect(streams.unsubscribe('r1', bars.key)).toBe(true);
    streams.releaseClient('r2');
    expect(calls).toEqual(['a +bars:265598:1 min']);
    expect(streams.unsubscribe('r1', bars.key)).toBe(true);
    expect(streams.unsubscribe('r1', bars.key)).toBe(false);
    // Bars linger (a chart tab hidden and shown again), then close.
    expect(calls).toEqual(['a +bars:265598:1 min']);
    scheduler.advance(BARS_LINGER_MS);
    expect(calls).toEqual(['a +bars:265598:1 min', 'a -bars:265598:1 min']);
    // Depth closes at once: IB allows three lines.
    streams.subscribe('r1', depth);
    streams.unsubscribe('r1', depth.key);
    expect(calls.slice(2)).toEqual(['a +depth:265598', 'a -depth:265598']);
  });

  it('gives a chart shown again within the linger its series without asking the broker again', () => {
    const calls: string[] = [];
    const { streams, seen, scheduler } = book();
    streams.setReadySessions([session('a', calls)]);
    streams.subscribe('r1', bars);
    const bar = { time: 60, open: 1, high: 2, low: 0.5, close: 1.5, volume: 100 };
    streams.onBars(bars.key, [bar], true);
    scheduler.advance(16);
    streams.unsubscribe('r1', bars.key);
    scheduler.advance(BARS_LINGER_MS - 1);
    streams.subscribe('r1', bars);
    scheduler.advance(BARS_LINGER_MS);
    expect(calls).toEqual(['a +bars:265598:1 min']);
    expect(seen.bars.at(-1)).toEqual(expect.objectContaining({ replace: true, bars: [bar] }));
  });

  it('skips sessions without streams, waits when none is ready, moves when the carrier drops', () => {
    const calls: string[] = [];
    const { streams, seen } = book();
    streams.subscribe('r1', depth);
    expect(seen.status).toEqual([expect.objectContaining({ key: 'depth:265598', state: 'waiting' })]);
    const a = session('a', calls);
    const b = session('b', calls);
    streams.setReadySessions([session('plain', calls, false), a, b]);
    expect(calls).toEqual(['a +depth:265598']);
    streams.detachSession(a);
    expect(calls).toEqual(['a +depth:265598', 'a -depth:265598', 'b +depth:265598']);
  });

  it('coalesces per window: history whole, live bars merged, the whole book, prints appended', () => {
    const { streams, seen, scheduler } = book();
    streams.setReadySessions([session('a', [])]);
    streams.subscribe('r1', bars);
    streams.subscribe('r1', depth);
    const bar = (time: number, close: number) => ({ time, open: 1, high: 2, low: 0.5, close, volume: 100 });
    streams.onBars(bars.key, [bar(60, 1), bar(120, 1.5)], true);
    streams.onBars(bars.key, [bar(120, 1.6)], false);
    const live = { bids: [{ price: 1, size: 100, venue: 'NSDQ' }], asks: [] };
    streams.onDepth(depth.key, live);
    live.bids[0] = { price: 1, size: 200, venue: 'NSDQ' };
    streams.onDepth(depth.key, live);
    expect(seen.bars).toEqual([]);
    scheduler.advance(16);
    expect(seen.bars).toEqual([expect.objectContaining({ replace: true, bars: [bar(60, 1), bar(120, 1.6)] })]);
    expect(seen.depth).toEqual([expect.objectContaining({ bids: [{ price: 1, size: 200, venue: 'NSDQ' }] })]);
    streams.onBars(bars.key, [bar(120, 1.7)], false);
    streams.onBars(bars.key, [bar(180, 1.8)], false);
    scheduler.advance(16);
    expect(seen.bars.at(-1)).toEqual(expect.objectContaining({ replace: false, bars: [bar(120, 1.7), bar(180, 1.8)] }));
    // A second panel gets the whole series.
    streams.subscribe('r2', bars);
    scheduler.advance(16);
    expect(seen.bars.at(-1)).toEqual(expect.objectContaining({ replace: true, bars: [bar(60, 1), bar(120, 1.7), bar(180, 1.8)] }));
  });

  it('appends prints and drops reports of streams nobody holds', () => {
    const { streams, seen, scheduler } = book();
    streams.setReadySessions([session('a', [])]);
    const tape: BrokerStream = { key: 'tape:265598', kind: 'tape', instrument: AAPL };
    streams.subscribe('r1', tape);
    const print = (price: number) => ({ time: 1, price, size: 100, exchange: 'NSDQ', side: 'at-bid' as const });
    streams.onPrint(tape.key, print(1));
    streams.onPrint(tape.key, print(2));
    streams.onPrint('tape:1', print(3));
    scheduler.advance(16);
    expect(seen.tape).toEqual([expect.objectContaining({ key: 'tape:265598', prints: [print(1), print(2)] })]);
    streams.onStatus(tape.key, { state: 'refused', code: 10190, message: 'Max number of tick-by-tick requests has been reached.' });
    expect(seen.status.at(-1)).toEqual({ key: 'tape:265598', symbol: 'AAPL', state: 'refused', code: 10190, message: 'Max number of tick-by-tick requests has been reached.' });
  });
});
