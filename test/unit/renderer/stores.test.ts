// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LogEntry, Quote } from '../../../shared/model';
import { useLog, useOrders } from '../../../renderer/stores/broker-state';
import { createQuoteBatcher, useQuotes, type FrameScheduler } from '../../../renderer/stores/quotes';
import { INFO_MESSAGE_MS, useFeedback, useOrdersMessage } from '../../../renderer/stores/ui';
import { settleWatchedOrder } from '../../../renderer/stores/wire';
import { order } from './fake-bridge';
import { resetStores } from './reset';

const quote = (symbol: string, last: number, updatedAt: number): Quote => ({
  symbol,
  conId: symbol.length,
  bid: last - 0.01,
  ask: last + 0.01,
  last,
  bidSize: 100,
  askSize: 200,
  lastSize: 10,
  high: last + 1,
  low: last - 1,
  open: last,
  close: last - 0.5,
  volume: 1000,
  delayed: false,
  updatedAt,
});

/** Frames run only when the test says so. */
class ManualFrames implements FrameScheduler {
  private queue: (() => void)[] = [];
  request(cb: () => void): void {
    this.queue.push(cb);
  }
  get waiting(): number {
    return this.queue.length;
  }
  runFrame(): void {
    const q = this.queue;
    this.queue = [];
    for (const cb of q) cb();
  }
}

beforeEach(resetStores);

describe('quote batching', () => {
  it('applies nothing until the frame, then the latest quote per symbol in one store update', () => {
    const frames = new ManualFrames();
    const batcher = createQuoteBatcher(useQuotes, frames);
    let updates = 0;
    const off = useQuotes.subscribe(() => updates++);

    batcher.push([quote('AAPL', 187.5, 1), quote('MSFT', 410, 1)]);
    batcher.push([quote('AAPL', 187.6, 2)]);
    batcher.push([quote('AAPL', 187.7, 3), quote('NVDA', 120, 3)]);

    expect(useQuotes.getState().bySymbol).toEqual({});
    expect(frames.waiting).toBe(1);
    expect(batcher.pendingCount()).toBe(3);

    frames.runFrame();
    off();
    expect(updates).toBe(1);
    const shown = useQuotes.getState().bySymbol;
    expect(shown.AAPL?.last).toBe(187.7);
    expect(shown.MSFT?.last).toBe(410);
    expect(shown.NVDA?.last).toBe(120);
  });

  it('never lets an older quote that arrives late replace a newer one in the same frame', () => {
    const frames = new ManualFrames();
    const batcher = createQuoteBatcher(useQuotes, frames);
    batcher.push([quote('AAPL', 190, 10)]);
    batcher.push([quote('AAPL', 185, 9)]);
    frames.runFrame();
    expect(useQuotes.getState().bySymbol.AAPL?.last).toBe(190);
  });

  it('keeps the quote objects of symbols that did not tick, so their rows do not repaint', () => {
    const frames = new ManualFrames();
    const batcher = createQuoteBatcher(useQuotes, frames);
    batcher.push([quote('AAPL', 187.5, 1), quote('MSFT', 410, 1)]);
    frames.runFrame();
    const msftBefore = useQuotes.getState().bySymbol.MSFT;
    batcher.push([quote('AAPL', 187.6, 2)]);
    expect(frames.waiting).toBe(1);
    frames.runFrame();
    expect(useQuotes.getState().bySymbol.MSFT).toBe(msftBefore);
    expect(useQuotes.getState().bySymbol.AAPL?.last).toBe(187.6);
  });

  it('schedules one frame per burst, and a new one after it ran', () => {
    const frames = new ManualFrames();
    const batcher = createQuoteBatcher(useQuotes, frames);
    for (let i = 0; i < 50; i++) batcher.push([quote('AAPL', 100 + i, i)]);
    expect(frames.waiting).toBe(1);
    frames.runFrame();
    batcher.push([quote('AAPL', 200, 100)]);
    expect(frames.waiting).toBe(1);
  });
});

describe('orders store', () => {
  it('upserts by key: a status update replaces the row, never adds one', () => {
    useOrders.getState().upsert(order({ orderId: 7, status: 'submitted', filled: 0, remaining: 100 }));
    useOrders.getState().upsert(order({ orderId: 7, status: 'partially-filled', filled: 40, remaining: 60 }));
    const rows = Object.values(useOrders.getState().byKey);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ key: 'demo:7', status: 'partially-filled', filled: 40, remaining: 60 });
  });

  it('keeps the same order id in two accounts apart', () => {
    useOrders.getState().upsert(order({ orderId: 7, account: 'demo' }));
    useOrders.getState().upsert(order({ orderId: 7, account: 'paper' }));
    expect(Object.keys(useOrders.getState().byKey).sort()).toEqual(['demo:7', 'paper:7']);
  });

  it('replaces everything from a snapshot: a replay after reconnect does not duplicate', () => {
    useOrders.getState().upsert(order({ orderId: 1 }));
    useOrders.getState().replaceAll([order({ orderId: 1, status: 'filled' }), order({ orderId: 2 })]);
    expect(Object.keys(useOrders.getState().byKey).sort()).toEqual(['demo:1', 'demo:2']);
    expect(useOrders.getState().byKey['demo:1']?.status).toBe('filled');
  });
});

describe('watched orders', () => {
  it('shows the broker reason where the order was typed when it comes back rejected', () => {
    useFeedback.getState().watch('demo:9', 'command-line');
    settleWatchedOrder(order({ orderId: 9, status: 'submitted' }));
    expect(useFeedback.getState().byOrigin['command-line']).toBeUndefined();
    settleWatchedOrder(order({ orderId: 9, status: 'rejected', reason: 'Order rejected - reason: insufficient buying power' }));
    expect(useFeedback.getState().byOrigin['command-line']).toEqual({
      kind: 'error',
      text: 'Order Error: Order rejected - reason: insufficient buying power',
    });
    expect(useFeedback.getState().watched).toEqual({});
  });
});

describe('log store', () => {
  const entry = (seq: number): LogEntry => ({ seq, time: seq * 1000, level: 'info', source: 'host', code: null, message: `m${seq}` });
  it('keeps entries newest first and drops a replayed entry', () => {
    useLog.getState().add(entry(1));
    useLog.getState().add(entry(3));
    useLog.getState().add(entry(2));
    useLog.getState().add(entry(3));
    expect(useLog.getState().entries.map((e) => e.seq)).toEqual([3, 2, 1]);
  });
});

describe('messages that clear themselves', () => {
  it('a confirmation clears after a while; an error stays; a newer message is not cleared by an older timer', () => {
    vi.useFakeTimers();
    try {
      useOrdersMessage.getState().show({ kind: 'info', text: 'Cancel requested for #6' });
      useFeedback.getState().show('ticket', { kind: 'info', text: 'Not sent: BUY 5000 AAPL MKT GTC @sim' });
      useFeedback.getState().show('command-line', { kind: 'error', text: 'Order Error: missing symbol' });
      vi.advanceTimersByTime(INFO_MESSAGE_MS - 1);
      expect(useOrdersMessage.getState().message?.text).toBe('Cancel requested for #6');
      useFeedback.getState().show('ticket', { kind: 'info', text: 'Sent #7: BUY 1 AAPL MKT GTC @sim' });
      vi.advanceTimersByTime(1);
      expect(useOrdersMessage.getState().message).toBeNull();
      expect(useFeedback.getState().byOrigin.ticket?.text).toBe('Sent #7: BUY 1 AAPL MKT GTC @sim');
      expect(useFeedback.getState().byOrigin['command-line']?.text).toBe('Order Error: missing symbol');
      vi.advanceTimersByTime(INFO_MESSAGE_MS);
      expect(useFeedback.getState().byOrigin.ticket).toBeUndefined();
      expect(useFeedback.getState().byOrigin['command-line']?.text).toBe('Order Error: missing symbol');
    } finally {
      vi.useRealTimers();
    }
  });
});
