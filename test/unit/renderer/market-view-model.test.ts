// The market-view panels' pure parts and the per-frame store feed.

import { beforeEach, describe, expect, it } from 'vitest';
import type { Bar, DepthEvent } from '../../../shared/market-view';
import { chartKeyAction, displayTime, priceLinesFor, zoomed } from '../../../renderer/components/market-view/chart-model';
import { ladderKeyAction, ladderRows, stepPrice, workingOrdersOf } from '../../../renderer/components/market-view/ladder';
import { printPrice, readMinSize, visiblePrints } from '../../../renderer/components/market-view/tape-text';
import { CHART_BARS, createMarketViewFeed, TAPE_ROWS, useMarketView } from '../../../renderer/stores/market-view';
import { order } from './fake-bridge';

const position = { account: 'demo', symbol: 'AAPL', conId: 1, quantity: 100, avgCost: 187.234, marketPrice: null, marketValue: null, unrealizedPnl: null, realizedPnl: null };

describe('chart model', () => {
  it('draws the average cost and every working order of the symbol, keyed so a moved order keeps its line', () => {
    const lines = priceLinesFor('AAPL', [position, { ...position, symbol: 'MSFT' }], [
      order({ orderId: 7, limitPrice: 186.5 }),
      order({ orderId: 8, side: 'SELL', type: 'stop', limitPrice: null, stopPrice: 185 }),
      order({ orderId: 9, status: 'filled' }),
      order({ orderId: 10, symbol: 'MSFT' }),
    ]);
    expect(lines).toEqual([
      { id: 'avg:demo', price: 187.234, title: 'Avg +100', kind: 'avg' },
      { id: 'order:demo:7', price: 186.5, title: '#7 BUY 100', kind: 'buy' },
      { id: 'order:demo:8', price: 185, title: '#8 SELL 100', kind: 'sell' },
    ]);
    expect(priceLinesFor('AAPL', [], [order({ orderId: 7, limitPrice: 186.6 })])[0]).toMatchObject({ id: 'order:demo:7', price: 186.6 });
  });

  it('maps keys to bar sizes, scrolling and zooming', () => {
    expect(chartKeyAction('1', false)).toEqual({ kind: 'bar-size', barSize: '1 min' });
    expect(chartKeyAction('5', false)).toEqual({ kind: 'bar-size', barSize: '1 day' });
    expect(chartKeyAction('ArrowLeft', true)).toEqual({ kind: 'scroll', bars: -50 });
    expect(chartKeyAction('+', false)).toEqual({ kind: 'zoom', factor: 1.25 });
    expect(chartKeyAction('End', false)).toEqual({ kind: 'latest' });
    expect(chartKeyAction('x', false)).toBeNull();
    expect(zoomed(50, 2)).toBe(60);
    expect(zoomed(1.2, 0.5)).toBe(1);
  });

  it('shows intraday bars on the local clock and daily bars as their day', () => {
    const bar: Bar = { time: 1_800_000_000, open: 1, high: 1, low: 1, close: 1, volume: 0 };
    expect(displayTime(bar, '5 mins', () => 300)).toBe(1_800_000_000 - 18_000);
    expect(displayTime(bar, '1 day', () => 300)).toBe(1_800_000_000);
  });
});

describe('ladder', () => {
  const book = {
    bids: [{ price: 187.49, size: 300, venue: 'NSDQ' }, { price: 187.48, size: 500, venue: 'ARCA' }],
    asks: [{ price: 187.51, size: 200, venue: 'BATS' }, { price: 187.52, size: 900, venue: 'IEX' }],
  };

  it('has a row per tick with the book sizes and the working orders at their prices', () => {
    const working = workingOrdersOf('AAPL', [order({ orderId: 3, limitPrice: 187.45 }), order({ orderId: 4, status: 'cancelled' })]);
    const rows = ladderRows(book, working, 0.01);
    expect(rows.map((r) => r.price)).toEqual([187.54, 187.53, 187.52, 187.51, 187.5, 187.49, 187.48, 187.47, 187.46, 187.45, 187.44, 187.43]);
    expect(rows.find((r) => r.price === 187.49)).toMatchObject({ bid: book.bids[0], bestBid: true, ask: null });
    expect(rows.find((r) => r.price === 187.51)).toMatchObject({ ask: book.asks[0], bestAsk: true });
    expect(rows.find((r) => r.price === 187.45)?.buys.map((o) => o.orderId)).toEqual([3]);
    expect(ladderRows(undefined, [], 0.01)).toEqual([]);
  });

  it('keeps rows on the tick grid', () => {
    expect(stepPrice(187.49, -1, 0.01)).toBe(187.48);
    expect(stepPrice(0.0101, 1, 0.0001)).toBe(0.0102);
    expect(stepPrice(0.01, -1, 0.01)).toBe(0.01);
  });

  it('maps keys to selecting, placing, cancelling and moving', () => {
    expect(ladderKeyAction('ArrowUp', false)).toEqual({ kind: 'move', direction: 1 });
    expect(ladderKeyAction('ArrowDown', true)).toEqual({ kind: 'modify', direction: -1 });
    expect(ladderKeyAction('b', false)).toEqual({ kind: 'place', side: 'BUY' });
    expect(ladderKeyAction('S', false)).toEqual({ kind: 'place', side: 'SELL' });
    expect(ladderKeyAction('B', true)).toBeNull();
    expect(ladderKeyAction('Delete', false)).toEqual({ kind: 'cancel' });
    expect(ladderKeyAction(' ', false)).toEqual({ kind: 'touch' });
  });
});

describe('tape text', () => {
  it('reads the minimum size and filters prints', () => {
    expect(readMinSize('')).toEqual({ min: 0, problem: null });
    expect(readMinSize('1,000')).toEqual({ min: 1000, problem: null });
    expect(readMinSize('1.5')).toEqual({ min: 0, problem: 'minimum size "1.5" is not a whole number' });
    const print = (size: number) => ({ time: 1, price: 1, size, exchange: 'NSDQ', side: 'at-bid' as const });
    expect(visiblePrints([print(100), print(500), print(300)], 300, 10).map((p) => p.size)).toEqual([500, 300]);
    expect(visiblePrints([print(100), print(500), print(300)], 0, 2)).toHaveLength(2);
    expect(printPrice(187.5, 0.01)).toBe('187.50');
    expect(printPrice(0.0123, 0.0001)).toBe('0.0123');
  });
});

describe('market-view feed', () => {
  let frames: Array<() => void>;
  const runFrame = (): void => {
    const pending = frames;
    frames = [];
    for (const f of pending) f();
  };
  beforeEach(() => {
    frames = [];
    useMarketView.setState({ bars: {}, depth: {}, tape: {}, status: {} });
  });

  it('applies a frame at once: the whole series after history, then only the bars that moved', () => {
    const feed = createMarketViewFeed(useMarketView, { request: (cb) => void frames.push(cb) });
    const bar = (time: number, close: number): Bar => ({ time, open: 1, high: 2, low: 0.5, close, volume: 10 });
    const key = 'bars:1:1 min';
    feed.bars({ key, symbol: 'AAPL', conId: 1, barSize: '1 min', replace: true, bars: [bar(60, 1), bar(120, 1)] });
    feed.bars({ key, symbol: 'AAPL', conId: 1, barSize: '1 min', replace: false, bars: [bar(120, 1.5)] });
    expect(useMarketView.getState().bars[key]).toBeUndefined();
    expect(frames).toHaveLength(1);
    runFrame();
    expect(useMarketView.getState().bars[key]).toMatchObject({ bars: [bar(60, 1), bar(120, 1.5)], change: { replace: true }, revision: 1 });
    feed.bars({ key, symbol: 'AAPL', conId: 1, barSize: '1 min', replace: false, bars: [bar(180, 2)] });
    runFrame();
    expect(useMarketView.getState().bars[key]).toMatchObject({ change: { replace: false, bars: [bar(180, 2)] }, revision: 2 });
    expect(useMarketView.getState().bars[key]?.bars).toHaveLength(3);
    const many = Array.from({ length: CHART_BARS + 10 }, (_, i) => bar(i * 60, 1));
    feed.bars({ key, symbol: 'AAPL', conId: 1, barSize: '1 min', replace: true, bars: many });
    runFrame();
    expect(useMarketView.getState().bars[key]?.bars).toHaveLength(CHART_BARS);
  });

  it('keeps the latest book, the prints newest first (capped) and the status', () => {
    const feed = createMarketViewFeed(useMarketView, { request: (cb) => void frames.push(cb) });
    const depth = (size: number): DepthEvent => ({ key: 'depth:1', symbol: 'AAPL', conId: 1, bids: [{ price: 1, size, venue: 'NSDQ' }], asks: [] });
    feed.depth(depth(100));
    feed.depth(depth(200));
    const print = (price: number) => ({ time: 1, price, size: 100, exchange: 'NSDQ', side: 'at-ask' as const });
    feed.tape({ key: 'tape:1', symbol: 'AAPL', conId: 1, prints: [print(1), print(2)] });
    feed.tape({ key: 'tape:1', symbol: 'AAPL', conId: 1, prints: [print(3)] });
    feed.status({ key: 'depth:1', symbol: 'AAPL', state: 'refused', code: 309, message: 'Max number (3) of market depth requests has been reached' });
    runFrame();
    const state = useMarketView.getState();
    expect(state.depth['depth:1']?.bids[0]?.size).toBe(200);
    expect(state.tape['tape:1']?.map((p) => p.price)).toEqual([3, 2, 1]);
    expect(state.status['depth:1']?.code).toBe(309);
    feed.tape({ key: 'tape:1', symbol: 'AAPL', conId: 1, prints: Array.from({ length: TAPE_ROWS }, (_, i) => print(10 + i)) });
    runFrame();
    expect(useMarketView.getState().tape['tape:1']).toHaveLength(TAPE_ROWS);
    expect(useMarketView.getState().tape['tape:1']?.[0]?.price).toBe(10 + TAPE_ROWS - 1);
  });
});
