// Live market-view streams of every connection: keepUpToDate bars, depth books
// and tick-by-tick, fed by the exchange's ticks and executions. Trades (a
// lastSize tick after its last, or an execution) update bars and print on the
// tape; quote ticks and order changes rebuild the depth books. Bars and depth
// are flushed once per microtask (one HISTORICAL_DATA_UPDATE per bar, the
// depth operations of the whole change); tick-by-tick goes out as it happens.

import { buildDepthBook, diffDepthSide, DEPTH_VENUES, type DepthBookSnapshot, type RestingSize } from '../exchange/depth-book';
import { barStart, inSession, type SimBar } from '../exchange/history';
import { Prng } from '../exchange/prng';
import type { Exchange, SimExecution, SimTick } from '../exchange/types';
import * as mv from '../wire/market-view-responses';
import type { ClientConnection } from './connection';

export interface BarStream {
  kind: 'bars';
  connection: ClientConnection;
  reqId: number;
  conId: number;
  barSeconds: number;
  useRth: boolean;
  date(bar: SimBar): string;
  bar: SimBar | null;
  dirty: boolean;
}

export interface DepthStream {
  kind: 'depth';
  connection: ClientConnection;
  reqId: number;
  conId: number;
  rows: number;
  smart: boolean;
  book: DepthBookSnapshot;
}

export interface TapeStream {
  kind: 'tape';
  connection: ClientConnection;
  reqId: number;
  conId: number;
  tickType: 'Last' | 'AllLast' | 'BidAsk' | 'MidPoint';
}

export type MarketViewStream = BarStream | DepthStream | TapeStream;

interface TopOfBook {
  bid: number;
  ask: number;
  bidSize: number;
  askSize: number;
  last: number;
}

export interface StreamDeps {
  seed: number;
  exchange: Exchange;
  now(): number;
  /** Working limit orders on conId, across every account: they add size to the depth book. */
  resting(conId: number): RestingSize[];
}

export class MarketViewStreams {
  private readonly byConId = new Map<number, Set<MarketViewStream>>();
  private readonly tops = new Map<number, TopOfBook>();
  private readonly dirtyDepth = new Set<number>();
  private readonly dirtyBars = new Set<BarStream>();
  private flushScheduled = false;
  private readonly venues: Prng;

  constructor(private readonly deps: StreamDeps) {
    this.venues = new Prng(deps.seed ^ 0x7a11);
  }

  /** conIds someone streams: the pacer moves them like quoted symbols. */
  conIds(): number[] {
    return [...this.byConId.keys()];
  }

  add(stream: MarketViewStream): void {
    let set = this.byConId.get(stream.conId);
    if (!set) {
      set = new Set();
      this.byConId.set(stream.conId, set);
      const q = this.deps.exchange.quote(stream.conId);
      if (q) this.tops.set(stream.conId, { bid: q.bid, ask: q.ask, bidSize: q.bidSize, askSize: q.askSize, last: q.last });
    }
    set.add(stream);
  }

  remove(stream: MarketViewStream): void {
    const set = this.byConId.get(stream.conId);
    if (!set) return;
    set.delete(stream);
    if (stream.kind === 'bars') this.dirtyBars.delete(stream);
    if (set.size === 0) {
      this.byConId.delete(stream.conId);
      this.tops.delete(stream.conId);
    }
  }

  top(conId: number): TopOfBook | undefined {
    return this.tops.get(conId);
  }

  /** The depth book of conId now, `rows` levels a side. */
  depthBook(conId: number, rows: number): DepthBookSnapshot {
    const entry = this.deps.exchange.findByConId(conId);
    const q = this.deps.exchange.quote(conId);
    if (!entry || !q) return { bids: [], asks: [] };
    return buildDepthBook({
      seed: this.deps.seed, conId, minTick: entry.minTick, bid: q.bid, ask: q.ask, bidSize: q.bidSize, askSize: q.askSize,
      resting: this.deps.resting(conId), rows,
    });
  }

  onTick(tick: SimTick): void {
    const top = this.tops.get(tick.conId);
    if (top === undefined) return;
    switch (tick.field) {
      case 'bid':
      case 'ask':
      case 'bidSize':
      case 'askSize':
        top[tick.field] = tick.value;
        this.quoteChanged(tick.conId, top);
        return;
      case 'last':
        top.last = tick.value;
        return;
      case 'lastSize':
        this.trade(tick.conId, top.last, tick.value, DEPTH_VENUES[this.venues.nextInt(DEPTH_VENUES.length)] as string);
        return;
      default:
    }
  }

  onExecution(execution: SimExecution): void {
    if (!this.byConId.has(execution.conId)) return;
    // The account's own fill printed at the exchange like any other trade.
    this.trade(execution.conId, execution.price, execution.shares, execution.exchange || 'NSDQ');
  }

  /** An order changed: the depth book of its symbol may have gained or lost size. */
  onOrder(conId: number): void {
    if (!this.byConId.has(conId)) return;
    this.dirtyDepth.add(conId);
    this.schedule();
  }

  flush(): void {
    for (const stream of this.dirtyBars) {
      stream.dirty = false;
      if (stream.bar && stream.connection.isReady) stream.connection.send(mv.historicalDataUpdate(stream.reqId, stream.bar, stream.date(stream.bar)));
    }
    this.dirtyBars.clear();
    for (const conId of this.dirtyDepth) {
      for (const stream of this.byConId.get(conId) ?? []) if (stream.kind === 'depth') this.sendDepth(stream);
    }
    this.dirtyDepth.clear();
  }

  /** Sends the operations from the stream's last book to the current one. */
  sendDepth(stream: DepthStream): void {
    const next = this.depthBook(stream.conId, stream.rows);
    const changes = [...diffDepthSide(stream.book.asks, next.asks, 0), ...diffDepthSide(stream.book.bids, next.bids, 1)];
    stream.book = next;
    if (!stream.connection.isReady) return;
    for (const change of changes) {
      stream.connection.send(stream.smart ? mv.marketDepthL2(stream.reqId, change, true) : mv.marketDepth(stream.reqId, change));
    }
  }

  private quoteChanged(conId: number, top: TopOfBook): void {
    const seconds = Math.floor(this.deps.now() / 1000);
    let depth = false;
    for (const stream of this.byConId.get(conId) ?? []) {
      if (stream.kind === 'depth') depth = true;
      else if (stream.kind === 'tape' && stream.connection.isReady) {
        if (stream.tickType === 'BidAsk') stream.connection.send(mv.tickByTickBidAsk(stream.reqId, seconds, top.bid, top.ask, top.bidSize, top.askSize));
        else if (stream.tickType === 'MidPoint') stream.connection.send(midPoint(stream.reqId, seconds, top));
      }
    }
    if (depth) {
      this.dirtyDepth.add(conId);
      this.schedule();
    }
  }

  private trade(conId: number, price: number, size: number, exchange: string): void {
    const nowMs = this.deps.now();
    const seconds = Math.floor(nowMs / 1000);
    const print: mv.SimPrint = { time: seconds, price, size, exchange, specialConditions: size < 100 ? 'I' : '' };
    for (const stream of this.byConId.get(conId) ?? []) {
      if (stream.kind === 'tape') {
        if ((stream.tickType === 'AllLast' || stream.tickType === 'Last') && stream.connection.isReady) {
          stream.connection.send(mv.tickByTickLast(stream.reqId, stream.tickType === 'AllLast' ? 2 : 1, print));
        }
      } else if (stream.kind === 'bars' && applyTrade(stream, seconds, price, size)) {
        stream.dirty = true;
        this.dirtyBars.add(stream);
        this.schedule();
      }
    }
  }

  private schedule(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    queueMicrotask(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }
}

function midPoint(reqId: number, time: number, top: TopOfBook): (string | number)[] {
  return [mv.MarketViewServerMsg.TICK_BY_TICK, reqId, 4, time, (top.bid + top.ask) / 2];
}

/** Folds a trade into the stream's live bar; false when the trade is outside the bars' session. */
export function applyTrade(stream: Pick<BarStream, 'bar' | 'barSeconds' | 'useRth'>, seconds: number, price: number, size: number): boolean {
  const start = barStart(seconds, stream.barSeconds);
  if (!inSession(start, stream.barSeconds, stream.useRth)) return false;
  const bar = stream.bar;
  if (!bar || start > bar.time) {
    stream.bar = { time: start, open: price, high: price, low: price, close: price, volume: size, wap: price, count: 1 };
    return true;
  }
  if (start < bar.time) return false;
  bar.wap = Math.round(((bar.wap * bar.volume + price * size) / Math.max(1, bar.volume + size)) * 10_000) / 10_000;
  bar.high = Math.max(bar.high, price);
  bar.low = Math.min(bar.low, price);
  bar.close = price;
  bar.volume += size;
  bar.count += 1;
  return true;
}
