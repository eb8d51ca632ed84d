// Client messages produced by @stoqey/ib's own Encoder at server version 193,
// parsed by the simulator.

import { OrderAction, OrderType, SecType, TimeInForce, type Contract, type Order } from '@stoqey/ib';
import { Encoder } from '@stoqey/ib/dist/core/io/encoder';
import { describe, expect, it } from 'vitest';
import { parseClientMessage, type ClientRequest } from '../../../electron/simulator/wire/requests';

/** What the client's socket would put on the wire, as fields (flattened, booleans 1/0, undefined ""). */
function encoded(call: (encoder: Encoder) => void): string[][] {
  const messages: string[][] = [];
  const errors: string[] = [];
  const encoder = new Encoder({
    serverVersion: 193,
    sendMsg: (tokens: unknown[]) => {
      const flat = (tokens as unknown[]).flat(Infinity as 1);
      messages.push(flat.map((t) => (t === true ? '1' : t === false ? '0' : t === undefined || t === null ? '' : String(t))));
    },
    emitError: (message: string) => errors.push(message),
  } as never);
  call(encoder);
  expect(errors).toEqual([]);
  return messages;
}

function parsed(call: (encoder: Encoder) => void): ClientRequest {
  const [message] = encoded(call);
  expect(message).toBeDefined();
  return parseClientMessage(message ?? []);
}

const AAPL: Contract = { conId: 265598, symbol: 'AAPL', secType: SecType.STK, exchange: 'SMART', currency: 'USD' };

describe('PLACE_ORDER (118 fields at 193, head read by position)', () => {
  const cases: Array<[string, Order, { lmtPrice: number | null; auxPrice: number | null }]> = [
    ['MKT', { action: OrderAction.BUY, totalQuantity: 100, orderType: OrderType.MKT, tif: TimeInForce.DAY, transmit: true }, { lmtPrice: null, auxPrice: null }],
    ['LMT', { action: OrderAction.SELL, totalQuantity: 5, orderType: OrderType.LMT, lmtPrice: 187.55, tif: TimeInForce.GTC, transmit: true }, { lmtPrice: 187.55, auxPrice: null }],
    ['STP', { action: OrderAction.SELL, totalQuantity: 7, orderType: OrderType.STP, auxPrice: 180, tif: TimeInForce.GTC, transmit: true }, { lmtPrice: null, auxPrice: 180 }],
    ['STP LMT', { action: OrderAction.BUY, totalQuantity: 1, orderType: OrderType.STP_LMT, auxPrice: 195, lmtPrice: 195.5, tif: TimeInForce.GTC, transmit: true }, { lmtPrice: 195.5, auxPrice: 195 }],
  ];

  for (const [name, order, prices] of cases) {
    it(`reads a ${name} order`, () => {
      const [message] = encoded((e) => e.placeOrder(42, { ...AAPL }, { ...order, account: 'DU1', orderRef: 'janus-1' }));
      expect(message).toHaveLength(118);
      expect(parseClientMessage(message ?? [])).toEqual({
        kind: 'placeOrder',
        orderId: 42,
        contract: { conId: 265598, symbol: 'AAPL', secType: 'STK', exchange: 'SMART', currency: 'USD' },
        action: order.action,
        totalQuantity: order.totalQuantity,
        orderType: order.orderType,
        ...prices,
        tif: order.tif,
        account: 'DU1',
        orderRef: 'janus-1',
        transmit: true,
        parentId: 0,
        outsideRth: false,
        ocaGroup: '',
        ocaType: 0,
        trailStopPrice: null,
        trailingPercent: null,
        lmtPriceOffset: null,
        whatIf: false,
      });
    });
  }

  it('reads an unset transmit as false (TWS holds such an order)', () => {
    const request = parsed((e) => e.placeOrder(1, { ...AAPL }, { action: OrderAction.BUY, totalQuantity: 1, orderType: OrderType.MKT }));
    expect(request).toMatchObject({ kind: 'placeOrder', transmit: false, tif: '' });
  });

  it('reports a missing quantity as invalid on the order id', () => {
    const request = parsed((e) => e.placeOrder(9, { ...AAPL }, { action: OrderAction.BUY, orderType: OrderType.MKT, transmit: true } as Order));
    expect(request).toEqual({ kind: 'invalid', msgId: 3, id: 9, reason: 'totalQuantity is unset' });
  });
});

describe('other requests', () => {
  it('REQ_MKT_DATA, plain, snapshot, and with a delta-neutral contract', () => {
    expect(parsed((e) => e.reqMktData(7, { ...AAPL }, '', false, false))).toEqual({
      kind: 'reqMktData', reqId: 7, snapshot: false, contract: { conId: 265598, symbol: 'AAPL', secType: 'STK', exchange: 'SMART', currency: 'USD' },
    });
    expect(parsed((e) => e.reqMktData(8, { conId: 265598, exchange: 'SMART' }, '233', true, false))).toMatchObject({ kind: 'reqMktData', reqId: 8, snapshot: true });
    expect(parsed((e) => e.reqMktData(9, { ...AAPL, deltaNeutralContract: { conId: 1, delta: 0.5, price: 3 } }, '', true, false))).toMatchObject({ reqId: 9, snapshot: true });
  });

  it('REQ_MKT_DATA for a BAG contract skips its legs', () => {
    const bag: Contract = { symbol: 'AAPL', secType: SecType.BAG, exchange: 'SMART', currency: 'USD', comboLegs: [{ conId: 1, ratio: 1, action: OrderAction.BUY, exchange: 'SMART' }, { conId: 2, ratio: 1, action: OrderAction.SELL, exchange: 'SMART' }] };
    expect(parsed((e) => e.reqMktData(10, bag, '', true, false))).toMatchObject({ kind: 'reqMktData', reqId: 10, snapshot: true, contract: { secType: 'BAG' } });
  });

  it('REQ_CONTRACT_DATA by symbol and by conId', () => {
    expect(parsed((e) => e.reqContractDetails(3, { symbol: 'BRK B', secType: SecType.STK, exchange: 'SMART', currency: 'USD' }))).toEqual({
      kind: 'reqContractData', reqId: 3, contract: { conId: 0, symbol: 'BRK B', secType: 'STK', exchange: 'SMART', currency: 'USD' },
    });
    expect(parsed((e) => e.reqContractDetails(4, { conId: 272093 }))).toMatchObject({ reqId: 4, contract: { conId: 272093, symbol: '' } });
  });

  it('order management and account requests', () => {
    expect(parsed((e) => e.cancelOrder(12, {}))).toEqual({ kind: 'cancelOrder', orderId: 12 });
    expect(parsed((e) => e.reqGlobalCancel({}))).toEqual({ kind: 'reqGlobalCancel' });
    expect(parsed((e) => e.reqOpenOrders())).toEqual({ kind: 'reqOpenOrders', scope: 'client' });
    expect(parsed((e) => e.reqAllOpenOrders())).toEqual({ kind: 'reqOpenOrders', scope: 'all' });
    expect(parsed((e) => e.reqAutoOpenOrders(true))).toEqual({ kind: 'reqOpenOrders', scope: 'auto' });
    expect(parsed((e) => e.reqExecutions(5, { clientId: '3', acctCode: 'DU1', symbol: 'AAPL', side: 'BUY' }))).toEqual({
      kind: 'reqExecutions', reqId: 5, filter: { clientId: 3, account: 'DU1', symbol: 'AAPL', secType: '', side: 'BUY' },
    });
    expect(parsed((e) => e.reqExecutions(6, {}))).toEqual({ kind: 'reqExecutions', reqId: 6, filter: { clientId: null, account: '', symbol: '', secType: '', side: '' } });
    expect(parsed((e) => e.reqIds(1))).toEqual({ kind: 'reqIds' });
    expect(parsed((e) => e.reqPositions())).toEqual({ kind: 'reqPositions' });
    expect(parsed((e) => e.cancelPositions())).toEqual({ kind: 'cancelPositions' });
    expect(parsed((e) => e.reqAccountUpdates(true, 'DU1'))).toEqual({ kind: 'reqAccountUpdates', subscribe: true, account: 'DU1' });
    expect(parsed((e) => e.reqAccountUpdates(false, 'DU1'))).toEqual({ kind: 'reqAccountUpdates', subscribe: false, account: 'DU1' });
    expect(parsed((e) => e.reqAccountSummary(2, 'All', 'NetLiquidation, BuyingPower'))).toEqual({ kind: 'reqAccountSummary', reqId: 2, group: 'All', tags: ['NetLiquidation', 'BuyingPower'] });
    expect(parsed((e) => e.cancelAccountSummary(2))).toEqual({ kind: 'cancelAccountSummary', reqId: 2 });
    expect(parsed((e) => e.reqCurrentTime())).toEqual({ kind: 'reqCurrentTime' });
    expect(parsed((e) => e.reqMarketDataType(3))).toEqual({ kind: 'reqMarketDataType', marketDataType: 3 });
    expect(parsed((e) => e.cancelMktData(7))).toEqual({ kind: 'cancelMktData', reqId: 7 });
    expect(parsed((e) => e.reqManagedAccts())).toEqual({ kind: 'reqManagedAccts' });
    expect(parsed((e) => e.setServerLogLevel(5))).toEqual({ kind: 'ignored', msgId: 14 });
  });

  it('an unknown request is unsupported, a bad id or field is invalid with the id IB would use', () => {
    expect(parsed((e) => e.reqNewsBulletins(true))).toEqual({ kind: 'unsupported', msgId: 12, id: -1 });
    expect(parsed((e) => e.reqHeadTimestamp(31, { ...AAPL }, 'TRADES' as never, true, 1))).toEqual({ kind: 'unsupported', msgId: 87, id: 31 });
    expect(parsed((e) => e.reqPnL(32, 'DU1', ''))).toEqual({ kind: 'reqPnL', reqId: 32, account: 'DU1' });
    expect(parsed((e) => e.reqRealTimeBars(33, { ...AAPL }, 5, 'TRADES' as never, true, []))).toEqual({ kind: 'unsupported', msgId: 50, id: 33 });
    expect(parseClientMessage(['x'])).toEqual({ kind: 'invalid', msgId: -1, id: -1, reason: 'bad message id "x"' });
    expect(parseClientMessage(['1', '11', '7', 'abc'])).toEqual({ kind: 'invalid', msgId: 1, id: 7, reason: 'field 3 is not an integer: "abc"' });
    expect(parseClientMessage(['2', '1'])).toEqual({ kind: 'invalid', msgId: 2, id: -1, reason: 'missing field 2' });
    expect(parseClientMessage(['3', '5', '265598', 'AAPL', 'STK', '', '0', '', '', 'SMART', '', 'USD', '', '', '', '', 'BUY', 'lots'])).toEqual({
      kind: 'invalid', msgId: 3, id: 5, reason: 'field 17 is not a number: "lots"',
    });
  });
});
