// What the adapter tells a trader when something fails, in one place so the
// wording stays consistent and tests can assert exact text.

import { BrokerConnectError } from '../host/broker';

/**
 * placeOrder/cancelOrder refuse instead of queueing (research D4): an order
 * that is not sent now must never go out minutes later. The host catches this
 * and answers `{ ok: false, error: { code: 'order-refused', message } }`.
 */
export class OrderRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OrderRefusedError';
  }
}

export function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : Number(s.toFixed(1))} s`;
}

export function endpoint(host: string, port: number): string {
  return `${host}:${port}`;
}

export const connectErrors = {
  refused: (at: string) =>
    new BrokerConnectError(`connection refused at ${at} — is TWS/IB Gateway running with the API enabled?`, 'refused'),
  failed: (at: string, why: string) => new BrokerConnectError(`connection to ${at} failed: ${why}`, 'other'),
  clientIdInUse: (clientId: number, at: string) =>
    new BrokerConnectError(`client id ${clientId} already in use at ${at}`, 'client-id-in-use'),
  unsupportedVersion: (at: string, detail: string) =>
    new BrokerConnectError(`unsupported server version at ${at}: ${detail} — update TWS/IB Gateway`, 'unsupported-version'),
  timeout: (at: string, ms: number) => new BrokerConnectError(`no answer from ${at} within ${seconds(ms)}`, 'timeout'),
  closed: (at: string) => new BrokerConnectError(`connection to ${at} closed before it was ready`, 'closed'),
  disconnectRequested: () => new BrokerConnectError('disconnect requested while connecting', 'closed'),
  accountNotManaged: (code: string, managed: string) =>
    new BrokerConnectError(`account ${code} is not served by this login (it serves ${managed || 'no accounts'})`, 'other'),
};

export const sessionErrors = {
  presumedDead: (silentMs: number) => `no answer from TWS for ${seconds(silentMs)} — connection presumed dead`,
  lost: (at: string) => `connection to ${at} lost`,
  notConnected: (account: string) => `account ${account} is not connected — order not sent`,
  noOrderIds: (account: string) => `account ${account} is waiting for TWS to assign order ids — order not sent`,
  ibLinkDown: (account: string) => `account ${account}: TWS has lost its connection to IB — order not sent`,
  notAnswering: (silentMs: number) => `IB has not answered for ${Math.floor(silentMs / 1000)} s — order not sent`,
  lookupTimeout: (symbol: string, ms: number) => `no answer for ${symbol} contract details within ${seconds(ms)}`,
  lookupNotConnected: (symbol: string) => `not connected to TWS — cannot look up ${symbol}`,
  lookupConnectionLost: (symbol: string) => `connection lost before ${symbol} contract details arrived`,
};

/** What an order row says when our send queue, not IB, decided its fate. */
export const orderNotices = {
  withdrawn: (orderId: number) => `cancelled before it was sent — order ${orderId} never reached IB`,
  lostBeforeSent: (orderId: number) => `connection closed before order ${orderId} was sent — order not sent`,
  changeLost: (orderId: number) => `connection closed before the change to order ${orderId} was sent — change not sent`,
  cancelLost: (orderId: number) => `connection closed before the cancel of order ${orderId} was sent — cancel not sent; the order may still be working`,
};
