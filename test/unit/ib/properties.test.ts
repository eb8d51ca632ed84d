import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyIbMessage } from '../../../electron/ib/mapping/errors';
import { parseIbTime } from '../../../electron/ib/mapping/execution';
import { mapIbOrderStatus } from '../../../electron/ib/mapping/order-status';
import { toIbOrder } from '../../../electron/ib/mapping/order';
import type { Instrument, OrderRequest } from '../../../shared/model';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

describe('mapping properties', () => {
  it('parses every second of 2000-2099 written in IB form back to the same instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) }), (ms) => {
        const t = Math.floor(ms / 1000) * 1000;
        const d = new Date(t);
        const text = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}  ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
        expect(parseIbTime(text)).toBe(t);
        expect(parseIbTime(`${text.replace('  ', ' ')} UTC`)).toBe(t);
      }),
    );
  });

  it('classifies any code, id and text without throwing, with a known level', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer(), fc.string(), (code, id, text) => {
        const { level, effect } = classifyIbMessage(code, id, text);
        expect(['debug', 'info', 'warn', 'error']).toContain(level);
        expect(typeof effect.kind).toBe('string');
      }),
    );
  });

  it('never reports partially-filled for a finished order', () => {
    fc.assert(
      fc.property(fc.constantFrom('Filled', 'Cancelled', 'ApiCancelled', 'Inactive'), fc.nat(), fc.nat(), (status, filled, remaining) => {
        expect(mapIbOrderStatus(status, filled, remaining)).not.toBe('partially-filled');
      }),
    );
  });

  it('always transmits, and carries exactly the prices the order type needs', () => {
    const aapl: Instrument = {
      symbol: 'AAPL', conId: 265598, secType: 'STK', exchange: 'SMART', primaryExchange: 'NASDAQ', currency: 'USD', minTick: 0.01, longName: '',
    };
    const price = fc.double({ min: 0.01, max: 100_000, noNaN: true });
    fc.assert(
      fc.property(
        fc.constantFrom('market', 'limit', 'stop', 'stop-limit' as const),
        fc.constantFrom('BUY', 'SELL' as const),
        fc.integer({ min: 1, max: 1_000_000 }),
        price,
        price,
        fc.constantFrom('GTC', 'DAY' as const),
        (type, side, quantity, limit, stop, tif) => {
          const request: OrderRequest = { account: 'a', side, symbol: 'AAPL', quantity, type, tif };
          if (type === 'limit' || type === 'stop-limit') request.limitPrice = limit;
          if (type === 'stop' || type === 'stop-limit') request.stopPrice = stop;
          const { order, contract } = toIbOrder(request, aapl, 'DU1');
          expect(order.transmit).toBe(true);
          expect(order.totalQuantity).toBe(quantity);
          expect(order.tif).toBe(tif);
          expect(order.lmtPrice).toBe(request.limitPrice);
          expect(order.auxPrice).toBe(request.stopPrice);
          expect(contract.conId).toBe(265598);
        },
      ),
    );
  });
});
