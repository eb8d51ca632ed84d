// Quote streams of one IB session. Subscriptions outlive connections: each
// keeps its instrument and live/delayed mode, gets a fresh request id on every
// (re)connect, and is asked again when TWS says data was lost (farm back, 1101).
//
// Another stream kind (depth, bars, tick-by-tick) is a sibling of Subscription
// with its own reqId map, wired in wire() and reset in closed().

import { EventName, MarketDataType, type IBApi } from '@stoqey/ib';
import type { Instrument } from '../../shared/model';
import type { On, SessionContext } from './context';
import { instrumentToContract } from './mapping/contract';
import { DELAYED_TICK, isUnsetTickValue, TICK_FIELD } from './mapping/ticks';

interface Subscription {
  conId: number;
  instrument: Instrument;
  /** Current request id; 0 while not requested on this connection. */
  reqId: number;
  /** Requested with market data type 3 (no live permission). */
  wantDelayed: boolean;
  /** The mode last reported through onQuoteMode. */
  reportedDelayed: boolean;
}

export class MarketData {
  private readonly subs = new Map<number, Subscription>();
  /** reqId -> subscription: the tick path's only lookup. */
  private readonly subByReqId = new Map<number, Subscription>();

  constructor(private readonly ctx: SessionContext) {}

  subscribe(instrument: Instrument): void {
    if (this.subs.has(instrument.conId)) return;
    const sub: Subscription = { conId: instrument.conId, instrument, reqId: 0, wantDelayed: false, reportedDelayed: false };
    this.subs.set(instrument.conId, sub);
    const api = this.ctx.readyApi();
    if (api) this.request(api, sub);
  }

  unsubscribe(conId: number): void {
    const sub = this.subs.get(conId);
    if (!sub) return;
    this.subs.delete(conId);
    if (sub.reqId) {
      this.subByReqId.delete(sub.reqId);
      this.ctx.readyApi()?.cancelMktData(sub.reqId);
    }
  }

  /** Every subscription, on connect and after data loss. */
  requestAll(api: IBApi): void {
    for (const sub of this.subs.values()) this.request(api, sub);
  }

  /** True when reqId is one of this connection's quote streams. */
  owns(reqId: number): boolean {
    return this.subByReqId.has(reqId);
  }

  /** The connection closed: its request ids mean nothing on the next one. */
  closed(): void {
    this.subByReqId.clear();
    for (const sub of this.subs.values()) sub.reqId = 0;
  }

  wire(api: IBApi, on: On): void {
    // Hot paths: no wrapper closure, no rest arrays. The connection removes
    // every listener of a closed link, so no link check is needed here.
    api.on(EventName.tickPrice, (reqId: number, tickType: number, value: number) => this.onTick(reqId, tickType, value));
    api.on(EventName.tickSize, (reqId: number, tickType: number | undefined, value: number | undefined) =>
      this.onTick(reqId, tickType ?? -1, value),
    );
    on(EventName.tickString, (reqId: number, tickType: number) => {
      if (DELAYED_TICK[tickType] === 1) this.markDelayed(reqId);
    });
    on(EventName.marketDataType, (reqId: number, type: number) => {
      const sub = this.subByReqId.get(reqId);
      if (sub) this.setMode(sub, type === MarketDataType.DELAYED || type === MarketDataType.DELAYED_FROZEN);
    });
  }

  /** 10167: the stream already serves delayed data. */
  markDelayed(reqId: number): void {
    const sub = this.subByReqId.get(reqId);
    if (sub) this.setMode(sub, true);
  }

  /** No live permission (354/10089/10168): ask again for delayed data, once. */
  switchToDelayed(reqId: number, text: string): void {
    const sub = this.subByReqId.get(reqId);
    if (!sub) return;
    if (sub.wantDelayed) {
      // Already asked for delayed data and still refused: stop instead of looping.
      this.refused(reqId, `no market data available, not even delayed (${text})`);
      return;
    }
    sub.wantDelayed = true;
    this.ctx.log('info', null, `${sub.instrument.symbol}: no live market data permission, switching to delayed data`);
    this.setMode(sub, true);
    // The refused stream is dead on IB's side: forget its id without a cancel.
    this.subByReqId.delete(reqId);
    sub.reqId = 0;
    const api = this.ctx.readyApi();
    if (api) this.request(api, sub);
  }

  /** IB refused a market-data request: the stream is dead; keep the subscription for the next (re)connect. */
  refused(reqId: number, text: string): void {
    const sub = this.subByReqId.get(reqId);
    if (!sub) return;
    this.subByReqId.delete(reqId);
    sub.reqId = 0;
    this.ctx.log('error', null, `${sub.instrument.symbol}: market data refused: ${text}`);
  }

  private request(api: IBApi, sub: Subscription): void {
    if (sub.reqId) {
      this.subByReqId.delete(sub.reqId);
      api.cancelMktData(sub.reqId);
    }
    sub.reqId = this.ctx.reqIds.take();
    this.subByReqId.set(sub.reqId, sub);
    // The data type applies to requests made after it: switch for this one
    // symbol and back, so symbols with live permission stay live.
    if (sub.wantDelayed) api.reqMarketDataType(MarketDataType.DELAYED);
    api.reqMktData(sub.reqId, instrumentToContract(sub.instrument), '', false, false);
    if (sub.wantDelayed) api.reqMarketDataType(MarketDataType.REALTIME);
  }

  private setMode(sub: Subscription, delayed: boolean): void {
    if (sub.reportedDelayed === delayed) return;
    sub.reportedDelayed = delayed;
    this.ctx.safeCall(() => this.ctx.listener.onQuoteMode(sub.conId, delayed));
  }

  private onTick(reqId: number, tickType: number, value: number | undefined): void {
    try {
      const sub = this.subByReqId.get(reqId);
      if (sub === undefined) return;
      if (DELAYED_TICK[tickType] === 1 && !sub.reportedDelayed) this.setMode(sub, true);
      const field = TICK_FIELD[tickType];
      if (field === undefined || isUnsetTickValue(value)) return;
      this.ctx.listener.onTick(sub.conId, field, value as number);
    } catch (e) {
      this.ctx.contained('dispatch', e);
    }
  }
}
