// Market-view client messages produced by @stoqey/ib's own Encoder at server
// version 193, parsed by the simulator.

import { SecType, TickByTickDataType, type Contract } from '@stoqey/ib';
import { Encoder } from '@stoqey/ib/dist/core/io/encoder';
import { describe, expect, it } from 'vitest';
import { parseClientMessage, type ClientRequest } from '../../../electron/simulator/wire/requests';

function parsed(call: (encoder: Encoder) => void): ClientRequest {
  const messages: string[][] = [];
  const encoder = new Encoder({
    serverVersion: 193,
    sendMsg: (tokens: unknown[]) => {
      const flat = (tokens as unknown[]).flat(Infinity as 1);
      messages.push(flat.map((t) => (t === true ? '1' : t === false ? '0' : t === undefined || t === null ? '' : String(t))));
    },
    emitError: (message: string) => {
      throw new Error(message);
    },
  } as never);
  call(encoder);
  return parseClientMessage(messages[0] ?? []);
}

const AAPL: Contract = { conId: 265598, symbol: 'AAPL', secType: SecType.STK, exchange: 'SMART', currency: 'USD' };
const contract = { conId: 265598, symbol: 'AAPL', secType: 'STK', exchange: 'SMART', currency: 'USD' };

describe('market-view requests at 193', () => {
  it('reads REQ_HISTORICAL_DATA with keepUpToDate', () => {
    expect(parsed((e) => e.reqHistoricalData(7, AAPL, '', '1 D', '5 mins' as never, 'TRADES', 1, 2, true))).toEqual({
      kind: 'marketView',
      request: {
        kind: 'reqHistoricalData', reqId: 7, contract, endDateTime: '', barSize: '5 mins', duration: '1 D', useRth: true,
        whatToShow: 'TRADES', formatDate: 2, keepUpToDate: true,
      },
    });
    expect(parsed((e) => e.cancelHistoricalData(7))).toEqual({ kind: 'marketView', request: { kind: 'cancelHistoricalData', reqId: 7 } });
  });

  it('reads REQ_MKT_DEPTH and its cancel', () => {
    expect(parsed((e) => e.reqMktDepth(8, AAPL, 10, true, []))).toEqual({
      kind: 'marketView', request: { kind: 'reqMktDepth', reqId: 8, contract, numRows: 10, isSmartDepth: true },
    });
    expect(parsed((e) => e.cancelMktDepth(8, true))).toEqual({ kind: 'marketView', request: { kind: 'cancelMktDepth', reqId: 8 } });
  });

  it('reads REQ_TICK_BY_TICK_DATA and its cancel', () => {
    expect(parsed((e) => e.reqTickByTickData(9, AAPL, TickByTickDataType.AllLast, 0, false))).toEqual({
      kind: 'marketView', request: { kind: 'reqTickByTick', reqId: 9, contract, tickType: 'AllLast' },
    });
    expect(parsed((e) => e.cancelTickByTickData(9))).toEqual({ kind: 'marketView', request: { kind: 'cancelTickByTick', reqId: 9 } });
  });

  it('answers a malformed field as invalid on the request id', () => {
    const fields = ['10', '5', '8', 'x'];
    expect(parseClientMessage(fields)).toEqual({ kind: 'invalid', msgId: 10, id: 8, reason: 'field 3 is not an integer: "x"' });
  });
});
