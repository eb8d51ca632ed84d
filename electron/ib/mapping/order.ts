// OrderRequest + Instrument -> IB Order + Contract, and order groups (brackets,
// OCA exits) -> the tickets IB expects, in sending order. The outgoing mapping
// refuses inconsistent requests with a clear reason instead of silently
// dropping a price: an order that reaches IB is exactly the order the trader typed.
// The incoming direction (openOrder -> row) is in open-order.ts.

import type { Contract, Order as IbOrder } from '@stoqey/ib';
import { OrderAction, OrderType as IbOrderType, TimeInForce as IbTif } from '@stoqey/ib';
import type { Instrument, OrderGroup, OrderRequest, OrderType } from '../../../shared/model';
import { instrumentToContract } from './contract';

export { mapIbAction, mapIbOrderType, mapIbTif, openOrderToUpdate } from './open-order';

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

const IB_TYPE: Readonly<Record<OrderType, IbOrderType>> = {
  market: IbOrderType.MKT,
  limit: IbOrderType.LMT,
  stop: IbOrderType.STP,
  'stop-limit': IbOrderType.STP_LMT,
  trailing: IbOrderType.TRAIL,
};

function positivePrice(value: number | undefined, what: string, type: OrderType): number {
  if (value === undefined) throw new OrderMappingError(`${type} order needs a ${what} price`);
  if (!Number.isFinite(value) || value <= 0) throw new OrderMappingError(`${what} price must be a positive number, got ${value}`);
  return value;
}

function checkShape(request: OrderRequest, instrument: Instrument): IbOrderType {
  if (request.symbol !== instrument.symbol) {
    throw new OrderMappingError(`order is for ${request.symbol} but the instrument is ${instrument.symbol}`);
  }
  if (!Number.isInteger(request.quantity) || request.quantity <= 0) {
    throw new OrderMappingError(`quantity must be a whole number of shares above 0, got ${request.quantity}`);
  }
  if (request.side !== 'BUY' && request.side !== 'SELL') throw new OrderMappingError(`unknown side ${String(request.side)}`);
  if (request.tif !== 'GTC' && request.tif !== 'DAY') throw new OrderMappingError(`unknown time in force ${String(request.tif)}`);
  const orderType = Object.hasOwn(IB_TYPE, request.type) ? IB_TYPE[request.type] : undefined;
  if (orderType === undefined) throw new OrderMappingError(`unknown order type ${String(request.type)}`);
  return orderType;
}

/** IB TRAIL: the amount rides in auxPrice, a percent in trailingPercent (never both). */
function applyTrail(order: IbOrder, request: OrderRequest): void {
  const trail = request.trail;
  if (!trail) throw new OrderMappingError('trailing order needs a trail amount or percent');
  if ('amount' in trail) {
    order.auxPrice = positivePrice(trail.amount, 'trail amount', 'trailing');
    return;
  }
  if (!Number.isFinite(trail.percent) || trail.percent <= 0 || trail.percent >= 100) {
    throw new OrderMappingError(`trail percent must be above 0 and below 100, got ${trail.percent}`);
  }
  order.trailingPercent = trail.percent;
}

export function toIbOrder(request: OrderRequest, instrument: Instrument, accountCode: string): IbOrderTicket {
  const orderType = checkShape(request, instrument);
  const needsLimit = request.type === 'limit' || request.type === 'stop-limit';
  const needsStop = request.type === 'stop' || request.type === 'stop-limit';
  if (!needsLimit && request.limitPrice !== undefined) throw new OrderMappingError(`${request.type} order takes no limit price`);
  if (!needsStop && request.stopPrice !== undefined) throw new OrderMappingError(`${request.type} order takes no stop price`);
  if (request.type !== 'trailing' && request.trail !== undefined) throw new OrderMappingError(`${request.type} order takes no trail`);

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
  if (request.type === 'trailing') applyTrail(order, request);
  // `ext` on the command line: an order must reach IB as typed, never without it.
  if (request.outsideRth === true) order.outsideRth = true;
  return { contract: instrumentToContract(instrument), order };
}

/** How the legs of a group are linked at IB, besides their own fields. */
export interface GroupLink {
  /** The bracket parent's order id (children only). */
  parentId?: number;
  ocaGroup?: string;
  ocaType?: number;
  /** false holds the order at TWS until a later order of the group transmits. */
  transmit: boolean;
}

/** A group's legs in sending order; `role` names each for sentences and the order book. */
export interface GroupLeg {
  role: 'order' | 'entry' | 'take-profit' | 'stop-loss' | 'leg';
  request: OrderRequest;
}

export function groupLegs(group: OrderGroup): GroupLeg[] {
  switch (group.kind) {
    case 'single':
      return [{ role: 'order', request: group.order }];
    case 'bracket': {
      const legs: GroupLeg[] = [{ role: 'entry', request: group.entry }];
      if (group.takeProfit) legs.push({ role: 'take-profit', request: group.takeProfit });
      if (group.stopLoss) legs.push({ role: 'stop-loss', request: group.stopLoss });
      return legs;
    }
    case 'oco':
      return group.legs.map((request) => ({ role: 'leg', request }));
  }
}

/** The OCA group name of a bracket or exit: unique per account and first order id. */
export function ocaGroupName(accountCode: string, firstOrderId: number): string {
  return `janus-${accountCode}-${firstOrderId}`;
}

/**
 * The links of each leg when the group's orders get ids firstOrderId, firstOrderId+1, ...
 * A bracket: the parent transmit=false, children carry its parentId and one OCA group
 * (type 1: a fill cancels the sibling), only the last transmits, so TWS releases the
 * group whole. An OCA exit: every leg in one OCA group of type 1, each transmits.
 */
export function groupLinks(group: OrderGroup, accountCode: string, firstOrderId: number): GroupLink[] {
  const count = groupLegs(group).length;
  if (group.kind === 'single') return [{ transmit: true }];
  const ocaGroup = ocaGroupName(accountCode, firstOrderId);
  if (group.kind === 'oco') return Array.from({ length: count }, () => ({ ocaGroup, ocaType: 1, transmit: true }));
  return Array.from({ length: count }, (_, i) =>
    i === 0 ? { transmit: count === 1 } : { parentId: firstOrderId, ocaGroup, ocaType: 1, transmit: i === count - 1 },
  );
}

/** Every leg's ticket with its links, or OrderMappingError naming the leg. */
export function toIbGroup(group: OrderGroup, instrument: Instrument, accountCode: string, firstOrderId: number): IbOrderTicket[] {
  const links = groupLinks(group, accountCode, firstOrderId);
  return groupLegs(group).map((leg, i) => {
    let ticket: IbOrderTicket;
    try {
      ticket = toIbOrder(leg.request, instrument, accountCode);
    } catch (e) {
      if (e instanceof OrderMappingError && leg.role !== 'order') throw new OrderMappingError(`${leg.role}: ${e.message}`);
      throw e;
    }
    const link = links[i] ?? { transmit: true };
    Object.assign(ticket.order, link);
    return ticket;
  });
}

/**
 * A modify: the whole order again with the same id, keeping the links IB knows it by
 * (parent, OCA group). Always transmits: a held bracket leg is released by its own modify.
 */
export function toIbModify(
  request: OrderRequest,
  instrument: Instrument,
  accountCode: string,
  links: { parentId?: number | null; ocaGroup?: string | null; ocaType?: number | null },
): IbOrderTicket {
  const ticket = toIbOrder(request, instrument, accountCode);
  if (links.parentId) ticket.order.parentId = links.parentId;
  if (links.ocaGroup) {
    ticket.order.ocaGroup = links.ocaGroup;
    ticket.order.ocaType = links.ocaType ?? 1;
  }
  return ticket;
}
