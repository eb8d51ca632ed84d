// The paced send lanes and the cancel paths against a scripted TWS (real
// @stoqey/ib over TCP): what reaches the wire, and what the trader reads for
// orders that never left.

import { afterEach, describe, expect, it } from 'vitest';
import type { Instrument, OrderRequest } from '../../../shared/model';
import { FakeTws, frame } from './fake-tws';
import { makeSession, until, type Harness } from './harness';

const AAPL: Instrument = {
  symbol: 'AAPL', conId: 265598, secType: 'STK', exchange: 'SMART', primaryExchange: 'NASDAQ', currency: 'USD', minTick: 0.01, longName: 'APPLE INC',
};
const order: OrderRequest = { account: 'main', side: 'BUY', symbol: 'AAPL', quantity: 100, type: 'limit', limitPrice: 150, tif: 'GTC' };
const PLACE_ORDER = 3;
const CANCEL_ORDER = 4;

let tws: FakeTws | null = null;
let h: Harness | null = null;
afterEach(async () => {
  h?.session.disconnect();
  await tws?.close();
  tws = null;
});

/** One message per 100 ms, so orders queue behind each other. */
async function slowLink(): Promise<{ tws: FakeTws; h: Harness }> {
  tws = await FakeTws.start('DU5', 1);
  h = makeSession(tws.port, 3, { maxReqPerSec: 10 });
  await h.session.connect();
  return { tws, h };
}

const settle = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('send lanes and cancels', () => {
  it('withdraws orders still queued on cancelAll and sends a cancel only for the one that left', async () => {
    const { tws, h } = await slowLink();
    const ids = [1, 2, 3, 4, 5].map(() => h.session.placeOrder(order, AAPL));
    await until('first PLACE_ORDER received', () => tws.sentBy(PLACE_ORDER).length === 1);
    expect(h.session.cancelAll()).toBe(5);
    await until('CANCEL_ORDER received', () => tws.sentBy(CANCEL_ORDER).length === 1);
    await settle(400); // four pacing slots: a withdrawn order would have left by now
    expect(tws.sentBy(PLACE_ORDER).map((t) => Number(t[1]))).toEqual([ids[0]]);
    expect(tws.sentBy(CANCEL_ORDER).map((t) => Number(t[1]))).toEqual([ids[0]]);
    for (const id of ids.slice(1)) {
      expect(h.rec.order(id)).toMatchObject({ status: 'cancelled', reason: `cancelled before it was sent — order ${id} never reached IB` });
    }
    expect(h.rec.order(ids[0]!).status).toBe('pending-submit');
  });

  it('withdraws a single queued order on cancel without sending anything', async () => {
    const { tws, h } = await slowLink();
    const first = h.session.placeOrder(order, AAPL);
    const second = h.session.placeOrder(order, AAPL);
    h.session.cancelOrder(second);
    await until('first PLACE_ORDER received', () => tws.sentBy(PLACE_ORDER).length === 1);
    await settle(300);
    expect(tws.sentBy(PLACE_ORDER).map((t) => Number(t[1]))).toEqual([first]);
    expect(tws.sentBy(CANCEL_ORDER)).toEqual([]);
    expect(h.rec.order(second)).toMatchObject({ status: 'cancelled', reason: `cancelled before it was sent — order ${second} never reached IB` });
  });

  it('reports orders still queued when the connection closes as not sent, and sends none of them later', async () => {
    const { tws, h } = await slowLink();
    const ids = [1, 2, 3].map(() => h.session.placeOrder(order, AAPL));
    await until('first PLACE_ORDER received', () => tws.sentBy(PLACE_ORDER).length === 1);
    tws.dropClient();
    await until('lost', () => !h.session.isConnected());
    for (const id of ids.slice(1)) {
      expect(h.rec.order(id)).toMatchObject({ status: 'rejected', reason: `connection closed before order ${id} was sent — order not sent` });
    }
    expect(h.rec.order(ids[0]!).status).toBe('pending-submit');
    await h.session.connect();
    await settle(1_000); // the new link's initial requests have all left
    expect(tws.sentBy(PLACE_ORDER).map((t) => Number(t[1]))).toEqual([ids[0]]);
  });

  it('sends no cancel for an order IB did not list after a reconnect', async () => {
    const { tws, h } = await slowLink();
    const id = h.session.placeOrder(order, AAPL);
    await until('PLACE_ORDER received', () => tws.sentBy(PLACE_ORDER).length === 1);
    tws.dropClient(); // written into a link that died: IB never answered for it
    await until('lost', () => !h.session.isConnected());
    await h.session.connect();
    await until('open orders asked', () => tws.sentBy(16).length === 2); // REQ_ALL_OPEN_ORDERS
    tws.send(frame(53, 1)); // OPEN_ORDER_END: IB lists nothing
    await settle(50);
    expect(h.session.cancelAll()).toBe(0);
    await settle(300);
    expect(tws.sentBy(CANCEL_ORDER)).toEqual([]);
    expect(h.rec.order(id).status).toBe('pending-submit');
  });

  it('keeps the order reason when IB answers a cancel with 10147 (no such order)', async () => {
    const { tws, h } = await slowLink();
    const id = h.session.placeOrder(order, AAPL);
    await until('PLACE_ORDER received', () => tws.sentBy(PLACE_ORDER).length === 1);
    h.session.cancelOrder(id);
    await until('CANCEL_ORDER received', () => tws.sentBy(CANCEL_ORDER).length === 1);
    tws.send(frame(4, 2, id, 10147, `OrderId ${id} that needs to be cancelled is not found.`, ''));
    await until('logged', () => h.rec.logs.some((l) => l.message === `cancel of order ${id} refused: IB has no such order`));
    expect(h.rec.order(id).reason).toBeNull();
    expect(h.rec.order(id).status).toBe('pending-submit');
  });
});
