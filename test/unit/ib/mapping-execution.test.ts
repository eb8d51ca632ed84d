import { describe, expect, it } from 'vitest';
import { SecType } from '@stoqey/ib';
import { commissionOf, executionToFill, mapExecutionSide, parseIbTime } from '../../../electron/ib/mapping/execution';

const contract = { conId: 265598, symbol: 'AAPL', secType: SecType.STK };
const execution = {
  execId: '0001f4e8.6571b9a2.01.01',
  orderId: 12,
  permId: 555,
  time: '20240119 14:23:45 UTC',
  acctNumber: 'DU1000001',
  exchange: 'ISLAND',
  side: 'BOT',
  shares: 100,
  price: 187.52,
};

describe('parseIbTime', () => {
  it('reads the UTC-zoned form the API sends', () => {
    expect(parseIbTime('20240119 14:23:45 UTC')).toBe(Date.UTC(2024, 0, 19, 14, 23, 45));
  });
  it('reads the two-space form without a zone as UTC', () => {
    expect(parseIbTime('20240119  14:23:45')).toBe(Date.UTC(2024, 0, 19, 14, 23, 45));
  });
  it('reads the dash form yyyymmdd-hh:mm:ss as UTC', () => {
    expect(parseIbTime('20240119-14:23:45')).toBe(Date.UTC(2024, 0, 19, 14, 23, 45));
  });
  it('applies IANA zones and TWS abbreviations, including daylight saving', () => {
    expect(parseIbTime('20240119 09:30:00 US/Eastern')).toBe(Date.UTC(2024, 0, 19, 14, 30, 0));
    expect(parseIbTime('20240719 09:30:00 America/New_York')).toBe(Date.UTC(2024, 6, 19, 13, 30, 0));
    expect(parseIbTime('20240119 09:30:00 EST')).toBe(Date.UTC(2024, 0, 19, 14, 30, 0));
  });
  it('answers null for text that is not a time', () => {
    expect(parseIbTime('')).toBeNull();
    expect(parseIbTime('yesterday')).toBeNull();
    expect(parseIbTime('20240231 10:00:00')).toBeNull();
    expect(parseIbTime('20240119 25:00:00')).toBeNull();
    expect(parseIbTime('20240119 10:00:00 Mars/Olympus')).toBeNull();
  });
});

describe('executionToFill', () => {
  it('maps BOT/SLD to BUY/SELL', () => {
    expect(['BOT', 'SLD', 'XYZ', undefined].map(mapExecutionSide)).toEqual(['BUY', 'SELL', null, null]);
  });

  it('builds the fill keyed by execId with the parsed time and no commission yet', () => {
    expect(executionToFill('main', contract, execution, null, 1)).toEqual({
      fill: {
        execId: '0001f4e8.6571b9a2.01.01', account: 'main', orderId: 12, permId: 555, symbol: 'AAPL', conId: 265598,
        side: 'BUY', quantity: 100, price: 187.52, exchange: 'ISLAND', commission: null, time: Date.UTC(2024, 0, 19, 14, 23, 45),
      },
      timeUnreadable: false,
    });
  });

  it('keeps a fill whose time cannot be read, stamped with the receipt time', () => {
    const r = executionToFill('main', contract, { ...execution, side: 'SLD', time: 'garbage' }, 1.25, 777);
    expect(r).toMatchObject({ fill: { side: 'SELL', time: 777, commission: 1.25 }, timeUnreadable: true });
  });

  it('skips executions without execId, side, shares or price', () => {
    expect(executionToFill('main', contract, { ...execution, execId: '' }, null, 0)).toEqual({ skip: 'execution without execId' });
    expect(executionToFill('main', contract, { ...execution, side: 'X' }, null, 0)).toEqual({ skip: 'execution 0001f4e8.6571b9a2.01.01 has side X' });
    expect(executionToFill('main', contract, { ...execution, shares: 0 }, null, 0)).toEqual({ skip: 'execution 0001f4e8.6571b9a2.01.01 has no share count' });
    expect(executionToFill('main', contract, { ...execution, price: undefined }, null, 0)).toEqual({ skip: 'execution 0001f4e8.6571b9a2.01.01 has no price' });
  });

  it('reads commissions and treats IB unset as null', () => {
    expect(commissionOf({ execId: 'x', commission: 1.0 })).toBe(1);
    expect(commissionOf({ execId: 'x', commission: 1.7976931348623157e308 })).toBeNull();
    expect(commissionOf({ execId: 'x' })).toBeNull();
  });
});
