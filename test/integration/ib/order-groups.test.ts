// The IB adapter's #11 paths against the simulator over TCP: the market session
// in the status, bracket links on the wire, IB's refusal of a modify (105) on the
// row, percent trails, and a group refused whole before anything leaves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../../electron/simulator';
import type { Instrument, OrderRequest } from '../../../shared/model';
import { makeSession, until, type Harness } from './harness';

const AAPL: Instrument = {
  symbol: 'AAPL', conId: 265598, secType: 'STK', exchange: 'SMART', primaryExchange: 'NASDAQ', currency: 'USD', minTick: 0.01, longName: 'APPLE INC',
};
const order = (over: Partial<OrderRequest>): OrderRequest => ({ account: 'main', side: 'BUY', symbol: 'AAPL', quantity: 10, type: 'limit', limitPrice: 100, tif: 'GTC', ...over });
const working = (status: string | undefined): boolean => status === 'submitted' || status === 'pre-submitted';

let sim: SimulatorHandle;
let h: Harness;

beforeAll(async () => {
  sim = await startSimulator({ listen: [{ port: 0, account: 'DU1000001' }], tickRate: 0 });
  h = makeSession(sim.ports[0]!.port, 31);
  await h.session.connect();
});
afterAll(async () => {
  h.session.disconnect();
  await sim.close();
});

describe('IB adapter: groups, modify, session', () => {
  it('reports the trading session from contract details and the server clock', async () => {
    await until('session known', () => h.rec.lastStatus()?.session === 'OPEN');
    // The reference lookup is SPY's contract details on our own request id band.
    expect(h.sent.some((t) => Number(t[0]) === 9 && t.includes('SPY'))).toBe(true);
  });

  it('sends a bracket with transmit=false on the parent and the children linked to it', async () => {
    const ids = h.session.placeGroup(
      { kind: 'bracket', entry: order({}), takeProfit: order({ side: 'SELL', limitPrice: 110 }), stopLoss: order({ side: 'SELL', type: 'stop', limitPrice: undefined, stopPrice: 90 }) },
      AAPL,
    );
    expect(ids).toHaveLength(3);
    const [parent, tp, sl] = ids as [number, number, number];
    expect(ids).toEqual([parent, parent + 1, parent + 2]);
    await until('bracket at the simulator', () => working(h.rec.order(parent).status) && working(h.rec.order(sl).status));
    expect(h.rec.order(tp)).toMatchObject({ parentId: parent, ocaGroup: `janus-DU1000001-${parent}` });
    const atSim = sim.exchange.openOrders('DU1000001').filter((o) => ids.includes(o.orderId));
    expect(atSim.map((o) => [o.orderId, o.parentId, o.ocaGroup, o.ocaType])).toEqual([
      [parent, 0, '', 0],
      [tp, parent, `janus-DU1000001-${parent}`, 1],
      [sl, parent, `janus-DU1000001-${parent}`, 1],
    ]);
    // A modify of a child keeps its links: it stays in the bracket.
    h.session.modifyOrder(sl, order({ side: 'SELL', type: 'stop', limitPrice: undefined, stopPrice: 91 }), AAPL);
    await until('child modified', () => h.rec.order(sl).stopPrice === 91);
    expect(sim.exchange.openOrders('DU1000001').find((o) => o.orderId === sl)).toMatchObject({ parentId: parent, auxPrice: 91 });
  });

  it('puts IB’s 105 on the row and keeps the order working when a modify does not match', async () => {
    const id = h.session.placeOrder(order({ limitPrice: 101 }), AAPL);
    await until('working', () => working(h.rec.order(id).status));
    h.session.modifyOrder(id, order({ side: 'SELL', limitPrice: 101 }), AAPL);
    await until('refused', () => h.rec.order(id).reason !== null && h.rec.order(id).reason !== undefined);
    expect(h.rec.order(id)).toMatchObject({ reason: 'Order being modified does not match original order.', side: 'BUY' });
    expect(working(h.rec.order(id).status)).toBe(true);
    // A later accepted modify clears the reason.
    h.session.modifyOrder(id, order({ limitPrice: 102 }), AAPL);
    await until('modified', () => h.rec.order(id).limitPrice === 102);
    expect(h.rec.order(id).reason).toBeNull();
  });

  it('sends a percent trail as trailingPercent and reads it back', async () => {
    const id = h.session.placeOrder(order({ side: 'SELL', type: 'trailing', limitPrice: undefined, trail: { percent: 1 } }), AAPL);
    await until('trail working', () => working(h.rec.order(id).status) && (h.rec.order(id).trailStopPrice ?? 0) > 0);
    expect(h.rec.order(id)).toMatchObject({ type: 'trailing', ibType: 'TRAIL', trail: { percent: 1 } });
  });

  it('refuses a group with a bad leg whole: nothing is sent', async () => {
    const before = h.sent.filter((t) => Number(t[0]) === 3).length;
    expect(() =>
      h.session.placeGroup({ kind: 'bracket', entry: order({}), stopLoss: order({ side: 'SELL', type: 'stop', limitPrice: undefined }) }, AAPL),
    ).toThrow('stop-loss: stop order needs a stop price');
    expect(h.sent.filter((t) => Number(t[0]) === 3).length).toBe(before);
  });
});
