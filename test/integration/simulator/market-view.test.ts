// Historical data, keepUpToDate, market depth and tick-by-tick as the real
// @stoqey/ib IBApi decodes them from the simulator, on a clock that stands still
// at Thursday 15 January 2026, 10:00 New York (AAPL at 190: bid 189.99, ask 190.01).

import { EventName, OrderAction, OrderType, TickByTickDataType } from '@stoqey/ib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AAPL, MSFT, connected, order, startKit, stopKit, sync, waitError, type Kit } from './order-kit';
import type { TestClient } from './client';

const ZZDLY = { conId: 900000301, secType: AAPL.secType, exchange: 'SMART', currency: 'USD' };
const NOW_SECONDS = Date.UTC(2026, 0, 15, 15, 0, 0) / 1000;

let kit: Kit;
beforeEach(async () => {
  kit = await startKit();
});
afterEach(async () => {
  await stopKit(kit);
});

interface Bar {
  date: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

async function history(c: TestClient, reqId: number, duration: string, barSize: string, useRth: number, formatDate: number, keepUpToDate = false): Promise<Bar[]> {
  const mark = c.mark;
  c.ib.reqHistoricalData(reqId, AAPL, '', duration, barSize as never, 'TRADES', useRth, formatDate, keepUpToDate);
  await c.waitFor(EventName.historicalData, (id: number, date: string) => id === reqId && date.startsWith('finished'), 3000, mark);
  return c.events
    .slice(mark)
    .filter((e) => e.name === EventName.historicalData && e.args[0] === reqId && !String(e.args[1]).startsWith('finished'))
    .map((e) => {
      const [, date, open, high, low, close, volume] = e.args as [number, string, number, number, number, number, number];
      return { date, open, high, low, close, volume };
    });
}

function nyMinute(epochSeconds: number): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hourCycle: 'h23', hour: '2-digit', minute: '2-digit' }).formatToParts(new Date(epochSeconds * 1000));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  return get('hour') * 60 + get('minute');
}

describe('historical data', () => {
  it('serves 1-minute bars over all hours, the last closing at the current price', async () => {
    const c = await connected(kit, 1);
    const bars = await history(c, 1, '1 D', '1 min', 0, 2);
    // Wednesday 10:01-19:59 (599) + Thursday 04:00-10:00 (361, the 10:00 bar is the live one).
    expect(bars).toHaveLength(960);
    expect(bars.at(-1)?.date).toBe(String(NOW_SECONDS));
    expect(bars.at(-1)?.close).toBe(190);
    for (const bar of bars) {
      const minute = nyMinute(Number(bar.date));
      expect(minute >= 4 * 60 && minute < 20 * 60).toBe(true);
      expect(bar.low).toBeLessThanOrEqual(Math.min(bar.open, bar.close));
      expect(bar.high).toBeGreaterThanOrEqual(Math.max(bar.open, bar.close));
      expect(bar.volume % 100).toBe(0);
      expect(bar.volume).toBeGreaterThan(0);
    }
    // Continuous: each bar opens where the one before closed.
    for (let i = 1; i < bars.length; i++) expect(bars[i]?.open).toBe(bars[i - 1]?.close);
  });

  it('keeps to regular hours with useRTH and writes Eastern times with formatDate 1', async () => {
    const c = await connected(kit, 1);
    const bars = await history(c, 2, '1 D', '5 mins', 1, 1);
    // Wednesday 10:05-15:55 (71) + Thursday 09:30-10:00 (7).
    expect(bars).toHaveLength(78);
    expect(bars[0]?.date).toBe('20260114 10:05:00 US/Eastern');
    expect(bars.at(-1)?.date).toBe('20260115 10:00:00 US/Eastern');
  });

  it('writes daily bars as yyyyMMdd, weekdays only', async () => {
    const c = await connected(kit, 1);
    const bars = await history(c, 3, '2 W', '1 day', 1, 2);
    expect(bars.map((b) => b.date)).toEqual([
      '20260102', '20260105', '20260106', '20260107', '20260108', '20260109', '20260112', '20260113', '20260114', '20260115',
    ]);
    expect(bars.at(-1)?.close).toBe(190);
  });

  it('draws the same candles from the same seed', async () => {
    const a = await connected(kit, 1);
    const first = await history(a, 4, '1 D', '15 mins', 0, 2);
    const second = await history(await connected(kit, 2), 5, '1 D', '15 mins', 0, 2);
    expect(second).toEqual(first);
  });

  it('keeps the live bar up to date with every trade (HISTORICAL_DATA_UPDATE)', async () => {
    const c = await connected(kit, 1);
    await history(c, 6, '1 D', '1 min', 0, 2, true);
    const mark = c.mark;
    c.ib.reqMktData(60, AAPL, '', false, false);
    kit.sim.step(400);
    const [reqId, date, open, high, low, close, volume] = (await c.waitFor(EventName.historicalDataUpdate, (id: number) => id === 6, 2000, mark)) as [number, string, number, number, number, number, number];
    expect(reqId).toBe(6);
    expect(date).toBe(String(NOW_SECONDS));
    expect(low).toBeLessThanOrEqual(Math.min(open, close));
    expect(high).toBeGreaterThanOrEqual(Math.max(open, close));
    expect(volume).toBeGreaterThan(0);
    await sync(c);
    const updates = c.seen(EventName.historicalDataUpdate).filter((a) => a[0] === 6);
    const lastTrade = c.seen(EventName.tickPrice).filter((a) => a[0] === 60 && a[1] === 4).at(-1);
    expect(updates.at(-1)?.[5]).toBe(lastTrade?.[2]);
  });

  it('refuses an identical request within 15 s with 162 and IB text', async () => {
    const c = await connected(kit, 1);
    await history(c, 7, '1 D', '1 min', 0, 2);
    const mark = c.mark;
    c.ib.reqHistoricalData(8, AAPL, '', '1 D', '1 min' as never, 'TRADES', 0, 2, false);
    expect(await waitError(c, 8, 162, mark)).toEqual(['Historical Market Data Service error message:Historical data request pacing violation', 162]);
  });

  it('refuses a seventh request for one contract within 2 s with 162', async () => {
    const c = await connected(kit, 1);
    for (let i = 1; i <= 6; i++) await history(c, 10 + i, `${i} D`, '1 hour', 0, 2);
    const mark = c.mark;
    c.ib.reqHistoricalData(17, AAPL, '', '7 D', '1 hour' as never, 'TRADES', 0, 2, false);
    await waitError(c, 17, 162, mark);
    // Another contract is not affected.
    c.ib.reqHistoricalData(18, MSFT, '', '1 D', '1 hour' as never, 'TRADES', 0, 2, false);
    await c.waitFor(EventName.historicalData, (id: number, date: string) => id === 18 && date.startsWith('finished'), 2000, mark);
  });

  it('answers an invalid bar size with 321', async () => {
    const c = await connected(kit, 1);
    const mark = c.mark;
    c.ib.reqHistoricalData(19, AAPL, '', '1 D', '7 mins' as never, 'TRADES', 0, 2, false);
    const [text] = await waitError(c, 19, 321, mark);
    expect(text).toContain('bar size');
  });
});

type DepthArgs = [id: number, position: number, marketMaker: string, operation: number, side: number, price: number, size: number, smart: boolean];

/** The book a client builds by applying IB's operations positionally (insert shifts down, delete shifts up). */
function applyDepth(c: TestClient, reqId: number): { bids: Array<[number, number, string]>; asks: Array<[number, number, string]> } {
  const book = { bids: [] as Array<[number, number, string]>, asks: [] as Array<[number, number, string]> };
  for (const args of c.seen(EventName.updateMktDepthL2) as DepthArgs[]) {
    const [id, position, mm, operation, side, price, size] = args;
    if (id !== reqId) continue;
    const rows = side === 1 ? book.bids : book.asks;
    if (operation === 0) rows.splice(position, 0, [price, size, mm]);
    else if (operation === 1) rows[position] = [price, size, mm];
    else rows.splice(position, 1);
  }
  return book;
}

describe('market depth', () => {
  it('sends ten levels a side consistent with the quote, then own resting orders add their size', async () => {
    const c = await connected(kit, 1);
    c.ib.reqMktDepth(30, AAPL, 10, true, []);
    await sync(c);
    let book = applyDepth(c, 30);
    expect(book.bids).toHaveLength(10);
    expect(book.asks).toHaveLength(10);
    expect(book.bids[0]?.slice(0, 2)).toEqual([189.99, 300]);
    expect(book.asks[0]?.slice(0, 2)).toEqual([190.01, 300]);
    expect(book.bids.map((r) => r[0])).toEqual([189.99, 189.98, 189.97, 189.96, 189.95, 189.94, 189.93, 189.92, 189.91, 189.9]);
    const before = book.bids[2]?.[1] ?? 0;
    c.ib.placeOrder(1, AAPL, order(OrderAction.BUY, 700, OrderType.LMT, { lmtPrice: 189.97 }));
    await c.waitFor(EventName.orderStatus, (id: number, s: string) => id === 1 && s === 'Submitted');
    await sync(c);
    book = applyDepth(c, 30);
    expect(book.bids[2]).toEqual([189.97, before + 700, book.bids[2]?.[2]]);
    c.ib.cancelOrder(1);
    await c.waitFor(EventName.orderStatus, (id: number, s: string) => id === 1 && s === 'Cancelled');
    await sync(c);
    expect(applyDepth(c, 30).bids[2]?.[1]).toBe(before);
  });

  it('follows the quote with update operations', async () => {
    const c = await connected(kit, 1);
    c.ib.reqMktDepth(31, AAPL, 10, true, []);
    await sync(c);
    kit.sim.movePrice('AAPL', 191);
    await sync(c);
    const book = applyDepth(c, 31);
    expect(book.bids[0]?.[0]).toBe(190.99);
    expect(book.asks[0]?.[0]).toBe(191.01);
    const ops = (c.seen(EventName.updateMktDepthL2) as DepthArgs[]).filter((a) => a[0] === 31).map((a) => a[3]);
    expect(ops.filter((op) => op === 0)).toHaveLength(20);
    expect(ops.filter((op) => op === 1).length).toBeGreaterThan(0);
  });

  it('refuses a fourth depth request with 309 and no permission with 354', async () => {
    const c = await connected(kit, 1);
    for (const id of [40, 41, 42]) c.ib.reqMktDepth(id, AAPL, 10, true, []);
    const mark = c.mark;
    c.ib.reqMktDepth(43, MSFT, 10, true, []);
    expect(await waitError(c, 43, 309, mark)).toEqual(['Max number (3) of market depth requests has been reached', 309]);
    c.ib.cancelMktDepth(40, true);
    c.ib.reqMktDepth(44, MSFT, 10, true, []);
    await c.waitFor(EventName.updateMktDepthL2, (id: number) => id === 44);
    c.ib.reqMktDepth(45, ZZDLY, 10, true, []);
    expect(await waitError(c, 45, 354, mark)).toEqual(['Requested market data is not subscribed.', 354]);
  });
});

describe('tick-by-tick', () => {
  it('prints every trade as AllLast with the exchange, and the own fill too', async () => {
    const c = await connected(kit, 1);
    c.ib.reqTickByTickData(50, AAPL, TickByTickDataType.AllLast, 0, false);
    c.ib.reqMktData(51, AAPL, '', false, false);
    await sync(c);
    kit.sim.step(300);
    const [reqId, tickType, time, price, size, attribs, exchange] = (await c.waitFor(EventName.tickByTickAllLast, (id: number) => id === 50)) as [number, number, string, number, number, object, string];
    expect([reqId, tickType, time]).toEqual([50, 2, String(NOW_SECONDS)]);
    expect(size % 100).toBe(0);
    expect(attribs).toEqual({ pastLimit: false, unreported: false });
    expect(exchange).toMatch(/^[A-Z]{3,4}$/);
    await sync(c);
    const lastTicks = c.seen(EventName.tickPrice).filter((a) => a[0] === 51 && a[1] === 4).map((a) => a[2]);
    expect(lastTicks).toContain(price);
    const mark = c.mark;
    c.ib.placeOrder(2, AAPL, order(OrderAction.BUY, 100, OrderType.MKT));
    const fill = (await c.waitFor(EventName.execDetails, () => true, 2000, mark))[2] as { price: number; shares: number };
    const print = await c.waitFor(EventName.tickByTickAllLast, (id: number, _t: number, _time: string, p: number, s: number) => id === 50 && p === fill.price && s === fill.shares, 2000, mark);
    expect(print[3]).toBe(fill.price);
  });

  it('streams BidAsk with the current quote first', async () => {
    const c = await connected(kit, 1);
    c.ib.reqTickByTickData(52, AAPL, TickByTickDataType.BidAsk, 0, false);
    const [, time, bid, ask, bidSize, askSize, attribs] = await c.waitFor(EventName.tickByTickBidAsk, (id: number) => id === 52);
    expect([time, bid, ask, bidSize, askSize]).toEqual([String(NOW_SECONDS), 189.99, 190.01, 300, 300]);
    expect(attribs).toEqual({ bidPastLow: false, askPastHigh: false });
    kit.sim.movePrice('AAPL', 189);
    await c.waitFor(EventName.tickByTickBidAsk, (id: number, _t: string, b: number, a: number) => id === 52 && b === 188.99 && a === 190.01);
  });

  it('refuses tick-by-tick without permission with 10089', async () => {
    const c = await connected(kit, 1);
    c.ib.reqTickByTickData(53, ZZDLY, TickByTickDataType.AllLast, 0, false);
    const [text] = await waitError(c, 53, 10089, 0);
    expect(text).toContain('Requested market data requires additional subscription for API');
  });
});
