// The trading session (PRE / OPEN / POST / CLOSED) as TWS sees it. TWS has no
// push for it: on READY we ask a reference contract's details (tradingHours,
// liquidHours, timeZoneId) and the server's time (reqCurrentTime, which for
// the demo simulator is not the wall clock), compute the session with the pure
// mapping/trading-hours.ts, and ask the time again at each boundary.

import { EventName, SecType, type ContractDetails, type IBApi } from '@stoqey/ib';
import type { MarketSession } from '../../shared/model';
import type { TimerHandle } from '../host/broker';
import type { On, SessionContext } from './context';
import { nextBoundary, readSessionHours, sessionAt, type SessionHours } from './mapping/trading-hours';

/** Any US stock's hours will do: they are the same for every SMART-routed listing. */
const REFERENCE = { symbol: 'SPY', secType: SecType.STK, exchange: 'SMART', currency: 'USD' };
/** Past the boundary, so the answer falls on the new side of it. */
const SLACK_MS = 1_000;
/** The hours cover about a week; ask again when they run out, or after a day at most. */
const MAX_WAIT_MS = 86_400_000;

export class MarketClock {
  private hours: SessionHours | null = null;
  private offsetMs: number | null = null;
  private current: MarketSession | null = null;
  private reqId: number | null = null;
  private timer: TimerHandle | null = null;
  private api: IBApi | null = null;

  constructor(
    private readonly ctx: SessionContext,
    private readonly changed: () => void,
  ) {}

  session(): MarketSession | null {
    return this.current;
  }

  owns(reqId: number): boolean {
    return reqId === this.reqId;
  }

  ready(api: IBApi): void {
    this.api = api;
    this.requestHours(api);
    api.reqCurrentTime();
  }

  /** The reference lookup failed: the session stays unknown until the next connect. */
  failed(): void {
    this.reqId = null;
  }

  closed(): void {
    if (this.timer) this.ctx.scheduler.clear(this.timer);
    this.timer = null;
    this.api = null;
    this.reqId = null;
    this.offsetMs = null;
    this.set(null);
  }

  wire(on: On): void {
    on(EventName.currentTime, (seconds: number) => {
      if (!Number.isFinite(seconds) || seconds <= 0) return;
      this.offsetMs = seconds * 1000 - this.ctx.scheduler.now();
      this.compute();
    });
    on(EventName.contractDetails, (reqId: number, details: ContractDetails) => {
      if (reqId !== this.reqId) return;
      const hours = readSessionHours(details.tradingHours, details.liquidHours, details.timeZoneId);
      if (hours) this.hours = hours;
    });
    on(EventName.contractDetailsEnd, (reqId: number) => {
      if (reqId !== this.reqId) return;
      this.reqId = null;
      this.compute();
    });
  }

  private requestHours(api: IBApi): void {
    this.reqId = this.ctx.reqIds.take();
    api.reqContractDetails(this.reqId, REFERENCE);
  }

  private compute(): void {
    if (!this.hours || this.offsetMs === null) return;
    const serverNow = this.ctx.scheduler.now() + this.offsetMs;
    this.set(sessionAt(this.hours, serverNow));
    const next = nextBoundary(this.hours, serverNow);
    const wait = next === null ? MAX_WAIT_MS : Math.min(MAX_WAIT_MS, next - serverNow + SLACK_MS);
    if (this.timer) this.ctx.scheduler.clear(this.timer);
    this.timer = this.ctx.scheduler.setTimeout(() => {
      this.timer = null;
      const api = this.api;
      if (!api) return;
      if (next === null) this.requestHours(api);
      api.reqCurrentTime();
    }, wait);
  }

  private set(session: MarketSession | null): void {
    if (session === this.current) return;
    this.current = session;
    this.changed();
  }
}
