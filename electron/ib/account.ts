// Account values and positions of one IB session: the account summary, the
// account-updates stream (portfolio rows with market value and P&L) and the
// positions stream, merged per contract before they reach the host.
//
// More account streams (reqPnL, reqPnLSingle, reqCompletedOrders) slot in as
// another request in request() and handlers in wire().

import { EventName, type Contract, type IBApi } from '@stoqey/ib';
import type { Position } from '../../shared/model';
import type { On, SessionContext } from './context';
import { ACCOUNT_SUMMARY_TAGS, accountValueUpdate, mergePosition, portfolioToPosition, positionFromIb } from './mapping/portfolio';

export class Account {
  private readonly positions = new Map<number, Position>();
  private summaryReqId = 0;

  constructor(private readonly ctx: SessionContext) {}

  /** On connect and after 1101 (data lost): summary, account updates, positions. */
  request(api: IBApi): void {
    if (this.summaryReqId) api.cancelAccountSummary(this.summaryReqId);
    this.summaryReqId = this.ctx.reqIds.take();
    api.reqAccountSummary(this.summaryReqId, 'All', ACCOUNT_SUMMARY_TAGS);
    api.reqAccountUpdates(true, this.ctx.accountCode() ?? '');
    api.reqPositions();
  }

  closed(): void {
    this.summaryReqId = 0;
  }

  wire(on: On): void {
    const ctx = this.ctx;
    on(EventName.position, (account: string, contract: Contract, pos: number, avgCost?: number) => {
      if (!ctx.isOurAccount(account)) return;
      this.emitPosition(positionFromIb(ctx.config.account, contract, pos, avgCost));
    });
    on(
      EventName.updatePortfolio,
      (contract: Contract, position: number, marketPrice: number, marketValue: number, averageCost?: number, unrealized?: number, realized?: number, accountName?: string) => {
        if (accountName !== undefined && !ctx.isOurAccount(accountName)) return;
        this.emitPosition(portfolioToPosition(ctx.config.account, contract, position, marketPrice, marketValue, averageCost, unrealized, realized));
      },
    );
    on(EventName.updateAccountValue, (key: string, value: string, currency: string, accountName: string) => {
      if (!ctx.isOurAccount(accountName)) return;
      this.emitValue(key, value, currency);
    });
    on(EventName.accountSummary, (_reqId: number, account: string, tag: string, value: string, currency: string) => {
      if (!ctx.isOurAccount(account)) return;
      this.emitValue(tag, value, currency);
    });
  }

  private emitPosition(next: Position): void {
    if (!next.conId) return;
    const merged = mergePosition(this.positions.get(next.conId), next);
    this.positions.set(next.conId, merged);
    this.ctx.safeCall(() => this.ctx.listener.onPosition(merged));
  }

  private emitValue(tag: string, value: string, currency: string): void {
    const update = accountValueUpdate(this.ctx.config.account, tag, value, currency, this.ctx.scheduler.now());
    if (update) this.ctx.safeCall(() => this.ctx.listener.onAccount(update));
  }
}
