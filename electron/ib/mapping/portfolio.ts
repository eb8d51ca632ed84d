// Positions, portfolio values and account values -> model types.

import type { Contract } from '@stoqey/ib';
import type { AccountValue, Position } from '../../../shared/model';

/** The account-summary tags we request (reqAccountSummary 'All'). */
export const ACCOUNT_SUMMARY_TAGS = 'NetLiquidation,TotalCashValue,BuyingPower,AvailableFunds,UnrealizedPnL,RealizedPnL';

type AccountField = 'netLiquidation' | 'totalCash' | 'buyingPower' | 'availableFunds' | 'unrealizedPnl' | 'realizedPnl';

const ACCOUNT_FIELD: Readonly<Record<string, AccountField>> = {
  NetLiquidation: 'netLiquidation',
  TotalCashValue: 'totalCash',
  BuyingPower: 'buyingPower',
  AvailableFunds: 'availableFunds',
  UnrealizedPnL: 'unrealizedPnl',
  RealizedPnL: 'realizedPnl',
};

export type AccountUpdate = Pick<AccountValue, 'account'> & Partial<AccountValue>;

/**
 * One account value (summary row or updateAccountValue) as a partial update,
 * null when it is a tag we do not show, a per-currency breakdown row ('BASE'
 * duplicates the base-currency row) or not a number.
 */
export function accountValueUpdate(account: string, tag: string, value: string, currency: string, now: number): AccountUpdate | null {
  const field = ACCOUNT_FIELD[tag];
  if (!field || currency === 'BASE') return null;
  if (value.trim() === '') return null;
  const n = Number(value);
  if (!Number.isFinite(n)) return null;
  const update: AccountUpdate = { account, [field]: n, updatedAt: now };
  if (currency) update.currency = currency;
  return update;
}

function finiteOrNull(v: number | undefined): number | null {
  return v !== undefined && Number.isFinite(v) && Math.abs(v) < 1e300 ? v : null;
}

/** A `position` event (reqPositions): quantity and average cost only. */
export function positionFromIb(account: string, contract: Contract, pos: number, avgCost: number | undefined): Position {
  return {
    account,
    symbol: contract.symbol ?? '',
    conId: contract.conId ?? 0,
    quantity: Number.isFinite(pos) ? pos : 0,
    avgCost: finiteOrNull(avgCost) ?? 0,
    marketPrice: null,
    marketValue: null,
    unrealizedPnl: null,
    realizedPnl: null,
  };
}

/** An `updatePortfolio` event (reqAccountUpdates): the position with market values. */
export function portfolioToPosition(
  account: string,
  contract: Contract,
  position: number,
  marketPrice: number,
  marketValue: number,
  averageCost: number | undefined,
  unrealizedPnl: number | undefined,
  realizedPnl: number | undefined,
): Position {
  return {
    account,
    symbol: contract.symbol ?? '',
    conId: contract.conId ?? 0,
    quantity: Number.isFinite(position) ? position : 0,
    avgCost: finiteOrNull(averageCost) ?? 0,
    marketPrice: finiteOrNull(marketPrice),
    marketValue: finiteOrNull(marketValue),
    unrealizedPnl: finiteOrNull(unrealizedPnl),
    realizedPnl: finiteOrNull(realizedPnl),
  };
}

/**
 * Merge a fresh report into what we knew: reqPositions carries no market
 * values, so it must not wipe the ones updatePortfolio gave us.
 */
export function mergePosition(previous: Position | undefined, next: Position): Position {
  if (!previous) return next;
  return {
    ...next,
    symbol: next.symbol || previous.symbol,
    marketPrice: next.marketPrice ?? previous.marketPrice,
    marketValue: next.marketValue ?? previous.marketValue,
    unrealizedPnl: next.unrealizedPnl ?? previous.unrealizedPnl,
    realizedPnl: next.realizedPnl ?? previous.realizedPnl,
  };
}
