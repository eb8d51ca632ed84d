// IB's completed orders, what-if order states and P&L messages -> the seam's
// types. Pure. IB writes an unset double as Double.MAX_VALUE, which the client
// decodes as a huge number (or undefined): both are "not reported" here.

import type { Contract, Order as IbOrder, OrderState } from '@stoqey/ib';
import type { BrokerCompletedOrder, BrokerPnlUpdate, BrokerWhatIf } from '../../host/broker';
import { mapIbAction, mapIbOrderType, mapIbTif } from './order';
import { mapIbOrderStatus } from './order-status';

/** A reported number, or null for unset / not finite. */
export function reported(value: number | undefined | null): number | null {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) < 1e300 ? value : null;
}

function price(value: number | undefined): number | null {
  const v = reported(value);
  return v !== null && v > 0 ? v : null;
}

/** completedOrder(contract, order, state) as a permId-keyed row update, or why it is not shown. */
export function completedOrderToUpdate(contract: Contract, order: IbOrder, state: OrderState, now: number): { order: BrokerCompletedOrder } | { skip: string } {
  const permId = order.permId;
  if (permId === undefined || !Number.isInteger(permId) || permId <= 0) return { skip: 'a completed order without a permId was skipped' };
  const side = mapIbAction(order.action);
  if (!side) return { skip: `completed order ${permId} has action ${String(order.action)}, which this workstation does not show` };
  const modelled = mapIbOrderType(order.orderType);
  const quantity = reported(order.totalQuantity) ?? 0;
  const filled = reported(order.filledQuantity) ?? 0;
  const completedStatus = state.completedStatus ?? '';
  const rejected = /^rejected/i.test(completedStatus);
  const status = rejected ? 'rejected' : mapIbOrderStatus(state.status, filled, Math.max(0, quantity - filled));
  const update: BrokerCompletedOrder = {
    permId,
    symbol: contract.symbol ?? '',
    conId: contract.conId ?? 0,
    side,
    type: modelled ?? 'foreign',
    ibType: order.orderType ?? null,
    quantity,
    filled,
    remaining: Math.max(0, quantity - filled),
    limitPrice: modelled === 'market' || modelled === 'stop' ? null : price(order.lmtPrice),
    stopPrice: modelled === 'stop' || modelled === 'stop-limit' ? price(order.auxPrice) : null,
    updatedAt: now,
  };
  const tif = mapIbTif(order.tif);
  if (tif) update.tif = tif;
  if (status) update.status = status;
  if (status === 'rejected' || status === 'cancelled') update.reason = completedStatus.replace(/^Rejected:\s*/i, '') || null;
  return { order: update };
}

/** The margin and commission figures of a what-if answer. */
export function whatIfFromState(state: OrderState): BrokerWhatIf {
  const warning = (state.warningText ?? '').trim();
  return {
    initMarginBefore: reported(state.initMarginBefore),
    initMarginChange: reported(state.initMarginChange),
    initMarginAfter: reported(state.initMarginAfter),
    maintMarginBefore: reported(state.maintMarginBefore),
    maintMarginChange: reported(state.maintMarginChange),
    maintMarginAfter: reported(state.maintMarginAfter),
    equityWithLoanBefore: reported(state.equityWithLoanBefore),
    equityWithLoanChange: reported(state.equityWithLoanChange),
    equityWithLoanAfter: reported(state.equityWithLoanAfter),
    commission: reported(state.commission),
    minCommission: reported(state.minCommission),
    maxCommission: reported(state.maxCommission),
    currency: state.commissionCurrency || 'USD',
    warning: warning === '' ? null : warning,
  };
}

export function accountPnl(daily?: number, unrealized?: number, realized?: number): BrokerPnlUpdate {
  return { conId: null, daily: reported(daily), unrealized: reported(unrealized), realized: reported(realized) };
}

export function positionPnl(conId: number, position?: number, daily?: number, unrealized?: number, realized?: number, value?: number): BrokerPnlUpdate {
  return {
    conId, position: reported(position) ?? 0, daily: reported(daily), unrealized: reported(unrealized), realized: reported(realized), value: reported(value),
  };
}
