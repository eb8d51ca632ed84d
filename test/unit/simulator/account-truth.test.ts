// The pure account arithmetic behind reqPnL and what-if orders, checked by hand.

import { describe, expect, it } from 'vitest';
import { dailyPnl } from '../../../electron/simulator/exchange/daily-pnl';
import { insufficientMarginText, whatIf } from '../../../electron/simulator/exchange/what-if';

describe('dailyPnl', () => {
  it('counts shares held overnight from the previous close', () => {
    expect(dailyPnl({ startQuantity: 100, previousClose: 187.5, mark: 190, fills: [] })).toBe(250);
  });

  it('counts today\'s fills from their price, less commission', () => {
    // Bought 20 at 188 ($1), sold 50 at 191 ($1): 100 x 2.50 + 20 x 2 - 1 + (-50) x (-1) - 1.
    const fills = [
      { side: 'BOT' as const, shares: 20, price: 188, commission: 1 },
      { side: 'SLD' as const, shares: 50, price: 191, commission: 1 },
    ];
    expect(dailyPnl({ startQuantity: 100, previousClose: 187.5, mark: 190, fills })).toBe(250 + 40 - 1 + 50 - 1);
  });
});

describe('whatIf', () => {
  const base = { positions: [{ conId: 1, quantity: 100, price: 50 }], netLiquidation: 20_000, refusal: null };

  it('reports Reg T margin before, change and after, equity with loan and commission', () => {
    const figures = whatIf({ ...base, order: { conId: 2, side: 'BUY', quantity: 200, price: 25 } });
    expect(figures).toEqual({
      initMarginBefore: 2500, maintMarginBefore: 1250, equityWithLoanBefore: 20_000,
      initMarginChange: 2500, maintMarginChange: 1250, equityWithLoanChange: -1,
      initMarginAfter: 5000, maintMarginAfter: 2500, equityWithLoanAfter: 19_999,
      commission: 1, minCommission: 1, maxCommission: 1, warningText: '',
    });
  });

  it('a sale that closes the position frees its margin', () => {
    const figures = whatIf({ ...base, order: { conId: 1, side: 'SELL', quantity: 100, price: 50 } });
    expect([figures.initMarginAfter, figures.initMarginChange]).toEqual([0, -2500]);
  });

  it('gives IB\'s text when equity with loan would not cover the initial margin', () => {
    const figures = whatIf({ ...base, order: { conId: 2, side: 'BUY', quantity: 1000, price: 40 } });
    expect(figures.warningText).toBe(insufficientMarginText(19_995, 22_500));
    expect(figures.warningText).toBe('YOUR ORDER IS NOT ACCEPTED. IN ORDER TO OBTAIN THE DESIRED POSITION YOUR EQUITY WITH LOAN VALUE [19995.00 USD] MUST EXCEED THE INITIAL MARGIN [22500.00 USD]');
  });

  it('passes on the simulator\'s own refusal when margin suffices', () => {
    const figures = whatIf({ ...base, refusal: 'Insufficient buying power.', order: { conId: 2, side: 'BUY', quantity: 10, price: 40 } });
    expect(figures.warningText).toBe('Insufficient buying power.');
  });
});
