import { describe, expect, it } from 'vitest';
import { describeGroup, describeOrder, type DescribableOrder } from '../../../shared/describe-order';

const o = (patch: Partial<DescribableOrder>): DescribableOrder => ({
  account: null, side: 'BUY', symbol: 'AAPL', quantity: 100, type: 'market', tif: 'GTC', ...patch,
});

describe('describeOrder: one description for people', () => {
  it.each<[DescribableOrder, string]>([
    [o({}), 'BUY 100 AAPL MKT GTC'],
    [o({ type: 'limit', limitPrice: 187.5, account: 'paper' }), 'BUY 100 AAPL LMT 187.50 GTC @paper'],
    [o({ side: 'SELL', type: 'stop-limit', stopPrice: 180, limitPrice: 179.5, tif: 'DAY', outsideRth: true }), 'SELL 100 AAPL STP LMT 180.00 / 179.50 DAY EXT'],
    [o({ side: 'SELL', type: 'trailing', trail: { amount: 0.5 } }), 'SELL 100 AAPL TRAIL 0.50 GTC'],
    [o({ side: 'SELL', type: 'trailing', trail: { percent: 1.25 } }), 'SELL 100 AAPL TRAIL 1.25% GTC'],
    [o({ type: 'stop' }), 'BUY 100 AAPL STP ? GTC'],
    [o({ type: 'limit', limitPrice: 0.1234 }), 'BUY 100 AAPL LMT 0.1234 GTC'],
  ])('%j', (order, text) => {
    expect(describeOrder(order)).toBe(text);
  });

  it('describes brackets and OCA groups on one line', () => {
    const entry = o({ type: 'limit', limitPrice: 187.5, account: 'paper' });
    const takeProfit = o({ side: 'SELL', type: 'limit', limitPrice: 190, account: 'paper' });
    const stopLoss = o({ side: 'SELL', type: 'stop', stopPrice: 185, account: 'paper' });
    expect(describeGroup({ kind: 'bracket', entry, takeProfit, stopLoss })).toBe(
      'BUY 100 AAPL LMT 187.50 GTC · TP SELL LMT 190.00 · SL SELL STP 185.00 @paper',
    );
    expect(describeGroup({ kind: 'oco', legs: [takeProfit, stopLoss] })).toBe(
      'OCA SELL 100 AAPL LMT 190.00 GTC · SELL 100 AAPL STP 185.00 GTC @paper',
    );
    expect(describeGroup({ kind: 'single', order: entry })).toBe('BUY 100 AAPL LMT 187.50 GTC @paper');
  });
});
