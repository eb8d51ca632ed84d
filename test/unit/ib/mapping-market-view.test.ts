import { describe, expect, it } from 'vitest';
import type { DepthLevel } from '../../../shared/market-view';
import { applyDepthOperation, barTime, toBar, toPrint } from '../../../electron/ib/mapping/market-view';

describe('market-view mappers', () => {
  it('reads bar dates in IB formatDate 2 form', () => {
    expect(barTime('1768489200')).toBe(1_768_489_200);
    expect(barTime('20260115')).toBe(Date.UTC(2026, 0, 15) / 1000);
    expect(barTime('20261315')).toBeNull();
    expect(barTime('20260115 10:00:00 US/Eastern')).toBeNull();
    expect(toBar('1768489200', 190, 191, 189, 190.5, 1200)).toEqual({ time: 1_768_489_200, open: 190, high: 191, low: 189, close: 190.5, volume: 1200 });
    expect(toBar('1768489200', 190, 191, 189, -1, 1200)).toBeNull();
    expect(toBar('1768489200', 190, 191, 189, 190, undefined)?.volume).toBe(0);
  });

  it('applies depth operations as IB means them: insert shifts down, delete shifts up', () => {
    const rows: DepthLevel[] = [];
    applyDepthOperation(rows, 0, 0, 10, 100, 'NSDQ');
    applyDepthOperation(rows, 1, 0, 9.99, 200, 'ARCA');
    applyDepthOperation(rows, 0, 0, 10.01, 300, 'BATS');
    expect(rows.map((r) => r.price)).toEqual([10.01, 10, 9.99]);
    applyDepthOperation(rows, 1, 1, 10, 500, 'NSDQ');
    expect(rows[1]).toEqual({ price: 10, size: 500, venue: 'NSDQ' });
    applyDepthOperation(rows, 0, 2, 0, 0, '');
    expect(rows.map((r) => r.price)).toEqual([10, 9.99]);
    applyDepthOperation(rows, 7, 2, 0, 0, '');
    expect(rows).toHaveLength(2);
    for (let i = 0; i < 12; i++) applyDepthOperation(rows, 0, 0, 11 + i, 100, 'IEX');
    expect(rows).toHaveLength(10);
  });

  it('classifies a print against the last BidAsk', () => {
    expect(toPrint('1768489200', 190.01, 100, 'NSDQ', 189.99, 190.01, 5)).toEqual({ time: 1_768_489_200_000, price: 190.01, size: 100, exchange: 'NSDQ', side: 'at-ask' });
    expect(toPrint('', 190, undefined, 'ARCA', null, null, 5)).toEqual({ time: 5, price: 190, size: 0, exchange: 'ARCA', side: 'unknown' });
  });
});
