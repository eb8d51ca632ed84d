// PLACE_ORDER from a client -> an exchange order (new or modify), and TWS's
// answers: the refusal, the order broadcast, and the 399 warning for an order
// that must wait for the regular session.

import { mayWorkIn } from '../exchange/order-types';
import { formatNy, nextRegularOpen } from '../exchange/session';
import type { NewOrder, SimOrder, SimTif, UniverseEntry } from '../exchange/types';
import type { ClientRequest, PlaceOrderRequest } from '../wire/requests';
import * as out from '../wire/responses';
import { NO_SECURITY_DEFINITION } from '../exchange/rejects';
import { isReject } from '../exchange/validate';
import type { AccountPort } from './account-port';
import type { ClientConnection } from './connection';

/** TWS's 202 text for a cancelled order: the reason after the colon is empty for a cancel the client asked for. */
export const ORDER_CANCELED = 'Order Canceled - reason:';

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

type OrderRequestKind = 'placeOrder' | 'cancelOrder' | 'reqGlobalCancel' | 'reqOpenOrders' | 'reqExecutions' | 'reqIds';

/** Orders and their reports: place, cancel (one or all), open orders, executions, the next id. */
export function orderRequest(port: AccountPort, connection: ClientConnection, request: Extract<ClientRequest, { kind: OrderRequestKind }>): void {
  const exchange = port.ctx.exchange;
  switch (request.kind) {
    case 'placeOrder':
      placeOrderRequest(port, connection, request);
      return;
    case 'cancelOrder': {
      const { result, announced } = port.ctx.cancelOrder(port.account, request.orderId);
      if (isReject(result)) {
        connection.sendError(request.orderId, result.code, result.message);
        return;
      }
      if (!announced) port.broadcastOrder(result);
      // The owner hears 202 from broadcastOrder; a client cancelling another client's order hears it too.
      if (result.status === 'Cancelled' && connection.clientId !== result.clientId) {
        connection.sendError(request.orderId, 202, ORDER_CANCELED);
      }
      return;
    }
    case 'reqGlobalCancel':
      for (const order of exchange.cancelAll(port.account)) {
        if (order.status === 'Cancelled' && order.clientId !== connection.clientId) connection.sendError(order.orderId, 202, ORDER_CANCELED);
      }
      return;
    case 'reqOpenOrders': {
      const orders = exchange
        .openOrders(port.account)
        .filter((order) => request.scope !== 'client' || connection.clientId === 0 || order.clientId === connection.clientId);
      for (const order of orders) {
        connection.send(out.openOrder(order, connection.version));
        connection.send(out.orderStatus(order, connection.version));
      }
      connection.send(out.openOrderEnd());
      return;
    }
    case 'reqExecutions':
      sendExecutions(port, connection, request);
      return;
    case 'reqIds':
      connection.send(out.nextValidId(exchange.nextOrderId(port.account)));
      return;
  }
}

/** REQ_EXECUTIONS: the day's executions through the client's filter, each with its commission report. */
function sendExecutions(port: AccountPort, connection: ClientConnection, request: Extract<ClientRequest, { kind: 'reqExecutions' }>): void {
  const { filter } = request;
  const side = filter.side.toUpperCase();
  const executions = port.ctx.exchange.executions(port.account).filter(
    (e) =>
      (filter.clientId === null || filter.clientId === 0 || e.clientId === filter.clientId) &&
      (filter.account === '' || filter.account === e.account) &&
      (filter.symbol === '' || filter.symbol.toUpperCase() === e.symbol) &&
      (filter.secType === '' || filter.secType.toUpperCase() === 'STK') &&
      (side === '' || (side === 'BUY' ? 'BOT' : side === 'SELL' ? 'SLD' : side) === e.side),
  );
  for (const execution of executions) {
    connection.send(out.executionData(request.reqId, execution, connection.version));
    connection.send(out.commissionReport(execution));
  }
  connection.send(out.executionDataEnd(request.reqId));
}
