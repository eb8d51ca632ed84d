// Webull account balance and positions -> our account values and positions.
// Pure. Field names follow "Account Balance" / "Account Positions" of the
// US api-doc; the ones marked there as optional are read as null when absent.

import type { AccountValue, Position } from '../../../shared/model';
import { numberOrNull } from './status';

export interface WebullBalance {
  total_asset_currency?: string;
  total_asset?: string;
  total_cash_balance?: string;
  total_market_value?: string;
  total_unrealized_profit_loss?: string;
  account_currency_assets?: { currency?: string; buying_power?: string; cash_balance?: string; net_liquidation_value?: string }[];
}

export interface WebullHolding {
  instrument_id?: string;
  symbol?: string;
  qty?: string;
  unit_cost?: string;
  last_price?: string;
  market_value?: string;
  unrealized_profit_loss?: string;
  realized_profit_loss?: string;
}

export function balanceToAccount(account: string, balance: WebullBalance, now: number): AccountValue {
  const usd = balance.account_currency_assets?.find((a) => (a.currency ?? 'USD') === 'USD');
  return {
    account,
    currency: balance.total_asset_currency ?? 'USD',
    netLiquidation: numberOrNull(balance.total_asset ?? usd?.net_liquidation_value),
    totalCash: numberOrNull(balance.total_cash_balance ?? usd?.cash_balance),
    buyingPower: numberOrNull(usd?.buying_power),
    availableFunds: numberOrNull(usd?.buying_power),
    unrealizedPnl: numberOrNull(balance.total_unrealized_profit_loss),
    realizedPnl: null,
    updatedAt: now,
  };
}

/** null for a holding without symbol or quantity (nothing a trader could act on). */
export function holdingToPosition(account: string, holding: WebullHolding): Position | null {
  const quantity = numberOrNull(holding.qty);
  if (!holding.symbol || quantity === null) return null;
  return {
    account,
    symbol: holding.symbol,
    conId: numberOrNull(holding.instrument_id) ?? 0,
    quantity,
    avgCost: numberOrNull(holding.unit_cost) ?? 0,
    marketPrice: numberOrNull(holding.last_price),
    marketValue: numberOrNull(holding.market_value),
    unrealizedPnl: numberOrNull(holding.unrealized_profit_loss),
    realizedPnl: numberOrNull(holding.realized_profit_loss),
  };
}
