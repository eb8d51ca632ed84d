import { describe, expect, it } from 'vitest';
import type { Quote } from '../../../shared/model';
import { createQuoteBook } from '../../../electron/host/quote-book';
import type { BrokerSession } from '../../../electron/host/broker';
import { ManualScheduler } from '../../helpers/manual-scheduler';
import { FakeSession, instrument } from './fake-broker';

const noop = () => {};
const listener = {
  onStatus: noop, onTick: noop, onQuoteMode: noop, onOrder: noop, onFill: noop, onPosition: noop, onAccount: noop, onLog: noop,
};

function setup() {
  const scheduler = new ManualScheduler(1_000);
  const batches: Quote[][] = [];
  const book = createQuoteBook({ scheduler, flushMs: 16, emit: (batch) => batches.push(batch) });
  const session = new FakeSession({ account: 'paper', host: '127.0.0.1', port: 1, clientId: 1, accountCode: '' }, { listener, scheduler });
  book.attachSession(session as BrokerSession);
  return { scheduler, batches, book, session };
}

const AAPL = instrument('AAPL', 265598);
const MSFT = instrument('MSFT', 272093);

describe('quote coalescing', () => {
  it('turns 1,000 ticks on one symbol in a window into one quote in one batch with the last values', () => {
    const { scheduler, batches, book } = setup();
    book.subscribe('r1', AAPL);
    for (let i = 0; i < 1000; i += 1) {
      book.onTick(AAPL.conId, 'bid', 100 + i / 100);
      book.onTick(AAPL.conId, 'ask', 100.01 + i / 100);
    }
    book.onTick(AAPL.conId, 'last', 109.99);
    scheduler.advance(15);
    expect(batches).toHaveLength(0);
    scheduler.advance(1);
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(1);
    expect(batches[0]?.[0]).toMatchObject({ symbol: 'AAPL', conId: 265598, bid: 109.99, ask: 110, last: 109.99, delayed: false, updatedAt: 1000 });
  });

  it('puts two symbols that ticked in one window into one batch of two', () => {
    const { scheduler, batches, book } = setup();
    book.subscribe('r1', AAPL);
    book.subscribe('r1', MSFT);
    book.onTick(AAPL.conId, 'last', 190.5);
    scheduler.advance(5);
    book.onTick(MSFT.conId, 'last', 410.25);
    scheduler.advance(20);
    expect(batches).toHaveLength(1);
    expect(batches[0]?.map((q) => [q.symbol, q.last])).toEqual([['AAPL', 190.5], ['MSFT', 410.25]]);
  });

  it('emits nothing while idle and starts a new window on the next tick', () => {
    const { scheduler, batches, book } = setup();
    book.subscribe('r1', AAPL);
    scheduler.advance(1000);
    expect(batches).toHaveLength(0);
    book.onTick(AAPL.conId, 'bid', 1);
    scheduler.advance(16);
    scheduler.advance(1000);
    expect(batches).toHaveLength(1);
    book.onTick(AAPL.conId, 'bid', 2);
    scheduler.advance(16);
    expect(batches.map((b) => b[0]?.bid)).toEqual([1, 2]);
  });

  it('sends copies: a later tick does not change a batch already emitted', () => {
    const { scheduler, batches, book } = setup();
    book.subscribe('r1', AAPL);
    book.onTick(AAPL.conId, 'bid', 1);
    scheduler.advance(16);
    book.onTick(AAPL.conId, 'bid', 2);
    expect(batches[0]?.[0]?.bid).toBe(1);
  });

  it('flushes from the tick path when a busy event loop starves the timer', () => {
    // A scheduler whose timers never fire, as while one huge socket read is decoded.
    let now = 0;
    const starved = { now: () => now, setTimeout: () => ({ id: 1 }), setInterval: () => ({ id: 2 }), clear: () => {} };
    const batches: Quote[][] = [];
    const book = createQuoteBook({ scheduler: starved, flushMs: 16, emit: (b) => batches.push(b) });
    book.subscribe('r1', AAPL);
    for (let i = 0; i < 100; i += 1) {
      now = i; // one tick per ms for 100 ms
      book.onTick(AAPL.conId, 'last', 100 + i);
    }
    // Windows start at 0, 16, 32, 48, 64, 80 and each closes on the first tick past it.
    expect(batches.map((b) => b[0]?.last)).toEqual([116, 132, 148, 164, 180, 196]);
  });

  it('ignores ticks for symbols nobody holds', () => {
    const { scheduler, batches, book } = setup();
    book.onTick(999, 'bid', 1);
    scheduler.advance(100);
    expect(batches).toHaveLength(0);
  });

  it('marks a quote delayed when the stream switches to delayed data', () => {
    const { scheduler, batches, book } = setup();
    book.subscribe('r1', AAPL);
    book.onQuoteMode(AAPL.conId, true);
    scheduler.advance(16);
    expect(batches[0]?.[0]?.delayed).toBe(true);
    expect(book.quotes()[0]?.delayed).toBe(true);
  });
});

describe('quote subscriptions', () => {
  it('subscribes on the broker only on 0 -> 1 and unsubscribes only on 1 -> 0', () => {
    const { book, session } = setup();
    book.subscribe('r1', AAPL);
    book.subscribe('r1', AAPL);
    book.subscribe('r2', AAPL);
    expect(session.subscribed).toEqual([AAPL.conId]);
    expect(book.unsubscribe('r1', 'AAPL')).toBe(true);
    expect(book.unsubscribe('r2', 'AAPL')).toBe(true);
    expect(session.unsubscribed).toEqual([]);
    expect(book.unsubscribe('r1', 'AAPL')).toBe(true);
    expect(session.unsubscribed).toEqual([AAPL.conId]);
    expect(book.unsubscribe('r1', 'AAPL')).toBe(false);
    expect(book.quotes()).toEqual([]);
  });

  it('releaseClient drops everything that renderer held and nothing another holds', () => {
    const { book, session } = setup();
    book.subscribe('r1', AAPL);
    book.subscribe('r1', AAPL);
    book.subscribe('r1', MSFT);
    book.subscribe('r2', MSFT);
    book.releaseClient('r1');
    expect(session.unsubscribed).toEqual([AAPL.conId]);
    expect(book.quotes().map((q) => q.symbol)).toEqual(['MSFT']);
    book.releaseClient('r2');
    expect(session.unsubscribed).toEqual([AAPL.conId, MSFT.conId]);
  });

  it('does not flush a quote that was unsubscribed while it waited in the window', () => {
    const { scheduler, batches, book } = setup();
    book.subscribe('r1', AAPL);
    book.onTick(AAPL.conId, 'bid', 1);
    book.releaseClient('r1');
    scheduler.advance(16);
    expect(batches).toHaveLength(0);
  });

  it('keeps going when one session refuses a subscription, and reports it', () => {
    const { book, session, scheduler } = setup();
    const errors: string[] = [];
    const refusing = new FakeSession({ account: 'bad', host: '127.0.0.1', port: 3, clientId: 3, accountCode: '' }, { listener, scheduler });
    refusing.subscribeQuotes = () => {
      throw new Error('no market data permission');
    };
    const guarded = createQuoteBook({ scheduler, emit: () => {}, onSessionError: (e, s, symbol) => errors.push(`${s.config.account} ${symbol}: ${(e as Error).message}`) });
    guarded.attachSession(refusing);
    guarded.attachSession(session);
    guarded.subscribe('r1', AAPL);
    expect(session.subscribed).toEqual([AAPL.conId]);
    expect(errors).toEqual(['bad AAPL: no market data permission']);
    expect(guarded.quotes().map((q) => q.symbol)).toEqual(['AAPL']);
    void book;
  });

  it('subscribes every held symbol on a session attached later (an account added)', () => {
    const { book, scheduler } = setup();
    book.subscribe('r1', AAPL);
    book.subscribe('r1', MSFT);
    const later = new FakeSession({ account: 'live', host: '127.0.0.1', port: 2, clientId: 2, accountCode: '' }, { listener, scheduler });
    book.attachSession(later);
    expect(later.subscribed).toEqual([AAPL.conId, MSFT.conId]);
  });
});
