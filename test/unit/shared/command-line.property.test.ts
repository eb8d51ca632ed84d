// Property tests: the command line never throws, never yields an order the rules refuse,
// and every valid order survives the trip through its own command line and preview.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeOrder, parseCommandLine, toCommandLine, type ParsedOrder } from '../../../shared/command-line';
import { validateOrder } from '../../../shared/order-rules';

const vocabulary = fc.constantFrom(
  'buy', 'b', 'sell', 's', 'bstop', 'sstop', 'cancel', 'all', 'day', 'gtc', 'DAY', 'AAPL', 'brk.b', 'B', 'BRK',
  '@paper', '@', '100', '0', '-5', '10.5', '187.50', '.5', '1e3', '12x', '$', '#42', 'constructor', '__proto__',
);
/** Lines built from grammar words, so the generator reaches the deep branches, plus raw noise. */
const lines = fc.oneof(
  fc.array(vocabulary, { maxLength: 8 }).map((words) => words.join(' ')),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

/** Words the grammar reserves (tp, sl, ext, quote anchors) are never symbols. */
const KEYWORDS = new Set(['TP', 'SL', 'EXT', 'BID', 'ASK', 'LAST', 'MID']);
const letters = fc
  .string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), minLength: 1, maxLength: 5 })
  .filter((word) => !KEYWORDS.has(word));
const symbol = fc.oneof(
  letters,
  fc.tuple(letters, fc.constantFrom('A', 'B', 'PR')).map(([root, cls]) => `${root} ${cls}`),
);
/** A price in whole cents (or ten-thousandths below $1), as a trader would type it. */
const price = fc.oneof(
  fc.integer({ min: 1, max: 99_999_999 }).map((cents) => cents / 100),
  fc.integer({ min: 1, max: 9_999 }).map((units) => units / 10_000),
);

const validOrder: fc.Arbitrary<ParsedOrder> = fc
  .record({
    account: fc.option(fc.stringMatching(/^[A-Za-z0-9_-]{1,10}$/), { nil: null }),
    side: fc.constantFrom('BUY' as const, 'SELL' as const),
    symbol,
    quantity: fc.integer({ min: 1, max: 1_000_000 }),
    type: fc.constantFrom('market' as const, 'limit' as const, 'stop' as const, 'stop-limit' as const),
    tif: fc.constantFrom('GTC' as const, 'DAY' as const),
    p1: price,
    p2: price,
  })
  .map(({ p1, p2, ...rest }): ParsedOrder => {
    const order: ParsedOrder = { ...rest };
    if (rest.type === 'limit') order.limitPrice = p1;
    if (rest.type === 'stop') order.stopPrice = p1;
    if (rest.type === 'stop-limit') {
      // A buy stop-limit's limit is at or above its stop; a sell's at or below.
      order.stopPrice = p1;
      order.limitPrice = rest.side === 'BUY' ? Math.max(p1, p2) : Math.min(p1, p2);
    }
    return order;
  });

describe('parseCommandLine properties', () => {
  it('never throws, and every order it yields passes validateOrder', () => {
    fc.assert(
      fc.property(lines, (text) => {
        const result = parseCommandLine(text);
        expect(['order', 'group', 'modify', 'cancel', 'cancel-all', 'cancel-symbol', 'flatten', 'flatten-all', 'reverse', 'empty', 'error']).toContain(result.kind);
        if (result.kind === 'order') {
          expect(validateOrder(result.order, {})).toBeNull();
        }
        if (result.kind === 'error') expect(result.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 600 },
    );
  });

  it('round-trips every valid order through toCommandLine, and the preview agrees', () => {
    fc.assert(
      fc.property(validOrder, (order) => {
        expect(validateOrder(order, {})).toBeNull();
        const parsed = parseCommandLine(toCommandLine(order));
        expect(parsed).toEqual({ kind: 'order', order });
        if (parsed.kind === 'order') expect(describeOrder(parsed.order)).toBe(describeOrder(order));
      }),
      { numRuns: 400 },
    );
  });

  it('previews a line the way the trader wrote it, whatever the case and token order', () => {
    fc.assert(
      fc.property(validOrder, fc.boolean(), (order, upper) => {
        const line = toCommandLine(order);
        const [verb = '', quantity = '', sym = '', ...rest] = line.split(' ');
        // Symbol before quantity is the same order.
        const swapped = [verb, sym, quantity, ...rest].join(' ');
        const text = upper ? swapped.toUpperCase() : swapped;
        const parsed = parseCommandLine(text);
        expect(parsed.kind).toBe('order');
        if (parsed.kind === 'order') {
          expect(describeOrder(parsed.order).toUpperCase()).toBe(describeOrder(order).toUpperCase());
        }
      }),
      { numRuns: 500 },
    );
  });
});
