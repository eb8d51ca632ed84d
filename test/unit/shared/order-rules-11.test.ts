// The #11 / #12 / #14 additions to the order rules: trailing, ext, one quantity sentence,
// prices below a tick, bounded echoes.
import { describe, expect, it } from 'vitest';
import { quoteInput } from '../../../shared/echo';
import type { OrderRequest } from '../../../shared/model';
import { quantityProblem, validateOrder } from '../../../shared/order-rules';
import { normalizeSymbol } from '../../../shared/symbols';
import { parseSettings } from '../../../shared/schema';

const order = (patch: Partial<OrderRequest>): OrderRequest => ({
  account: 'paper', side: 'SELL', symbol: 'AAPL', quantity: 100, type: 'trailing', trail: { amount: 0.5 }, tif: 'GTC', ...patch,
});

describe('quantityProblem: one sentence for the command line, the ticket and payloads', () => {
  it.each<[unknown, string | null]>([
    [100, null],
    ['1,000', null],
    ['-5', 'quantity -5 must be a positive whole number of shares'],
    [-5, 'quantity -5 must be a positive whole number of shares'],
    ['abc', 'quantity "abc" is not a number'],
    ['', 'quantity "" is not a number'],
    ['10.5', 'quantity 10.5 must be a whole number of shares'],
    [1e21, 'quantity 1e+21 is too large'],
    [Number.NaN, 'quantity NaN must be a positive whole number of shares'],
    ['9'.repeat(60), 'quantity 1e+60 is too large'],
    ['x'.repeat(60), `quantity "${'x'.repeat(40)}"… is not a number`],
  ])('%j -> %s', (value, sentence) => {
    expect(quantityProblem(value)).toBe(sentence);
  });
});

describe('trailing and ext rules', () => {
  it('accepts a trailing stop by amount or percent', () => {
    expect(validateOrder(order({}), { minTick: 0.01 })).toBeNull();
    expect(validateOrder(order({ trail: { percent: 1.25 } }))).toBeNull();
  });

  it.each<[string, OrderRequest, string]>([
    ['no trail', order({ trail: undefined }), 'a trailing order needs a trail amount or percent'],
    ['trail on a limit', order({ type: 'limit', limitPrice: 187.5 }), 'a limit order takes no trail'],
    ['limit on a trail', order({ limitPrice: 187.5 }), 'a trailing order takes no limit price'],
    ['zero amount', order({ trail: { amount: 0 } }), 'trail amount 0.00 must be a positive number'],
    ['5 decimals', order({ trail: { amount: 0.12345 } }), 'trail amount 0.12345 has more than 4 decimals'],
    ['too large', order({ trail: { amount: 2e7 } }), 'trail amount 20000000.00 is too large'],
    ['100%', order({ trail: { percent: 100 } }), 'trail percent 100 must be above 0% and below 100%'],
    ['negative %', order({ trail: { percent: -1 } }), 'trail percent -1 must be above 0% and below 100%'],
    ['3 decimals %', order({ trail: { percent: 0.125 } }), 'trail percent 0.125 has more than 2 decimals'],
    ['ext on market', order({ type: 'market', trail: undefined, outsideRth: true }), 'ext (outside regular hours) is only for limit and stop-limit orders, not a market order'],
    ['ext on stop', order({ type: 'stop', trail: undefined, stopPrice: 180, outsideRth: true }), 'ext (outside regular hours) is only for limit and stop-limit orders, not a stop order'],
  ])('refuses %s', (_name, o, reason) => {
    expect(validateOrder(o)).toBe(reason);
  });

  it('checks a trail amount against the tick', () => {
    expect(validateOrder(order({ trail: { amount: 0.505 } }), { minTick: 0.01 })).toBe('trail amount 0.505 is not a multiple of the 0.01 tick');
  });

  it('allows ext on a limit and a stop-limit', () => {
    expect(validateOrder(order({ type: 'limit', trail: undefined, limitPrice: 187.5, outsideRth: true }))).toBeNull();
    expect(validateOrder(order({ type: 'stop-limit', trail: undefined, stopPrice: 187.5, limitPrice: 187, outsideRth: true }))).toBeNull();
  });
});

describe('prices below one tick', () => {
  it('refuses 5e-324, which is a whole number of 0.0001 units', () => {
    const tiny = order({ type: 'limit', trail: undefined, limitPrice: 5e-324 });
    expect(validateOrder(tiny)).toBe('limit price 5e-324 is below the smallest tick 0.0001');
    expect(validateOrder(tiny, { minTick: 0.01 })).toBe('limit price 5e-324 is below the smallest tick 0.0001');
  });

  it('refuses a price that rounds to no tick at all', () => {
    expect(validateOrder(order({ type: 'limit', trail: undefined, limitPrice: 0.004 }), { minTick: 0.01 })).toBe('limit price 0.004 is below the 0.01 tick');
  });
});

describe('echoed input is bounded', () => {
  it('quotes at most 40 characters, with an ellipsis', () => {
    expect(quoteInput('AAPL')).toBe('"AAPL"');
    expect(quoteInput('A'.repeat(41))).toBe(`"${'A'.repeat(40)}"…`);
  });

  it.each([
    [validateOrder(order({ side: 'X'.repeat(100) as OrderRequest['side'] })), `side "${'X'.repeat(40)}"… must be BUY or SELL`],
    [validateOrder(order({ type: 'Z'.repeat(100) as OrderRequest['type'] })), `order type "${'Z'.repeat(40)}"… must be market, limit, stop, stop-limit or trailing`],
    [normalizeSymbol('Q'.repeat(100)).ok ? '' : (normalizeSymbol('Q'.repeat(100)) as { reason: string }).reason, `symbol "${'Q'.repeat(40)}"… is longer than 12 characters`],
  ])('%s', (sentence, expected) => {
    expect(sentence).toBe(expected);
  });

  it("bounds the settings' watchlist entries", () => {
    const result = parseSettings({ version: 1, accounts: [], watchlist: ['W'.repeat(100)] });
    expect(result).toEqual({
      ok: false,
      error: { code: 'settings-invalid', message: `watchlist[0]: must be at most 32 characters, got "${'W'.repeat(40)}"…` },
    });
  });
});
