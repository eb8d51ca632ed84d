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
  const refuse = (code: number, message: string, permId = 0): void => {
    connection.sendError(orderId, code, message);
    if (code === 201 && isNew && !request.whatIf) {
      connection.send(out.rejectedOrderStatus(orderId, 'Inactive', request.totalQuantity, connection.clientId, connection.version, permId));
    }
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
  if (request.whatIf) {
    answerWhatIf(port, connection, order, entry);
    return;
  }
  const { result, announced } = port.ctx.placeOrder(order);
  if (isReject(result)) {
    refuse(result.code, result.message, result.permId);
    return;
  }
  if (!announced) port.broadcastOrder(result);
  if (isNew && result.status === 'PreSubmitted' && !mayWorkIn(port.ctx.exchange.session, result)) {
    connection.sendError(orderId, 399, waitingForOpenText(result, entry, port.ctx.now()));
  }
}

/**
 * A what-if order: OPEN_ORDER with whatIf set and the margin fields, to the asking
 * client only. Nothing is placed, no status follows, and the id is not used up.
 */
function answerWhatIf(port: AccountPort, connection: ClientConnection, order: NewOrder, entry: UniverseEntry): void {
  const figures = port.ctx.exchange.whatIf(order);
  if (isReject(figures)) {
    connection.sendError(order.orderId, figures.code, figures.message);
    return;
  }
  const shown: SimOrder = {
    account: order.account, clientId: order.clientId, orderId: order.orderId, permId: 0, conId: entry.conId,
    symbol: entry.symbol, action: order.action, quantity: order.quantity, orderType: order.orderType,
    lmtPrice: order.lmtPrice, auxPrice: order.auxPrice, tif: order.tif, status: 'PreSubmitted', parentId: order.parentId ?? 0,
    ocaGroup: order.ocaGroup ?? '', ocaType: order.ocaType ?? 0, outsideRth: order.outsideRth === true,
    trailingPercent: order.trailingPercent ?? null, trailStopPrice: null, lmtPriceOffset: order.lmtPriceOffset ?? null,
    filled: 0, remaining: order.quantity, avgFillPrice: 0, lastFillPrice: 0, triggered: false,
  };
  connection.send(out.openOrder(shown, connection.version, figures));
}
