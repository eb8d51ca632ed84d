import { describe, expect, it } from 'vitest';
import { OrderStatus, OrderType, SecType } from '@stoqey/ib';
import { mapIbAction, mapIbOrderType, mapIbTif, openOrderToUpdate, toIbOrder } from '../../../electron/ib/mapping/order';
import type { Instrument, OrderRequest } from '../../../shared/model';

const aapl: Instrument = {
  symbol: 'AAPL', conId: 265598, secType: 'STK', exchange: 'SMART', primaryExchange: 'NASDAQ', currency: 'USD', minTick: 0.01, longName: 'APPLE INC',
};
const base: OrderRequest = { account: 'main', side: 'BUY', symbol: 'AAPL', quantity: 100, type: 'market', tif: 'GTC' };
const contract = { conId: 265598, symbol: 'AAPL', secType: 'STK', exchange: 'SMART', currency: 'USD' };

describe('toIbOrder', () => {
  it('maps a market buy: MKT, GTC, account code, transmit, no prices', () => {
    expect(toIbOrder(base, aapl, 'DU1000001')).toEqual({
      contract,
      order: { action: 'BUY', totalQuantity: 100, orderType: 'MKT', tif: 'GTC', account: 'DU1000001', transmit: true },
    });
  });

  it('maps a DAY limit sell with lmtPrice', () => {
    const { order } = toIbOrder({ ...base, side: 'SELL', type: 'limit', limitPrice: 190, tif: 'DAY' }, aapl, 'DU1');
    expect(order).toEqual({ action: 'SELL', totalQuantity: 100, orderType: 'LMT', lmtPrice: 190, tif: 'DAY', account: 'DU1', transmit: true });
  });

  it('maps a stop to STP with auxPrice = stop', () => {
    const { order } = toIbOrder({ ...base, type: 'stop', stopPrice: 195 }, aapl, 'DU1');
    expect(order.orderType).toBe('STP');
    expect(order.auxPrice).toBe(195);
    expect(order.lmtPrice).toBeUndefined();
  });

  it('maps a stop-limit to STP LMT with auxPrice = stop and lmtPrice = limit', () => {
    const { order } = toIbOrder({ ...base, side: 'SELL', type: 'stop-limit', stopPrice: 180, limitPrice: 179.5 }, aapl, 'DU1');
    expect(order).toMatchObject({ action: 'SELL', orderType: 'STP LMT', auxPrice: 180, lmtPrice: 179.5, transmit: true });
  });

  it('carries ext as outsideRth', () => {
    const { order } = toIbOrder({ ...base, type: 'limit', limitPrice: 190, outsideRth: true }, aapl, 'DU1');
    expect(order).toMatchObject({ orderType: 'LMT', lmtPrice: 190, outsideRth: true });
  });

  it('refuses missing, extra and impossible prices with the reason', () => {
    expect(() => toIbOrder({ ...base, type: 'limit' }, aapl, 'DU1')).toThrow('limit order needs a limit price');
    expect(() => toIbOrder({ ...base, type: 'stop-limit', limitPrice: 1 }, aapl, 'DU1')).toThrow('stop-limit order needs a stop price');
    expect(() => toIbOrder({ ...base, limitPrice: 190 }, aapl, 'DU1')).toThrow('market order takes no limit price');
    expect(() => toIbOrder({ ...base, type: 'limit', limitPrice: 190, stopPrice: 1 }, aapl, 'DU1')).toThrow('limit order takes no stop price');
    expect(() => toIbOrder({ ...base, type: 'limit', limitPrice: -1 }, aapl, 'DU1')).toThrow('limit price must be a positive number, got -1');
    expect(() => toIbOrder({ ...base, type: 'stop', stopPrice: Number.NaN }, aapl, 'DU1')).toThrow('stop price must be a positive number, got NaN');
  });

  it('refuses fractional or zero quantities and a symbol that does not match the instrument', () => {
    expect(() => toIbOrder({ ...base, quantity: 0 }, aapl, 'DU1')).toThrow('quantity must be a whole number of shares above 0, got 0');
    expect(() => toIbOrder({ ...base, quantity: 1.5 }, aapl, 'DU1')).toThrow('got 1.5');
    expect(() => toIbOrder({ ...base, symbol: 'MSFT' }, aapl, 'DU1')).toThrow('order is for MSFT but the instrument is AAPL');
  });
});

describe('IB order fields back to the app', () => {
  it('maps order types, actions and TIFs, null for what we do not model', () => {
    expect(['MKT', 'LMT', 'STP', 'STP LMT', 'TRAIL', 'TRAIL LIMIT', 'REL', 'constructor'].map(mapIbOrderType)).toEqual([
      'market', 'limit', 'stop', 'stop-limit', 'trailing', null, null, null,
    ]);
    expect(['BUY', 'SELL', 'SSHORT', 'X'].map(mapIbAction)).toEqual(['BUY', 'SELL', 'SELL', null]);
    expect(['DAY', 'GTC', 'IOC'].map(mapIbTif)).toEqual(['DAY', 'GTC', null]);
  });

  it('turns an openOrder into an order update', () => {
    const r = openOrderToUpdate(
      'main',
      42,
      { conId: 265598, symbol: 'AAPL', secType: SecType.STK },
      { orderType: OrderType.STP_LMT, action: 'SELL' as never, totalQuantity: 50, lmtPrice: 179.5, auxPrice: 180, tif: 'GTC', permId: 9001, clientId: 7 },
      { status: OrderStatus.PreSubmitted },
      1000,
    );
    expect(r).toEqual({
      update: {
        account: 'main', orderId: 42, symbol: 'AAPL', conId: 265598, side: 'SELL', type: 'stop-limit', ibType: 'STP LMT', quantity: 50,
        limitPrice: 179.5, stopPrice: 180, trail: null, trailStopPrice: null, outsideRth: false, parentId: null, ocaGroup: null,
        tif: 'GTC', permId: 9001, clientId: 7, status: 'pre-submitted', updatedAt: 1000,
      },
    });
  });

  it('ignores IB filler prices on a market order; only an unreadable side is not shown', () => {
    const mkt = openOrderToUpdate('main', 1, contract as never, { orderType: OrderType.MKT, action: 'BUY' as never, totalQuantity: 1, lmtPrice: 0, auxPrice: 0 }, { status: OrderStatus.Filled }, 5);
    expect(mkt).toMatchObject({ update: { limitPrice: null, stopPrice: null, status: 'filled' } });
    expect(openOrderToUpdate('main', 2, contract as never, { orderType: OrderType.LMT, action: 'X' as never }, { status: OrderStatus.Submitted }, 5)).toEqual({
      skip: 'order 2 has action X, which this workstation does not show',
    });
  });
});
