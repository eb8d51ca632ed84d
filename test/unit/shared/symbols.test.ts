import { describe, expect, it } from 'vitest';
import { isNormalizedSymbol, normalizeSymbol } from '../../../shared/symbols';

describe('normalizeSymbol', () => {
  it.each([
    ['aapl', 'AAPL'],
    ['  msft  ', 'MSFT'],
    ['brk.b', 'BRK B'],
    ['BRK B', 'BRK B'],
    ['brk/b', 'BRK B'],
    ['BRK-B', 'BRK B'],
    ['BRK   B', 'BRK B'],
    ['brk. b', 'BRK B'],
    ['bac prl', 'BAC PRL'],
    ['A', 'A'],
    ['ABCDEFGHIJKL', 'ABCDEFGHIJKL'],
  ])('%j -> %j', (input, symbol) => {
    expect(normalizeSymbol(input)).toEqual({ ok: true, symbol });
  });

  it.each([
    ['', 'symbol is empty'],
    ['   ', 'symbol is empty'],
    ['AA$L', 'symbol "AA$L" has a character that is not a letter or digit: "$"'],
    ['aa$l', 'symbol "aa$l" has a character that is not a letter or digit: "$"'],
    ['AAPL!', 'symbol "AAPL!" has a character that is not a letter or digit: "!"'],
    ['café', 'symbol "café" has a character that is not a letter or digit: "é"'],
    ['ABCDEFGHIJKLM', 'symbol "ABCDEFGHIJKLM" is longer than 12 characters'],
    ['A.B.C', 'symbol "A.B.C" has more than one class separator'],
    ['BRK.', 'symbol "BRK." has a class separator with nothing on one side'],
    ['.B', 'symbol ".B" has a class separator with nothing on one side'],
    ['123', 'symbol "123" must start with a letter'],
  ])('refuses %j: %s', (input, reason) => {
    expect(normalizeSymbol(input)).toEqual({ ok: false, reason });
  });

  it('answers a reason, not a crash, for a value that is not text', () => {
    expect(normalizeSymbol(42 as unknown as string)).toEqual({ ok: false, reason: 'symbol must be text' });
    expect(normalizeSymbol(undefined as unknown as string)).toEqual({ ok: false, reason: 'symbol must be text' });
  });

  it('knows which spellings are already IB spellings', () => {
    expect(isNormalizedSymbol('BRK B')).toBe(true);
    expect(isNormalizedSymbol('brk.b')).toBe(false);
    expect(isNormalizedSymbol('')).toBe(false);
  });
});
