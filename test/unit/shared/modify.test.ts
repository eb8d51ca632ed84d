import { describe, expect, it } from 'vitest';
import type { Order } from '../../../shared/model';
import { applyModification, modifiableProblem } from '../../../shared/modify';

const row = (patch: Partial<Order> = {}): Order => ({
  key: 'paper:42', account: 'paper', orderId: 42, permId: 9, clientId: 0, symbol: 'AAPL', conId: 265598,
  side: 'BUY', type: 'limit', quantity: 100, limitPrice: 187.5, stopPrice: null, tif: 'GTC', tifChanged: false,
  status: 'submitted', filled: 0, remaining: 100, avgFillPrice: null, reason: null, createdAt: 1, updatedAt: 1,
  ...patch,
});
const ctx = { clientId: 0, minTick: 0.01 };

describe('applyModification', () => {
  it('changes the limit price of a limit order with `mod N P` and previews old → new', () => {
    expect(applyModification(row(), { price: 187.6 }, ctx)).toEqual({
      ok: true,
      request: { account: 'paper', side: 'BUY', symbol: 'AAPL', quantity: 100, type: 'limit', limitPrice: 187.6, tif: 'GTC' },
      preview: 'MODIFY #42 BUY AAPL LMT: lmt 187.50 → 187.60',
    });
  });

  it('puts the one price where the type keeps it: stop price, trail amount', () => {
    const stop = applyModification(row({ type: 'stop', limitPrice: null, stopPrice: 180 }), { price: 181 }, ctx);
    expect(stop.ok && stop.request.stopPrice).toBe(181);
    const trail = applyModification(row({ type: 'trailing', limitPrice: null, trail: { amount: 0.5 } }), { price: 0.75 }, ctx);
    expect(trail).toMatchObject({ ok: true, request: { trail: { amount: 0.75 } }, preview: 'MODIFY #42 BUY AAPL TRAIL: trail 0.50 → 0.75' });
  });

  it('changes quantity, prices, trail and TIF together', () => {
    const out = applyModification(row({ type: 'stop-limit', stopPrice: 187, limitPrice: 187.5 }), { quantity: 200, stopPrice: 188, limitPrice: 188.5, tif: 'DAY' }, ctx);
    expect(out).toMatchObject({ ok: true, preview: 'MODIFY #42 BUY AAPL STP LMT: qty 100 → 200, lmt 187.50 → 188.50, stp 187.00 → 188.00, GTC → DAY' });
  });

  it.each<[string, Order | undefined, Parameters<typeof applyModification>[1], string]>([
    ['unknown', undefined, { price: 1 }, 'order 42 is not known'],
    ['filled', row({ status: 'filled' }), { price: 1 }, 'order 42 is filled: nothing left to modify'],
    ['cancelled', row({ status: 'cancelled' }), { price: 1 }, 'order 42 is cancelled: nothing left to modify'],
    ['being cancelled', row({ status: 'pending-cancel' }), { price: 1 }, 'order 42 is being cancelled: it cannot be modified'],
    ['foreign', row({ type: 'foreign', ibType: 'REL' }), { price: 1 }, 'order 42 is an IB "REL" order, which Janus shows but cannot modify'],
    ['another client', row({ clientId: 7 }), { price: 188 }, 'order 42 belongs to client 7, not this session (client 0): only its own orders can be modified'],
    ['side', row(), { side: 'SELL' }, 'a modify cannot change the side (BUY to SELL): cancel and send a new order'],
    ['symbol', row(), { symbol: 'MSFT' }, 'a modify cannot change the symbol (AAPL to MSFT): cancel and send a new order'],
    ['type', row(), { type: 'stop' }, 'a modify cannot change the type (limit to stop): cancel and send a new order'],
    ['stop-limit shorthand', row({ type: 'stop-limit', stopPrice: 187 }), { price: 188 }, 'order 42 is a stop-limit: say which price, "stp P" or "lmt P"'],
    ['market shorthand', row({ type: 'market', limitPrice: null }), { price: 188 }, 'order 42 is a market order: it has no price to change'],
    ['below filled', row({ filled: 60, status: 'partially-filled' }), { quantity: 50 }, 'quantity 50 is below the 60 already filled'],
    ['no change', row(), { price: 187.5 }, 'modify of order 42 changes nothing'],
    ['rules on the result', row(), { limitPrice: 187.505 }, 'limit price 187.505 is not a multiple of the 0.01 tick'],
    ['a stop price on a limit', row(), { stopPrice: 180 }, 'a limit order takes no stop price'],
    ['bad trail', row({ type: 'trailing', limitPrice: null, trail: { percent: 1 } }), { trail: { percent: 120 } }, 'trail percent 120 must be above 0% and below 100%'],
  ])('refuses %s', (_name, order, changes, reason) => {
    expect(applyModification(order, changes, { ...ctx, orderId: 42 })).toEqual({ ok: false, reason });
  });
});

describe('modifiableProblem', () => {
  it('allows a working order of this client', () => {
    expect(modifiableProblem(row(), 0)).toBeNull();
  });
});
