// Symbol normalisation: what a trader types -> the symbol IB knows.
// IB writes US class shares with a single space ("BRK B"); traders type "brk.b",
// "BRK/B", "brk-b" or "BRK  B". Everything that names a stock goes through here
// first, so the registry cache, the watchlist and the order line agree on one spelling.

import { quoteInput } from './echo';

export type SymbolResult = { ok: true; symbol: string } | { ok: false; reason: string };

/** Longest symbol we accept, class suffix and separator included. */
export const MAX_SYMBOL_LENGTH = 12;

/** `.`, `/`, `-` or whitespace between the root and the class letter(s). */
const CLASS_SEPARATOR = /[./\-\s]/;

export function normalizeSymbol(input: string): SymbolResult {
  // Callers pass checked strings, but this guards the edge where one did not.
  if (typeof input !== 'string') return { ok: false, reason: 'symbol must be text' };
  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, reason: 'symbol is empty' };
  const upper = trimmed.toUpperCase();
  const shown = quoteInput(trimmed);

  // Collapse a run of separators (e.g. "BRK  B", "BRK. B") into one IB space.
  const canonical = upper.replace(/[./\-\s]+/g, ' ');
  if (canonical.length > MAX_SYMBOL_LENGTH) {
    return { ok: false, reason: `symbol ${shown} is longer than ${MAX_SYMBOL_LENGTH} characters` };
  }
  for (const ch of canonical) {
    if (ch !== ' ' && !/[A-Z0-9]/.test(ch)) {
      // Show the character as typed (not upper-cased), so the trader finds it.
      const typed = [...trimmed].find((c) => !CLASS_SEPARATOR.test(c) && !/[A-Za-z0-9]/.test(c)) ?? ch;
      return { ok: false, reason: `symbol ${shown} has a character that is not a letter or digit: ${quoteInput(typed)}` };
    }
  }
  const parts = canonical.split(' ');
  if (parts.length > 2) {
    return { ok: false, reason: `symbol ${shown} has more than one class separator` };
  }
  const [root = '', shareClass] = parts;
  if (root === '' || shareClass === '') {
    return { ok: false, reason: `symbol ${shown} has a class separator with nothing on one side` };
  }
  if (!/^[A-Z]/.test(root)) {
    return { ok: false, reason: `symbol ${shown} must start with a letter` };
  }
  return { ok: true, symbol: canonical };
}

/** True when `input` is already in IB's spelling (what normalizeSymbol would return). */
export function isNormalizedSymbol(input: string): boolean {
  const result = normalizeSymbol(input);
  return result.ok && result.symbol === input;
}
