import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../../electron/simulator';
import type { Instrument, OrderRequest } from '../../../shared/model';
import { makeSession, until, type Harness } from './harness';

const AAPL: Instrument = {
  symbol: 'AAPL', conId: 265598, secType: 'STK', exchange: 'SMART', primaryExchange: 'NASDAQ', currency: 'USD', minTick: 0.01, longName: 'APPLE INC',
};
const MSFT: Instrument = {
  symbol: 'MSFT', conId: 272093, secType: 'STK', exchange: 'SMART', primaryExchange: 'NASDAQ', currency: 'USD', minTick: 0.01, longName: 'MICROSOFT CORP',
};
const buy = (over: Partial<OrderRequest>): OrderRequest => ({ account: 'main', side: 'BUY', symbol: 'AAPL', quantity: 10, type: 'market', tif: 'GTC', ...over });

let sim: SimulatorHandle;
let h: Harness;

beforeAll(async () => {
  sim = await startSimulator({ listen: [{ port: 0, account: 'DU1000001' }], tickRate: 0 });
  h = makeSession(sim.ports[0]!.port, 21);
  await h.session.connect();
});
afterAll(async () => {
  h.session.disconnect();
  await sim.close();
});

describe('orders through the simulator', () => {
  it('fills a market order: statuses, fill with commission, position', async () => {
    const id = h.session.placeOrder(buy({}), AAPL);
    await until('MKT filled', () => h.rec.order(id).status === 'filled');
    const row = h.rec.order(id);
    expect(row).toMatchObject({ account: 'main', orderId: id, symbol: 'AAPL', conId: 265598, side: 'BUY', type: 'market', quantity: 10, filled: 10, remaining: 0, tif: 'GTC' });
    expect(row.avgFillPrice).toBeGreaterThan(0);
    expect(h.rec.statusesOf(id)[0]).toBe('pending-submit');
    await until('fill with commission', () => h.rec.fills.some((f) => f.orderId === id && f.commission !== null));
    const fills = h.rec.fills.filter((f) => f.orderId === id);
    const last = fills[fills.length - 1]!;
    expect(last).toMatchObject({ account: 'main', symbol: 'AAPL', conId: 265598, side: 'BUY', quantity: 10, price: row.avgFillPrice });
    expect(last.commission).toBeGreaterThan(0);
    // Same execId each time: the commission re-emits the fill, it does not add one.
    expect(new Set(fills.map((f) => f.execId)).size).toBe(1);
    await until('position', () => h.rec.positions.some((p) => p.conId === 265598 && p.quantity === 10));
    // The sent order carried transmit=1 and the account code.
    const placed = h.sent.find((t) => Number(t[0]) === 3 && Number(t[1]) === id)!;
    expect(placed[27]).toBe(1);
    expect(placed[23]).toBe('DU1000001');
  });

  it('keeps a limit order below the market working, then cancels it', async () => {
    const id = h.session.placeOrder(buy({ type: 'limit', limitPrice: 100, tif: 'DAY' }), AAPL);
    await until('LMT submitted', () => h.rec.order(id).status === 'submitted');
    expect(h.rec.order(id)).toMatchObject({ type: 'limit', limitPrice: 100, tif: 'DAY', filled: 0, remaining: 10 });
    h.session.cancelOrder(id);
    await until('cancelled', () => h.rec.order(id).status === 'cancelled');
    // IB's 202 carries an empty reason for a cancel the trader asked for: the row has none.
    expect(h.rec.order(id).reason).toBeNull();
  });

  it('holds a stop until the market trades through it, then fills', async () => {
    const id = h.session.placeOrder(buy({ symbol: 'MSFT', type: 'stop', stopPrice: 430 }), MSFT);
    await until('STP pre-submitted', () => h.rec.order(id).status === 'pre-submitted');
    expect(h.rec.order(id)).toMatchObject({ type: 'stop', stopPrice: 430, limitPrice: null });
    sim.movePrice('MSFT', 431);
    await until('STP filled', () => h.rec.order(id).status === 'filled');
    expect(h.rec.order(id).filled).toBe(10);
  });

  it('sends a stop-limit with both prices and keeps it waiting for its trigger', async () => {
    const id = h.session.placeOrder({ ...buy({ symbol: 'MSFT' }), side: 'SELL', type: 'stop-limit', stopPrice: 380, limitPrice: 379.5 }, MSFT);
    await until('STP LMT pre-submitted', () => h.rec.order(id).status === 'pre-submitted');
    expect(h.rec.order(id)).toMatchObject({ side: 'SELL', type: 'stop-limit', stopPrice: 380, limitPrice: 379.5 });
    h.session.cancelOrder(id);
    await until('cancelled', () => h.rec.order(id).status === 'cancelled');
  });

  it('marks a 201 rejection on the order with IB text and keeps it rejected', async () => {
    sim.rejectNextOrder('DU1000001', 'Insufficient buying power for test');
    const id = h.session.placeOrder(buy({}), AAPL);
    await until('rejected', () => h.rec.order(id).status === 'rejected');
    // Give the following Inactive status time to arrive; it must not overwrite the rejection.
    await until('inactive status received', () => h.rec.orderUpdates.filter((u) => u.orderId === id).length >= 3);
    const row = h.rec.order(id);
    expect(row.status).toBe('rejected');
    expect(row.reason).toBe('Order rejected - reason:Insufficient buying power for test');
    expect(h.rec.logs.some((l) => l.level === 'error' && l.code === 201 && l.message.includes('Insufficient buying power for test'))).toBe(true);
  });

  it('cancels only its own working orders on cancelAll', async () => {
    const a = h.session.placeOrder(buy({ type: 'limit', limitPrice: 101 }), AAPL);
    const b = h.session.placeOrder(buy({ type: 'limit', limitPrice: 102 }), AAPL);
    await until('both working', () => h.rec.order(a).status === 'submitted' && h.rec.order(b).status === 'submitted');
    h.session.cancelAll();
    await until('both cancelled', () => h.rec.order(a).status === 'cancelled' && h.rec.order(b).status === 'cancelled');
  });

  it('shows a new session the positions, open orders and executions that already exist', async () => {
    const working = h.session.placeOrder(buy({ type: 'limit', limitPrice: 120 }), AAPL);
    await until('working', () => h.rec.order(working).status === 'submitted');
    const other = makeSession(sim.ports[0]!.port, 22);
    try {
      await other.session.connect();
      await until('open order', () => other.rec.order(working).status === 'submitted');
      expect(other.rec.order(working)).toMatchObject({ symbol: 'AAPL', type: 'limit', limitPrice: 120, clientId: 21 });
      await until('positions', () => other.rec.positions.some((p) => p.conId === 265598 && p.quantity === 10));
      await until('executions', () => other.rec.fills.length >= 2);
      expect(new Set(other.rec.fills.map((f) => f.execId))).toEqual(new Set(h.rec.fills.map((f) => f.execId)));
      expect(other.rec.fills.every((f) => f.account === 'main' && f.time > 1_600_000_000_000)).toBe(true);
      // IB lets only the placing client cancel: refused locally with the reason.
      expect(() => other.session.cancelOrder(working)).toThrow(`order ${working} was placed by client id 21; IB lets only that client cancel it`);
    } finally {
      other.session.disconnect();
      h.session.cancelOrder(working);
    }
  });

  it('recovers from a duplicate order id (103) by asking TWS for the next valid id', async () => {
    const other = makeSession(sim.ports[0]!.port, 23);
    try {
      await other.session.connect();
      // h's local next id is now behind: the other client uses ids past it.
      const ids = [0, 1, 2].map((i) => other.session.placeOrder(buy({ type: 'limit', limitPrice: 90 + i }), AAPL));
      await until('other orders working', () => ids.every((id) => other.rec.order(id).status === 'submitted'));
      const idsBefore = h.nextIds();
      const stale = h.session.placeOrder(buy({ type: 'limit', limitPrice: 95 }), AAPL);
      await until('103', () => h.rec.order(stale).status === 'rejected');
      expect(h.rec.logs.some((l) => l.code === 103)).toBe(true);
      await until('NEXT_VALID_ID answer to REQ_IDS', () => h.sent.some((t) => Number(t[0]) === 8) && h.nextIds() > idsBefore);
      const fresh = h.session.placeOrder(buy({ type: 'limit', limitPrice: 96 }), AAPL);
      await until('accepted', () => h.rec.order(fresh).status === 'submitted');
      expect(fresh).toBeGreaterThan(stale);
      other.session.cancelAll();
      h.session.cancelAll();
    } finally {
      other.session.disconnect();
    }
  });

  it('never reuses an order id after a reconnect', async () => {
    const before = h.session.placeOrder(buy({ type: 'limit', limitPrice: 99 }), AAPL);
    h.session.disconnect();
    await h.session.connect();
    const after = h.session.placeOrder(buy({ type: 'limit', limitPrice: 98 }), AAPL);
    expect(after).toBeGreaterThan(before);
    await until('accepted', () => h.rec.order(after).status === 'submitted');
    h.session.cancelAll();
  });
});
