// The #11 forms of the command line: brackets, exits, trailing stops, ext, quote anchors,
// settings' defaults, and the refusals of each, verbatim.
import { describe, expect, it } from 'vitest';
import { parseCommandLine, previewCommand, type ParseContext, type ParseResult } from '../../../shared/command-line';

const ctx: ParseContext = {
  quote: (s) => (s === 'AAPL' ? { bid: 187.4, ask: 187.5, last: 187.45 } : s === 'PENNY' ? { bid: 0.5, ask: 0.5123, last: 0.51 } : undefined),
  position: (account, s) => (s === 'AAPL' ? (account === 'paper' ? 30 : 100) : s === 'TSLA' ? -50 : 0),
  minTick: (s) => (s === 'AAPL' ? 0.01 : undefined),
};

const preview = (text: string, context: ParseContext = ctx): string => previewCommand(parseCommandLine(text, {}, context)).text;

function errorOf(text: string, context: ParseContext = ctx): string {
  const result = parseCommandLine(text, {}, context);
  if (result.kind !== 'error') throw new Error(`expected an error from ${JSON.stringify(text)}, got ${JSON.stringify(result)}`);
  return result.message;
}

describe('brackets', () => {
  it('sends a limit entry with a take-profit limit and a stop-loss stop on the other side', () => {
    expect(parseCommandLine('buy 100 AAPL 187.50 tp 190 sl 185 @paper', {}, ctx)).toEqual<ParseResult>({
      kind: 'group',
      group: {
        kind: 'bracket',
        entry: { account: 'paper', side: 'BUY', symbol: 'AAPL', quantity: 100, type: 'limit', limitPrice: 187.5, tif: 'GTC' },
        takeProfit: { account: 'paper', side: 'SELL', symbol: 'AAPL', quantity: 100, type: 'limit', limitPrice: 190, tif: 'GTC' },
        stopLoss: { account: 'paper', side: 'SELL', symbol: 'AAPL', quantity: 100, type: 'stop', stopPrice: 185, tif: 'GTC' },
      },
    });
  });

  it.each([
    ['buy 100 AAPL 187.50 tp 190 sl 185', 'BUY 100 AAPL LMT 187.50 GTC · TP SELL LMT 190.00 · SL SELL STP 185.00'],
    ['buy 100 AAPL tp 190 sl 185', 'BUY 100 AAPL MKT GTC · TP SELL LMT 190.00 · SL SELL STP 185.00'],
    ['buy 100 AAPL 187.50 tp 190', 'BUY 100 AAPL LMT 187.50 GTC · TP SELL LMT 190.00'],
    ['buy 100 AAPL 187.50 sl 185 day', 'BUY 100 AAPL LMT 187.50 DAY · SL SELL STP 185.00'],
    ['s 100 AAPL 187.50 tp 186 sl 189', 'SELL 100 AAPL LMT 187.50 GTC · TP BUY LMT 186.00 · SL BUY STP 189.00'],
    ['buy 100 AAPL 187.50 tp +0.50 sl -0.25', 'BUY 100 AAPL LMT 187.50 GTC · TP SELL LMT 188.00 · SL SELL STP 187.25'],
    // A market entry's offsets are from the ask: 187.50 × 1.01 = 189.375 -> 189.38 on the 0.01 tick.
    ['buy 100 AAPL tp +1% sl -1%', 'BUY 100 AAPL MKT GTC · TP SELL LMT 189.38 · SL SELL STP 185.63'],
    ['buy 100 AAPL 187.50 tp 190 ext', 'BUY 100 AAPL LMT 187.50 GTC EXT · TP SELL LMT 190.00 EXT'],
  ])('%s', (text, shown) => {
    expect(preview(text)).toBe(shown);
  });

  it.each([
    ['b 100 AAPL 187.50 tp 186', 'take-profit 186.00 must be above the entry 187.50 for a buy'],
    ['b 100 AAPL 187.50 sl 188', 'stop-loss 188.00 must be below the entry 187.50 for a buy'],
    ['s 100 AAPL 187.50 tp 189', 'take-profit 189.00 must be below the entry 187.50 for a sell'],
    ['s 100 AAPL 187.50 sl 186', 'stop-loss 186.00 must be above the entry 187.50 for a sell'],
    ['b 100 AAPL tp 187', 'take-profit 187.00 must be above the ask 187.50 for a buy'],
    ['buy 100 MSFT tp 190', 'no ask for MSFT yet to place the take-profit and stop-loss against'],
    ['sell 100 MSFT sl 190', 'no bid for MSFT yet to place the take-profit and stop-loss against'],
    ['b 100 AAPL tp', '"tp" needs a price after it'],
    ['b 100 AAPL 187.50 sl x', '"sl" needs a price after it'],
    ['b 100 AAPL 187.50 tp 190 tp 191', '"tp" given twice'],
    ['btrail 100 AAPL 0.50 tp 190', 'a trailing order cannot carry tp or sl'],
    ['b 100 AAPL 187.50 tp 190.005', 'take-profit: limit price 190.005 is not a multiple of the 0.01 tick'],
  ])('%s refused: %s', (text, message) => {
    expect(errorOf(text)).toBe(message);
  });
});

describe('exits on a held position', () => {
  it('sends an OCA pair on the closing side for the whole position', () => {
    expect(parseCommandLine('exit AAPL tp 190 sl 185', {}, ctx)).toEqual<ParseResult>({
      kind: 'group',
      group: {
        kind: 'oco',
        legs: [
          { account: null, side: 'SELL', symbol: 'AAPL', quantity: 100, type: 'limit', limitPrice: 190, tif: 'GTC' },
          { account: null, side: 'SELL', symbol: 'AAPL', quantity: 100, type: 'stop', stopPrice: 185, tif: 'GTC' },
        ],
      },
    });
  });

  it.each([
    ['exit AAPL 50 tp 190', 'OCA SELL 50 AAPL LMT 190.00 GTC'],
    ['exit AAPL tp 190 sl 185 @paper', 'OCA SELL 30 AAPL LMT 190.00 GTC · SELL 30 AAPL STP 185.00 GTC @paper'],
    ['exit TSLA tp 180 sl 190 day', 'OCA BUY 50 TSLA LMT 180.00 DAY · BUY 50 TSLA STP 190.00 DAY'],
    ['exit AAPL tp +1 sl -2', 'OCA SELL 100 AAPL LMT 188.40 GTC · SELL 100 AAPL STP 185.40 GTC'],
  ])('%s', (text, shown) => {
    expect(preview(text)).toBe(shown);
  });

  it.each([
    ['exit MSFT tp 190', 'no MSFT position to exit'],
    ['exit MSFT tp 190 @paper', 'no MSFT position to exit in @paper'],
    ['exit AAPL 200 sl 185', 'cannot exit 200 shares: 100 AAPL held'],
    ['exit AAPL tp 185 sl 190', 'take-profit 185.00 must be above the stop-loss 190.00 when selling'],
    ['exit AAPL tp 186 sl 185', 'take-profit 186.00 must be above the bid 187.40 when selling'],
    ['exit AAPL tp 190 sl 188', 'stop-loss 188.00 must be below the bid 187.40 when selling'],
    ['exit TSLA tp 190 sl 180', 'take-profit 190.00 must be below the stop-loss 180.00 when buying'],
    ['exit AAPL', 'exit needs tp, sl or both'],
    ['exit tp 190', 'exit needs a symbol'],
    ['exit AAPL 10 20 tp 190', 'exit takes one quantity; prices go after tp and sl'],
  ])('%s refused: %s', (text, message) => {
    expect(errorOf(text)).toBe(message);
  });

  it('is refused as flat when no position is known at all', () => {
    expect(errorOf('exit AAPL tp 190', {})).toBe('no AAPL position to exit');
  });
});

describe('trailing stops', () => {
  it('trails by an amount or a percent', () => {
    expect(parseCommandLine('btrail 100 AAPL 0.50', {}, ctx)).toEqual({
      kind: 'order',
      order: { account: null, side: 'BUY', symbol: 'AAPL', quantity: 100, type: 'trailing', trail: { amount: 0.5 }, tif: 'GTC' },
    });
    expect(preview('strail 100 AAPL 1% day')).toBe('SELL 100 AAPL TRAIL 1% DAY');
  });

  it.each([
    ['strail 100 AAPL', 'missing trail: strail needs an amount (0.50) or a percent (1%)'],
    ['btrail 100 AAPL 0.5 1', 'too many prices: a buy trail takes one (the amount or percent)'],
    ['strail 100 AAPL ask', '"ask" cannot be a trail: give an amount (0.50) or a percent (1%)'],
    ['strail 100 AAPL 100%', 'trail percent 100 must be above 0% and below 100%'],
    ['strail 100 AAPL 0%', 'trail percent 0 must be above 0% and below 100%'],
    ['strail 100 AAPL 1.125%', 'trail percent 1.125 has more than 2 decimals'],
    ['strail 100 AAPL 0.505', 'trail amount 0.505 is not a multiple of the 0.01 tick'],
    ['strail 100 AAPL 0', 'trail amount 0.00 must be a positive number'],
  ])('%s refused: %s', (text, message) => {
    expect(errorOf(text)).toBe(message);
  });
});

describe('ext (outside regular hours)', () => {
  it('sets outsideRth on a limit or stop-limit line', () => {
    expect(parseCommandLine('b 100 AAPL 187.50 ext', {}, ctx)).toEqual({
      kind: 'order',
      order: { account: null, side: 'BUY', symbol: 'AAPL', quantity: 100, type: 'limit', limitPrice: 187.5, tif: 'GTC', outsideRth: true },
    });
    expect(preview('bstop 100 AAPL 190 190.5 ext')).toBe('BUY 100 AAPL STP LMT 190.00 / 190.50 GTC EXT');
  });

  it.each([
    ['b 100 AAPL ext', 'ext (outside regular hours) is only for limit and stop-limit orders, not a market order'],
    ['bstop 100 AAPL 190 ext', 'ext (outside regular hours) is only for limit and stop-limit orders, not a stop order'],
    ['strail 100 AAPL 1% ext', 'ext (outside regular hours) is only for limit and stop-limit orders, not a trailing order'],
    ['b 100 AAPL 187.50 ext ext', '"ext" given twice'],
  ])('%s refused: %s', (text, message) => {
    expect(errorOf(text)).toBe(message);
  });
});

describe('quote anchors', () => {
  it.each([
    ['buy 100 AAPL ask', 'BUY 100 AAPL LMT 187.50 GTC'],
    ['buy 100 AAPL ask+0.01', 'BUY 100 AAPL LMT 187.51 GTC'],
    ['sell 100 AAPL bid-0.02', 'SELL 100 AAPL LMT 187.38 GTC'],
    ['buy 100 AAPL mid', 'BUY 100 AAPL LMT 187.45 GTC'],
    ['buy 100 AAPL last+1%', 'BUY 100 AAPL LMT 189.32 GTC'],
    ['sstop 100 AAPL bid-1 bid-1.05', 'SELL 100 AAPL STP LMT 186.40 / 186.35 GTC'],
    // No tick known: 4 decimals under $1 (0.5123 + 0.0001).
    ['buy 100 PENNY ask+0.0001', 'BUY 100 PENNY LMT 0.5124 GTC'],
    ['buy 100 AAPL ask tp +0.50 sl bid-0.25', 'BUY 100 AAPL LMT 187.50 GTC · TP SELL LMT 188.00 · SL SELL STP 187.15'],
  ])('%s', (text, shown) => {
    expect(preview(text)).toBe(shown);
  });

  it.each([
    ['buy 100 MSFT ask', 'no ask for MSFT yet'],
    ['sell 100 MSFT bid', 'no bid for MSFT yet'],
    ['buy 100 MSFT mid', 'no bid and ask for MSFT yet'],
    ['b 100 AAPL 1%', '"1%" is a percent where a price belongs'],
  ])('%s refused: %s', (text, message) => {
    expect(errorOf(text)).toBe(message);
  });

  it('says there is no quote when the caller gives no context', () => {
    expect(errorOf('buy 100 AAPL ask', {})).toBe('no ask for AAPL yet');
  });
});

describe("settings' defaults", () => {
  const defaults = { quantity: 300, tif: 'DAY' as const };
  it.each([
    ['b AAPL', 'BUY 300 AAPL MKT DAY'],
    ['b AAPL 187.50', 'BUY 300 AAPL LMT 187.50 DAY'],
    ['b AAPL $187', 'BUY 300 AAPL LMT 187.00 DAY'],
    ['b AAPL ask', 'BUY 300 AAPL LMT 187.50 DAY'],
    // A whole number is still a quantity.
    ['b AAPL 187', 'BUY 187 AAPL MKT DAY'],
    ['b 50 AAPL 187.50 gtc', 'BUY 50 AAPL LMT 187.50 GTC'],
  ])('%s', (text, shown) => {
    expect(previewCommand(parseCommandLine(text, defaults, ctx)).text).toBe(shown);
  });

  it('without a default quantity a price-shaped first number is still refused as the quantity', () => {
    expect(errorOf('b AAPL 187.50')).toBe('quantity 187.5 must be a whole number of shares');
  });
});

describe('symbols and echoed input', () => {
  it.each([
    ['b 100 AAPL MSFT', 'more than one symbol: "AAPL" and "MSFT"'],
    ['b 100 BRK B', null],
    ['b 100 ' + 'X'.repeat(80), `symbol "${'X'.repeat(40)}"… is longer than 12 characters`],
    ['purchase' + 'Y'.repeat(80), `unknown verb "purchase${'Y'.repeat(32)}"…: use buy, sell, bstop, sstop, btrail, strail, exit, mod, cancel, flat or rev`],
    ['b 100 AAPL ' + '1x'.repeat(50), `"${'1x'.repeat(20)}"… is not a quantity or a price`],
  ])('%s', (text, message) => {
    const result = parseCommandLine(text, {}, ctx);
    if (message === null) expect(result.kind).toBe('order');
    else expect(result).toEqual({ kind: 'error', message });
  });

  it('refuses a price below one tick', () => {
    expect(errorOf('b 100 AAPL 0.001')).toBe('limit price 0.001 is below the 0.01 tick');
    expect(errorOf('b 100 MSFT 0.00001')).toBe('limit price 0.00001 has more than 4 decimals');
  });
});
