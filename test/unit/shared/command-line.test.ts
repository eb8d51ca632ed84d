import { describe, expect, it } from 'vitest';
import { describeOrder, parseCommandLine, toCommandLine, type ParsedOrder } from '../../../shared/command-line';

const mkt = (patch: Partial<ParsedOrder> = {}): ParsedOrder => ({
  account: null,
  side: 'BUY',
  symbol: 'AAPL',
  quantity: 100,
  type: 'market',
  tif: 'GTC',
  ...patch,
});

function orderOf(text: string): ParsedOrder {
  const result = parseCommandLine(text);
  if (result.kind !== 'order') throw new Error(`expected an order from ${JSON.stringify(text)}, got ${JSON.stringify(result)}`);
  return result.order;
}

function errorOf(text: string): string {
  const result = parseCommandLine(text);
  if (result.kind !== 'error') throw new Error(`expected an error from ${JSON.stringify(text)}, got ${JSON.stringify(result)}`);
  return result.message;
}

describe('parseCommandLine: the forms of DESIGN.md', () => {
  it.each<[string, ParsedOrder]>([
    ['buy 100 AAPL', mkt()],
    ['b AAPL 100 187.50', mkt({ type: 'limit', limitPrice: 187.5 })],
    ['sell 100 AAPL 190 day', mkt({ side: 'SELL', type: 'limit', limitPrice: 190, tif: 'DAY' })],
    ['bstop 100 AAPL 195', mkt({ type: 'stop', stopPrice: 195 })],
    ['sstop 100 AAPL 180 179.50', mkt({ side: 'SELL', type: 'stop-limit', stopPrice: 180, limitPrice: 179.5 })],
  ])('%s', (text, order) => {
    expect(parseCommandLine(text)).toEqual({ kind: 'order', order });
  });

  it('cancels one order or all', () => {
    expect(parseCommandLine('cancel 42')).toEqual({ kind: 'cancel', orderId: 42 });
    expect(parseCommandLine('cancel #42')).toEqual({ kind: 'cancel', orderId: 42 });
    expect(parseCommandLine('cancel all')).toEqual({ kind: 'cancel-all' });
    expect(parseCommandLine('CANCEL ALL')).toEqual({ kind: 'cancel-all' });
    expect(parseCommandLine('cancel all @live')).toEqual({ kind: 'cancel-all', account: 'live' });
    expect(parseCommandLine('cancel 7 @paper')).toEqual({ kind: 'cancel', orderId: 7, account: 'paper' });
  });

  it('answers empty for a blank line', () => {
    expect(parseCommandLine('')).toEqual({ kind: 'empty' });
    expect(parseCommandLine('   \t  ')).toEqual({ kind: 'empty' });
  });
});

describe('parseCommandLine: variations', () => {
  it('takes short verbs, any case and extra whitespace', () => {
    expect(orderOf('  B   aapl\t100  ')).toEqual(mkt());
    expect(orderOf('S 100 aapl')).toEqual(mkt({ side: 'SELL' }));
    expect(orderOf('SELL 100 AAPL')).toEqual(mkt({ side: 'SELL' }));
    expect(orderOf('BStop 100 aapl 195')).toEqual(mkt({ type: 'stop', stopPrice: 195 }));
    expect(orderOf('buy AAPL 100')).toEqual(mkt());
  });

  it('puts day/gtc and @account anywhere after the verb', () => {
    expect(orderOf('buy day 100 AAPL')).toEqual(mkt({ tif: 'DAY' }));
    expect(orderOf('buy 100 AAPL GTC')).toEqual(mkt());
    expect(orderOf('buy @paper 100 AAPL 187.5 DAY')).toEqual(
      mkt({ account: 'paper', type: 'limit', limitPrice: 187.5, tif: 'DAY' }),
    );
    expect(orderOf('sstop 100 AAPL 180 @Live 179.50')).toEqual(
      mkt({ account: 'Live', side: 'SELL', type: 'stop-limit', stopPrice: 180, limitPrice: 179.5 }),
    );
  });

  it('normalises class shares in every spelling', () => {
    for (const text of ['buy 100 brk.b', 'buy 100 BRK B', 'buy 100 brk/b', 'buy 100 BRK-B', 'buy BRK B 100', 'b brk  b 100']) {
      expect(orderOf(text).symbol).toBe('BRK B');
    }
    expect(orderOf('buy 100 BRK B 412.5 day')).toEqual(
      mkt({ symbol: 'BRK B', type: 'limit', limitPrice: 412.5, tif: 'DAY' }),
    );
  });

  it('reads a time-in-force word as the symbol when there is no other (DAY is Dayforce)', () => {
    expect(orderOf('buy 100 DAY')).toEqual(mkt({ symbol: 'DAY' }));
    expect(orderOf('buy 100 day day')).toEqual(mkt({ symbol: 'DAY', tif: 'DAY' }));
  });

  it('accepts thousands commas and dollar signs', () => {
    expect(orderOf('buy 1,000 AAPL $187.50')).toEqual(mkt({ quantity: 1000, type: 'limit', limitPrice: 187.5 }));
    expect(orderOf('sell 2,500 BRK.A 712,345.50')).toEqual(
      mkt({ side: 'SELL', quantity: 2500, symbol: 'BRK A', type: 'limit', limitPrice: 712345.5 }),
    );
    expect(errorOf('buy 10,00 AAPL')).toBe('"10,00" is not a quantity or a price');
    expect(errorOf('buy 100 AAPL $$5')).toBe('"$$5" is not a quantity or a price');
    expect(errorOf('buy 100 AAPL -')).toBe('"-" is not a quantity or a price');
  });

  it('takes the default time in force from the caller when the line names none', () => {
    expect(orderOf('buy 100 AAPL')).toEqual(mkt());
    const day = parseCommandLine('buy 100 AAPL', { tif: 'DAY' });
    expect(day).toEqual({ kind: 'order', order: mkt({ tif: 'DAY' }) });
    expect(parseCommandLine('buy 100 AAPL gtc', { tif: 'DAY' })).toEqual({ kind: 'order', order: mkt() });
  });

  it('accepts sub-dollar and leading-dot prices', () => {
    expect(orderOf('buy 1000 SNDL .1234')).toEqual(mkt({ symbol: 'SNDL', quantity: 1000, type: 'limit', limitPrice: 0.1234 }));
  });
});

describe('parseCommandLine: refusals, verbatim', () => {
  it.each([
    ['purchase 100 AAPL', 'unknown verb "purchase": use buy, sell, bstop, sstop, btrail, strail, exit, mod, cancel, flat or rev'],
    ['constructor 100 AAPL', 'unknown verb "constructor": use buy, sell, bstop, sstop, btrail, strail, exit, mod, cancel, flat or rev'],
    ['100 AAPL', 'unknown verb "100": use buy, sell, bstop, sstop, btrail, strail, exit, mod, cancel, flat or rev'],
    ['buy', 'missing quantity and symbol'],
    ['buy AAPL', 'missing quantity'],
    ['buy 100', 'missing symbol'],
    ['buy 12x AAPL', '"12x" is not a quantity or a price'],
    ['buy 100 AAPL 187.5.0', '"187.5.0" is not a quantity or a price'],
    ['buy 1e3 AAPL', '"1e3" is not a quantity or a price'],
    ['buy 100 AAPL 187 188', 'too many prices: a buy takes at most one (the limit)'],
    ['sell 100 AAPL 187 188', 'too many prices: a sell takes at most one (the limit)'],
    ['bstop 100 AAPL 1 2 3', 'too many prices: a buy stop takes at most two (the stop, then the limit)'],
    ['sstop 100 AAPL 1 2 3', 'too many prices: a sell stop takes at most two (the stop, then the limit)'],
    ['bstop 100 AAPL', 'missing stop price: bstop needs a stop price'],
    ['sstop 100 AAPL', 'missing stop price: sstop needs a stop price'],
    ['buy AAPL 100 MSFT', 'more than one symbol: "AAPL" and "MSFT"'],
    ['buy 100 BRK B X', '"BRK B X" is not one symbol'],
    ['buy 100 AAPL day gtc', 'time in force given twice: "day" and "gtc"'],
    ['buy 100 AAPL @a @b', 'account given twice: "@a" and "@b"'],
    ['buy 100 AAPL @', '"@" needs an account id after it'],
    ['buy 100 AAPL @my:acct', 'account "@my:acct" may use only letters, digits, "_", "-" and "."'],
    ['cancel 4 @a@b', 'account "@a@b" may use only letters, digits, "_", "-" and "."'],
    ['buy 100 AA$L', 'symbol "AA$L" has a character that is not a letter or digit: "$"'],
    ['buy 100 ABCDEFGHIJKLM', 'symbol "ABCDEFGHIJKLM" is longer than 12 characters'],
    ['buy 0 AAPL', 'quantity 0 must be a positive whole number of shares'],
    ['buy -5 AAPL', 'quantity -5 must be a positive whole number of shares'],
    ['buy 10.5 AAPL', 'quantity 10.5 must be a whole number of shares'],
    ['buy 100 AAPL 0', 'limit price 0.00 must be a positive number'],
    ['buy 100 AAPL 187.12345', 'limit price 187.12345 has more than 4 decimals'],
    ['bstop 100 AAPL 195 194', 'buy stop-limit: limit 194.00 is below the stop 195.00'],
    ['sstop 100 AAPL 180 181', 'sell stop-limit: limit 181.00 is above the stop 180.00'],
    ['cancel', 'cancel needs an order id, a symbol or "all"'],
    ['cancel 4.5', '"4.5" is not an order id'],
    ['cancel -1', '"-1" is not an order id'],
    ['cancel 2147483648', '"2147483648" is not an order id'],
    ['cancel 1 2', 'cancel takes one order id, one symbol or "all"'],
    ['cancel all 3', 'cancel takes one order id, one symbol or "all"'],
  ])('%s', (text, message) => {
    expect(errorOf(text)).toBe(message);
  });
});

describe('describeOrder', () => {
  it.each<[ParsedOrder, string]>([
    [mkt(), 'BUY 100 AAPL MKT GTC'],
    [mkt({ type: 'limit', limitPrice: 187.5 }), 'BUY 100 AAPL LMT 187.50 GTC'],
    [mkt({ type: 'stop', stopPrice: 195 }), 'BUY 100 AAPL STP 195.00 GTC'],
    [mkt({ side: 'SELL', type: 'stop-limit', stopPrice: 180, limitPrice: 179.5, tif: 'DAY' }), 'SELL 100 AAPL STP LMT 180.00 / 179.50 DAY'],
    [mkt({ account: 'paper', type: 'limit', limitPrice: 0.1234 }), 'BUY 100 AAPL LMT 0.1234 GTC @paper'],
    [mkt({ symbol: 'BRK B', type: 'limit', limitPrice: 412.505 }), 'BUY 100 BRK B LMT 412.505 GTC'],
  ])('%j', (order, line) => {
    expect(describeOrder(order)).toBe(line);
  });

  it('takes an OrderRequest with an account id, and a decimals minimum', () => {
    const request = { ...mkt({ type: 'limit', limitPrice: 1.5 }), account: 'live' };
    expect(describeOrder(request, 4)).toBe('BUY 100 AAPL LMT 1.5000 GTC @live');
    expect(describeOrder({ ...request, account: '' })).toBe('BUY 100 AAPL LMT 1.50 GTC');
  });

  it('marks a missing price with "?" rather than inventing one', () => {
    expect(describeOrder(mkt({ type: 'limit' }))).toBe('BUY 100 AAPL LMT ? GTC');
    expect(describeOrder(mkt({ type: 'stop-limit', stopPrice: 195 }))).toBe('BUY 100 AAPL STP LMT 195.00 / ? GTC');
    expect(describeOrder(mkt({ type: 'limit', limitPrice: null as unknown as number }))).toBe('BUY 100 AAPL LMT ? GTC');
  });

  it('previews what was parsed', () => {
    expect(describeOrder(orderOf('sstop 100 aapl 180 179.5 day'))).toBe('SELL 100 AAPL STP LMT 180.00 / 179.50 DAY');
  });
});

describe('toCommandLine', () => {
  it('writes a line that parses back', () => {
    const order = mkt({ symbol: 'BRK B', side: 'SELL', type: 'stop-limit', stopPrice: 400, limitPrice: 399.5, account: 'x' });
    expect(toCommandLine(order)).toBe('sstop 100 BRK.B 400.00 399.50 gtc @x');
    expect(orderOf(toCommandLine(order))).toEqual(order);
  });
});
