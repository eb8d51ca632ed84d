import { describe, expect, it } from 'vitest';
import {
  asDay,
  isGtcRefusal,
  toReplaceOrder,
  toWebullStockOrder,
  webullOrderProblem,
  type WebullOrderInput,
} from '../../../electron/webull/mapping/order';

const base: WebullOrderInput = { side: 'BUY', quantity: 100, type: 'limit', limitPrice: 187.5, tif: 'GTC' };

describe('toWebullStockOrder', () => {
  it('maps each of our types to its Webull order_type with exactly the price fields it needs', () => {
    const market = toWebullStockOrder({ side: 'SELL', quantity: 10, type: 'market', tif: 'GTC' }, '913256135', 'c1');
    expect(market).toEqual({
      ok: true,
      value: { client_order_id: 'c1', side: 'SELL', tif: 'GTC', extended_hours_trading: false, instrument_id: '913256135', order_type: 'MARKET', qty: '10' },
    });
    expect(toWebullStockOrder(base, 'i', 'c2')).toMatchObject({ ok: true, value: { order_type: 'LIMIT', limit_price: '187.5', tif: 'GTC' } });
    const stop = toWebullStockOrder({ side: 'SELL', quantity: 5, type: 'stop', stopPrice: 99.1, tif: 'DAY' }, 'i', 'c3');
    expect(stop).toMatchObject({ ok: true, value: { order_type: 'STOP_LOSS', stop_price: '99.1', tif: 'DAY' } });
    expect(stop.ok && 'limit_price' in stop.value).toBe(false);
    const stopLimit = toWebullStockOrder({ side: 'BUY', quantity: 5, type: 'stop-limit', stopPrice: 10, limitPrice: 10.05, tif: 'GTC' }, 'i', 'c4');
    expect(stopLimit).toMatchObject({ ok: true, value: { order_type: 'STOP_LOSS_LIMIT', stop_price: '10', limit_price: '10.05' } });
  });

  it('maps a trailing stop by amount and by percent to trailing_type and trailing_stop_step', () => {
    const amount = toWebullStockOrder({ side: 'SELL', quantity: 50, type: 'trailing', trail: { amount: 0.5 }, stopPrice: 99.5, tif: 'GTC' }, 'i', 'c5');
    expect(amount).toMatchObject({ ok: true, value: { order_type: 'TRAILING_STOP_LOSS', trailing_type: 'AMOUNT', trailing_stop_step: '0.5', stop_price: '99.5' } });
    const percent = toWebullStockOrder({ side: 'SELL', quantity: 50, type: 'trailing', trail: { percent: 2 }, stopPrice: 98, tif: 'GTC' }, 'i', 'c6');
    expect(percent).toMatchObject({ ok: true, value: { trailing_type: 'PERCENTAGE', trailing_stop_step: '2' } });
  });

  it('writes prices without float noise', () => {
    expect(toWebullStockOrder({ ...base, limitPrice: 0.1 + 0.2 }, 'i', 'c')).toMatchObject({ value: { limit_price: '0.3' } });
  });

  it('sets extended_hours_trading only for limit orders outside regular hours', () => {
    expect(toWebullStockOrder({ ...base, outsideRth: true }, 'i', 'c')).toMatchObject({ value: { extended_hours_trading: true } });
    expect(webullOrderProblem({ side: 'BUY', quantity: 1, type: 'market', tif: 'DAY', outsideRth: true })).toBe(
      'Webull trades outside regular hours only with limit orders',
    );
  });
});

describe('the required-field rules', () => {
  const cases: [WebullOrderInput, string][] = [
    [{ side: 'BUY', quantity: 1, type: 'limit', tif: 'GTC' }, 'Webull needs a limit price for a limit order'],
    [{ side: 'BUY', quantity: 1, type: 'stop-limit', stopPrice: 5, tif: 'GTC' }, 'Webull needs a limit price for a stop-limit order'],
    [{ side: 'BUY', quantity: 1, type: 'stop', tif: 'GTC' }, 'Webull needs a stop price for a stop order'],
    [{ side: 'BUY', quantity: 1, type: 'stop-limit', limitPrice: 5, tif: 'GTC' }, 'Webull needs a stop price for a stop-limit order'],
    [{ side: 'SELL', quantity: 1, type: 'trailing', trail: { amount: 1 }, tif: 'GTC' }, 'Webull needs a starting stop price for a trailing stop order'],
    [{ side: 'SELL', quantity: 1, type: 'trailing', stopPrice: 9, tif: 'GTC' }, 'Webull needs a trail amount or percent for a trailing stop order'],
    [{ side: 'BUY', quantity: 1, type: 'market', limitPrice: 5, tif: 'GTC' }, 'a market order takes no limit price at Webull'],
    [{ side: 'BUY', quantity: 1, type: 'limit', limitPrice: 5, stopPrice: 4, tif: 'GTC' }, 'a limit order takes no stop price at Webull'],
    [{ side: 'SELL', quantity: 1, type: 'trailing', trail: { amount: 1 }, stopPrice: 9, limitPrice: 8, tif: 'GTC' }, 'a trailing stop order takes no limit price at Webull'],
    [{ side: 'BUY', quantity: 1, type: 'limit', limitPrice: 0, tif: 'GTC' }, 'the limit price must be above 0'],
    [{ side: 'BUY', quantity: 1, type: 'stop', stopPrice: -1, tif: 'GTC' }, 'the stop price must be above 0'],
    [{ side: 'SELL', quantity: 1, type: 'trailing', trail: { percent: 100 }, stopPrice: 9, tif: 'GTC' }, 'a trailing percent must be below 100'],
    [{ side: 'SELL', quantity: 1, type: 'trailing', trail: { amount: 0 }, stopPrice: 9, tif: 'GTC' }, 'the trail must be above 0'],
    [{ side: 'BUY', quantity: 1, type: 'stop', stopPrice: 3, trail: { amount: 1 }, tif: 'GTC' }, 'a stop order takes no trail at Webull'],
    [{ side: 'BUY', quantity: 0, type: 'market', tif: 'GTC' }, 'Webull takes whole shares from 1 to 200,000'],
    [{ side: 'BUY', quantity: 1.5, type: 'market', tif: 'GTC' }, 'Webull takes whole shares from 1 to 200,000'],
    [{ side: 'BUY', quantity: 200_001, type: 'market', tif: 'GTC' }, 'Webull takes whole shares from 1 to 200,000'],
  ];
  it.each(cases)('%j is refused: %s', (input, sentence) => {
    expect(toWebullStockOrder(input, 'i', 'c')).toEqual({ ok: false, reason: sentence });
  });
});

describe('GTC fallback', () => {
  it('sends the same order as DAY under a new client order id', () => {
    const gtc = toWebullStockOrder(base, 'i', 'c1');
    if (!gtc.ok) throw new Error(gtc.reason);
    expect(asDay(gtc.value, 'c1d')).toEqual({ ...gtc.value, client_order_id: 'c1d', tif: 'DAY' });
  });

  it('recognises a refusal that names GTC or the time in force, and nothing else', () => {
    expect(isGtcRefusal('ORDER_TIF_NOT_SUPPORTED', 'tif GTC is not supported in this region')).toBe(true);
    expect(isGtcRefusal('INVALID_PARAMETER', 'Time in force not supported')).toBe(true);
    expect(isGtcRefusal('INSUFFICIENT_BUYING_POWER', 'insufficient buying power')).toBe(false);
  });
});

describe('toReplaceOrder', () => {
  it('carries the unchanged fields and checks the result by the same rules', () => {
    expect(toReplaceOrder(base, { limitPrice: 186 }, 'i', 'c1')).toMatchObject({ ok: true, value: { client_order_id: 'c1', limit_price: '186', qty: '100' } });
    expect(toReplaceOrder(base, { quantity: 0 }, 'i', 'c1')).toEqual({ ok: false, reason: 'Webull takes whole shares from 1 to 200,000' });
  });

  it('refuses to switch a trail between amount and percent', () => {
    const trailing: WebullOrderInput = { side: 'SELL', quantity: 1, type: 'trailing', trail: { amount: 1 }, stopPrice: 9, tif: 'GTC' };
    expect(toReplaceOrder(trailing, { trail: { percent: 1 } }, 'i', 'c')).toEqual({
      ok: false,
      reason: 'Webull cannot switch a trailing stop between amount and percent; cancel it and place a new one',
    });
    expect(toReplaceOrder(trailing, { trail: { amount: 0.25 } }, 'i', 'c')).toMatchObject({ ok: true, value: { trailing_stop_step: '0.25' } });
  });
});
