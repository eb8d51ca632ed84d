import { describe, expect, it } from 'vitest';
import type { OrderGroup, OrderRequest } from '../../../shared/model';
import { legsOf, mapLegs } from '../../../shared/order-group';

const leg = (patch: Partial<OrderRequest>): OrderRequest => ({ account: 'demo', side: 'BUY', symbol: 'brk b', quantity: 100, type: 'limit', limitPrice: 400, tif: 'DAY', ...patch });

describe('order group legs', () => {
  it('lists a bracket in sending order: entry, take-profit, stop-loss (a missing child left out)', () => {
    const bracket: OrderGroup = { kind: 'bracket', entry: leg({}), stopLoss: leg({ side: 'SELL', type: 'stop', limitPrice: undefined, stopPrice: 390 }) };
    expect(legsOf(bracket).map((o) => `${o.side} ${o.type}`)).toEqual(['BUY limit', 'SELL stop']);
    expect(legsOf({ kind: 'single', order: leg({}) })).toHaveLength(1);
  });

  it('routes every leg with the registry symbol and keeps the shape (no child appears that was not there)', () => {
    const bracket: OrderGroup = { kind: 'bracket', entry: leg({}), takeProfit: leg({ side: 'SELL', limitPrice: 410 }) };
    const routed = mapLegs(bracket, (o) => ({ ...o, symbol: 'BRK B' }));
    expect(routed).toEqual({ kind: 'bracket', entry: leg({ symbol: 'BRK B' }), takeProfit: leg({ side: 'SELL', limitPrice: 410, symbol: 'BRK B' }) });
    expect('stopLoss' in routed).toBe(false);
    const oco: OrderGroup = { kind: 'oco', legs: [leg({ side: 'SELL', limitPrice: 410 }), leg({ side: 'SELL', type: 'stop', limitPrice: undefined, stopPrice: 390 })] };
    expect(legsOf(mapLegs(oco, (o) => ({ ...o, symbol: 'BRK B' }))).map((o) => o.symbol)).toEqual(['BRK B', 'BRK B']);
  });
});
