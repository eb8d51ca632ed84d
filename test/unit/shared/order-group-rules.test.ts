import { describe, expect, it } from 'vitest';
import type { OrderGroup, OrderRequest } from '../../../shared/model';
import { closingSide, validateGroup } from '../../../shared/order-group-rules';

const leg = (patch: Partial<OrderRequest>): OrderRequest => ({
  account: 'paper', side: 'BUY', symbol: 'AAPL', quantity: 100, type: 'limit', limitPrice: 187.5, tif: 'GTC', ...patch,
});
const entry = leg({});
const tp = leg({ side: 'SELL', limitPrice: 190 });
const sl = leg({ side: 'SELL', type: 'stop', stopPrice: 185, limitPrice: undefined });
delete sl.limitPrice;

describe('validateGroup: brackets', () => {
  it('accepts a buy with the target above and the stop below', () => {
    expect(validateGroup({ kind: 'bracket', entry, takeProfit: tp, stopLoss: sl })).toBeNull();
  });

  it.each<[string, OrderGroup, string]>([
    ['no children', { kind: 'bracket', entry }, 'a bracket needs a take-profit or a stop-loss'],
    ['bad entry', { kind: 'bracket', entry: leg({ quantity: 0 }), takeProfit: tp }, 'entry: quantity 0 must be a positive whole number of shares'],
    ['trailing entry', { kind: 'bracket', entry: leg({ type: 'trailing', limitPrice: undefined, trail: { amount: 1 } }), takeProfit: tp }, "a bracket's entry cannot be a trailing order"],
    ['tp not a limit', { kind: 'bracket', entry, takeProfit: sl }, 'the take-profit must be a limit order'],
    ['sl not a stop', { kind: 'bracket', entry, stopLoss: tp }, 'the stop-loss must be a stop order'],
    ['same side', { kind: 'bracket', entry, takeProfit: leg({ limitPrice: 190 }) }, 'the take-profit must SELL to close a BUY entry'],
    ['symbol', { kind: 'bracket', entry, stopLoss: { ...sl, symbol: 'MSFT' } }, 'the stop-loss is for MSFT, the entry for AAPL'],
    ['account', { kind: 'bracket', entry, takeProfit: { ...tp, account: 'live' } }, 'the take-profit is in account "live", the entry in "paper"'],
    ['quantity', { kind: 'bracket', entry, takeProfit: { ...tp, quantity: 50 } }, 'the take-profit is for 50 shares, the entry for 100'],
    ['tif', { kind: 'bracket', entry, takeProfit: { ...tp, tif: 'DAY' } }, 'the take-profit has time in force DAY, the entry GTC'],
    ['bad child price', { kind: 'bracket', entry, takeProfit: { ...tp, limitPrice: -1 } }, 'take-profit: limit price -1.00 must be a positive number'],
    ['tp at the entry', { kind: 'bracket', entry, takeProfit: { ...tp, limitPrice: 187.5 } }, 'take-profit 187.50 must be above the entry 187.50 for a buy'],
    ['sl above', { kind: 'bracket', entry, stopLoss: { ...sl, stopPrice: 190 } }, 'stop-loss 190.00 must be below the entry 187.50 for a buy'],
  ])('refuses %s', (_name, group, reason) => {
    expect(validateGroup(group, { minTick: 0.01 })).toBe(reason);
  });

  it('measures a market entry against the quote the context names, or says there is none', () => {
    const market = leg({ type: 'market', limitPrice: undefined });
    delete market.limitPrice;
    const group: OrderGroup = { kind: 'bracket', entry: market, takeProfit: { ...tp, limitPrice: 187 } };
    expect(validateGroup(group, { reference: { name: 'ask', price: 187.5 } })).toBe('take-profit 187.00 must be above the ask 187.50 for a buy');
    expect(validateGroup(group, { reference: { missing: 'no ask for AAPL yet' } })).toBe('no ask for AAPL yet to place the take-profit and stop-loss against');
    expect(validateGroup(group, {})).toBe('no ask for AAPL yet to place the take-profit and stop-loss against');
  });
});

describe('validateGroup: OCA exits', () => {
  it('accepts a take-profit above a stop-loss when selling', () => {
    expect(validateGroup({ kind: 'oco', legs: [tp, sl] }, { reference: { name: 'bid', price: 187.4 } })).toBeNull();
  });

  it.each<[string, OrderRequest[], string]>([
    ['no legs', [], 'an OCA group needs at least one order'],
    ['mixed legs', [tp, { ...sl, quantity: 50 }], 'every order of an OCA group must be for the same symbol, account, side and quantity'],
    ['crossed', [{ ...tp, limitPrice: 184 }, sl], 'take-profit 184.00 must be above the stop-loss 185.00 when selling'],
    ['tp under the market', [{ ...tp, limitPrice: 186 }, sl], 'take-profit 186.00 must be above the bid 187.40 when selling'],
    ['sl over the market', [tp, { ...sl, stopPrice: 188 }], 'stop-loss 188.00 must be below the bid 187.40 when selling'],
  ])('refuses %s', (_name, legs, reason) => {
    expect(validateGroup({ kind: 'oco', legs }, { reference: { name: 'bid', price: 187.4 } })).toBe(reason);
  });
});

describe('closingSide', () => {
  it('sells a long, buys a short, nothing when flat', () => {
    expect([closingSide(100), closingSide(-5), closingSide(0), closingSide(Number.NaN)]).toEqual(['SELL', 'BUY', null, null]);
  });
});
