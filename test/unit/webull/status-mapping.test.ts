import { describe, expect, it } from 'vitest';
import { fillDelta, mapWebullStatus, parseOrderEvent, sceneEffect } from '../../../electron/webull/mapping/status';
import { balanceToAccount, holdingToPosition } from '../../../electron/webull/mapping/account';

describe('mapWebullStatus', () => {
  it('maps each Webull status to ours', () => {
    expect(mapWebullStatus('SUBMITTED', 0)).toBe('submitted');
    expect(mapWebullStatus('SUBMITTED', 30)).toBe('partially-filled');
    expect(mapWebullStatus('PARTIAL FILLED', 30)).toBe('partially-filled');
    expect(mapWebullStatus('PARTIAL_FILLED', 30)).toBe('partially-filled');
    expect(mapWebullStatus('FILLED', 100)).toBe('filled');
    expect(mapWebullStatus('CANCELLED', 0)).toBe('cancelled');
    expect(mapWebullStatus('FAILED', 0)).toBe('rejected');
    expect(mapWebullStatus('SOMETHING_NEW', 0)).toBeNull();
  });
});

describe('parseOrderEvent', () => {
  it('reads a fill event', () => {
    const parsed = parseOrderEvent(JSON.stringify({ account_id: 'A1', client_order_id: 'c1', scene_type: 'FILLED', filled_qty: '40', filled_price: '10.5', order_status: 'PARTIAL_FILLED' }));
    expect(parsed).toEqual({ account_id: 'A1', client_order_id: 'c1', scene_type: 'FILLED', filled_qty: '40', filled_price: '10.5', order_status: 'PARTIAL_FILLED' });
  });

  it('says why a payload is not an order event', () => {
    expect(parseOrderEvent('{oops')).toEqual({ problem: 'a Webull trade event was not JSON: {oops' });
    expect(parseOrderEvent('{"scene_type":"EXPLODED","client_order_id":"c"}')).toEqual({ problem: 'a Webull trade event has an unknown scene_type "EXPLODED"' });
    expect(parseOrderEvent('{"scene_type":"FILLED"}')).toEqual({ problem: 'a Webull trade event has no client_order_id' });
    expect(parseOrderEvent('7')).toEqual({ problem: 'a Webull trade event was not an object' });
  });
});

describe('fillDelta', () => {
  it('derives the new execution from cumulative quantity and average price', () => {
    expect(fillDelta({ filled: 0, avg: 0 }, { filled: 40, avg: 10 })).toEqual({ quantity: 40, price: 10 });
    expect(fillDelta({ filled: 40, avg: 10 }, { filled: 100, avg: 10.6 })).toEqual({ quantity: 60, price: 11 });
    expect(fillDelta({ filled: 100, avg: 10.6 }, { filled: 100, avg: 10.6 })).toBeNull();
  });
});

describe('sceneEffect', () => {
  const event = (scene_type: string, extra: Record<string, string> = {}) => {
    const parsed = parseOrderEvent(JSON.stringify({ account_id: 'A', client_order_id: 'c', scene_type, ...extra }));
    if ('problem' in parsed) throw new Error(parsed.problem);
    return parsed;
  };
  it('turns each scene into a status and a reason', () => {
    expect(sceneEffect(event('FILLED'), 10)).toEqual({ status: 'partially-filled' });
    expect(sceneEffect(event('FINAL_FILLED'), 10)).toEqual({ status: 'filled' });
    expect(sceneEffect(event('PLACE_FAILED', { message: 'insufficient buying power' }), 0)).toEqual({ status: 'rejected', reason: 'Webull refused the order: insufficient buying power' });
    expect(sceneEffect(event('MODIFY_SUCCESS', { order_status: 'SUBMITTED' }), 0)).toEqual({ status: 'submitted' });
    expect(sceneEffect(event('MODIFY_FAILED', { message: 'order is filled' }), 0)).toEqual({ reason: 'Webull refused the change: order is filled' });
    expect(sceneEffect(event('CANCEL_SUCCESS'), 0)).toEqual({ status: 'cancelled' });
    expect(sceneEffect(event('CANCEL_FAILED'), 0)).toEqual({ reason: 'Webull refused the cancel' });
  });
});

describe('account mapping', () => {
  it('maps a balance to the figures a trader watches', () => {
    const value = balanceToAccount('wb', {
      total_asset_currency: 'USD', total_asset: '100250.5', total_cash_balance: '90000', total_unrealized_profit_loss: '-12.5',
      account_currency_assets: [{ currency: 'USD', buying_power: '180000' }],
    }, 5);
    expect(value).toEqual({ account: 'wb', currency: 'USD', netLiquidation: 100250.5, totalCash: 90000, buyingPower: 180000, availableFunds: 180000, unrealizedPnl: -12.5, realizedPnl: null, updatedAt: 5 });
  });
  it('maps a holding to a position, skipping one without a symbol', () => {
    expect(holdingToPosition('wb', { instrument_id: '265598', symbol: 'AAPL', qty: '-20', unit_cost: '190.1', last_price: '189', market_value: '-3780' })).toEqual({
      account: 'wb', symbol: 'AAPL', conId: 265598, quantity: -20, avgCost: 190.1, marketPrice: 189, marketValue: -3780, unrealizedPnl: null, realizedPnl: null,
    });
    expect(holdingToPosition('wb', { qty: '1' })).toBeNull();
  });
});
