import { describe, expect, it } from 'vitest';
import type { Order } from '../../../shared/model';
import { moveChanges } from '../../../renderer/components/market-view/ladder-actions';

const order = (patch: Partial<Order>): Order => ({
  key: 'sim:7', account: 'sim', orderId: 7, permId: 70, clientId: 0, symbol: 'AAPL', conId: 265598, side: 'BUY', type: 'limit',
  quantity: 100, limitPrice: 187.5, stopPrice: null, tif: 'GTC', tifChanged: false, status: 'submitted', filled: 0, remaining: 100,
  avgFillPrice: null, reason: null, createdAt: 0, updatedAt: 0, ...patch,
});

describe('moving an order from the ladder', () => {
  it('moves a limit by its limit price and a stop by its stop price', () => {
    expect(moveChanges(order({}), 187.51)).toEqual({ limitPrice: 187.51 });
    expect(moveChanges(order({ type: 'stop', limitPrice: null, stopPrice: 180 }), 180.01)).toEqual({ stopPrice: 180.01 });
  });

  it('has no one-price move for a stop-limit, a trailing stop or a foreign order', () => {
    expect(moveChanges(order({ type: 'stop-limit', stopPrice: 180 }), 180.01)).toBeNull();
    expect(moveChanges(order({ type: 'trailing', limitPrice: null }), 180.01)).toBeNull();
    expect(moveChanges(order({ type: 'foreign', ibType: 'REL' }), 180.01)).toBeNull();
  });
});
