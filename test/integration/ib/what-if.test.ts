// The adapter's margin check through the simulator: the what-if goes out with
// whatIf set, its answer never becomes an order row, IB's refusal and a closed
// connection end it with a sentence, and nothing is queued when not connected.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../../electron/simulator';
import type { Instrument, OrderRequest } from '../../../shared/model';
import { makeSession, until, type Harness } from './harness';

const AAPL: Instrument = {
  symbol: 'AAPL', conId: 265598, secType: 'STK', exchange: 'SMART', primaryExchange: 'NASDAQ', currency: 'USD', minTick: 0.01, longName: 'APPLE INC',
};
const buy = (over: Partial<OrderRequest>): OrderRequest => ({ account: 'main', side: 'BUY', symbol: 'AAPL', quantity: 10, type: 'limit', limitPrice: 187, tif: 'DAY', ...over });

let sim: SimulatorHandle;
let h: Harness;

beforeEach(async () => {
  sim = await startSimulator({ listen: [{ port: 0, account: 'DU1000001' }], tickRate: 0 });
  h = makeSession(sim.ports[0]!.port, 31);
});
afterEach(async () => {
  h.session.disconnect();
  await sim.close();
});

describe('what-if', () => {
  it('answers the figures, sends whatIf, and makes no order row', async () => {
    await h.session.connect();
    const figures = await h.session.whatIf(buy({}), AAPL);
    expect(figures).toMatchObject({ initMarginBefore: 0, initMarginChange: 935, initMarginAfter: 935, commission: 1, currency: 'USD', warning: null });
    const placed = h.sent.find((t) => Number(t[0]) === 3);
    expect(placed?.[84]).toBe(1);
    expect(h.rec.orderUpdates).toEqual([]);
    expect(sim.exchange.openOrders('DU1000001')).toEqual([]);
  });

  it('ends with IB\'s words when IB refuses the order, and when the connection closes first', async () => {
    await h.session.connect();
    await expect(h.session.whatIf(buy({ limitPrice: 187.005 }), AAPL)).rejects.toThrow('The price does not conform to the minimum price variation for this contract.');
    sim.freeze(true);
    const pending = h.session.whatIf(buy({}), AAPL);
    await until('what-if written', () => h.sent.filter((t) => Number(t[0]) === 3).length === 2);
    h.session.disconnect();
    await expect(pending).rejects.toThrow('the connection to TWS closed before the margin check answered');
    sim.freeze(false);
  });

  it('refuses at once when not connected: nothing is queued', () => {
    expect(() => h.session.whatIf(buy({}), AAPL)).toThrow(/not connected/);
  });
});
