// The margin check of an order that is never placed (IB what-if): the order
// goes out with whatIf set under a fresh order id, and TWS answers with an
// openOrder carrying the margin and commission figures, or with an error on
// that id. Orders ignores what-if openOrders, so no row is ever made of one.

import { EventName, type Contract, type Order as IbOrder, type OrderState } from '@stoqey/ib';
import type { Instrument, OrderRequest } from '../../shared/model';
import type { BrokerWhatIf, TimerHandle } from '../host/broker';
import type { On, SessionContext } from './context';
import type { OrderIds } from './ids';
import { whatIfFromState } from './mapping/account-truth';
import { toIbOrder } from './mapping/order';
import { OrderRefusedError } from './messages';
import { mappedTicket, readyToSend, type OrderLink } from './order-gate';

/** How long TWS gets to answer a what-if. */
export const WHAT_IF_TIMEOUT_MS = 10_000;

interface Pending {
  resolve(value: BrokerWhatIf): void;
  reject(error: Error): void;
  timer: TimerHandle;
}

export class WhatIfChecks {
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly ctx: SessionContext,
    private readonly orderIds: OrderIds,
    private readonly link: OrderLink,
  ) {}

  check(request: OrderRequest, instrument: Instrument): Promise<BrokerWhatIf> {
    // The same gate as placing, liveness doubt included: a what-if is never queued either.
    const { api, accountCode } = readyToSend(this.ctx, this.orderIds, this.link);
    const ticket = mappedTicket(() => toIbOrder(request, instrument, accountCode));
    const orderId = this.orderIds.take();
    return new Promise<BrokerWhatIf>((resolve, reject) => {
      const timer = this.ctx.scheduler.setTimeout(() => {
        this.pending.delete(orderId);
        reject(new OrderRefusedError(`no margin check answer from TWS within ${WHAT_IF_TIMEOUT_MS / 1000} s`));
      }, WHAT_IF_TIMEOUT_MS);
      this.pending.set(orderId, { resolve, reject, timer });
      api.placeOrder(orderId, ticket.contract, { ...ticket.order, whatIf: true });
    });
  }

  owns(orderId: number): boolean {
    return this.pending.has(orderId);
  }

  /** An error TWS sent on a what-if's id: the check failed with IB's text. */
  fail(orderId: number, text: string): void {
    this.settle(orderId, (p) => p.reject(new OrderRefusedError(text)));
  }

  closed(): void {
    for (const orderId of [...this.pending.keys()]) {
      this.settle(orderId, (p) => p.reject(new OrderRefusedError('the connection to TWS closed before the margin check answered')));
    }
  }

  wire(on: On): void {
    on(EventName.openOrder, (orderId: number, _contract: Contract, order: IbOrder, state: OrderState) => {
      if (!order.whatIf) return;
      this.settle(orderId, (p) => p.resolve(whatIfFromState(state)));
    });
  }

  private settle(orderId: number, act: (pending: Pending) => void): void {
    const pending = this.pending.get(orderId);
    if (!pending) return;
    this.pending.delete(orderId);
    this.ctx.scheduler.clear(pending.timer);
    act(pending);
  }
}
