// What an order would do to the account, as TWS's what-if answers it: initial
// and maintenance margin before, change and after, equity with loan value, and
// the commission. Pure. Margin is Reg T for US stocks: 50% initial, 25%
// maintenance of the gross position value (longs and shorts alike).

import { orderCommission, roundCents } from './accounting';
import type { SimWhatIf } from './types';

export const INITIAL_MARGIN_RATE = 0.5;
export const MAINTENANCE_MARGIN_RATE = 0.25;

export interface WhatIfInput {
  /** Signed quantity and mark price of every position held. */
  positions: ReadonlyArray<{ conId: number; quantity: number; price: number }>;
  netLiquidation: number;
  order: { conId: number; side: 'BUY' | 'SELL'; quantity: number; price: number };
  /** The simulator's own acceptance check (cash-secured buys), or null when the order would be accepted. */
  refusal: string | null;
}

function grossValue(positions: WhatIfInput['positions']): number {
  return positions.reduce((sum, p) => sum + Math.abs(p.quantity * p.price), 0);
}

/** IB's words when the equity with loan value would not cover the initial margin. */
export function insufficientMarginText(equityWithLoan: number, initialMargin: number): string {
  return `YOUR ORDER IS NOT ACCEPTED. IN ORDER TO OBTAIN THE DESIRED POSITION YOUR EQUITY WITH LOAN VALUE [${equityWithLoan.toFixed(2)} USD] MUST EXCEED THE INITIAL MARGIN [${initialMargin.toFixed(2)} USD]`;
}

export function whatIf(input: WhatIfInput): SimWhatIf {
  const { order } = input;
  const signed = order.side === 'BUY' ? order.quantity : -order.quantity;
  const after = input.positions.map((p) => (p.conId === order.conId ? { ...p, quantity: p.quantity + signed } : p));
  if (!input.positions.some((p) => p.conId === order.conId)) after.push({ conId: order.conId, quantity: signed, price: order.price });
  const grossBefore = grossValue(input.positions);
  const grossAfter = grossValue(after);
  const commission = orderCommission(order.quantity, order.quantity * order.price);
  const initBefore = roundCents(grossBefore * INITIAL_MARGIN_RATE);
  const maintBefore = roundCents(grossBefore * MAINTENANCE_MARGIN_RATE);
  const initAfter = roundCents(grossAfter * INITIAL_MARGIN_RATE);
  const maintAfter = roundCents(grossAfter * MAINTENANCE_MARGIN_RATE);
  const ewlBefore = roundCents(input.netLiquidation);
  const ewlAfter = roundCents(input.netLiquidation - commission);
  const marginShort = ewlAfter < initAfter ? insufficientMarginText(ewlAfter, initAfter) : null;
  return {
    initMarginBefore: initBefore,
    maintMarginBefore: maintBefore,
    equityWithLoanBefore: ewlBefore,
    initMarginChange: roundCents(initAfter - initBefore),
    maintMarginChange: roundCents(maintAfter - maintBefore),
    equityWithLoanChange: roundCents(ewlAfter - ewlBefore),
    initMarginAfter: initAfter,
    maintMarginAfter: maintAfter,
    equityWithLoanAfter: ewlAfter,
    commission,
    minCommission: commission,
    maxCommission: commission,
    warningText: marginShort ?? input.refusal ?? '',
  };
}
