import { describe, expect, it } from 'vitest';
import { WEBULL_FEATURES } from '../../../shared/broker-features';
import { capabilityProblem } from '../../../electron/host/order-checks';
import type { OrderRequest } from '../../../shared/model';

const leg = (patch: Partial<OrderRequest>): OrderRequest => ({ account: 'wb', side: 'BUY', symbol: 'AAPL', quantity: 10, type: 'limit', limitPrice: 190, tif: 'DAY', ...patch });

describe('capabilityProblem names the broker that lacks the feature', () => {
  it('refuses a bracket for a Webull account with Webull named', () => {
    const bracket = { kind: 'bracket' as const, entry: leg({}), takeProfit: leg({ side: 'SELL', limitPrice: 200 }) };
    expect(capabilityProblem(bracket, WEBULL_FEATURES, 'wb', 'Webull')).toBe(`account "wb"'s broker (Webull) does not take brackets: send the orders one by one`);
  });

  it('passes a single limit order Webull takes', () => {
    expect(capabilityProblem({ kind: 'single', order: leg({}) }, WEBULL_FEATURES, 'wb', 'Webull')).toBeNull();
  });
});
