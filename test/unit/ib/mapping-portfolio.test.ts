import { describe, expect, it } from 'vitest';
import { SecType } from '@stoqey/ib';
import { accountValueUpdate, ACCOUNT_SUMMARY_TAGS, mergePosition, portfolioToPosition, positionFromIb } from '../../../electron/ib/mapping/portfolio';

const contract = { conId: 265598, symbol: 'AAPL', secType: SecType.STK };

describe('account values', () => {
  it('requests exactly the six tags a trader watches', () => {
    expect(ACCOUNT_SUMMARY_TAGS).toBe('NetLiquidation,TotalCashValue,BuyingPower,AvailableFunds,UnrealizedPnL,RealizedPnL');
  });

  it.each([
    ['NetLiquidation', 'netLiquidation'],
    ['TotalCashValue', 'totalCash'],
    ['BuyingPower', 'buyingPower'],
    ['AvailableFunds', 'availableFunds'],
    ['UnrealizedPnL', 'unrealizedPnl'],
    ['RealizedPnL', 'realizedPnl'],
  ])('maps %s to %s', (tag, field) => {
    expect(accountValueUpdate('main', tag, '1234.5', 'USD', 99)).toEqual({ account: 'main', [field]: 1234.5, currency: 'USD', updatedAt: 99 });
  });

  it('ignores other tags, BASE duplicates and values that are not numbers', () => {
    expect(accountValueUpdate('main', 'AccountCode', 'DU1', '', 1)).toBeNull();
    expect(accountValueUpdate('main', 'NetLiquidation', '5', 'BASE', 1)).toBeNull();
    expect(accountValueUpdate('main', 'NetLiquidation', 'abc', 'USD', 1)).toBeNull();
    expect(accountValueUpdate('main', 'NetLiquidation', '', 'USD', 1)).toBeNull();
  });
});

describe('positions', () => {
  it('maps a reqPositions row: quantity and cost, no market values', () => {
    expect(positionFromIb('main', contract, -200, 187.5)).toEqual({
      account: 'main', symbol: 'AAPL', conId: 265598, quantity: -200, avgCost: 187.5,
      marketPrice: null, marketValue: null, unrealizedPnl: null, realizedPnl: null,
    });
  });

  it('maps a portfolio row with market values; IB unset becomes null', () => {
    expect(portfolioToPosition('main', contract, 100, 190, 19000, 187.5, 250, 1.7976931348623157e308)).toEqual({
      account: 'main', symbol: 'AAPL', conId: 265598, quantity: 100, avgCost: 187.5,
      marketPrice: 190, marketValue: 19000, unrealizedPnl: 250, realizedPnl: null,
    });
  });

  it('keeps market values when a later reqPositions row has none', () => {
    const withMarket = portfolioToPosition('main', contract, 100, 190, 19000, 187.5, 250, 0);
    const merged = mergePosition(withMarket, positionFromIb('main', contract, 150, 188));
    expect(merged).toEqual({ ...withMarket, quantity: 150, avgCost: 188 });
  });
});
