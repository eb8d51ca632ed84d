import { describe, expect, it } from 'vitest';
import { classifyIbMessage } from '../../../electron/ib/mapping/errors';

describe('classifyIbMessage', () => {
  it('keeps farm OK messages quiet and names the farm', () => {
    expect(classifyIbMessage(2104, -1, 'Market data farm connection is OK:usfarm')).toEqual({
      level: 'debug', effect: { kind: 'farm', name: 'usfarm', farm: 'market', ok: true },
    });
    expect(classifyIbMessage(2106, -1, 'HMDS data farm connection is OK:ushmds').effect).toEqual({ kind: 'farm', name: 'ushmds', farm: 'historical', ok: true });
    expect(classifyIbMessage(2158, -1, 'Sec-def data farm connection is OK:secdefnj').effect).toEqual({ kind: 'farm', name: 'secdefnj', farm: 'secdef', ok: true });
    expect(classifyIbMessage(2107, -1, 'HMDS data farm connection is inactive but should be available upon demand.ushmds')).toEqual({
      level: 'debug', effect: { kind: 'farm', name: 'ushmds', farm: 'historical', ok: true },
    });
    expect(classifyIbMessage(2108, -1, 'Market data farm connection is inactive but should be available upon demand.usfarm.nj').effect).toMatchObject({ name: 'usfarm.nj', ok: true });
    expect(classifyIbMessage(2119, -1, 'Market data farm is connecting:usfarm').level).toBe('debug');
  });

  it('flags broken farms as warnings', () => {
    expect(classifyIbMessage(2103, -1, 'Market data farm connection is broken:usfarm')).toEqual({
      level: 'warn', effect: { kind: 'farm', name: 'usfarm', farm: 'market', ok: false },
    });
    expect(classifyIbMessage(2105, -1, 'HMDS data farm connection is broken:ushmds').effect).toMatchObject({ farm: 'historical', ok: false });
    expect(classifyIbMessage(2157, -1, 'Sec-def data farm connection is broken:secdefnj').effect).toMatchObject({ farm: 'secdef', ok: false });
  });

  it('tracks the TWS <-> IB link', () => {
    expect(classifyIbMessage(1100, -1, 'lost')).toEqual({ level: 'error', effect: { kind: 'link', state: 'down' } });
    expect(classifyIbMessage(1101, -1, 'restored - data lost')).toEqual({ level: 'warn', effect: { kind: 'link', state: 'restored-data-lost' } });
    expect(classifyIbMessage(1102, -1, 'restored - data maintained')).toEqual({ level: 'info', effect: { kind: 'link', state: 'restored' } });
    expect(classifyIbMessage(1300, -1, 'port reset').effect).toEqual({ kind: 'port-reset' });
  });

  it('recognises connection-level failures', () => {
    expect(classifyIbMessage(326, -1, 'Unable to connect as the client id is already in use.')).toEqual({ level: 'error', effect: { kind: 'client-id-in-use' } });
    expect(classifyIbMessage(502, -1, 'connect ECONNREFUSED').effect).toEqual({ kind: 'socket', problem: 'connect-failed' });
    expect(classifyIbMessage(504, -1, 'Not connected').effect).toEqual({ kind: 'socket', problem: 'not-connected' });
    expect(classifyIbMessage(505, -1, 'Decoding error').effect).toEqual({ kind: 'socket', problem: 'protocol' });
    expect(classifyIbMessage(507, -1, 'Bad message length').effect).toEqual({ kind: 'socket', problem: 'protocol' });
    expect(classifyIbMessage(506, -1, 'Unsupported Version 90').effect).toEqual({ kind: 'unsupported-version' });
    expect(classifyIbMessage(100, -1, 'Max rate of messages per second has been exceeded')).toEqual({ level: 'warn', effect: { kind: 'pacing' } });
  });

  it('marks order rejections and cancellations on the order id', () => {
    for (const code of [201, 110, 103, 387]) {
      expect(classifyIbMessage(code, 42, 'Order rejected - reason:x')).toEqual({ level: 'error', effect: { kind: 'order-rejected', orderId: 42 } });
    }
    expect(classifyIbMessage(202, 42, 'Order Canceled - reason:')).toEqual({ level: 'info', effect: { kind: 'order-cancelled', orderId: 42 } });
  });

  it('keeps an order alive when only its cancel (or modify) was refused', () => {
    for (const code of [161, 10147, 10148, 104]) {
      expect(classifyIbMessage(code, 7, 'x')).toEqual({ level: 'warn', effect: { kind: 'cancel-rejected', orderId: 7 } });
    }
  });

  it('treats 10349 as a TIF change, 399 and 2109 as warnings', () => {
    expect(classifyIbMessage(10349, 9, 'Order TIF was set to DAY based on order preset.')).toEqual({
      level: 'warn', effect: { kind: 'tif-changed', orderId: 9, tif: 'DAY' },
    });
    expect(classifyIbMessage(399, 9, 'Warning').effect).toEqual({ kind: 'order-warning', orderId: 9 });
    expect(classifyIbMessage(2109, 9, 'Outside Regular Trading Hours attribute ignored').effect).toEqual({ kind: 'order-warning', orderId: 9 });
  });

  it('routes market-data permission problems to the request id', () => {
    for (const code of [354, 10089, 10168]) {
      expect(classifyIbMessage(code, 1_000_000_003, 'x').effect).toEqual({ kind: 'market-data-delayed-needed', reqId: 1_000_000_003 });
    }
    expect(classifyIbMessage(10167, 5, 'Displaying delayed market data.').effect).toEqual({ kind: 'market-data-delayed', reqId: 5 });
    expect(classifyIbMessage(10090, 5, 'Part of requested market data is not subscribed.').effect).toEqual({ kind: 'market-data-partial', reqId: 5 });
  });

  it('fails contract lookups and other requests by id', () => {
    expect(classifyIbMessage(200, 8, 'No security definition has been found for the request')).toEqual({ level: 'warn', effect: { kind: 'contract-not-found', reqId: 8 } });
    expect(classifyIbMessage(321, 8, 'Error validating request').effect).toEqual({ kind: 'request-failed', reqId: 8 });
  });

  it('logs the rest: 2100-range as warnings, unknown codes as errors', () => {
    expect(classifyIbMessage(2137, -1, 'cross side warning')).toEqual({ level: 'warn', effect: { kind: 'none' } });
    expect(classifyIbMessage(300, 5, "Can't find EId")).toEqual({ level: 'info', effect: { kind: 'none' } });
    expect(classifyIbMessage(999, 5, 'something new')).toEqual({ level: 'error', effect: { kind: 'none' } });
  });
});
