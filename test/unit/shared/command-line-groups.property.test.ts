// Property tests for the #11 grammar: with any context (even one that throws) the parser
// never throws; every order or group it yields passes the rules; brackets and exits
// survive the trip through their own command line.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupToCommandLine, parseCommandLine, type ParseContext, type ParsedGroup, type ParsedOrder } from '../../../shared/command-line';
import { validateOrder } from '../../../shared/order-rules';
import { validateGroup } from '../../../shared/order-group-rules';

const vocabulary = fc.constantFrom(
  'buy', 'b', 'sell', 'sstop', 'btrail', 'strail', 'exit', 'mod', 'modify', 'cancel', 'flat', 'rev', 'all',
  'tp', 'sl', 'ext', 'qty', 'lmt', 'stp', 'trail', 'day', 'gtc', 'AAPL', 'MSFT', 'brk.b', 'B', '@paper',
  '100', '0', '-5', '187.50', '+0.50', '-0.25', '1%', '+1%', '-2%', '100%', 'ask', 'bid-0.02', 'ask+0.01', 'mid', 'last+1%',
  '#42', '5e-324', '0.0001', 'constructor', '__proto__',
);
const lines = fc.oneof(
  fc.array(vocabulary, { maxLength: 10 }).map((words) => words.join(' ')),
  fc.string({ maxLength: 60 }),
);
const quotes = fc.option(
  fc.record({
    bid: fc.option(fc.double({ min: -1, max: 1e6 }), { nil: null }),
    ask: fc.option(fc.double({ min: -1, max: 1e6 }), { nil: null }),
    last: fc.option(fc.double({ noDefaultInfinity: false }), { nil: null }),
  }),
  { nil: undefined },
);
const contexts: fc.Arbitrary<ParseContext> = fc.record({
  quote: quotes,
  position: fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.constant(Number.NaN)),
  tick: fc.option(fc.constantFrom(0.01, 0.0001, 0.05, 0, -1), { nil: undefined }),
  throws: fc.boolean(),
}).map(({ quote, position, tick, throws }) => ({
  quote: () => {
    if (throws) throw new Error('quote feed down');
    return quote;
  },
  position: () => position,
  minTick: () => tick,
}));

describe('parseCommandLine with a context: properties', () => {
  it('never throws, and every order or group it yields passes the rules', () => {
    fc.assert(
      fc.property(lines, contexts, (text, context) => {
        const result = parseCommandLine(text, { quantity: 100 }, context);
        if (result.kind === 'error') expect(result.message.length).toBeGreaterThan(0);
        if (result.kind === 'order') expect(validateOrder(result.order, {})).toBeNull();
        if (result.kind === 'group') {
          // Without the quote the ordering against the market is not re-checked; the legs and their sides are.
          const legs = result.group.kind === 'oco' ? result.group.legs : [result.group.entry, result.group.takeProfit, result.group.stopLoss];
          for (const leg of legs) if (leg) expect(validateOrder(leg, {})).toBeNull();
        }
      }),
      { numRuns: 800 },
    );
  });
});

const cents = (min: number, max: number) => fc.integer({ min: min * 100, max: max * 100 }).map((c) => c / 100);

const bracket: fc.Arbitrary<ParsedGroup> = fc
  .record({
    account: fc.option(fc.stringMatching(/^[A-Za-z0-9_-]{1,10}$/), { nil: null }),
    side: fc.constantFrom('BUY' as const, 'SELL' as const),
    quantity: fc.integer({ min: 1, max: 100_000 }),
    tif: fc.constantFrom('GTC' as const, 'DAY' as const),
    entry: cents(2, 5000),
    up: cents(0.01, 1),
    down: cents(0.01, 1),
    legs: fc.constantFrom('both', 'tp', 'sl'),
  })
  .map(({ account, side, quantity, tif, entry, up, down, legs }) => {
    const base = { account, symbol: 'AAPL', quantity, tif };
    const other = side === 'BUY' ? 'SELL' : 'BUY';
    const sign = side === 'BUY' ? 1 : -1;
    const group: ParsedGroup = { kind: 'bracket', entry: { ...base, side, type: 'limit', limitPrice: entry } };
    const round = (n: number): number => Math.round(n * 100) / 100;
    if (legs !== 'sl') group.takeProfit = { ...base, side: other, type: 'limit', limitPrice: round(entry + sign * up) };
    if (legs !== 'tp') group.stopLoss = { ...base, side: other, type: 'stop', stopPrice: round(entry - sign * down) };
    return group;
  });

describe('groups round-trip through their command line', () => {
  it('brackets', () => {
    fc.assert(
      fc.property(bracket, (group) => {
        expect(validateGroup(group, { minTick: 0.01 })).toBeNull();
        expect(parseCommandLine(groupToCommandLine(group))).toEqual({ kind: 'group', group });
      }),
      { numRuns: 400 },
    );
  });

  it('exits, given the position', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5000, max: 5000 }).filter((n) => n !== 0), cents(2, 5000), cents(0.01, 1), (held, mark, gap) => {
        const side = held > 0 ? 'SELL' : 'BUY';
        const sign = held > 0 ? 1 : -1;
        const round = (n: number): number => Math.round(n * 100) / 100;
        const base = { account: null, side, symbol: 'AAPL', quantity: Math.abs(held), tif: 'GTC' } as const;
        const legs: ParsedOrder[] = [
          { ...base, type: 'limit', limitPrice: round(mark + sign * gap) },
          { ...base, type: 'stop', stopPrice: round(mark - sign * gap) },
        ];
        const group: ParsedGroup = { kind: 'oco', legs };
        const context: ParseContext = { position: () => held, quote: () => ({ bid: mark, ask: mark, last: mark }) };
        expect(parseCommandLine(groupToCommandLine(group), {}, context)).toEqual({ kind: 'group', group });
      }),
      { numRuns: 300 },
    );
  });
});
