import { describe, expect, it } from 'vitest';
import { applyFill, funds, orderCommission } from '../../../electron/simulator/exchange/accounting';
import { MARK_EVERY_TICKS } from '../../../electron/simulator/exchange/exchange';
import { ACCOUNT, AAPL, OTHER, accepted, makeExchange, order, record } from './exchange-helpers';

const flat = { quantity: 0, avgCost: 0, realizedPnl: 0 };

describe('commission (IB Fixed: $0.005/share, min $1, max 1% of value, per order)', () => {
  it('charges the minimum, the per-share rate and the cap', () => {
    expect(orderCommission(100, 10_000)).toBe(1);
    expect(orderCommission(1000, 100_000)).toBe(5);
    expect(orderCommission(333, 33_300)).toBe(1.67);
    expect(orderCommission(1000, 50)).toBe(0.5); // 1000 shares at $0.05: capped at 1%
    expect(orderCommission(0, 0)).toBe(0);
  });
});

describe('applyFill', () => {
  it('folds the commission into a long position\'s average cost', () => {
    const r = applyFill(flat, 'BUY', 100, 10, 1);
    expect(r.position).toEqual({ quantity: 100, avgCost: 10.01, realizedPnl: 0 });
    expect(r.cashDelta).toBe(-1001);
    const more = applyFill(r.position, 'BUY', 100, 12, 1);
    expect(more.position.quantity).toBe(200);
    expect(more.position.avgCost).toBeCloseTo(11.01, 10); // (1001 + 1201) / 200
  });

  it('books realized P&L net of commission on a reduction and keeps avgCost', () => {
    const long = applyFill(flat, 'BUY', 100, 10, 1).position;
    const r = applyFill(long, 'SELL', 40, 11, 1);
    expect(r.position.quantity).toBe(60);
    expect(r.position.avgCost).toBe(10.01);
    expect(r.realizedDelta).toBeCloseTo(38.6, 10); // (11 - 10.01) x 40 - 1
    expect(r.cashDelta).toBe(439);
    const closed = applyFill(r.position, 'SELL', 60, 9, 1);
    expect(closed.position.quantity).toBe(0);
    expect(closed.position.avgCost).toBe(0);
    expect(closed.realizedDelta).toBeCloseTo(-61.6, 10); // (9 - 10.01) x 60 - 1
    expect(closed.position.realizedPnl).toBeCloseTo(-23, 10);
  });

  it('handles shorts: proceeds net of commission, profit when covering lower', () => {
    const short = applyFill(flat, 'SELL', 100, 10, 1);
    expect(short.position).toEqual({ quantity: -100, avgCost: 9.99, realizedPnl: 0 });
    expect(short.cashDelta).toBe(999);
    const cover = applyFill(short.position, 'BUY', 100, 9, 1);
    expect(cover.position.quantity).toBe(0);
    expect(cover.realizedDelta).toBeCloseTo(98, 10); // (9.99 - 9) x 100 - 1
  });

  it('crosses through zero: closes the old side, opens the new one at the fill price', () => {
    const long = applyFill(flat, 'BUY', 100, 10, 1).position;
    const r = applyFill(long, 'SELL', 150, 12, 1.5);
    expect(r.position.quantity).toBe(-50);
    expect(r.realizedDelta).toBeCloseTo(198, 10); // (12 - 10.01) x 100 - 1.00 (the closing share of commission)
    expect(r.position.avgCost).toBeCloseTo(11.99, 10); // 12 - 0.50 / 50
  });
});

describe('funds', () => {
  it('takes the smaller of cash and net liquidation, less reservations, and shows 4x as buying power', () => {
    expect(funds({ cash: 900, marketValue: 200, reserved: 100 })).toEqual({ netLiquidation: 1100, availableFunds: 800, buyingPower: 3200 });
    expect(funds({ cash: 1100, marketValue: -200, reserved: 0 })).toEqual({ netLiquidation: 900, availableFunds: 900, buyingPower: 3600 });
    expect(funds({ cash: 100, marketValue: 0, reserved: 300 }).buyingPower).toBe(0);
  });
});

describe('positions and account values through the exchange', () => {
  it('computes average cost, realized and unrealized P&L and account values exactly', () => {
    const ex = makeExchange();
    ex.movePrice(AAPL, 100);
    accepted(ex.placeOrder(order({ quantity: 100 }))); // 100 @ 100.01, commission 1.00
    expect(ex.positions(ACCOUNT)).toEqual([{
      account: ACCOUNT, conId: AAPL, symbol: 'AAPL', position: 100, avgCost: 100.02,
      marketPrice: 100, marketValue: 10000, unrealizedPnl: -2, realizedPnl: 0,
    }]);
    expect(ex.accountValues(ACCOUNT)).toEqual({
      account: ACCOUNT, netLiquidation: 999998, totalCashValue: 989998, buyingPower: 3959992,
      availableFunds: 989998, unrealizedPnl: -2, realizedPnl: 0,
    });

    ex.movePrice(AAPL, 105);
    expect(ex.positions(ACCOUNT)[0]).toMatchObject({ marketPrice: 105, marketValue: 10500, unrealizedPnl: 498 });
    expect(ex.accountValues(ACCOUNT)).toMatchObject({ netLiquidation: 1000498, unrealizedPnl: 498 });

    accepted(ex.placeOrder(order({ action: 'SELL', quantity: 40 }))); // 40 @ 104.99, commission 1.00
    expect(ex.positions(ACCOUNT)[0]).toMatchObject({ position: 60, avgCost: 100.02, unrealizedPnl: 298.8, realizedPnl: 197.8 });
    expect(ex.accountValues(ACCOUNT)).toEqual({
      account: ACCOUNT, netLiquidation: 1000496.6, totalCashValue: 994196.6, buyingPower: 3976786.4,
      availableFunds: 994196.6, unrealizedPnl: 298.8, realizedPnl: 197.8,
    });

    accepted(ex.placeOrder(order({ action: 'SELL', quantity: 60 }))); // 60 @ 104.99, commission 1.00
    expect(ex.positions(ACCOUNT)[0]).toMatchObject({ position: 0, avgCost: 0, unrealizedPnl: 0, realizedPnl: 495 });
    // 197.80 + (104.99 - 100.02) x 60 - 1.00
    expect(ex.accountValues(ACCOUNT)).toMatchObject({ netLiquidation: 1000495, totalCashValue: 1000495, realizedPnl: 495, unrealizedPnl: 0 });
    // The other account is untouched.
    expect(ex.positions(OTHER)).toEqual([]);
    expect(ex.accountValues(OTHER)).toMatchObject({ netLiquidation: 1_000_000, totalCashValue: 1_000_000 });
    expect(() => ex.accountValues('DU404')).toThrow('accountValues: unknown account DU404');
  });

  it('reports position and account after each fill, in the order TWS does', () => {
    const ex = makeExchange();
    ex.movePrice(AAPL, 100);
    const seen: string[] = [];
    ex.addListener({
      onTick: () => {},
      onOrder: (o) => seen.push(`order ${o.status}`),
      onExecution: (e) => seen.push(`exec ${e.shares}`),
      onPosition: (p) => seen.push(`position ${p.position}`),
      onAccount: (a) => seen.push(`account ${a.totalCashValue}`),
    });
    accepted(ex.placeOrder(order({ quantity: 100 })));
    expect(seen).toEqual(['order PreSubmitted', 'order Filled', 'exec 100', 'position 100', 'account 989998']);
  });

  it('throttles price-driven position/account updates to one per MARK_EVERY_TICKS ticks', () => {
    const ex = makeExchange({ seed: 4 });
    accepted(ex.placeOrder(order({ quantity: 100 })));
    const r = record(ex);
    ex.step(MARK_EVERY_TICKS - 1);
    expect(r.accounts).toEqual([]);
    ex.step(1);
    expect(r.accounts).toHaveLength(1);
    expect(r.positions.map((p) => p.symbol)).toEqual(['AAPL']);
    // An account without positions is not reported on price moves.
    expect(r.accounts[0]?.account).toBe(ACCOUNT);
    ex.step(MARK_EVERY_TICKS * 3);
    expect(r.accounts).toHaveLength(2);
    expect(r.accounts[1]).toEqual(ex.accountValues(ACCOUNT));
  });

  it('keeps executions per account with unique ids', () => {
    const ex = makeExchange();
    accepted(ex.placeOrder(order({ quantity: 100 })));
    accepted(ex.placeOrder(order({ account: OTHER, orderId: 1, quantity: 100 })));
    const a = ex.executions(ACCOUNT);
    const b = ex.executions(OTHER);
    expect(a).toHaveLength(1);
    expect(b).toHaveLength(1);
    expect(a[0]?.execId).not.toBe(b[0]?.execId);
    expect(b[0]?.account).toBe(OTHER);
  });
});

describe('options', () => {
  it('refuses bad options with a clear error', async () => {
    const { createExchange } = await import('../../../electron/simulator/exchange');
    const now = () => 0;
    expect(() => createExchange({ seed: 1, accounts: [], startingCash: 1, now })).toThrow('ExchangeOptions.accounts must list at least one account code');
    expect(() => createExchange({ seed: 1, accounts: ['A', 'A'], startingCash: 1, now })).toThrow('must not repeat');
    expect(() => createExchange({ seed: 1, accounts: ['A'], startingCash: -1, now })).toThrow('startingCash must be a non-negative number, got -1');
    expect(() => createExchange({ seed: Number.NaN, accounts: ['A'], startingCash: 1, now })).toThrow('Seed must be a finite number');
  });
});
