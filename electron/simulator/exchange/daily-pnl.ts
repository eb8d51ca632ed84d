// Daily P&L as IB reports it to reqPnL / reqPnLSingle: the change in value since
// the previous close. For one symbol: the shares held at the start of the day
// times (mark - previous close), plus each of today's fills times (mark - fill
// price), less today's commissions. Pure.

import { roundCents } from './accounting';
import type { SimExecution } from './types';

export interface SymbolDay {
  /** Shares held at the start of the day (signed). */
  startQuantity: number;
  previousClose: number;
  mark: number;
  /** Today's executions of this symbol. */
  fills: readonly Pick<SimExecution, 'side' | 'shares' | 'price' | 'commission'>[];
}

export function dailyPnl(day: SymbolDay): number {
  let pnl = day.startQuantity * (day.mark - day.previousClose);
  for (const fill of day.fills) {
    const signed = fill.side === 'BOT' ? fill.shares : -fill.shares;
    pnl += signed * (day.mark - fill.price) - fill.commission;
  }
  return roundCents(pnl);
}
