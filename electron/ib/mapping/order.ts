// OrderRequest + Instrument -> IB Order + Contract, and IB's openOrder back to
// an order update. The outgoing mapping refuses inconsistent requests with a
// clear reason instead of silently dropping a price: an order that reaches IB
// is exactly the order the trader typed.

import type { Contract, Order as IbOrder, OrderState } from '@stoqey/ib';
import { OrderAction, OrderType as IbOrderType, TimeInForce as IbTif } from '@stoqey/ib';
import type { Instrument, OrderRequest, OrderType, Side, TimeInForce } from '../../../shared/model';
import type { BrokerOrderUpdate } from '../../host/broker';
import { instrumentToContract } from './contract';
import { mapIbOrderStatus } from './order-status';

export interface IbOrderTicket {
  contract: Contract;
  order: IbOrder;
}

/** Thrown when a request cannot be expressed as a valid IB order. */
export class OrderMappingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OrderMappingError';
  }
}

// Trailing stops are modelled in shared/ but not mapped to IB TRAIL yet (the IB adapter
// helper wires auxPrice / trailingPercent): until then they are refused, never sent half-made.
const IB_TYPE: Partial<Record<OrderType, IbOrderType>> = {
  market: IbOrderType.MKT,
  limit: IbOrderType.LMT,
  stop: IbOrderType.STP,
  'stop-limit': IbOrderType.STP_LMT,
};

function positivePrice(value: number | undefined, what: string, type: OrderType): number {
  if (value === undefined) throw new OrderMappingError(`${type} order needs a ${what} price`);
  if (!Number.isFinite(value) || value <= 0) throw new OrderMappingError(`${what} price must be a positive number, got ${value}`);
  return value;
}

export function toIbOrder(request: OrderRequest, instrument: Instrument, accountCode: string): IbOrderTicket {
  if (request.symbol !== instrument.symbol) {
    throw new OrderMappingError(`order is for ${request.symbol} but the instrument is ${instrument.symbol}`);
  }
  if (!Number.isInteger(request.quantity) || request.quantity <= 0) {
    throw new OrderMappingError(`quantity must be a whole number of shares above 0, got ${request.quantity}`);
  }
  if (request.side !== 'BUY' && request.side !== 'SELL') throw new OrderMappingError(`unknown side ${String(request.side)}`);
  if (request.tif !== 'GTC' && request.tif !== 'DAY') throw new OrderMappingError(`unknown time in force ${String(request.tif)}`);
  const orderType = IB_TYPE[request.type];
  if (orderType === undefined) throw new OrderMappingError(`unknown order type ${String(request.type)}`);

  const needsLimit = request.type === 'limit' || request.type === 'stop-limit';
  const needsStop = request.type === 'stop' || request.type === 'stop-limit';
  if (!needsLimit && request.limitPrice !== undefined) throw new OrderMappingError(`${request.type} order takes no limit price`);
  if (!needsStop && request.stopPrice !== undefined) throw new OrderMappingError(`${request.type} order takes no stop price`);

  const order: IbOrder = {
    action: request.side === 'BUY' ? OrderAction.BUY : OrderAction.SELL,
    totalQuantity: request.quantity,
    orderType,
    tif: request.tif === 'DAY' ? IbTif.DAY : IbTif.GTC,
    account: accountCode,
    // Without it TWS holds the order un-transmitted (research §3.3): always send.
    transmit: true,
  };
  if (needsLimit) order.lmtPrice = positivePrice(request.limitPrice, 'limit', request.type);
  if (needsStop) order.auxPrice = positivePrice(request.stopPrice, 'stop', request.type);
  // `ext` on the command line: an order must reach IB as typed, never without it.
  if (request.outsideRth === true) order.outsideRth = true;
  return { contract: instrumentToContract(instrument), order };
}

const APP_TYPE: Readonly<Record<string, OrderType>> = {
  MKT: 'market',
  LMT: 'limit',
  STP: 'stop',
  'STP LMT': 'stop-limit',
};

export function mapIbOrderType(orderType: string | undefined): OrderType | null {
  return (orderType !== undefined && APP_TYPE[orderType]) || null;
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

function price(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) && value > 0 && value < 1e300 ? value : null;
}

/**
 * openOrder(orderId, contract, order, state) as an update for the host, or a
 * reason it cannot be shown (an order type or TIF the workstation does not model).
 */
export function openOrderToUpdate(
  account: string,
  orderId: number,
  contract: Contract,
  order: IbOrder,
  state: OrderState,
  now: number,
): { update: BrokerOrderUpdate } | { skip: string } {
  const type = mapIbOrderType(order.orderType);
  if (!type) return { skip: `order ${orderId} has type ${String(order.orderType)}, which this workstation does not show` };
  const side = mapIbAction(order.action);
  if (!side) return { skip: `order ${orderId} has action ${String(order.action)}, which this workstation does not show` };
  const update: BrokerOrderUpdate = {
    account,
    orderId,
    symbol: contract.symbol ?? '',
    conId: contract.conId ?? 0,
    side,
    type,
    quantity: order.totalQuantity ?? 0,
    limitPrice: type === 'limit' || type === 'stop-limit' ? price(order.lmtPrice) : null,
    stopPrice: type === 'stop' || type === 'stop-limit' ? price(order.auxPrice) : null,
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
