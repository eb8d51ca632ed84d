import { describe, expect, it } from 'vitest';
import { fieldsOfOrder, readModify, readTicket } from '../../../renderer/components/ticket-read';
import { previewModify, previewNewOrder, type PreviewInputs } from '../../../renderer/components/ticket-preview';
import { EMPTY_TICKET, type TicketFields } from '../../../renderer/stores/ui';
import { stopTriggersAtOnce } from '../../../shared/stop-warning';
import { instrument, order, quote, settings } from './fake-bridge';

const ticket = (patch: Partial<TicketFields>): TicketFields => ({ ...EMPTY_TICKET, account: 'demo', symbol: 'AAPL', quantity: '100', ...patch });
const inputs = (patch: Partial<PreviewInputs> = {}): PreviewInputs => ({ instrument: instrument('AAPL'), settings: settings(), quote: quote('AAPL'), ...patch });
const preview = (patch: Partial<TicketFields>, given: Partial<PreviewInputs> = {}) => previewNewOrder(readTicket(ticket(patch)), inputs(given));

describe('ticket reading', () => {
  it('reads the quantity with the command line sentence', () => {
    expect(preview({ quantity: '-5', limit: '187.50' }).text).toBe('quantity -5 must be a positive whole number of shares');
    expect(preview({ quantity: '0', limit: '187.50' }).text).toBe('quantity 0 must be a positive whole number of shares');
    expect(preview({ quantity: '1.5', limit: '187.50' }).text).toBe('quantity 1.5 must be a whole number of shares');
    expect(preview({ quantity: 'ten', limit: '187.50' }).text).toBe('quantity "ten" is not a number');
    expect(preview({ quantity: '' }).text).toBe('… quantity is empty');
  });

  it('reads a trailing stop by amount or percent, and never carries a bracket', () => {
    expect(preview({ type: 'trailing', side: 'SELL', trail: '0.50', takeProfit: '190' }).text).toBe('SELL 100 AAPL TRAIL 0.50 GTC @demo');
    expect(preview({ type: 'trailing', side: 'SELL', trail: '1', trailUnit: 'percent' }).text).toBe('SELL 100 AAPL TRAIL 1% GTC @demo');
    expect(preview({ type: 'trailing', trail: '' }).text).toBe('… trail amount is empty');
    expect(preview({ type: 'trailing', trail: '150', trailUnit: 'percent' }).text).toBe(
      'BUY 100 AAPL TRAIL 150% GTC @demo — trail percent 150 must be above 0% and below 100%',
    );
  });

  it('marks outside RTH only on limit and stop-limit orders', () => {
    expect(preview({ limit: '187.50', outsideRth: true }).text).toBe('BUY 100 AAPL LMT 187.50 GTC EXT @demo');
    expect(preview({ type: 'market', outsideRth: true }).text).toBe('BUY 100 AAPL MKT GTC @demo');
  });

  it('makes a bracket from a take-profit and/or a stop-loss, checked by the group rules', () => {
    expect(preview({ limit: '187.50', takeProfit: '190', stopLoss: '185' }).text).toBe(
      'BUY 100 AAPL LMT 187.50 GTC · TP SELL LMT 190.00 · SL SELL STP 185.00 @demo',
    );
    expect(preview({ limit: '187.50', stopLoss: '185' }).text).toBe('BUY 100 AAPL LMT 187.50 GTC · SL SELL STP 185.00 @demo');
    expect(preview({ limit: '187.50', takeProfit: '186' }).text).toBe(
      'BUY 100 AAPL LMT 187.50 GTC · TP SELL LMT 186.00 @demo — take-profit 186.00 must be above the entry 187.50 for a buy',
    );
    expect(preview({ side: 'SELL', limit: '187.50', stopLoss: '187' }).text).toBe(
      'SELL 100 AAPL LMT 187.50 GTC · SL BUY STP 187.00 @demo — stop-loss 187.00 must be above the entry 187.50 for a sell',
    );
    expect(preview({ type: 'market', takeProfit: '187.00' }).text).toBe(
      'BUY 100 AAPL MKT GTC · TP SELL LMT 187.00 @demo — take-profit 187.00 must be above the ask 187.51 for a buy',
    );
    expect(preview({ type: 'market', takeProfit: '190' }, { quote: undefined }).text).toBe(
      'BUY 100 AAPL MKT GTC · TP SELL LMT 190.00 @demo — no ask for AAPL yet to place the take-profit and stop-loss against',
    );
    expect(preview({ limit: '187.50', takeProfit: 'x' }).text).toBe('take-profit price "x" is not a number');
  });

  it('warns when a stop would trigger at once', () => {
    expect(preview({ type: 'stop', stop: '180' }).warning).toBe('buy stop 180.00 is at or below the ask 187.51: it triggers at once');
    expect(preview({ type: 'stop', side: 'SELL', stop: '190' }).warning).toBe('sell stop 190.00 is at or above the bid 187.49: it triggers at once');
    expect(preview({ type: 'stop', stop: '190' }).warning).toBeNull();
    expect(preview({ type: 'stop', stop: '180' }, { quote: undefined }).warning).toBeNull();
    expect(stopTriggersAtOnce({ side: 'SELL', type: 'stop-limit', stopPrice: 186 }, { bid: null, ask: null, last: 185.5 })).toBe(
      'sell stop 186.00 is at or above the last 185.50: it triggers at once',
    );
  });
});

describe('ticket modify', () => {
  const working = order({ orderId: 42, limitPrice: 187.5, clientId: 1 });

  it('loads an order and previews old → new', () => {
    const fields = fieldsOfOrder({ ...working, type: 'limit' });
    expect(fields).toMatchObject({ symbol: 'AAPL', quantity: '100', limit: '187.50', type: 'limit', tif: 'GTC' });
    const changed = previewModify(working, 42, 1, readModify({ ...fields, limit: '187.60', quantity: '200' }), inputs());
    expect(changed.text).toBe('MODIFY #42 BUY AAPL LMT: qty 100 → 200, lmt 187.50 → 187.60');
    expect(changed.ok).toBe(true);
    expect(previewModify(working, 42, 1, readModify(fields), inputs()).text).toBe('modify of order 42 changes nothing');
    expect(previewModify(working, 42, 1, readModify({ ...fields, quantity: '-1' }), inputs()).text).toBe(
      'quantity -1 must be a positive whole number of shares',
    );
  });

  it('loads a percent trail', () => {
    const trail = order({ orderId: 43, type: 'trailing', limitPrice: null, trail: { percent: 1.5 }, side: 'SELL' });
    const fields = fieldsOfOrder({ ...trail, type: 'trailing' });
    expect(fields).toMatchObject({ trail: '1.5', trailUnit: 'percent' });
    expect(previewModify(trail, 43, 1, readModify({ ...fields, trail: '2' }), inputs()).text).toBe('MODIFY #43 SELL AAPL TRAIL: trail 1.5% → 2%');
  });
});
