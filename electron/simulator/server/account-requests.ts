// The account requests beyond the basics, for one connection: daily P&L
// (reqPnL / reqPnLSingle), completed orders, market rules, positions and
// account updates "multi", and user info; and the pushes to their subscribers
// after every account change.

import { marketRule as ruleIncrements } from '../exchange/market-rules';
import type { Exchange } from '../exchange/types';
import type { AccountRequest } from '../wire/account-requests';
import * as acct from '../wire/account-responses';
import type { Field } from '../wire/codec';
import { completedOrder, completedOrdersEnd } from '../wire/order-messages';
import { accountValueRows, twsTime } from '../wire/responses';

/** What one connection subscribed to. */
export class AccountSubscriptions {
  /** reqId -> conId (null: the whole account, reqPnL). */
  readonly pnl = new Map<number, number | null>();
  readonly positionsMulti = new Set<number>();
  readonly accountUpdatesMulti = new Set<number>();

  get any(): boolean {
    return this.pnl.size > 0 || this.positionsMulti.size > 0 || this.accountUpdatesMulti.size > 0;
  }
}

/** The slice of a connection these requests need. */
export interface AccountClient {
  readonly version: number;
  readonly subscriptions: AccountSubscriptions;
  send(fields: readonly Field[]): void;
  sendError(id: number, code: number, message: string): void;
}

export interface AccountScope {
  readonly account: string;
  readonly exchange: Exchange;
  primaryExchange(conId: number): string;
}

/** IB's answer to a subscription for an account this connection does not serve. */
function wrongAccount(scope: AccountScope, client: AccountClient, reqId: number, account: string): boolean {
  if (account === '' || account === scope.account) return false;
  client.sendError(reqId, 321, `Error validating request:-'' : cause - Account ${account} is not served by this connection (${scope.account})`);
  return true;
}

export function handleAccountRequest(scope: AccountScope, client: AccountClient, request: AccountRequest): void {
  const subs = client.subscriptions;
  switch (request.kind) {
    case 'reqPnL':
      if (wrongAccount(scope, client, request.reqId, request.account)) return;
      subs.pnl.set(request.reqId, null);
      sendPnl(scope, client, request.reqId, null);
      return;
    case 'reqPnLSingle':
      if (wrongAccount(scope, client, request.reqId, request.account)) return;
      subs.pnl.set(request.reqId, request.conId);
      sendPnl(scope, client, request.reqId, request.conId);
      return;
    case 'cancelPnL':
    case 'cancelPnLSingle':
      subs.pnl.delete(request.reqId);
      return;
    case 'reqCompletedOrders':
      for (const done of scope.exchange.completedOrders(scope.account)) {
        client.send(completedOrder({ order: done.order, completedTime: twsTime(done.completedAt), completedStatus: done.completedStatus }, client.version));
      }
      client.send(completedOrdersEnd());
      return;
    case 'reqMarketRule': {
      const increments = ruleIncrements(request.marketRuleId);
      if (!increments) {
        client.sendError(-1, 321, `Error validating request:-'91' : cause - Unknown market rule ${request.marketRuleId}`);
        return;
      }
      client.send(acct.marketRule(request.marketRuleId, increments));
      return;
    }
    case 'reqPositionsMulti':
      if (wrongAccount(scope, client, request.reqId, request.account)) return;
      subs.positionsMulti.add(request.reqId);
      sendPositionsMulti(scope, client, request.reqId);
      return;
    case 'cancelPositionsMulti':
      subs.positionsMulti.delete(request.reqId);
      return;
    case 'reqAccountUpdatesMulti':
      if (wrongAccount(scope, client, request.reqId, request.account)) return;
      subs.accountUpdatesMulti.add(request.reqId);
      sendAccountUpdatesMulti(scope, client, request.reqId);
      return;
    case 'cancelAccountUpdatesMulti':
      subs.accountUpdatesMulti.delete(request.reqId);
      return;
    case 'reqUserInfo':
      client.send(acct.userInfo(request.reqId, ''));
      return;
  }
}

function sendPnl(scope: AccountScope, client: AccountClient, reqId: number, conId: number | null): void {
  if (conId === null) {
    client.send(acct.pnl(reqId, scope.exchange.pnl(scope.account), client.version));
    return;
  }
  const one = scope.exchange.pnlSingle(scope.account, conId);
  client.send(acct.pnlSingle(reqId, one.position, one, one.value, client.version));
}

function sendPositionsMulti(scope: AccountScope, client: AccountClient, reqId: number): void {
  for (const p of scope.exchange.positions(scope.account)) client.send(acct.positionMulti(reqId, p, scope.primaryExchange(p.conId)));
  client.send(acct.positionMultiEnd(reqId));
}

function sendAccountUpdatesMulti(scope: AccountScope, client: AccountClient, reqId: number): void {
  const values = scope.exchange.accountValues(scope.account);
  for (const [key, value] of accountValueRows(values)) client.send(acct.accountUpdateMulti(reqId, scope.account, key, value, 'USD'));
  client.send(acct.accountUpdateMultiEnd(reqId));
}

/** After an account change (fill, cancel, price marks): fresh figures to every subscription of this connection. */
export function pushAccountSubscriptions(scope: AccountScope, client: AccountClient): void {
  const subs = client.subscriptions;
  if (!subs.any) return;
  for (const [reqId, conId] of subs.pnl) sendPnl(scope, client, reqId, conId);
  for (const reqId of subs.positionsMulti) sendPositionsMulti(scope, client, reqId);
  for (const reqId of subs.accountUpdatesMulti) sendAccountUpdatesMulti(scope, client, reqId);
}
