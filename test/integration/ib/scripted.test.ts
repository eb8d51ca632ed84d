// Sequences the simulator does not produce, scripted with FakeTws.

import { afterEach, describe, expect, it } from 'vitest';
import { BrokerConnectError } from '../../../electron/host/broker';
import type { Instrument, OrderRequest } from '../../../shared/model';
import { FakeTws, frame } from './fake-tws';
import { makeSession, until, type Harness } from './harness';

const AAPL: Instrument = {
  symbol: 'AAPL', conId: 265598, secType: 'STK', exchange: 'SMART', primaryExchange: 'NASDAQ', currency: 'USD', minTick: 0.01, longName: 'APPLE INC',
};
const order: OrderRequest = { account: 'main', side: 'BUY', symbol: 'AAPL', quantity: 100, type: 'limit', limitPrice: 150, tif: 'GTC' };

let tws: FakeTws | null = null;
let h: Harness | null = null;
afterEach(async () => {
  h?.session.disconnect();
  await tws?.close();
  tws = null;
});

async function ready(nextValidId = 1): Promise<{ tws: FakeTws; h: Harness }> {
  tws = await FakeTws.start('DU5', nextValidId);
  h = makeSession(tws.port, 3);
  await h.session.connect();
  return { tws, h };
}

describe('scripted TWS behaviour', () => {
  it('starts order ids at nextValidId and flags a TIF change (10349) without cancelling', async () => {
    const { tws, h } = await ready(500);
    const id = h.session.placeOrder(order, AAPL);
    expect(id).toBe(500);
    await until('PLACE_ORDER received', () => tws.sentBy(3).length === 1);
    tws.send(frame(4, 2, id, 10349, 'Order TIF was set to DAY based on order preset.', ''));
    await until('tif flagged', () => h.rec.order(id).tifChanged === true);
    expect(h.rec.order(id)).toMatchObject({ tif: 'DAY', tifChanged: true, status: 'pending-submit' });
    expect(h.rec.logs.find((l) => l.code === 10349)?.level).toBe('warn');
    expect(tws.sentBy(4)).toEqual([]); // no CANCEL_ORDER
  });

  it('keeps the order state when IB refuses a cancel (10148) and shows why', async () => {
    const { tws, h } = await ready();
    const id = h.session.placeOrder(order, AAPL);
    // A cancel while the order still waits in the send queue would withdraw it instead.
    await until('PLACE_ORDER received', () => tws.sentBy(3).length === 1);
    h.session.cancelOrder(id);
    await until('CANCEL_ORDER received', () => tws.sentBy(4).length === 1);
    tws.send(frame(4, 2, id, 10148, `OrderId ${id} that needs to be cancelled can not be cancelled, state: Filled.`, ''));
    await until('reason shown', () => (h.rec.order(id).reason ?? '').includes('can not be cancelled'));
    expect(h.rec.order(id).status).toBe('pending-submit');
  });

  it('refuses orders while TWS has lost its link to IB (1100) and accepts them after 1102', async () => {
    const { tws, h } = await ready();
    tws.send(frame(4, 2, -1, 1100, 'Connectivity between IB and Trader Workstation has been lost.', ''));
    await until('link down', () => h.rec.lastStatus()?.ibLink === 'down');
    expect(h.rec.lastStatus()?.readyForOrders).toBe(false);
    expect(() => h.session.placeOrder(order, AAPL)).toThrow('account main: TWS has lost its connection to IB — order not sent');
    tws.send(frame(4, 2, -1, 1102, 'Connectivity between IB and Trader Workstation has been restored - data maintained.', ''));
    await until('link up', () => h.rec.lastStatus()?.ibLink === 'up');
    expect(h.rec.lastStatus()?.readyForOrders).toBe(true);
    expect(h.session.placeOrder(order, AAPL)).toBe(1);
  });

  it('switches a symbol to delayed on 354 once, and stops when delayed data is refused too (10168)', async () => {
    const { tws, h } = await ready();
    h.session.subscribeQuotes(AAPL);
    await until('REQ_MKT_DATA', () => tws.sentBy(1).length === 1);
    const first = tws.sentBy(1)[0]![2]!;
    tws.send(frame(4, 2, first, 354, 'Requested market data is not subscribed.', ''));
    await until('delayed request', () => tws.sentBy(1).length === 2);
    expect(h.rec.modes).toEqual([{ conId: 265598, delayed: true }]);
    // The switch back to live data leaves the client's rate-limited queue after
    // the delayed request; wait for it rather than assume it is already out.
    await until('data type back to live', () => tws.sentBy(59).length === 3);
    expect(tws.sentBy(59).map((t) => t[2])).toEqual(['1', '3', '1']);
    const second = tws.sentBy(1)[1]![2]!;
    expect(second).not.toBe(first);
    tws.send(frame(4, 2, second, 10168, 'Requested market data is not subscribed. Delayed market data is not enabled.', ''));
    await until('given up', () => h.rec.logs.some((l) => l.message.startsWith('AAPL: market data refused: no market data available, not even delayed')));
    await new Promise((r) => setTimeout(r, 30));
    expect(tws.sentBy(1)).toHaveLength(2);
    // Ticks for the dead request id are ignored.
    tws.send(frame(1, 6, second, 66, '187.5', '100', '0'));
    await new Promise((r) => setTimeout(r, 30));
    expect(h.rec.ticks).toEqual([]);
  });

  it('ignores IB unset tick values and maps delayed tick types', async () => {
    const { tws, h } = await ready();
    h.session.subscribeQuotes(AAPL);
    await until('REQ_MKT_DATA', () => tws.sentBy(1).length === 1);
    const reqId = tws.sentBy(1)[0]![2]!;
    tws.send(
      frame(1, 6, reqId, 1, '-1', '0', '0'), // empty bid
      frame(1, 6, reqId, 2, '187.55', '300', '0'),
      frame(2, 6, reqId, 8, '1.7976931348623157E308'),
      frame(1, 6, reqId, 68, '187.5', '', '0'), // delayed last
    );
    await until('delayed last', () => h.rec.ticks.some((t) => t.value === 187.5));
    expect(h.rec.ticks).toEqual([
      { conId: 265598, field: 'ask', value: 187.55 },
      { conId: 265598, field: 'askSize', value: 300 },
      { conId: 265598, field: 'last', value: 187.5 },
    ]);
    expect(h.rec.modes).toEqual([{ conId: 265598, delayed: true }]);
  });

  it('merges a commission that arrives before its execution, and ignores other accounts', async () => {
    const { tws, h } = await ready();
    const exec = (execId: string, account: string): Buffer =>
      frame(11, -1, 7, 265598, 'AAPL', 'STK', '', 0, '', '', 'ISLAND', 'USD', 'AAPL', 'AAPL',
        execId, '20240119 14:23:45 UTC', account, 'ISLAND', 'SLD', 25, 187.25, 9001, 3, 0, 25, 187.25, '', '', '', '', 1, 0);
    tws.send(
      frame(59, 1, 'E1', '1.05', 'USD', '1.7976931348623157E308', '1.7976931348623157E308', ''),
      exec('E1', 'DU5'),
      exec('E2', 'DU6'),
    );
    await until('fill', () => h.rec.fills.length === 1);
    await new Promise((r) => setTimeout(r, 30));
    expect(h.rec.fills).toEqual([
      { execId: 'E1', account: 'main', orderId: 7, permId: 9001, symbol: 'AAPL', conId: 265598, side: 'SELL', quantity: 25, price: 187.25,
        exchange: 'ISLAND', commission: 1.05, time: Date.UTC(2024, 0, 19, 14, 23, 45) },
    ]);
  });

  it('refuses a gateway whose server version the client cannot speak', async () => {
    tws = await FakeTws.start('DU5', 1, 99);
    h = makeSession(tws.port, 4);
    const error = (await h.session.connect().catch((e: unknown) => e)) as BrokerConnectError;
    expect(error).toBeInstanceOf(BrokerConnectError);
    expect(error.reason).toBe('unsupported-version');
    expect(error.message).toBe(`unsupported server version at 127.0.0.1:${tws.port}: Unsupported Version 99 — update TWS/IB Gateway`);
  });

  it('drops the connection when TWS resets its API port (1300)', async () => {
    const { tws, h } = await ready();
    tws.send(frame(4, 2, -1, 1300, 'TWS socket port has been reset and this connection is being dropped. Please reconnect on port 7498', ''));
    await until('lost', () => !h.session.isConnected());
    expect(h.rec.lastStatus()?.error).toBe('TWS reset its API port: TWS socket port has been reset and this connection is being dropped. Please reconnect on port 7498');
  });
});
