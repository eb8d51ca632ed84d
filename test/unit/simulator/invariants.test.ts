// Random sequences of orders, cancels and price moves must keep the books
// consistent: the money always adds up and no order over- or under-fills.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderCommission } from '../../../electron/simulator/exchange/accounting';
import type { NewOrder } from '../../../electron/simulator/exchange/types';
import { ACCOUNT, AAPL, makeExchange, record } from './exchange-helpers';

const F = 9599491; // a $12 name, so price moves matter relative to the tick
const SYMBOLS = [AAPL, F];

type Action =
  | { kind: 'order'; conId: number; side: 'BUY' | 'SELL'; type: 'MKT' | 'LMT' | 'STP' | 'STP LMT'; qty: number; offset: number }
  | { kind: 'cancel'; pick: number }
  | { kind: 'move'; conId: number; pct: number }
  | { kind: 'step'; count: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    kind: fc.constant('order' as const),
    conId: fc.constantFrom(...SYMBOLS),
    side: fc.constantFrom('BUY' as const, 'SELL' as const),
    type: fc.constantFrom('MKT' as const, 'LMT' as const, 'STP' as const, 'STP LMT' as const),
    qty: fc.integer({ min: 1, max: 2500 }),
    offset: fc.integer({ min: -30, max: 30 }),
  }),
  fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('move' as const), conId: fc.constantFrom(...SYMBOLS), pct: fc.integer({ min: -500, max: 500 }) }),
  fc.record({ kind: fc.constant('step' as const), count: fc.integer({ min: 1, max: 400 }) }),
);

describe('exchange invariants under random activity', () => {
  it('net liquidation - starting cash = realized + unrealized; fills add up per order', () => {
    fc.assert(
      fc.property(fc.integer(), fc.array(action, { minLength: 1, maxLength: 60 }), (seed, actions) => {
        const ex = makeExchange({ seed, startingCash: 5_000_000 });
        const r = record(ex);
        let id = 1;
        for (const a of actions) {
          if (a.kind === 'order') {
            const q = ex.quote(a.conId);
            if (!q) throw new Error('no quote');
            const cents = Math.round(q.last * 100) + a.offset;
            const price = Math.max(1, cents) / 100;
            const o: NewOrder = {
              account: ACCOUNT, clientId: 1, orderId: id++, conId: a.conId, action: a.side, quantity: a.qty,
              orderType: a.type, lmtPrice: a.type === 'LMT' || a.type === 'STP LMT' ? price : null,
              auxPrice: a.type === 'STP' || a.type === 'STP LMT' ? price : null, tif: 'GTC', transmit: true,
            };
            ex.placeOrder(o);
          } else if (a.kind === 'cancel') {
            const open = ex.openOrders(ACCOUNT);
            const victim = open[a.pick % Math.max(1, open.length)];
            if (victim) ex.cancelOrder(ACCOUNT, victim.orderId);
          } else if (a.kind === 'move') {
            const q = ex.quote(a.conId);
            if (!q) throw new Error('no quote');
            ex.movePrice(a.conId, Math.max(0.01, Math.round(q.last * (10_000 + a.pct))) / 10_000);
          } else ex.step(a.count);
        }

        const v = ex.accountValues(ACCOUNT);
        expect(v.netLiquidation - 5_000_000).toBeCloseTo(v.realizedPnl + v.unrealizedPnl, 1);
        const positions = ex.positions(ACCOUNT);
        const mv = positions.reduce((s, p) => s + p.marketValue, 0);
        expect(v.netLiquidation).toBeCloseTo(v.totalCashValue + mv, 1);

        // Per order: executions sum to `filled`, avg price is their VWAP, commission is the order's fee.
        const lastState = new Map<number, (typeof r.orders)[number]>();
        for (const o of r.orders) lastState.set(o.orderId, o);
        for (const [orderId, o] of lastState) {
          expect(o.filled + o.remaining).toBe(o.quantity);
          const execs = ex.executions(ACCOUNT).filter((e) => e.orderId === orderId);
          const shares = execs.reduce((s, e) => s + e.shares, 0);
          const value = execs.reduce((s, e) => s + e.shares * e.price, 0);
          expect(shares).toBe(o.filled);
          if (shares > 0) expect(o.avgFillPrice).toBeCloseTo(value / shares, 6);
          expect(execs.reduce((s, e) => s + e.commission, 0)).toBeCloseTo(orderCommission(shares, value), 6);
          if (o.status === 'Filled') expect(o.remaining).toBe(0);
        }
        // Net shares traded per symbol = the position.
        for (const p of positions) {
          const net = ex.executions(ACCOUNT)
            .filter((e) => e.conId === p.conId)
            .reduce((s, e) => s + (e.side === 'BOT' ? e.shares : -e.shares), 0);
          expect(p.position).toBe(net);
        }
        expect(new Set(ex.executions(ACCOUNT).map((e) => e.execId)).size).toBe(ex.executions(ACCOUNT).length);
      }),
      { numRuns: 60, seed: 20261124 },
    );
  });
});
