// Today's finished orders (IB reqCompletedOrders), asked on every connect so the
// Orders panel shows the whole day after a restart. IB sends them without an
// order id; the host merges them with its rows by permId.

import { EventName, type Contract, type IBApi, type Order as IbOrder, type OrderState } from '@stoqey/ib';
import type { On, SessionContext } from './context';
import { completedOrderToUpdate } from './mapping/account-truth';

export class CompletedOrders {
  constructor(private readonly ctx: SessionContext) {}

  request(api: IBApi): void {
    // apiOnly false: orders entered in TWS itself belong to the day too.
    api.reqCompletedOrders(false);
  }

  wire(on: On): void {
    const ctx = this.ctx;
    on(EventName.completedOrder, (contract: Contract, order: IbOrder, state: OrderState) => {
      if (order.account && !ctx.isOurAccount(order.account)) return;
      const mapped = completedOrderToUpdate(contract, order, state, ctx.scheduler.now());
      if ('skip' in mapped) {
        ctx.log('info', null, mapped.skip);
        return;
      }
      ctx.safeCall(() => ctx.listener.onCompletedOrder?.(mapped.order));
    });
  }
}
