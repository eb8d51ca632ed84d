// modify, cancel by symbol, flat and rev on the command line, verbatim.
import { describe, expect, it } from 'vitest';
import { parseCommandLine, previewCommand, type ParseResult } from '../../../shared/command-line';

const errorOf = (text: string): string => {
  const result = parseCommandLine(text);
  if (result.kind !== 'error') throw new Error(`expected an error from ${JSON.stringify(text)}, got ${JSON.stringify(result)}`);
  return result.message;
};

describe('modify', () => {
  it.each<[string, ParseResult]>([
    ['mod 42 187.60', { kind: 'modify', orderId: 42, changes: { price: 187.6 } }],
    ['modify #42 qty 200 lmt 187.6 day @paper', { kind: 'modify', orderId: 42, changes: { quantity: 200, limitPrice: 187.6, tif: 'DAY' }, account: 'paper' }],
    ['mod 42 stp 180 lmt 179.5', { kind: 'modify', orderId: 42, changes: { stopPrice: 180, limitPrice: 179.5 } }],
    ['mod 42 trail 1%', { kind: 'modify', orderId: 42, changes: { trail: { percent: 1 } } }],
    ['MOD 42 TRAIL 0.25 GTC', { kind: 'modify', orderId: 42, changes: { trail: { amount: 0.25 }, tif: 'GTC' } }],
  ])('%s', (text, intent) => {
    expect(parseCommandLine(text)).toEqual(intent);
  });

  it('previews what it will change', () => {
    expect(previewCommand(parseCommandLine('modify 42 qty 200 lmt 187.6 day @paper')).text).toBe('MODIFY #42: qty 200, lmt 187.60, DAY @paper');
    expect(previewCommand(parseCommandLine('mod 42 187.6')).text).toBe('MODIFY #42: price 187.60');
  });

  it.each([
    ['mod', 'modify needs an order id'],
    ['mod x', '"x" is not an order id'],
    ['mod 42', 'modify 42 needs a change: qty, lmt, stp, trail, day or gtc'],
    ['mod 42 qty', '"qty" needs a value after it'],
    ['mod 42 lmt abc', '"abc" is not a price'],
    ['mod 42 qty 1x', '"1x" is not a quantity'],
    ['mod 42 trail -1', '"-1" is not a trail: give an amount (0.50) or a percent (1%)'],
    ['mod 42 foo', '"foo" is not a change: use qty, lmt, stp, trail, day or gtc'],
    ['mod 42 lmt 1 lmt 2', '"lmt" given twice'],
    ['mod 42 day gtc', '"time in force" given twice'],
    ['mod 42 187 lmt 188', 'give the price once: "mod 42 187" or lmt / stp / trail'],
  ])('%s refused: %s', (text, message) => {
    expect(errorOf(text)).toBe(message);
  });
});

describe('cancel, flat and rev', () => {
  it.each<[string, ParseResult]>([
    ['cancel AAPL', { kind: 'cancel-symbol', symbol: 'AAPL' }],
    ['cancel brk.b @paper', { kind: 'cancel-symbol', symbol: 'BRK B', account: 'paper' }],
    ['flat AAPL', { kind: 'flatten', symbol: 'AAPL' }],
    ['flat all @paper', { kind: 'flatten-all', account: 'paper' }],
    ['rev aapl @live', { kind: 'reverse', symbol: 'AAPL', account: 'live' }],
  ])('%s', (text, intent) => {
    expect(parseCommandLine(text)).toEqual(intent);
  });

  it.each([
    ['cancel AAPL', 'CANCEL every working AAPL order in every account'],
    ['cancel AAPL @paper', 'CANCEL every working AAPL order @paper'],
    ['flat AAPL @paper', 'FLAT AAPL: close the position at market @paper'],
    ['flat all', 'FLAT ALL positions at market in every account'],
    ['rev AAPL', 'REVERSE AAPL: close the position and open the same size on the other side'],
  ])('%s previews as %s', (text, shown) => {
    expect(previewCommand(parseCommandLine(text)).text).toBe(shown);
  });

  it.each([
    ['cancel AAPL MSFT', 'more than one symbol: "AAPL" and "MSFT"'],
    ['cancel AAPL 42', 'cancel takes one order id, one symbol or "all"'],
    ['cancel A$PL', 'symbol "A$PL" has a character that is not a letter or digit: "$"'],
    ['flat', 'flat needs a symbol or "all"'],
    ['rev', 'rev needs a symbol'],
  ])('%s refused: %s', (text, message) => {
    expect(errorOf(text)).toBe(message);
  });

  it('reads `rev all` as the stock ALL: reversing every position is not a command', () => {
    expect(parseCommandLine('rev all')).toEqual({ kind: 'reverse', symbol: 'ALL' });
  });
});
