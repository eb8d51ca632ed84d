// Server messages about the account beyond the basics (daily P&L, market rules,
// the *Multi subscriptions, user info), as field lists at server version `v`,
// following @stoqey/ib 1.6.10's decoder field by field.

import type { SimPosition } from '../exchange/types';
import type { Field } from './codec';
import { MAX_SERVER_VER, MIN_SERVER_VER as V } from './server-versions';

export const AccountServerMsg = {
  POSITION_MULTI: 71,
  POSITION_MULTI_END: 72,
  ACCOUNT_UPDATE_MULTI: 73,
  ACCOUNT_UPDATE_MULTI_END: 74,
  MARKET_RULE: 93,
  PNL: 94,
  PNL_SINGLE: 95,
  USER_INFO: 107,
} as const;

export interface PnlFigures {
  daily: number;
  unrealized: number;
  realized: number;
}

/** PNL: unrealized from UNREALIZED_PNL (129), realized from REALIZED_PNL (135). */
export function pnl(reqId: number, figures: PnlFigures, v: number = MAX_SERVER_VER): Field[] {
  const out: Field[] = [AccountServerMsg.PNL, reqId, figures.daily];
  if (v >= V.UNREALIZED_PNL) out.push(figures.unrealized);
  if (v >= V.REALIZED_PNL) out.push(figures.realized);
  return out;
}

export function pnlSingle(reqId: number, position: number, figures: PnlFigures, value: number, v: number = MAX_SERVER_VER): Field[] {
  const out: Field[] = [AccountServerMsg.PNL_SINGLE, reqId, position, figures.daily];
  if (v >= V.UNREALIZED_PNL) out.push(figures.unrealized);
  if (v >= V.REALIZED_PNL) out.push(figures.realized);
  out.push(value);
  return out;
}

export interface PriceIncrement {
  lowEdge: number;
  increment: number;
}

export function marketRule(marketRuleId: number, increments: readonly PriceIncrement[]): Field[] {
  const out: Field[] = [AccountServerMsg.MARKET_RULE, marketRuleId, increments.length];
  for (const step of increments) out.push(step.lowEdge, step.increment);
  return out;
}

export function positionMulti(reqId: number, p: SimPosition, primaryExchange: string): Field[] {
  return [
    AccountServerMsg.POSITION_MULTI, 1, reqId, p.account,
    p.conId, p.symbol, 'STK', '', 0, '', '', primaryExchange, 'USD', p.symbol, p.symbol,
    p.position, p.avgCost, '',
  ];
}

export function positionMultiEnd(reqId: number): Field[] {
  return [AccountServerMsg.POSITION_MULTI_END, 1, reqId];
}

export function accountUpdateMulti(reqId: number, account: string, key: string, value: string, currency: string): Field[] {
  return [AccountServerMsg.ACCOUNT_UPDATE_MULTI, 1, reqId, account, '', key, value, currency];
}

export function accountUpdateMultiEnd(reqId: number): Field[] {
  return [AccountServerMsg.ACCOUNT_UPDATE_MULTI_END, 1, reqId];
}

/** USER_INFO: the white-branding id, empty for IB's own customers. */
export function userInfo(reqId: number, whiteBrandingId: string): Field[] {
  return [AccountServerMsg.USER_INFO, reqId, whiteBrandingId];
}
