// Market-view streams of one IB session: bars (reqHistoricalData with
// keepUpToDate), depth (reqMktDepth, SMART) and the tape (reqTickByTickData
// AllLast + BidAsk to say where each print was). Like quotes, subscriptions
// outlive connections: each gets fresh request ids on every (re)connect and
// after data loss, and its ids are forgotten when the link closes.

import { EventName, TickByTickDataType, WhatToShow, type IBApi } from '@stoqey/ib';
import type { Bar, DepthBook } from '../../shared/market-view';
import type { BrokerStream, TimerHandle } from '../host/broker';
import type { On, SessionContext } from './context';
import { instrumentToContract } from './mapping/contract';
import { applyDepthOperation, BAR_SIZE_SETTING, DEPTH_ROWS, HISTORY_DURATION, toBar, toPrint } from './mapping/market-view';

type Role = 'bars' | 'depth' | 'last' | 'bidask';

interface Stream {
  stream: BrokerStream;
  /** reqId -> role on the current connection. */
  reqIds: Map<number, Role>;
  history: Bar[];
  book: DepthBook;
  bid: number | null;
  ask: number | null;
  /** When its history was last asked for: IB refuses an identical request within 15 s (162). */
  historyAskedAt: number;
  /** A history request waiting for the 15 s to pass. */
  waiting: TimerHandle | null;
}

/** IB's pacing: no identical historical request within 15 s. */
export const IDENTICAL_HISTORY_MS = 15_000;

export class MarketStreams {
  private readonly streams = new Map<string, Stream>();
  private readonly byReqId = new Map<number, Stream>();

  constructor(private readonly ctx: SessionContext) {}

  subscribe(stream: BrokerStream): void {
    if (this.streams.has(stream.key)) return;
    const s: Stream = { stream, reqIds: new Map(), history: [], book: { bids: [], asks: [] }, bid: null, ask: null, historyAskedAt: -Infinity, waiting: null };
    this.streams.set(stream.key, s);
    const api = this.ctx.readyApi();
    if (api) this.request(api, s);
  }

  unsubscribe(key: string): void {
    const s = this.streams.get(key);
    if (!s) return;
    this.streams.delete(key);
    this.stopWaiting(s);
    const api = this.ctx.readyApi();
    if (api) this.cancel(api, s);
    this.forget(s);
  }

  /** Every stream, on connect and after data loss (1101). */
  requestAll(api: IBApi): void {
    for (const s of this.streams.values()) this.request(api, s);
  }

  owns(reqId: number): boolean {
    return this.byReqId.has(reqId);
  }

  closed(): void {
    this.byReqId.clear();
    for (const s of this.streams.values()) {
      s.reqIds.clear();
      this.stopWaiting(s);
    }
  }

  /** IB refused one of the stream's requests (162, 309, 321, 354, 10089, 200...): the panel says so. */
  refused(reqId: number, code: number, text: string): void {
    const s = this.byReqId.get(reqId);
    if (!s) return;
    this.byReqId.delete(reqId);
    s.reqIds.delete(reqId);
    this.ctx.safeCall(() => this.ctx.listener.onStreamStatus?.(s.stream.key, { state: 'refused', code, message: text }));
  }

  wire(_api: IBApi, on: On): void {
    on(EventName.historicalData, (reqId: number, date: string, open: number, high: number, low: number, close: number, volume: number | undefined) => {
      const s = this.byReqId.get(reqId);
      if (!s) return;
      if (date.startsWith('finished')) {
        const bars = s.history;
        s.history = [];
        this.ctx.safeCall(() => this.ctx.listener.onBars?.(s.stream.key, bars, true));
        this.ctx.safeCall(() => this.ctx.listener.onStreamStatus?.(s.stream.key, { state: 'live', code: null, message: '' }));
        return;
      }
      const bar = toBar(date, open, high, low, close, volume);
      if (bar) s.history.push(bar);
    });
    on(EventName.historicalDataUpdate, (reqId: number, date: string, open: number, high: number, low: number, close: number, volume: number | undefined) => {
      const s = this.byReqId.get(reqId);
      const bar = s ? toBar(date, open, high, low, close, volume) : null;
      if (s && bar) this.ctx.safeCall(() => this.ctx.listener.onBars?.(s.stream.key, [bar], false));
    });
    on(EventName.updateMktDepth, (reqId: number, position: number, operation: number, side: number, price: number, size: number) =>
      this.depth(reqId, position, '', operation, side, price, size),
    );
    on(EventName.updateMktDepthL2, (reqId: number, position: number, venue: string, operation: number, side: number, price: number, size: number) =>
      this.depth(reqId, position, venue, operation, side, price, size),
    );
    on(EventName.tickByTickAllLast, (reqId: number, _type: number, time: string, price: number, size: number | undefined, _attribs: unknown, exchange: string) => {
      const s = this.byReqId.get(reqId);
      if (!s) return;
      const print = toPrint(time, price, size, exchange, s.bid, s.ask, this.ctx.scheduler.now());
      this.ctx.safeCall(() => this.ctx.listener.onPrint?.(s.stream.key, print));
    });
    on(EventName.tickByTickBidAsk, (reqId: number, _time: string, bid: number, ask: number) => {
      const s = this.byReqId.get(reqId);
      if (!s) return;
      s.bid = bid;
      s.ask = ask;
    });
  }

  private depth(reqId: number, position: number, venue: string, operation: number, side: number, price: number, size: number): void {
    const s = this.byReqId.get(reqId);
    if (!s) return;
    applyDepthOperation(side === 1 ? s.book.bids : s.book.asks, position, operation, price, size, venue);
    this.ctx.safeCall(() => this.ctx.listener.onDepth?.(s.stream.key, s.book));
  }

  private take(s: Stream, role: Role): number {
    const reqId = this.ctx.reqIds.take();
    s.reqIds.set(reqId, role);
    this.byReqId.set(reqId, s);
    return reqId;
  }

  private request(api: IBApi, s: Stream): void {
    this.cancel(api, s);
    this.forget(s);
    const contract = instrumentToContract(s.stream.instrument);
    switch (s.stream.kind) {
      case 'bars': {
        const barSize = s.stream.barSize ?? '1 min';
        const wait = s.historyAskedAt + IDENTICAL_HISTORY_MS - this.ctx.scheduler.now();
        if (wait > 0) {
          // Asked again too soon (reconnect or 1101 right after the first ask): wait out IB's 15 s.
          this.stopWaiting(s);
          s.waiting = this.ctx.scheduler.setTimeout(() => {
            s.waiting = null;
            const ready = this.ctx.readyApi();
            if (ready && this.streams.get(s.stream.key) === s) this.request(ready, s);
          }, wait);
          return;
        }
        s.historyAskedAt = this.ctx.scheduler.now();
        s.history = [];
        // formatDate 2: epoch seconds, no time-zone parsing; all hours, as a day trader watches pre-market.
        api.reqHistoricalData(this.take(s, 'bars'), contract, '', HISTORY_DURATION[barSize], BAR_SIZE_SETTING[barSize], WhatToShow.TRADES, 0, 2, true);
        return;
      }
      case 'depth':
        s.book = { bids: [], asks: [] };
        api.reqMktDepth(this.take(s, 'depth'), contract, DEPTH_ROWS, true, []);
        return;
      case 'tape':
        api.reqTickByTickData(this.take(s, 'bidask'), contract, TickByTickDataType.BidAsk, 0, false);
        api.reqTickByTickData(this.take(s, 'last'), contract, TickByTickDataType.AllLast, 0, false);
        return;
    }
  }

  private cancel(api: IBApi, s: Stream): void {
    for (const [reqId, role] of s.reqIds) {
      if (role === 'bars') api.cancelHistoricalData(reqId);
      else if (role === 'depth') api.cancelMktDepth(reqId, true);
      else api.cancelTickByTickData(reqId);
    }
  }

  private stopWaiting(s: Stream): void {
    if (s.waiting) this.ctx.scheduler.clear(s.waiting);
    s.waiting = null;
  }

  private forget(s: Stream): void {
    for (const reqId of s.reqIds.keys()) this.byReqId.delete(reqId);
    s.reqIds.clear();
  }
}
