// Fills of one IB session: execDetails (live, and today's executions asked for
// on every connect) joined with their commission reports, which IB may send
// before or after the execution. Fills are keyed by execId, so a replay after a
// reconnect updates a row instead of adding one.

import { EventName, type CommissionReport, type Contract, type Execution, type IBApi } from '@stoqey/ib';
import type { Fill } from '../../shared/model';
import type { On, SessionContext } from './context';
import { commissionOf, executionToFill } from './mapping/execution';

export class Executions {
  private readonly fills = new Map<string, Fill>();
  /** Commission reports that arrived before their execution. */
  private readonly earlyCommissions = new Map<string, number>();

  /** The connect-time request, whose end completes the account's sync (the journal reconciles then). */
  private syncReqId: number | null = null;

  constructor(private readonly ctx: SessionContext) {}

  /** Today's executions for the account, on every connect. */
  request(api: IBApi): void {
    this.syncReqId = this.ctx.reqIds.take();
    api.reqExecutions(this.syncReqId, { acctCode: this.ctx.accountCode() ?? '' });
  }

  wire(on: On): void {
    on(EventName.execDetailsEnd, (reqId: number) => {
      if (reqId !== this.syncReqId) return;
      this.syncReqId = null;
      this.ctx.safeCall(() => this.ctx.listener.onExecutionsEnd?.());
    });
    on(EventName.execDetails, (_reqId: number, contract: Contract, execution: Execution) => this.onExecution(contract, execution));
    on(EventName.commissionReport, (report: CommissionReport) => this.onCommission(report));
  }

  private onExecution(contract: Contract, execution: Execution): void {
    if (execution.acctNumber && !this.ctx.isOurAccount(execution.acctNumber)) return;
    const execId = execution.execId ?? '';
    const previous = this.fills.get(execId);
    const commission = previous?.commission ?? this.earlyCommissions.get(execId) ?? null;
    const mapped = executionToFill(this.ctx.config.account, contract, execution, commission, this.ctx.scheduler.now());
    if ('skip' in mapped) {
      this.ctx.log('warn', null, mapped.skip);
      return;
    }
    if (mapped.timeUnreadable) this.ctx.log('warn', null, `execution ${execId}: unreadable time "${execution.time ?? ''}", using receipt time`);
    this.earlyCommissions.delete(execId);
    this.fills.set(execId, mapped.fill);
    this.ctx.safeCall(() => this.ctx.listener.onFill(mapped.fill));
  }

  private onCommission(report: CommissionReport): void {
    const execId = report.execId;
    const commission = commissionOf(report);
    if (!execId || commission === null) return;
    const fill = this.fills.get(execId);
    if (!fill) {
      this.earlyCommissions.set(execId, commission);
      return;
    }
    if (fill.commission === commission) return;
    const updated: Fill = { ...fill, commission };
    this.fills.set(execId, updated);
    this.ctx.safeCall(() => this.ctx.listener.onFill(updated));
  }
}
