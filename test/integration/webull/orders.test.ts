import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startWebullSimulator, type WebullSimulator } from '../../../electron/simulator/webull';
import type { WebullSession } from '../../../electron/webull';
import { AAPL, FAST_SIM, session, until, type Recorder } from './harness';

let sim: WebullSimulator;
const open: WebullSession[] = [];

beforeAll(async () => {
  sim = await startWebullSimulator({
    keys: [
      { appKey: 'key-us', appSecret: 'secret-us', accounts: ['WB1'], gtc: true },
      { appKey: 'key-nogtc', appSecret: 'secret-nogtc', accounts: ['WB2'], gtc: false },
      { appKey: 'key-latergtc', appSecret: 'secret-latergtc', accounts: ['WB3'], gtc: false, gtcRefusal: 'event' },
    ],
    limits: FAST_SIM,
    pingMs: 200,
  });
});
afterEach(() => {
  for (const s of open.splice(0)) s.disconnect();
});
afterAll(async () => {
  await sim.close();
});

async function connected(accountCode = 'WB1', appKey = 'key-us', appSecret = 'secret-us'): Promise<{ s: WebullSession; rec: Recorder }> {
  const { session: s, rec } = session(sim.httpPort, { id: 'wb', accountCode, appKey, appSecret });
  open.push(s);
  await s.connect();
  return { s, rec };
}

describe('Webull client against the Webull simulator', () => {
  it('connects, looks up a symbol and reads balance and positions', async () => {
    const { s, rec } = await connected();
    expect(s.isConnected()).toBe(true);
    expect(rec.statuses.at(-1)).toMatchObject({ connected: true, readyForOrders: true, accountCode: 'WB1', error: null });
    const found = await s.lookupSymbol('aapl');
    expect(found).toEqual([expect.objectContaining({ symbol: 'AAPL', conId: 265598, primaryExchange: 'NASDAQ' })]);
    expect(await s.lookupSymbol('brk.b')).toEqual([expect.objectContaining({ symbol: 'BRK B' })]);
    await until(() => rec.account !== null, 'account values');
    expect(rec.account).toMatchObject({ account: 'wb', currency: 'USD', netLiquidation: 1_000_000, totalCash: 1_000_000 });
  });

  it('places, replaces and cancels a limit, a stop, a stop-limit and a trailing stop, each confirmed by the event stream', async () => {
    const { s, rec } = await connected();
    const orders = [
      { side: 'BUY', quantity: 10, type: 'limit', limitPrice: 50, tif: 'GTC' },
      { side: 'BUY', quantity: 10, type: 'stop', stopPrice: 900, tif: 'GTC' },
      { side: 'BUY', quantity: 10, type: 'stop-limit', stopPrice: 900, limitPrice: 905, tif: 'DAY' },
      { side: 'SELL', quantity: 10, type: 'trailing', trail: { amount: 5 }, stopPrice: 50, tif: 'GTC' },
    ] as const;
    for (const order of orders) {
      const id = s.placeOrder({ account: 'wb', symbol: 'AAPL', ...order } as never, AAPL);
      expect(rec.rows.get(id)).toMatchObject({ status: 'pending-submit', quantity: 10, tif: order.tif });
      await until(() => rec.rows.get(id)?.status === 'submitted', `order ${id} submitted`);
      s.modifyOrder(id, { quantity: 20, ...('limitPrice' in order ? { limitPrice: order.limitPrice - 1 } : {}) });
      await until(() => rec.rows.get(id)?.quantity === 20, `order ${id} replaced`);
      if ('limitPrice' in order) expect(rec.rows.get(id)?.limitPrice).toBe(order.limitPrice - 1);
      expect(rec.rows.get(id)).toMatchObject({ status: 'submitted', remaining: 20, reason: null });
      s.cancelOrder(id);
      await until(() => rec.rows.get(id)?.status === 'cancelled', `order ${id} cancelled`);
    }
    expect(rec.fills).toEqual([]);
  });

  it('fills a market order by the event stream: row filled, one fill, position and cash follow', async () => {
    const { s, rec } = await connected();
    const id = s.placeOrder({ account: 'wb', symbol: 'AAPL', side: 'BUY', quantity: 100, type: 'market', tif: 'GTC' }, AAPL);
    await until(() => rec.rows.get(id)?.status === 'filled', 'market order filled');
    const row = rec.rows.get(id);
    expect(row).toMatchObject({ filled: 100, remaining: 0 });
    expect(row?.avgFillPrice).toBeGreaterThan(0);
    const total = rec.fills.filter((f) => f.orderId === id).reduce((n, f) => n + f.quantity, 0);
    expect(total).toBe(100);
    expect(rec.fills[0]).toMatchObject({ account: 'wb', symbol: 'AAPL', side: 'BUY', exchange: 'WEBULL' });
    await until(() => rec.positions.get('AAPL')?.quantity === 100, 'AAPL position of 100');
    await until(() => (rec.account?.totalCash ?? 1_000_000) < 1_000_000, 'cash spent');
  });

  it('fills a stop once the price crosses it, and a trailing stop after the price rose and fell back', async () => {
    const { s, rec } = await connected();
    const buy = s.placeOrder({ account: 'wb', symbol: 'AAPL', side: 'BUY', quantity: 50, type: 'market', tif: 'GTC' }, AAPL);
    await until(() => rec.rows.get(buy)?.status === 'filled', 'shares bought');
    sim.movePrice('AAPL', 200);
    const trailing = s.placeOrder({ account: 'wb', symbol: 'AAPL', side: 'SELL', quantity: 20, type: 'trailing', trail: { amount: 2 }, stopPrice: 190, tif: 'GTC' } as never, AAPL);
    const stop = s.placeOrder({ account: 'wb', symbol: 'AAPL', side: 'SELL', quantity: 30, type: 'stop', stopPrice: 185, tif: 'GTC' }, AAPL);
    await until(() => rec.rows.get(trailing)?.status === 'submitted' && rec.rows.get(stop)?.status === 'submitted', 'stops working');
    sim.movePrice('AAPL', 210);
    sim.movePrice('AAPL', 207);
    await until(() => rec.rows.get(trailing)?.status === 'filled', 'trailing stop filled after a 2-dollar fall from 210');
    expect(rec.rows.get(stop)?.status).toBe('submitted');
    const trailFill = rec.fills.find((f) => f.orderId === trailing);
    expect(trailFill?.price).toBeGreaterThan(200);
    sim.movePrice('AAPL', 180);
    await until(() => rec.rows.get(stop)?.status === 'filled', 'stop filled below 185');
  });

  it('sends GTC first and, where Webull refuses GTC, once more as DAY — and the row says so', async () => {
    const { s, rec } = await connected('WB2', 'key-nogtc', 'secret-nogtc');
    const id = s.placeOrder({ account: 'wb', symbol: 'AAPL', side: 'BUY', quantity: 5, type: 'limit', limitPrice: 50, tif: 'GTC' }, AAPL);
    await until(() => rec.rows.get(id)?.status === 'submitted', 'DAY order working');
    expect(rec.rows.get(id)).toMatchObject({ tif: 'DAY', tifChanged: true, reason: 'GTC refused by Webull; sent as DAY' });
    s.cancelOrder(id);
    await until(() => rec.rows.get(id)?.status === 'cancelled', 'DAY order cancelled by its new client order id');
  });

  it('falls back to DAY once when Webull takes the GTC order and refuses it later (PLACE_FAILED)', async () => {
    const { s, rec } = await connected('WB3', 'key-latergtc', 'secret-latergtc');
    const id = s.placeOrder({ account: 'wb', symbol: 'AAPL', side: 'SELL', quantity: 5, type: 'stop', stopPrice: 10, tif: 'GTC' }, AAPL);
    await until(() => rec.rows.get(id)?.tif === 'DAY', 'resent as DAY');
    await until(() => rec.rows.get(id)?.status === 'submitted', 'DAY order working');
    expect(rec.rows.get(id)).toMatchObject({ tifChanged: true, reason: 'GTC refused by Webull; sent as DAY', type: 'stop', stopPrice: 10 });
    s.cancelOrder(id);
    await until(() => rec.rows.get(id)?.status === 'cancelled', 'cancelled');
  });

  it('refuses a bad order before anything is sent, with the mapping sentence', async () => {
    const { s, rec } = await connected();
    expect(() => s.placeOrder({ account: 'wb', symbol: 'AAPL', side: 'BUY', quantity: 5, type: 'stop', tif: 'GTC' }, AAPL)).toThrow('Webull needs a stop price for a stop order');
    expect(rec.rows.size).toBe(0);
  });

  it('says an order\'s fate is unknown when Webull never answers, and sends nothing again', async () => {
    const { session: s, rec } = session(sim.httpPort, { id: 'wb', accountCode: 'WB1', appKey: 'key-us', appSecret: 'secret-us' }, { requestTimeoutMs: 300, refreshMs: 60_000 });
    open.push(s);
    await s.connect();
    await s.lookupSymbol('AAPL');
    sim.freezeHttp(true);
    try {
      const id = s.placeOrder({ account: 'wb', symbol: 'AAPL', side: 'BUY', quantity: 3, type: 'limit', limitPrice: 40, tif: 'GTC' }, AAPL);
      await until(() => rec.rows.get(id)?.reason != null, 'the fate-unknown sentence');
      expect(rec.rows.get(id)).toMatchObject({
        status: 'pending-submit',
        reason: 'no answer from Webull (no answer from Webull to /trade/order/place within 0.3 s) — fate unknown until Webull lists it',
      });
    } finally {
      sim.freezeHttp(false);
    }
  });

  it('lists open orders after a reconnect of the event stream, and keeps following them', async () => {
    const { s, rec } = await connected();
    const id = s.placeOrder({ account: 'wb', symbol: 'AAPL', side: 'BUY', quantity: 7, type: 'limit', limitPrice: 40, tif: 'GTC' }, AAPL);
    await until(() => rec.rows.get(id)?.status === 'submitted', 'resting limit');
    sim.dropEventStreams();
    await until(() => !s.isConnected(), 'session notices the dropped stream');
    expect(rec.statuses.at(-1)).toMatchObject({ connected: false, error: 'Webull closed the event stream' });
    expect(() => s.placeOrder({ account: 'wb', symbol: 'AAPL', side: 'BUY', quantity: 1, type: 'market', tif: 'GTC' }, AAPL)).toThrow(
      'account wb is not connected — order not sent',
    );
    await s.connect();
    expect(rec.openOrdersEnd.at(-1)).toContain(id);
    s.modifyOrder(id, { limitPrice: 41 });
    await until(() => rec.rows.get(id)?.limitPrice === 41, 'replace after reconnect');
    s.cancelOrder(id);
    await until(() => rec.rows.get(id)?.status === 'cancelled', 'cancel after reconnect');
  });
});
