// Trailing stops typed in the order grammar (btrail / strail, by amount and by
// percent) for a Webull account: the real client over loopback HTTP + gRPC to
// the Webull simulator. The line gives only the trail; the session starts the
// stop one trail from the price another account streams, and Webull holds a
// TRAILING_STOP_LOSS with exactly these fields.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRealScheduler } from '../../../electron/host/real-scheduler';
import { startWebullSimulator, type WebullSimulator } from '../../../electron/simulator/webull';
import type { WebullSession } from '../../../electron/webull';
import { WebullApi, type WebullOrderRow } from '../../../electron/webull/api';
import { webullEndpoints } from '../../../electron/webull/endpoints';
import { WebullHttp } from '../../../electron/webull/http-client';
import { RateGate } from '../../../electron/webull/rate-limit';
import { parseCommandLine } from '../../../shared/command-line';
import type { OrderRequest } from '../../../shared/model';
import { AAPL, FAST, FAST_SIM, session, until, type Recorder } from './harness';

let sim: WebullSimulator;
const open: WebullSession[] = [];
/** The price "the IB account streams" in this test: the simulator's own, so the trail starts where the market is. */
let price: number | null = 200;

beforeAll(async () => {
  sim = await startWebullSimulator({ keys: [{ appKey: 'key-t', appSecret: 'secret-t', accounts: ['WBT'], gtc: true }], limits: FAST_SIM, pingMs: 200 });
});
afterEach(() => {
  for (const s of open.splice(0)) s.disconnect();
});
afterAll(async () => {
  await sim.close();
});

async function connected(): Promise<{ s: WebullSession; rec: Recorder }> {
  const { session: s, rec } = session(sim.httpPort, { id: 'wb', accountCode: 'WBT', appKey: 'key-t', appSecret: 'secret-t' }, { referencePrice: () => price });
  open.push(s);
  await s.connect();
  return { s, rec };
}

/** The order as the grammar reads the typed line, routed to the Webull account. */
function typed(line: string): OrderRequest {
  const parsed = parseCommandLine(line, { tif: 'GTC', quantity: 100 });
  if (parsed.kind !== 'order') throw new Error(`"${line}" did not parse as one order: ${JSON.stringify(parsed)}`);
  return { ...parsed.order, account: 'wb' };
}

/** What Webull holds for this order, read with a client of its own (not the session under test). */
async function heldByWebull(clientOrderPrefix: string): Promise<WebullOrderRow[]> {
  const scheduler = createRealScheduler();
  const http = new WebullHttp({ endpoints: webullEndpoints('127.0.0.1', sim.httpPort, 'us'), credentials: { appKey: 'key-t', appSecret: 'secret-t' }, now: Date.now, timeoutMs: 2000 });
  const api = new WebullApi(http, new RateGate(scheduler, FAST, {}));
  return (await api.openOrders('WBT')).filter((o) => o.client_order_id.startsWith(clientOrderPrefix));
}

describe('btrail / strail for a Webull account', () => {
  it('strail by amount: a TRAILING_STOP_LOSS with AMOUNT, the step, and a stop one trail below the price; it fills after the price rose and fell back', async () => {
    const { s, rec } = await connected();
    sim.movePrice('AAPL', 200);
    const [buy] = s.placeGroup({ kind: 'single', order: typed('buy 50 AAPL') }, AAPL);
    await until(() => rec.rows.get(buy ?? -1)?.status === 'filled', 'shares bought');
    const order = typed('strail 20 AAPL 2');
    expect(order).toMatchObject({ side: 'SELL', quantity: 20, type: 'trailing', trail: { amount: 2 } });
    expect(order.stopPrice).toBeUndefined();
    const [trailing] = s.placeGroup({ kind: 'single', order }, AAPL);
    await until(() => rec.rows.get(trailing ?? -1)?.status === 'submitted', 'trailing stop working');
    expect(rec.rows.get(trailing ?? -1)).toMatchObject({ type: 'trailing', trail: { amount: 2 }, trailStopPrice: 198, stopPrice: null, quantity: 20, tif: 'GTC' });
    const held = await heldByWebull('jw');
    expect(held).toEqual([
      expect.objectContaining({ order_type: 'TRAILING_STOP_LOSS', side: 'SELL', qty: '20', trailing_type: 'AMOUNT', trailing_stop_step: '2', stop_price: '198', tif: 'GTC' }),
    ]);
    expect(held[0]?.limit_price).toBeUndefined();
    sim.movePrice('AAPL', 210);
    sim.movePrice('AAPL', 207.5);
    await until(() => rec.rows.get(trailing ?? -1)?.status === 'filled', 'trailing stop filled after a 2-dollar fall from 210');
    const fill = rec.fills.find((f) => f.orderId === trailing);
    expect(fill).toMatchObject({ side: 'SELL', quantity: 20 });
    expect(fill?.price).toBeGreaterThan(205);
  });

  it('btrail by percent: PERCENTAGE sent as a fraction (1% = "0.01") and a stop one trail above the price, tick rounded up', async () => {
    const { s, rec } = await connected();
    sim.movePrice('AAPL', 187.55);
    price = 187.55;
    const order = typed('btrail 10 AAPL 1%');
    expect(order).toMatchObject({ side: 'BUY', quantity: 10, type: 'trailing', trail: { percent: 1 } });
    const [trailing] = s.placeGroup({ kind: 'single', order }, AAPL);
    await until(() => rec.rows.get(trailing ?? -1)?.status === 'submitted', 'trailing buy stop working');
    expect(rec.rows.get(trailing ?? -1)).toMatchObject({ type: 'trailing', trail: { percent: 1 }, trailStopPrice: 189.43 });
    const held = (await heldByWebull('jw')).filter((o) => o.side === 'BUY');
    expect(held).toEqual([expect.objectContaining({ order_type: 'TRAILING_STOP_LOSS', trailing_type: 'PERCENTAGE', trailing_stop_step: '0.01', stop_price: '189.43', qty: '10' })]);
    s.cancelOrder(trailing ?? -1);
    await until(() => rec.rows.get(trailing ?? -1)?.status === 'cancelled', 'trailing buy stop cancelled');
  });

  it('after a reconnect, the listing shows where the trail has moved the stop', async () => {
    const { s, rec } = await connected();
    sim.movePrice('AAPL', 200);
    price = 200;
    const [buy] = s.placeGroup({ kind: 'single', order: typed('buy 10 AAPL') }, AAPL);
    await until(() => rec.rows.get(buy ?? -1)?.status === 'filled', 'shares bought');
    const [trailing] = s.placeGroup({ kind: 'single', order: typed('strail 10 AAPL 2') }, AAPL);
    await until(() => rec.rows.get(trailing ?? -1)?.status === 'submitted', 'trailing stop working');
    expect(rec.rows.get(trailing ?? -1)?.trailStopPrice).toBe(198);
    sim.movePrice('AAPL', 205);
    s.disconnect();
    await s.connect();
    await until(() => rec.rows.get(trailing ?? -1)?.trailStopPrice === 203, 'the listed stop after the rise to 205');
    expect(rec.rows.get(trailing ?? -1)).toMatchObject({ status: 'submitted', trail: { amount: 2 }, stopPrice: null });
    s.cancelOrder(trailing ?? -1);
    await until(() => rec.rows.get(trailing ?? -1)?.status === 'cancelled', 'trailing stop cancelled');
  });

  it('refuses a trailing stop with the sentence while no account streams the symbol, and sends nothing', async () => {
    const { s } = await connected();
    price = null;
    expect(() => s.placeGroup({ kind: 'single', order: typed('strail 5 AAPL 1') }, AAPL)).toThrow(
      'Webull needs a starting stop price for a trailing stop; no price for AAPL yet (quotes come from an IB account)',
    );
    expect((await heldByWebull('jw')).filter((o) => o.qty === '5')).toEqual([]);
    price = 200;
  });
});
