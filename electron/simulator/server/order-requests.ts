// PLACE_ORDER from a client -> an exchange order (new or modify), and TWS's
// answers: the refusal, the order broadcast, and the 399 warning for an order
// that must wait for the regular session.

import { mayWorkIn } from '../exchange/order-types';
import { formatNy, nextRegularOpen } from '../exchange/session';
import type { NewOrder, SimOrder, SimTif, UniverseEntry } from '../exchange/types';
import type { PlaceOrderRequest } from '../wire/requests';
import * as out from '../wire/responses';
import { NO_SECURITY_DEFINITION } from '../exchange/rejects';
import { isReject } from '../exchange/validate';
import type { AccountPort } from './account-port';
import type { ClientConnection } from './connection';

/** TWS's 399 warning for an order accepted outside the hours it may work in. */
export function waitingForOpenText(order: SimOrder, entry: UniverseEntry, now: number): string {
  const venue = entry.primaryExchange === 'NASDAQ' ? 'NASDAQ.NMS' : entry.primaryExchange;
  return `Order Message:\n${order.action} ${order.quantity} ${order.symbol} ${venue}\nWarning: your order will not be placed at the exchange until ${formatNy(nextRegularOpen(now))} US/Eastern`;
}

export function placeOrderRequest(port: AccountPort, connection: ClientConnection, request: PlaceOrderRequest): void {
  const orderId = request.orderId;
  // A live id of this client is a modify: a refused modify leaves the order working, so no Inactive status.
  const isNew = !port.ctx.exchange.openOrders(port.account).some((o) => o.orderId === orderId && o.clientId === connection.clientId);
  const refuse = (code: number, message: string): void => {
    connection.sendError(orderId, code, message);
    if (code === 201 && isNew) connection.send(out.rejectedOrderStatus(orderId, 'Inactive', request.totalQuantity, connection.clientId));
  };
  if (request.account !== '' && request.account !== port.account) {
    refuse(201, `Order rejected - reason:Account ${request.account} is not served by this connection (${port.account})`);
    return;
  }
  const entries = port.resolve(request.contract);
  const entry = entries[0];
  if (!entry || entries.length > 1) {
    connection.sendError(orderId, 200, NO_SECURITY_DEFINITION.message);
    return;
  }
  const action = request.action.toUpperCase();
  if (action !== 'BUY' && action !== 'SELL') {
    refuse(201, `Order rejected - reason:Invalid action ${request.action}`);
    return;
  }
  const tifText = request.tif.toUpperCase() || 'DAY';
  if (tifText !== 'DAY' && tifText !== 'GTC') {
    refuse(201, `Order rejected - reason:Time in force ${request.tif} is not supported`);
    return;
  }
  const order: NewOrder = {
    account: port.account,
    clientId: connection.clientId,
    orderId,
    conId: entry.conId,
    action,
    quantity: request.totalQuantity,
    orderType: request.orderType.toUpperCase(),
    lmtPrice: request.lmtPrice,
    auxPrice: request.auxPrice,
    tif: tifText as SimTif,
    transmit: request.transmit,
    parentId: request.parentId,
    ocaGroup: request.ocaGroup,
    ocaType: request.ocaType,
    outsideRth: request.outsideRth,
    trailingPercent: request.trailingPercent,
    trailStopPrice: request.trailStopPrice,
    lmtPriceOffset: request.lmtPriceOffset,
  };
  const { result, announced } = port.ctx.placeOrder(order);
  if (isReject(result)) {
    refuse(result.code, result.message);
    return;
  }
  if (!announced) port.broadcastOrder(result);
  if (isNew && result.status === 'PreSubmitted' && !mayWorkIn(port.ctx.exchange.session, result)) {
    connection.sendError(orderId, 399, waitingForOpenText(result, entry, port.ctx.now()));
  }
}
