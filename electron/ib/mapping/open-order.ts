// IB's openOrder -> an order update for the host. Every order IB reports becomes
// a row: the types Janus models (MKT, LMT, STP, STP LMT, TRAIL) as themselves,
// every other type (TRAIL LIMIT, REL, MOC, LOC, MIDPRICE, ...) as a read-only
// `foreign` row with IB's type text and prices, which can still be cancelled.

import type { Contract, Order as IbOrder, OrderState } from '@stoqey/ib';
import type { OrderType, Side, TimeInForce, TrailSpec } from '../../../shared/model';
import type { BrokerOrderUpdate } from '../../host/broker';
import { mapIbOrderStatus } from './order-status';

const APP_TYPE: Readonly<Record<string, OrderType>> = {
  MKT: 'market',
  LMT: 'limit',
  STP: 'stop',
  'STP LMT': 'stop-limit',
  TRAIL: 'trailing',
};

export function mapIbOrderType(orderType: string | undefined): OrderType | null {
  return (orderType !== undefined && Object.hasOwn(APP_TYPE, orderType) && APP_TYPE[orderType]) || null;
}

export function mapIbAction(action: string | undefined): Side | null {
  if (action === 'BUY') return 'BUY';
  if (action === 'SELL' || action === 'SSHORT' || action === 'SLONG') return 'SELL';
  return null;
}

export function mapIbTif(tif: string | undefined): TimeInForce | null {
  if (tif === 'DAY') return 'DAY';
  if (tif === 'GTC') return 'GTC';
  return null;
}

/** IB sends unset doubles as Number.MAX_VALUE and "no price" as 0. */
function price(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) && value > 0 && value < 1e300 ? value : null;
}

/** A TRAIL's trail: trailingPercent when set, else the amount in auxPrice. */
export function trailOf(order: IbOrder): TrailSpec | null {
  const percent = price(order.trailingPercent);
  if (percent !== null) return { percent };
  const amount = price(order.auxPrice);
  return amount === null ? null : { amount };
}

/** Prices of a row: what each modelled type uses, IB's lmtPrice / auxPrice as they are for a foreign one. */
function pricesOf(type: OrderType | null, order: IbOrder): Pick<BrokerOrderUpdate, 'limitPrice' | 'stopPrice' | 'trail'> {
  if (type === null) return { limitPrice: price(order.lmtPrice), stopPrice: price(order.auxPrice), trail: null };
  if (type === 'trailing') return { limitPrice: null, stopPrice: null, trail: trailOf(order) };
  return {
    limitPrice: type === 'limit' || type === 'stop-limit' ? price(order.lmtPrice) : null,
    stopPrice: type === 'stop' || type === 'stop-limit' ? price(order.auxPrice) : null,
    trail: null,
  };
}

/**
 * openOrder(orderId, contract, order, state) as an update for the host. Only an order
 * whose side cannot be read is not shown (the reason says so); every type is.
 */
export function openOrderToUpdate(
  account: string,
  orderId: number,
  contract: Contract,
  order: IbOrder,
  state: OrderState,
  now: number,
): { update: BrokerOrderUpdate } | { skip: string } {
  const side = mapIbAction(order.action);
  if (!side) return { skip: `order ${orderId} has action ${String(order.action)}, which this workstation does not show` };
  const type = mapIbOrderType(order.orderType);
  const update: BrokerOrderUpdate = {
    account,
    orderId,
    symbol: contract.symbol ?? '',
    conId: contract.conId ?? 0,
    side,
    type: type ?? 'foreign',
    ibType: order.orderType ?? null,
    quantity: order.totalQuantity ?? 0,
    ...pricesOf(type, order),
    trailStopPrice: price(order.trailStopPrice),
    outsideRth: order.outsideRth === true,
    parentId: order.parentId !== undefined && order.parentId > 0 ? order.parentId : null,
    ocaGroup: order.ocaGroup ? order.ocaGroup : null,
    updatedAt: now,
  };
  const tif = mapIbTif(order.tif);
  if (tif) update.tif = tif;
  if (order.permId !== undefined) update.permId = order.permId;
  if (order.clientId !== undefined) update.clientId = order.clientId;
  // openOrder carries no fill counts; the status alone is still worth showing.
  const status = mapIbOrderStatus(state.status, 0, order.totalQuantity ?? 0);
  if (status) update.status = status;
  return { update };
}
