import { describe, expect, it } from 'vitest';
import type { Quote } from '../../../shared/model';
import { carriesQuotes, createQuoteBook } from '../../../electron/host/quote-book';
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
  book.setReadySessions([session as BrokerSession]);
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

  it('gives a symbol to the next ready session when the first refuses it, and reports the refusal', () => {
    const { session, scheduler } = setup();
    const errors: string[] = [];
    const refusing = fakeSession('bad', 3, scheduler);
    refusing.subscribeQuotes = () => {
      throw new Error('no market data permission');
    };
    const guarded = createQuoteBook({ scheduler, emit: () => {}, onSessionError: (e, s, symbol) => errors.push(`${s.config.account} ${symbol}: ${(e as Error).message}`) });
    guarded.setReadySessions([refusing, session]);
    guarded.subscribe('r1', AAPL);
    expect(session.subscribed).toEqual([AAPL.conId]);
    expect(guarded.carrierOf(AAPL.conId)).toBe(session);
    expect(errors).toEqual(['bad AAPL: no market data permission']);
    expect(guarded.quotes().map((q) => q.symbol)).toEqual(['AAPL']);
  });
});

function fakeSession(account: string, clientId: number, scheduler: ManualScheduler): FakeSession {
  return new FakeSession({ account, host: '127.0.0.1', port: clientId, clientId, accountCode: '' }, { listener, scheduler });
}

/** A book with no session ready yet and two sessions to hand out: paper first in settings order. */
function twoSessions() {
  const scheduler = new ManualScheduler(1_000);
  const batches: Quote[][] = [];
  const book = createQuoteBook({ scheduler, flushMs: 16, emit: (batch) => batches.push(batch) });
  return { scheduler, batches, book, paper: fakeSession('paper', 1, scheduler), live: fakeSession('live', 2, scheduler) };
}

describe('quote carriers: one market-data line per symbol', () => {
  it('subscribes each symbol once, on the first ready session, with two sessions ready', () => {
    const { book, paper, live } = twoSessions();
    book.setReadySessions([paper, live]);
    book.subscribe('r1', AAPL);
    book.subscribe('r2', AAPL);
    book.subscribe('r1', MSFT);
    expect(paper.subscribed).toEqual([AAPL.conId, MSFT.conId]);
    expect(live.subscribed).toEqual([]);
    expect(book.carrierOf(AAPL.conId)).toBe(paper);
  });

  it('a session that is not ready never carries: symbols held while none is ready wait, then go to the first that comes up', () => {
    const { book, paper, live } = twoSessions();
    book.subscribe('r1', AAPL);
    book.subscribe('r1', MSFT);
    expect(paper.subscribed).toEqual([]);
    expect(live.subscribed).toEqual([]);
    expect(book.carrierOf(AAPL.conId)).toBeNull();
    // live comes up first although paper is first in settings order.
    book.setReadySessions([live]);
    expect(live.subscribed).toEqual([AAPL.conId, MSFT.conId]);
    // paper coming up later does not pull them back: a move costs a fresh snapshot for nothing.
    book.setReadySessions([paper, live]);
    expect(paper.subscribed).toEqual([]);
    expect(live.unsubscribed).toEqual([]);
  });

  it('moves a symbol to the other ready session when its carrier drops, and its ticks arrive', () => {
    const { book, paper, live, scheduler, batches } = twoSessions();
    book.setReadySessions([paper, live]);
    book.subscribe('r1', AAPL);
    book.onTick(AAPL.conId, 'bid', 190.1);
    book.onQuoteMode(AAPL.conId, true);
    book.setReadySessions([live]);
    // paper forgets it, so its reconnect does not re-request a second line.
    expect(paper.unsubscribed).toEqual([AAPL.conId]);
    expect(live.subscribed).toEqual([AAPL.conId]);
    expect(book.carrierOf(AAPL.conId)).toBe(live);
    book.onTick(AAPL.conId, 'last', 190.25);
    scheduler.advance(16);
    // Quote state and the delayed flag carry over; the new stream's ticks land on top.
    expect(batches.at(-1)).toEqual([expect.objectContaining({ symbol: 'AAPL', bid: 190.1, last: 190.25, delayed: true })]);
    // paper back: no move back, no second line.
    book.setReadySessions([paper, live]);
    expect(paper.subscribed).toEqual([AAPL.conId]);
    expect(live.unsubscribed).toEqual([]);
  });

  it('keeps a dropped carrier when no other session is ready (it re-requests on its own when it returns)', () => {
    const { book, paper, live } = twoSessions();
    book.setReadySessions([paper]);
    book.subscribe('r1', AAPL);
    book.setReadySessions([]);
    expect(paper.unsubscribed).toEqual([]);
    expect(book.carrierOf(AAPL.conId)).toBe(paper);
    book.setReadySessions([paper]);
    expect(paper.subscribed).toEqual([AAPL.conId]);
    // Down again, and this time the other account comes up first: it picks the symbol up.
    book.setReadySessions([]);
    book.setReadySessions([live]);
    expect(paper.unsubscribed).toEqual([AAPL.conId]);
    expect(live.subscribed).toEqual([AAPL.conId]);
  });

  it('unsubscribe and releaseClient go to the carrier only', () => {
    const { book, paper, live } = twoSessions();
    book.setReadySessions([paper, live]);
    book.subscribe('r1', AAPL);
    book.subscribe('r1', MSFT);
    book.setReadySessions([live, paper]); // order changes while both stay ready: nothing moves
    book.setReadySessions([live]);
    book.setReadySessions([paper, live]);
    expect(book.carrierOf(MSFT.conId)).toBe(live);
    expect(book.unsubscribe('r1', 'AAPL')).toBe(true);
    book.releaseClient('r1');
    expect(live.unsubscribed).toEqual([AAPL.conId, MSFT.conId]);
    expect(paper.unsubscribed).toEqual([AAPL.conId, MSFT.conId]); // only the move off it, before
    expect(paper.subscribed).toEqual([AAPL.conId, MSFT.conId]);
    expect(book.carrierOf(AAPL.conId)).toBeNull();
  });

  it('a removed carrier hands its symbols to a ready session, or leaves them waiting for one', () => {
    const { book, paper, live } = twoSessions();
    book.setReadySessions([paper]);
    book.subscribe('r1', AAPL);
    book.detachSession(paper);
    expect(paper.unsubscribed).toEqual([AAPL.conId]);
    expect(book.carrierOf(AAPL.conId)).toBeNull();
    book.setReadySessions([live]);
    expect(live.subscribed).toEqual([AAPL.conId]);
    book.detachSession(live);
    expect(book.carrierOf(AAPL.conId)).toBeNull();
  });
});

describe('quote carriers: a broker without quotes never carries', () => {
  /** A session whose broker declares quotes: false (Webull); it would throw if asked, like the real one. */
  function quoteless(scheduler: ManualScheduler) {
    const session = fakeSession('wb', 3, scheduler);
    Object.assign(session, { capabilities: { ...IB_LIKE, quotes: false } });
    session.subscribeQuotes = () => {
      throw new Error('asked a quoteless session for quotes');
    };
    return session;
  }
  const IB_LIKE = { modify: true, bracket: true, trailing: true, outsideRth: true, whatIf: true, depth: true, history: true, tickByTick: true, pnl: true };

  it('skips a quotes:false session first in preference order: the symbol streams from the IB one, nothing asked of the other', () => {
    const { scheduler, paper } = twoSessions();
    const errors: string[] = [];
    const guarded = createQuoteBook({ scheduler, flushMs: 16, emit: () => {}, onSessionError: (e) => errors.push(String(e)) });
    const wb = quoteless(scheduler);
    guarded.setReadySessions([wb, paper]);
    guarded.subscribe('r1', AAPL);
    expect(guarded.carrierOf(AAPL.conId)).toBe(paper);
    expect(paper.subscribed).toEqual([AAPL.conId]);
    expect(errors).toEqual([]);
  });

  it('with only quotes:false sessions ready, holds the symbol with no carrier, and moves it to IB when IB comes up', () => {
    const { scheduler, paper } = twoSessions();
    const errors: string[] = [];
    const book = createQuoteBook({ scheduler, flushMs: 16, emit: () => {}, onSessionError: (e) => errors.push(String(e)) });
    const wb = quoteless(scheduler);
    book.setReadySessions([wb]);
    book.subscribe('r1', AAPL);
    expect(book.carrierOf(AAPL.conId)).toBeNull();
    book.setReadySessions([wb, paper]);
    expect(book.carrierOf(AAPL.conId)).toBe(paper);
    // IB drops again: the symbol does not fall back onto the quoteless session.
    book.setReadySessions([wb]);
    expect(book.carrierOf(AAPL.conId)).toBe(paper);
    expect(errors).toEqual([]);
  });

  it('a session without declared capabilities (IB today) still carries', () => {
    const { book, paper } = twoSessions();
    expect(carriesQuotes(paper)).toBe(true);
    book.setReadySessions([paper]);
    book.subscribe('r1', AAPL);
    expect(book.carrierOf(AAPL.conId)).toBe(paper);
  });
});
