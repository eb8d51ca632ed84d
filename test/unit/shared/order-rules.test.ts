import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OrderRequest } from '../../../shared/model';
import {
  checkPriceBand,
  isAcceptable,
  isMultipleOf,
  orderNotional,
  roundToTick,
  validateOrder,
} from '../../../shared/order-rules';

const base: OrderRequest = { account: 'paper', side: 'BUY', symbol: 'AAPL', quantity: 100, type: 'market', tif: 'GTC' };
const order = (patch: Partial<OrderRequest>): OrderRequest => ({ ...base, ...patch });
const limit = (side: OrderRequest['side'], limitPrice: number, quantity = 100): OrderRequest =>
  order({ side, type: 'limit', limitPrice, quantity });

describe('validateOrder: well-formed orders pass', () => {
  it.each([
    ['market', order({})],
    ['limit', order({ type: 'limit', limitPrice: 187.5 })],
    ['stop', order({ type: 'stop', stopPrice: 195 })],
    ['buy stop-limit, limit above stop', order({ type: 'stop-limit', stopPrice: 195, limitPrice: 195.5 })],
    ['buy stop-limit, limit equal to stop', order({ type: 'stop-limit', stopPrice: 195, limitPrice: 195 })],
    ['sell stop-limit, limit below stop', order({ side: 'SELL', type: 'stop-limit', stopPrice: 180, limitPrice: 179.5 })],
    ['sub-dollar price with 4 decimals', order({ type: 'limit', limitPrice: 0.1234 })],
    ['DAY class share', order({ symbol: 'BRK B', tif: 'DAY', type: 'limit', limitPrice: 412.37 })],
  ])('%s', (_name, o) => {
    expect(validateOrder(o, {})).toBeNull();
    expect(isAcceptable(o)).toBe(true);
  });
});

describe('validateOrder: refusals, verbatim', () => {
  it.each([
    ['zero quantity', order({ quantity: 0 }), 'quantity 0 must be a positive whole number of shares'],
    ['negative quantity', order({ quantity: -5 }), 'quantity -5 must be a positive whole number of shares'],
    ['NaN quantity', order({ quantity: Number.NaN }), 'quantity NaN must be a positive whole number of shares'],
    ['infinite quantity', order({ quantity: Infinity }), 'quantity Infinity must be a positive whole number of shares'],
    ['fractional quantity', order({ quantity: 10.5 }), 'quantity 10.5 must be a whole number of shares'],
    ['absurd quantity', order({ quantity: 1e21 }), 'quantity 1e+21 is too large'],
    ['market with limit', order({ limitPrice: 187.5 }), 'a market order takes no limit price'],
    ['market with stop', order({ stopPrice: 187.5 }), 'a market order takes no stop price'],
    ['limit without price', order({ type: 'limit' }), 'a limit order needs a limit price'],
    ['limit with stop', order({ type: 'limit', limitPrice: 1, stopPrice: 2 }), 'a limit order takes no stop price'],
    ['stop without price', order({ type: 'stop' }), 'a stop order needs a stop price'],
    ['stop with limit', order({ type: 'stop', stopPrice: 2, limitPrice: 1 }), 'a stop order takes no limit price'],
    ['stop-limit without stop', order({ type: 'stop-limit', limitPrice: 1 }), 'a stop-limit order needs a stop price'],
    ['stop-limit without limit', order({ type: 'stop-limit', stopPrice: 1 }), 'a stop-limit order needs a limit price'],
    ['zero limit', order({ type: 'limit', limitPrice: 0 }), 'limit price 0.00 must be a positive number'],
    ['negative limit', order({ type: 'limit', limitPrice: -1 }), 'limit price -1.00 must be a positive number'],
    ['NaN stop', order({ type: 'stop', stopPrice: Number.NaN }), 'stop price NaN must be a positive number'],
    ['huge limit', order({ type: 'limit', limitPrice: 20_000_000 }), 'limit price 20000000.00 is too large'],
    ['5 decimals', order({ type: 'limit', limitPrice: 187.12345 }), 'limit price 187.12345 has more than 4 decimals'],
    ['5 decimal stop', order({ type: 'stop', stopPrice: 0.00001 }), 'stop price 0.00001 has more than 4 decimals'],
    [
      'buy stop-limit inverted',
      order({ type: 'stop-limit', stopPrice: 195, limitPrice: 194 }),
      'buy stop-limit: limit 194.00 is below the stop 195.00',
    ],
    [
      'sell stop-limit inverted',
      order({ side: 'SELL', type: 'stop-limit', stopPrice: 180, limitPrice: 181 }),
      'sell stop-limit: limit 181.00 is above the stop 180.00',
    ],
    ['bad symbol', order({ symbol: 'AA$L' }), 'symbol "AA$L" has a character that is not a letter or digit: "$"'],
    ['empty symbol', order({ symbol: '' }), 'symbol is empty'],
    ['bad side', order({ side: 'HOLD' as OrderRequest['side'] }), 'side "HOLD" must be BUY or SELL'],
    ['bad type', order({ type: 'peg' as OrderRequest['type'] }), 'order type "peg" must be market, limit, stop, stop-limit or trailing'],
    ['bad tif', order({ tif: 'IOC' as OrderRequest['tif'] }), 'time in force "IOC" must be GTC or DAY'],
  ])('%s', (_name, o, reason) => {
    expect(validateOrder(o, {})).toBe(reason);
    expect(isAcceptable(o)).toBe(false);
  });
});

describe('validateOrder: a null price is no price', () => {
  it('treats null like absent', () => {
    const nulls = { limitPrice: null, stopPrice: null } as unknown as Partial<OrderRequest>;
    expect(validateOrder(order(nulls), {})).toBeNull();
    expect(validateOrder(order({ ...nulls, type: 'limit' }), {})).toBe('a limit order needs a limit price');
    expect(checkPriceBand(order({ ...nulls, type: 'limit' }), { bid: 1, ask: 1, last: 1 }, 5)).toBeNull();
    expect(orderNotional(order(nulls), 10)).toBe(1000);
  });
});

describe('validateOrder: tick alignment', () => {
  it('refuses a price off the tick and names both', () => {
    expect(validateOrder(order({ type: 'limit', limitPrice: 187.505 }), { minTick: 0.01 })).toBe(
      'limit price 187.505 is not a multiple of the 0.01 tick',
    );
    expect(validateOrder(order({ type: 'stop', stopPrice: 10.03 }), { minTick: 0.05 })).toBe(
      'stop price 10.03 is not a multiple of the 0.05 tick',
    );
  });

  it('accepts on-tick prices that binary floats cannot hold exactly', () => {
    for (const price of [187.51, 0.07, 1.15, 4.35, 100.29, 0.1 + 0.2, 187.49 + 0.01, 999999.99]) {
      expect(validateOrder(order({ type: 'limit', limitPrice: price }), { minTick: 0.01 })).toBeNull();
    }
    expect(validateOrder(order({ type: 'limit', limitPrice: 0.0003 }), { minTick: 0.0001 })).toBeNull();
    expect(validateOrder(order({ type: 'limit', limitPrice: 10.05 }), { minTick: 0.05 })).toBeNull();
  });

  it('applies the sub-penny rule at $1.00 and above, and the fine tick below', () => {
    const fine = { minTick: 0.0001 };
    expect(validateOrder(order({ type: 'limit', limitPrice: 187.5012 }), fine)).toBe(
      'limit price 187.5012 is not a multiple of the 0.01 tick',
    );
    expect(validateOrder(order({ type: 'limit', limitPrice: 0.5012 }), fine)).toBeNull();
    expect(validateOrder(order({ type: 'limit', limitPrice: 1.01 }), fine)).toBeNull();
  });

  it('holds for large prices too (found by the round-trip property)', () => {
    expect(validateOrder(order({ type: 'stop', stopPrice: 859012.53 }), { minTick: 0.01 })).toBeNull();
    expect(validateOrder(order({ type: 'limit', limitPrice: 9_999_999.99 }), { minTick: 0.01 })).toBeNull();
    expect(validateOrder(order({ type: 'limit', limitPrice: 9_999_999.995 }), { minTick: 0.01 })).toBe(
      'limit price 9999999.995 is not a multiple of the 0.01 tick',
    );
  });

  it('accepts every whole-cent price and refuses every half-cent one (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999_999 }), (cents) => {
        expect(validateOrder(order({ type: 'limit', limitPrice: cents / 100 }), { minTick: 0.01 })).toBeNull();
        const half = (cents * 10 + 5) / 1000;
        expect(validateOrder(order({ type: 'limit', limitPrice: half }), { minTick: 0.01 })).toMatch(
          /^limit price \d+\.\d{3} is not a multiple of the 0\.01 tick$/,
        );
      }),
      { numRuns: 500 },
    );
  });

  it('skips the check when the tick is unknown (0 or absent)', () => {
    expect(validateOrder(order({ type: 'limit', limitPrice: 187.505 }), { minTick: 0 })).toBeNull();
    expect(validateOrder(order({ type: 'limit', limitPrice: 187.505 }), {})).toBeNull();
  });

  it('rounds to the tick without float noise', () => {
    expect(roundToTick(187.49999999999997, 0.01)).toBe(187.5);
    expect(roundToTick(187.506, 0.01)).toBe(187.51);
    expect(roundToTick(10.03, 0.05)).toBe(10.05);
    expect(isMultipleOf(187.51, 0.01)).toBe(true);
    expect(isMultipleOf(187.515, 0.01)).toBe(false);
  });
});

describe('validateOrder: risk limits', () => {
  it('refuses above the share limit, allows on it', () => {
    expect(validateOrder(order({ quantity: 5000 }), { maxQuantity: 1000 })).toBe('quantity 5000 is above the 1000 share limit');
    expect(validateOrder(order({ quantity: 1000 }), { maxQuantity: 1000 })).toBeNull();
    expect(validateOrder(order({ quantity: 5000 }), { maxQuantity: null })).toBeNull();
  });

  it('measures notional at the limit, else the stop, else the reference price', () => {
    const ctx = { maxNotional: 100_000 };
    expect(validateOrder(limit('BUY', 190, 1000), ctx)).toBe('notional $190,000.00 is above the $100,000.00 limit');
    expect(validateOrder(order({ type: 'stop', stopPrice: 195, quantity: 1000 }), ctx)).toBe(
      'notional $195,000.00 is above the $100,000.00 limit',
    );
    expect(validateOrder(order({ quantity: 1000 }), { ...ctx, referencePrice: 187.5 })).toBe(
      'notional $187,500.00 is above the $100,000.00 limit',
    );
    expect(validateOrder(order({ type: 'stop-limit', stopPrice: 195, limitPrice: 196, quantity: 1000 }), ctx)).toBe(
      'notional $196,000.00 is above the $100,000.00 limit',
    );
  });

  it('skips notional when no price is known, and allows exactly the limit', () => {
    expect(validateOrder(order({ quantity: 1_000_000 }), { maxNotional: 100_000 })).toBeNull();
    expect(validateOrder(order({ quantity: 1_000_000 }), { maxNotional: 100_000, referencePrice: null })).toBeNull();
    expect(validateOrder(limit('BUY', 1000.1, 100), { maxNotional: 100_010 })).toBeNull();
    expect(orderNotional(limit('BUY', 187.5, 100))).toBe(18750);
    expect(orderNotional(order({}))).toBeNull();
  });

  it('checks the shape before the limits', () => {
    expect(validateOrder(order({ quantity: 10.5 }), { maxQuantity: 1 })).toBe('quantity 10.5 must be a whole number of shares');
  });
});

describe('checkPriceBand', () => {
  const market = { bid: 187.4, ask: 187.5, last: 187.45 };

  it('refuses a buy limit far above the ask, naming both prices and the band', () => {
    expect(checkPriceBand(limit('BUY', 250), market, 5)).toBe('buy limit 250.00 is 33.3% above the ask 187.50 (band 5%)');
  });

  it('refuses a sell limit far below the bid', () => {
    expect(checkPriceBand(limit('SELL', 100), market, 5)).toBe('sell limit 100.00 is 46.6% below the bid 187.40 (band 5%)');
  });

  it('falls back to the last price when the side of the book is missing', () => {
    expect(checkPriceBand(limit('BUY', 250), { bid: null, ask: null, last: 187.5 }, 5)).toBe(
      'buy limit 250.00 is 33.3% above the last 187.50 (band 5%)',
    );
    expect(checkPriceBand(limit('SELL', 100), { bid: -1, ask: 187.5, last: 187.5 }, 2.5)).toBe(
      'sell limit 100.00 is 46.7% below the last 187.50 (band 2.5%)',
    );
  });

  it('refuses stops that would trigger at once, far through the market', () => {
    expect(checkPriceBand(order({ type: 'stop', stopPrice: 150 }), market, 5)).toBe(
      'buy stop 150.00 is 20.0% below the ask 187.50 (band 5%)',
    );
    expect(checkPriceBand(order({ side: 'SELL', type: 'stop', stopPrice: 220 }), market, 5)).toBe(
      'sell stop 220.00 is 17.4% above the bid 187.40 (band 5%)',
    );
    expect(checkPriceBand(order({ type: 'stop-limit', stopPrice: 150, limitPrice: 151 }), market, 5)).toBe(
      'buy stop 150.00 is 20.0% below the ask 187.50 (band 5%)',
    );
  });

  it('measures a stop-limit limit against its own stop', () => {
    expect(checkPriceBand(order({ type: 'stop-limit', stopPrice: 195, limitPrice: 210 }), market, 5)).toBe(
      'buy stop-limit: limit 210.00 is 7.7% above the stop 195.00 (band 5%)',
    );
    expect(checkPriceBand(order({ side: 'SELL', type: 'stop-limit', stopPrice: 180, limitPrice: 170 }), market, 5)).toBe(
      'sell stop-limit: limit 170.00 is 5.6% below the stop 180.00 (band 5%)',
    );
    expect(checkPriceBand(order({ type: 'stop-limit', stopPrice: 250, limitPrice: 251 }), market, 5)).toBeNull();
  });

  it('lets passive orders away from the market through', () => {
    expect(checkPriceBand(limit('BUY', 100), market, 5)).toBeNull();
    expect(checkPriceBand(limit('SELL', 250), market, 5)).toBeNull();
    expect(checkPriceBand(order({ type: 'stop', stopPrice: 250 }), market, 5)).toBeNull();
    expect(checkPriceBand(order({ side: 'SELL', type: 'stop', stopPrice: 150 }), market, 5)).toBeNull();
  });

  it('allows a price exactly on the band edge and refuses one cent beyond', () => {
    const m = { bid: 99, ask: 100, last: 100 };
    expect(checkPriceBand(limit('BUY', 105), m, 5)).toBeNull();
    expect(checkPriceBand(limit('BUY', 105.01), m, 5)).toBe('buy limit 105.01 is 5.0% above the ask 100.00 (band 5%)');
  });

  it('refuses just beyond the band and accepts anything at or inside the market (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 10_000_000 }),
        fc.integer({ min: 1, max: 50 }),
        fc.boolean(),
        (askCents, percent, buy) => {
          const ask = askCents / 100;
          const bid = (askCents - 1) / 100;
          const m = { bid, ask, last: ask };
          const through = buy ? Math.ceil(ask * (100 + percent) + 1) / 100 : Math.floor(bid * (100 - percent) - 1) / 100;
          const refused = checkPriceBand(limit(buy ? 'BUY' : 'SELL', through), m, percent);
          expect(refused).toMatch(buy ? /^buy limit .* above the ask / : /^sell limit .* below the bid /);
          expect(refused).toContain(`(band ${percent}%)`);
          expect(checkPriceBand(limit(buy ? 'BUY' : 'SELL', buy ? ask : bid), m, percent)).toBeNull();
          expect(checkPriceBand(limit(buy ? 'BUY' : 'SELL', buy ? bid / 2 : ask * 2), m, percent)).toBeNull();
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('does nothing without market data, for market orders, or with the band off', () => {
    expect(checkPriceBand(limit('BUY', 250), { bid: null, ask: null, last: null }, 5)).toBeNull();
    expect(checkPriceBand(limit('BUY', 250), { bid: 0, ask: 0, last: Number.NaN }, 5)).toBeNull();
    expect(checkPriceBand(order({}), market, 5)).toBeNull();
    expect(checkPriceBand(limit('BUY', 250), market, Number.NaN)).toBeNull();
    expect(checkPriceBand(limit('BUY', 250), market, -1)).toBeNull();
  });
});
