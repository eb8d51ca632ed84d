// The tick at a price from IB's market rule, and the order rules that use it.

import { describe, expect, it } from 'vitest';
import type { OrderRequest, PriceIncrement } from '../../../shared/model';
import { tickFor, validateOrder } from '../../../shared/order-rules';
import { smartMarketRuleId } from '../../../electron/ib/mapping/contract';

const US_STOCKS: PriceIncrement[] = [{ lowEdge: 0, increment: 0.0001 }, { lowEdge: 1, increment: 0.01 }];

describe('tickFor', () => {
  it('steps by 0.0001 below $1 and by 0.01 from $1 up (rule 26)', () => {
    expect(tickFor(0.4275, US_STOCKS)).toBe(0.0001);
    expect(tickFor(0.9999, US_STOCKS)).toBe(0.0001);
    expect(tickFor(1, US_STOCKS)).toBe(0.01);
    expect(tickFor(187.5, US_STOCKS)).toBe(0.01);
  });

  it('takes the highest level at or below the price, in any order', () => {
    const rule = [{ lowEdge: 5, increment: 0.05 }, { lowEdge: 0, increment: 0.01 }];
    expect([tickFor(4.99, rule), tickFor(5, rule), tickFor(50, rule)]).toEqual([0.01, 0.05, 0.05]);
  });

  it('falls back to minTick (with the sub-penny rule) without a rule, 0 when nothing is known', () => {
    expect(tickFor(0.5, undefined, 0.0001)).toBe(0.0001);
    expect(tickFor(2, undefined, 0.0001)).toBe(0.01);
    expect(tickFor(2, [], 0)).toBe(0);
  });
});

describe('validateOrder with a market rule', () => {
  const order = (limitPrice: number): OrderRequest => ({ account: 'a', side: 'BUY', symbol: 'ZZPNY', quantity: 100, type: 'limit', limitPrice, tif: 'DAY' });

  it('accepts a sub-dollar price in 0.0001 steps and refuses one between them', () => {
    expect(validateOrder(order(0.4275), { minTick: 0.01, priceIncrements: US_STOCKS })).toBeNull();
    expect(validateOrder(order(1.005), { minTick: 0.0001, priceIncrements: US_STOCKS })).toBe('limit price 1.005 is not a multiple of the 0.01 tick');
  });
});

describe('smartMarketRuleId', () => {
  it('takes the rule of the SMART route from the list IB pairs with validExchanges', () => {
    expect(smartMarketRuleId({ contract: {}, marketRuleIds: '26,239', validExchanges: 'SMART,NASDAQ' })).toBe(26);
    expect(smartMarketRuleId({ contract: {}, marketRuleIds: '239,26', validExchanges: 'NASDAQ,SMART' })).toBe(26);
    expect(smartMarketRuleId({ contract: {}, marketRuleIds: '' })).toBeNull();
  });
});
