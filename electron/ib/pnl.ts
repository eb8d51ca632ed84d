// Daily P&L of one IB session: reqPnL for the account and reqPnLSingle for
// every position it has held, subscribed again on every connect (TWS forgets
// subscriptions with the socket).

import { EventName, type Contract, type IBApi } from '@stoqey/ib';
import type { On, SessionContext } from './context';
import { accountPnl, positionPnl } from './mapping/account-truth';

export class PnlStreams {
  /** Positions seen in this session (kept after they go flat: their realized P&L still counts today). */
  private readonly conIds = new Set<number>();
  private accountReqId = 0;
  /** Live reqPnLSingle ids -> conId, for this connection. */
  private readonly singles = new Map<number, number>();
  private api: IBApi | null = null;

  constructor(private readonly ctx: SessionContext) {}

  /** On connect (READY) and after 1101 (data lost): the account's P&L and each known position's. */
  request(api: IBApi): void {
    const account = this.ctx.accountCode();
    if (!account) return;
    // After 1101 the old subscriptions may or may not live on at TWS: end them before asking again.
    if (this.accountReqId) api.cancelPnL(this.accountReqId);
    for (const reqId of this.singles.keys()) api.cancelPnLSingle(reqId);
    this.singles.clear();
    this.api = api;
    this.accountReqId = this.ctx.reqIds.take();
    api.reqPnL(this.accountReqId, account, '');
    for (const conId of this.conIds) this.subscribeSingle(conId);
  }

  closed(): void {
    this.api = null;
    this.accountReqId = 0;
    this.singles.clear();
  }

  owns(reqId: number): boolean {
    return reqId === this.accountReqId || this.singles.has(reqId);
  }

  wire(on: On): void {
    const ctx = this.ctx;
    on(EventName.position, (account: string, contract: Contract) => {
      if (!ctx.isOurAccount(account) || !contract.conId || this.conIds.has(contract.conId)) return;
      this.conIds.add(contract.conId);
      if (this.api) this.subscribeSingle(contract.conId);
    });
    on(EventName.pnl, (reqId: number, daily: number, unrealized?: number, realized?: number) => {
      if (reqId !== this.accountReqId) return;
      ctx.safeCall(() => ctx.listener.onPnl?.(accountPnl(daily, unrealized, realized)));
    });
    on(EventName.pnlSingle, (reqId: number, position: number, daily: number, unrealized?: number, realized?: number, value?: number) => {
      const conId = this.singles.get(reqId);
      if (conId === undefined) return;
      ctx.safeCall(() => ctx.listener.onPnl?.(positionPnl(conId, position, daily, unrealized, realized, value)));
    });
  }

  private subscribeSingle(conId: number): void {
    const account = this.ctx.accountCode();
    if (!this.api || !account) return;
    const reqId = this.ctx.reqIds.take();
    this.singles.set(reqId, conId);
    this.api.reqPnLSingle(reqId, account, '', conId);
  }
}
