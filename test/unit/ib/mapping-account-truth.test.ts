// IB's completed orders, what-if states and P&L -> the seam's types.

import { OrderAction, OrderType, SecType, type Contract, type Order as IbOrder, type OrderState } from '@stoqey/ib';
import { describe, expect, it } from 'vitest';
import { accountPnl, completedOrderToUpdate, positionPnl, reported, whatIfFromState } from '../../../electron/ib/mapping/account-truth';

const AAPL: Contract = { conId: 265598, symbol: 'AAPL', secType: SecType.STK, exchange: 'SMART', currency: 'USD' };
const MAX = 1.7976931348623157e308;

describe('completedOrderToUpdate', () => {
  const base: IbOrder = { action: OrderAction.BUY, totalQuantity: 10, orderType: OrderType.LMT, lmtPrice: 150, tif: 'GTC', permId: 1200000005, filledQuantity: 0 };

  it('maps a filled order with its fill count and no reason', () => {
    const mapped = completedOrderToUpdate(AAPL, { ...base, orderType: OrderType.MKT, lmtPrice: MAX, filledQuantity: 10 }, { status: 'Filled', completedStatus: 'Filled' } as OrderState, 5);
    expect(mapped).toEqual({ order: {
      permId: 1200000005, symbol: 'AAPL', conId: 265598, side: 'BUY', type: 'market', ibType: 'MKT', quantity: 10, filled: 10, remaining: 0,
      limitPrice: null, stopPrice: null, updatedAt: 5, tif: 'GTC', status: 'filled',
    } });
  });

  it('a cancelled order keeps its limit and IB\'s words as the reason', () => {
    const mapped = completedOrderToUpdate(AAPL, base, { status: 'Cancelled', completedStatus: 'Cancelled by Trader' } as OrderState, 5);
    expect(mapped).toMatchObject({ order: { status: 'cancelled', limitPrice: 150, reason: 'Cancelled by Trader', remaining: 10 } });
  });

  it('a rejected order is rejected, with IB\'s reason', () => {
    const mapped = completedOrderToUpdate(AAPL, base, { status: 'Inactive', completedStatus: 'Rejected: Order rejected - reason:no funds' } as OrderState, 5);
    expect(mapped).toMatchObject({ order: { status: 'rejected', reason: 'Order rejected - reason:no funds' } });
  });

  it('shows a type Janus does not model as foreign, and skips an order without a permId', () => {
    expect(completedOrderToUpdate(AAPL, { ...base, orderType: OrderType.REL }, { status: 'Cancelled' } as OrderState, 5)).toMatchObject({ order: { type: 'foreign', ibType: 'REL' } });
    expect(completedOrderToUpdate(AAPL, { ...base, permId: undefined }, { status: 'Filled' } as OrderState, 5)).toEqual({ skip: 'a completed order without a permId was skipped' });
  });
});

describe('whatIfFromState and P&L', () => {
  it('reads the margin fields, unset as null, an empty warning as null', () => {
    const state = {
      status: 'PreSubmitted', initMarginBefore: 9500, initMarginChange: 9500, initMarginAfter: 19000, maintMarginBefore: 4750,
      maintMarginChange: 4750, maintMarginAfter: 9500, equityWithLoanBefore: 1019000, equityWithLoanChange: -1, equityWithLoanAfter: 1018999,
      commission: 1, minCommission: MAX, maxCommission: undefined, commissionCurrency: 'USD', warningText: ' ',
    } as OrderState;
    expect(whatIfFromState(state)).toEqual({
      initMarginBefore: 9500, initMarginChange: 9500, initMarginAfter: 19000, maintMarginBefore: 4750, maintMarginChange: 4750, maintMarginAfter: 9500,
      equityWithLoanBefore: 1019000, equityWithLoanChange: -1, equityWithLoanAfter: 1018999, commission: 1, minCommission: null, maxCommission: null,
      currency: 'USD', warning: null,
    });
  });

  it('maps P&L with unset values as null', () => {
    expect(reported(MAX)).toBeNull();
    expect(accountPnl(250, MAX, undefined)).toEqual({ conId: null, daily: 250, unrealized: null, realized: null });
    expect(positionPnl(265598, 100, 250, 2000, 0, 19000)).toEqual({ conId: 265598, position: 100, daily: 250, unrealized: 2000, realized: 0, value: 19000 });
  });
});
