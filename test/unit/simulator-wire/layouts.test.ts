// Every server message the simulator builds, decoded by @stoqey/ib's own
// Decoder at server version 193: no decoding error, and the values a client
// would see.

import { Decoder } from '@stoqey/ib/dist/core/io/decoder';
import { describe, expect, it } from 'vitest';
import type { SimExecution, SimOrder, SimPosition, UniverseEntry } from '../../../electron/simulator/exchange/types';
import { encodeFrame, fieldText, splitFields, type Field } from '../../../electron/simulator/wire/codec';
import { sessionHours } from '../../../electron/simulator/exchange/session';
import * as out from '../../../electron/simulator/wire/responses';
import { TickBatch, TickHeadCache } from '../../../electron/simulator/wire/ticks';

interface Decoded {
  events: Array<[string, ...unknown[]]>;
  errors: Array<[string, number]>;
  infos: Array<[string, number]>;
}

function decodeFrames(frames: string[][]): Decoded {
  const result: Decoded = { events: [], errors: [], infos: [] };
  const decoder = new Decoder({
    serverVersion: 193,
    emitEvent: (name: string, ...args: unknown[]) => result.events.push([name, ...args]),
    emitError: (message: string, code: number, reqId?: number) => {
      result.errors.push([message, code]);
      result.events.push(['error', message, code, reqId]);
    },
    emitInfo: (message: string, code: number) => result.infos.push([message, code]),
  } as never);
  for (const tokens of frames) decoder.enqueueMessage(tokens);
  decoder.process();
  return result;
}

function decode(...messages: Field[][]): Decoded {
  return decodeFrames(messages.map((fields) => fields.map(fieldText)));
}

function decodeOk(...messages: Field[][]): Array<[string, ...unknown[]]> {
  const result = decode(...messages);
  expect(result.errors).toEqual([]);
  return result.events;
}

const AAPL: UniverseEntry = { symbol: 'AAPL', conId: 265598, primaryExchange: 'NASDAQ', minTick: 0.01, longName: 'APPLE INC', basePrice: 187.5, livePermission: true };

const ORDER: SimOrder = {
  account: 'DU1', clientId: 3, orderId: 17, permId: 1200000009, conId: 265598, symbol: 'AAPL', action: 'BUY', quantity: 100,
  orderType: 'STP LMT', lmtPrice: 190.5, auxPrice: 190, tif: 'GTC', status: 'PreSubmitted', filled: 40, remaining: 60,
  avgFillPrice: 190.12, lastFillPrice: 190.13, triggered: true,
  parentId: 0, ocaGroup: '', ocaType: 0, outsideRth: false, trailingPercent: null, trailStopPrice: null, lmtPriceOffset: null,
};

const EXECUTION: SimExecution = {
  execId: '0000e001.65600001.01.01', account: 'DU1', clientId: 3, orderId: 17, permId: 1200000009, conId: 265598, symbol: 'AAPL',
  side: 'BOT', shares: 40, price: 190.13, cumQty: 40, avgPrice: 190.12, exchange: 'NASDAQ', time: Date.UTC(2026, 0, 2, 3, 4, 5), commission: 1.25,
};

const POSITION: SimPosition = {
  account: 'DU1', conId: 265598, symbol: 'AAPL', position: -25, avgCost: 190.5, marketPrice: 191, marketValue: -4775, unrealizedPnl: -12.5, realizedPnl: 3.75,
};

describe('layouts decoded by @stoqey/ib at 193', () => {
  it('OPEN_ORDER for each order type and status', () => {
    for (const orderType of ['MKT', 'LMT', 'STP', 'STP LMT'] as const) {
      for (const status of ['PreSubmitted', 'Submitted', 'Filled', 'Cancelled'] as const) {
        const order: SimOrder = { ...ORDER, orderType, status, lmtPrice: orderType.includes('LMT') ? 190.5 : null, auxPrice: orderType.startsWith('STP') ? 190 : null };
        const [name, orderId, contract, decoded, state] = decodeOk(out.openOrder(order))[0] as [string, number, Record<string, unknown>, Record<string, unknown>, Record<string, unknown>];
        expect(name).toBe('openOrder');
        expect(orderId).toBe(17);
        expect(contract).toMatchObject({ conId: 265598, symbol: 'AAPL', secType: 'STK', exchange: 'SMART', currency: 'USD' });
        expect(decoded).toMatchObject({ action: 'BUY', totalQuantity: 100, orderType, tif: 'GTC', account: 'DU1', clientId: 3, permId: 1200000009 });
        expect(decoded.lmtPrice).toBe(order.lmtPrice ?? undefined);
        expect(decoded.auxPrice).toBe(order.auxPrice ?? undefined);
        expect(state.status).toBe(status);
      }
    }
  });

  it('OPEN_ORDER and ORDER_STATUS carry bracket, OCA, outsideRth and trailing fields', () => {
    const trail: SimOrder = {
      ...ORDER, orderType: 'TRAIL LIMIT', lmtPrice: null, auxPrice: 1, parentId: 12, ocaGroup: 'grp', ocaType: 1, outsideRth: true,
      trailingPercent: null, trailStopPrice: 188.5, lmtPriceOffset: 0.1,
    };
    const [[, , , decoded], [, ...status]] = decodeOk(out.openOrder(trail), out.orderStatus(trail)) as Array<[string, ...unknown[]]> as [[string, number, unknown, Record<string, unknown>], [string, ...unknown[]]];
    expect(decoded).toMatchObject({ orderType: 'TRAIL LIMIT', auxPrice: 1, parentId: 12, ocaGroup: 'grp', ocaType: 1, outsideRth: true, trailStopPrice: 188.5, lmtPriceOffset: 0.1 });
    expect(decoded.trailingPercent).toBeUndefined();
    expect(status[6]).toBe(12); // parentId
  });

  it('ORDER_STATUS', () => {
    expect(decodeOk(out.orderStatus(ORDER))).toEqual([['orderStatus', 17, 'PreSubmitted', 40, 60, 190.12, 1200000009, 0, 190.13, 3, '', 0]]);
    expect(decodeOk(out.rejectedOrderStatus(5, 'Inactive', 10, 2))).toEqual([['orderStatus', 5, 'Inactive', 0, 10, 0, 0, 0, 0, 2, '', 0]]);
  });

  it('CONTRACT_DATA and its end', () => {
    const hours = sessionHours(Date.UTC(2026, 11, 4, 15, 0, 0)); // Friday 10:00 New York
    const events = decodeOk(out.contractData(8, AAPL, hours), out.contractDataEnd(8));
    const [name, reqId, details] = events[0] as [string, number, Record<string, unknown> & { contract: Record<string, unknown> }];
    expect([name, reqId]).toEqual(['contractDetails', 8]);
    expect(details.contract).toMatchObject({ symbol: 'AAPL', secType: 'STK', conId: 265598, exchange: 'SMART', primaryExch: 'NASDAQ', currency: 'USD' });
    expect(details).toMatchObject({ minTick: 0.01, longName: 'APPLE INC', timeZoneId: 'US/Eastern', stockType: 'COMMON' });
    expect(String(details.tradingHours).split(';').slice(0, 3)).toEqual(['20261204:0400-20261204:2000', '20261205:CLOSED', '20261206:CLOSED']);
    expect(String(details.liquidHours).split(';').slice(0, 4)).toEqual(['20261204:0930-20261204:1600', '20261205:CLOSED', '20261206:CLOSED', '20261207:0930-20261207:1600']);
    expect(events[1]).toEqual(['contractDetailsEnd', 8]);
  });

  it('EXECUTION_DATA and COMMISSION_REPORT', () => {
    const events = decodeOk(out.executionData(-1, EXECUTION), out.commissionReport(EXECUTION), out.executionDataEnd(4));
    const [name, reqId, contract, exec] = events[0] as [string, number, Record<string, unknown>, Record<string, unknown>];
    expect([name, reqId]).toEqual(['execDetails', -1]);
    expect(contract).toMatchObject({ conId: 265598, symbol: 'AAPL', exchange: 'NASDAQ' });
    expect(exec).toMatchObject({
      orderId: 17, execId: EXECUTION.execId, time: '20260102 03:04:05 UTC', acctNumber: 'DU1', side: 'BOT', shares: 40, price: 190.13,
      permId: 1200000009, clientId: 3, cumQty: 40, avgPrice: 190.12,
    });
    expect(events[1]).toEqual(['commissionReport', { execId: EXECUTION.execId, commission: 1.25, currency: 'USD', realizedPNL: undefined, yield: undefined, yieldRedemptionDate: 0 }]);
    expect(events[2]).toEqual(['execDetailsEnd', 4]);
  });

  it('POSITION, PORTFOLIO_VALUE and the account messages', () => {
    const events = decodeOk(
      out.position(POSITION, 'NASDAQ'),
      out.positionEnd(),
      out.portfolioValue(POSITION, 'NASDAQ'),
      out.accountValue('NetLiquidation', '1000000.00', 'USD', 'DU1'),
      out.accountUpdateTime(Date.UTC(2026, 0, 2, 9, 5)),
      out.accountDownloadEnd('DU1'),
      out.accountSummary(3, 'DU1', 'BuyingPower', '4000000.00', 'USD'),
      out.accountSummaryEnd(3),
    );
    expect(events[0]?.slice(0, 2)).toEqual(['position', 'DU1']);
    expect(events[0]?.slice(3)).toEqual([-25, 190.5]);
    expect(events[1]).toEqual(['positionEnd']);
    const [, contract, ...portfolio] = events[2] as [string, Record<string, unknown>, ...unknown[]];
    expect(contract).toMatchObject({ conId: 265598, symbol: 'AAPL', primaryExch: 'NASDAQ' });
    expect(portfolio).toEqual([-25, 191, -4775, 190.5, -12.5, 3.75, 'DU1']);
    expect(events.slice(3)).toEqual([
      ['updateAccountValue', 'NetLiquidation', '1000000.00', 'USD', 'DU1'],
      ['updateAccountTime', '09:05'],
      ['accountDownloadEnd', 'DU1'],
      ['accountSummary', 3, 'DU1', 'BuyingPower', '4000000.00', 'USD'],
      ['accountSummaryEnd', 3],
    ]);
  });

  it('session messages; ERR_MSG with id -1 is info, with an id it is an error, non-ASCII escaped and restored', () => {
    const result = decode(out.managedAccounts(['DU1']), out.nextValidId(42), out.currentTime(1700000000), out.marketDataType(5, 3), out.tickReqParams(5, 0.01), out.tickSnapshotEnd(5),
      out.errorMessage(-1, 2104, 'Market data farm connection is OK:usfarm'), out.errorMessage(9, 201, 'Order rejected - reason:Prix élevé'));
    expect(result.events).toEqual([
      ['managedAccounts', 'DU1'],
      ['nextValidId', 42],
      ['currentTime', 1700000000],
      ['marketDataType', 5, 3],
      ['tickReqParams', 5, 0, '9c0001', 3],
      ['tickSnapshotEnd', 5],
      ['error', 'Order rejected - reason:Prix élevé', 201, 9],
    ]);
    expect(result.infos).toEqual([['Market data farm connection is OK:usfarm', 2104]]);
  });

  it('a tick batch is one buffer of frames that decode to the right tick types and values', () => {
    const batch = new TickBatch(new TickHeadCache());
    const quote = { bid: 10.01, ask: 10.03, last: 10.02, high: 11, low: 9, open: 9.5, close: 9.9, bidSize: 300, askSize: 400, lastSize: 100, volume: 12345 };
    batch.add(7, 'bid', false, 10.01, quote);
    batch.add(7, 'ask', false, 10.03, quote);
    batch.add(7, 'volume', false, 12345, quote);
    batch.add(8, 'last', true, 10.02, quote);
    batch.add(8, 'askSize', true, 400, quote);
    expect(batch.count).toBe(5);
    const buffer = batch.take();
    expect(batch.take()).toBeNull();
    const frames: string[][] = [];
    for (let offset = 0; buffer && offset < buffer.length; ) {
      const length = buffer.readUInt32BE(offset);
      frames.push(splitFields(buffer.subarray(offset + 4, offset + 4 + length).toString('latin1')) ?? []);
      offset += 4 + length;
    }
    const result = decodeFrames(frames);
    expect(result.errors).toEqual([]);
    expect(result.events).toEqual([
      ['tickPrice', 7, 1, 10.01, false],
      // @stoqey/ib drops the size riding on a bid (BID_SIZE is tick type 0): the server sends bidSize separately.
      ['tickPrice', 7, 2, 10.03, false],
      ['tickSize', 7, 3, 400],
      ['tickSize', 7, 8, 12345],
      ['tickPrice', 8, 68, 10.02, false],
      ['tickSize', 8, 71, 100],
      ['tickSize', 8, 70, 400],
    ]);
    // The batch is byte-identical to framing each tick on its own.
    expect(buffer?.equals(Buffer.concat([
      encodeFrame([1, 6, 7, 1, 10.01, 300, 0]),
      encodeFrame([1, 6, 7, 2, 10.03, 400, 0]),
      encodeFrame([2, 6, 7, 8, 12345]),
      encodeFrame([1, 6, 8, 68, 10.02, 100, 0]),
      encodeFrame([2, 6, 8, 70, 400]),
    ]))).toBe(true);
  });
});

describe('account rows', () => {
  const values = { account: 'DU1', netLiquidation: 1000123.456, totalCashValue: 5, buyingPower: 4000000, availableFunds: 999000, unrealizedPnl: -12.5, realizedPnl: 0 };

  it('formats ACCT_VALUE keys in cents', () => {
    expect(out.accountValueRows(values)).toEqual([
      ['NetLiquidation', '1000123.46'],
      ['TotalCashValue', '5.00'],
      ['BuyingPower', '4000000.00'],
      ['AvailableFunds', '999000.00'],
      ['UnrealizedPnL', '-12.50'],
      ['RealizedPnL', '0.00'],
    ]);
  });

  it('answers only the requested summary tags, ignoring unknown ones', () => {
    expect(out.accountSummaryRows(values, ['BuyingPower', 'NoSuchTag', 'AccountType'])).toEqual([
      ['BuyingPower', '4000000.00', 'USD'],
      ['AccountType', 'INDIVIDUAL', ''],
    ]);
  });
});
