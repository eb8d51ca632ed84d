/**
 * The keyboard order-entry grammar (DESIGN.md, "Keyboard order entry"): one line of text
 * -> an order, a cancel, or a specific error sentence. Pure, so the preview under the
 * command line and the send on Enter parse the same way.
 *
 *   buy|b   QTY SYMBOL [LIMIT]          no price = market, one price = limit
 *   sell|s  QTY SYMBOL [LIMIT]
 *   bstop   QTY SYMBOL STOP [LIMIT]     one price = stop, two = stop-limit (stop first)
 *   sstop   QTY SYMBOL STOP [LIMIT]
 *   cancel  ORDER_ID | all              `cancel #42` also works
 *
 * Quantity and symbol may come in either order (`b AAPL 100 187.50`): the first number
 * is the quantity, the numbers after it are prices. `day` / `gtc` may appear anywhere
 * after the verb (GTC when absent), `@ACCOUNT` picks the account. Case-insensitive.
 * Numbers may carry thousands commas (`1,000`) and prices a dollar sign (`$187.50`).
 * `buy 100 DAY` buys Dayforce: a time-in-force word is the symbol when there is no other.
 * A class share may be typed `BRK.B`, `BRK/B`, `BRK-B` or `BRK B`.
 *
 * Error sentences (besides validateOrder's and normalizeSymbol's):
 *   `unknown verb "purchase": use buy, sell, bstop, sstop or cancel`
 *   `missing quantity and symbol`   `missing quantity`   `missing symbol`
 *   `missing stop price: bstop needs a stop price`    (sstop alike)
 *   `"12x" is not a quantity or a price`
 *   `too many prices: a buy takes at most one (the limit)`               (a sell alike)
 *   `too many prices: a buy stop takes at most two (the stop, then the limit)`  (a sell stop alike)
 *   `more than one symbol: "AAPL" and "MSFT"`
 *   `"A B C" is not one symbol`
 *   `time in force given twice: "day" and "gtc"`
 *   `account given twice: "@paper" and "@live"`
 *   `"@" needs an account id after it`
 *   `account "@my:acct" may use only letters, digits, "_", "-" and "."`
 *   `cancel needs an order id or "all"`
 *   `"4.5" is not an order id`
 *   `cancel takes one order id or "all"`
 */

import type { OrderRequest, OrderType, Side, TimeInForce } from './model';
import { formatPrice } from './format';
import { ACCOUNT_ID_PATTERN, validateOrder } from './order-rules';
import { normalizeSymbol } from './symbols';

/** An order from the command line; account is null when the line has no `@ACCOUNT`. */
export type ParsedOrder = Omit<OrderRequest, 'account'> & { account: string | null };

export type ParseResult =
  | { kind: 'order'; order: ParsedOrder }
  /** `account` is present only when the line named one (`cancel 42 @paper`). */
  | { kind: 'cancel'; orderId: number; account?: string }
  | { kind: 'cancel-all'; account?: string }
  | { kind: 'empty' }
  | { kind: 'error'; message: string };

interface Verb {
  side: Side;
  stop: boolean;
  /** How the side reads in sentences: "a buy", "a sell stop". */
  noun: string;
}

// Maps, not object literals: a typed word like "constructor" must not find Object.prototype.
const VERBS = new Map<string, Verb>([
  ['buy', { side: 'BUY', stop: false, noun: 'a buy' }],
  ['b', { side: 'BUY', stop: false, noun: 'a buy' }],
  ['sell', { side: 'SELL', stop: false, noun: 'a sell' }],
  ['s', { side: 'SELL', stop: false, noun: 'a sell' }],
  ['bstop', { side: 'BUY', stop: true, noun: 'a buy stop' }],
  ['sstop', { side: 'SELL', stop: true, noun: 'a sell stop' }],
]);

const TIF_WORDS = new Map<string, TimeInForce>([
  ['day', 'DAY'],
  ['gtc', 'GTC'],
]);

/** 100, 187.50, .5, -5 (refused later with the rules' sentence), 1,000, $187.50. */
const NUMBER = /^[+-]?\$?(\d{1,3}(,\d{3})+(\.\d*)?|\d+(\.\d*)?|\.\d+)$/;
/** Starts like a number: a sign, a dollar, a digit, or a dot and a digit. */
const NUMBERISH = /^([+\-$]|\.?\d)/;

/** Largest order id IB uses (a signed 32-bit int). */
const MAX_ORDER_ID = 2 ** 31 - 1;

function numberOf(token: string): number {
  return Number(token.replace(/[$,]/g, ''));
}

export interface CommandLineDefaults {
  /** Time in force when the line names none; GTC when absent (DESIGN.md). */
  tif?: TimeInForce;
}

const error = (message: string): ParseResult => ({ kind: 'error', message });

/** The account of an `@id` token, or the sentence saying what is wrong with it. */
function accountToken(token: string, previous: string | undefined): { id: string } | { problem: string } {
  const id = token.slice(1);
  if (id === '') return { problem: '"@" needs an account id after it' };
  if (previous !== undefined) return { problem: `account given twice: "@${previous}" and "${token}"` };
  if (!ACCOUNT_ID_PATTERN.test(id)) {
    return { problem: `account ${JSON.stringify(token)} may use only letters, digits, "_", "-" and "."` };
  }
  return { id };
}

function parseCancel(args: string[]): ParseResult {
  let account: string | undefined;
  const rest: string[] = [];
  for (const token of args) {
    if (token.startsWith('@')) {
      const parsed = accountToken(token, account);
      if ('problem' in parsed) return error(parsed.problem);
      account = parsed.id;
    } else {
      rest.push(token);
    }
  }
  const withAccount = account === undefined ? {} : { account };
  const [target, ...extra] = rest;
  if (target === undefined) return error('cancel needs an order id or "all"');
  if (extra.length > 0) return error('cancel takes one order id or "all"');
  if (target.toLowerCase() === 'all') return { kind: 'cancel-all', ...withAccount };
  const digits = target.startsWith('#') ? target.slice(1) : target;
  if (!/^\d+$/.test(digits) || Number(digits) > MAX_ORDER_ID) {
    return error(`${JSON.stringify(target)} is not an order id`);
  }
  return { kind: 'cancel', orderId: Number(digits), ...withAccount };
}

function parseOrder(verb: Verb, args: string[], defaults: CommandLineDefaults): ParseResult {
  const tifTokens: string[] = [];
  let account: string | undefined;
  const numbers: number[] = [];
  /** Runs of adjacent words: one run is the symbol (two words = a class share, "BRK B"). */
  const wordRuns: string[][] = [];
  let previousWasWord = false;

  for (const token of args) {
    const lower = token.toLowerCase();
    let isWord = false;
    if (token.startsWith('@')) {
      const parsed = accountToken(token, account);
      if ('problem' in parsed) return error(parsed.problem);
      account = parsed.id;
    } else if (TIF_WORDS.has(lower)) {
      tifTokens.push(token);
    } else if (NUMBER.test(token)) {
      numbers.push(numberOf(token));
    } else if (NUMBERISH.test(token)) {
      return error(`${JSON.stringify(token)} is not a quantity or a price`);
    } else {
      isWord = true;
      const run = wordRuns.at(-1);
      if (previousWasWord && run) run.push(token);
      else wordRuns.push([token]);
    }
    previousWasWord = isWord;
  }

  if (wordRuns.length > 1) {
    const [first, second] = wordRuns;
    return error(`more than one symbol: "${(first ?? []).join(' ')}" and "${(second ?? []).join(' ')}"`);
  }
  // DAY is also a ticker (Dayforce): a line with no other symbol word means the stock.
  if (wordRuns.length === 0 && tifTokens.length > 0) wordRuns.push([tifTokens.shift() as string]);
  if (tifTokens.length > 1) return error(`time in force given twice: "${tifTokens[0]}" and "${tifTokens[1]}"`);
  const tifToken = tifTokens[0];
  const fallbackTif = defaults.tif === 'DAY' ? 'DAY' : 'GTC';
  const tif: TimeInForce = tifToken === undefined ? fallbackTif : (TIF_WORDS.get(tifToken.toLowerCase()) ?? fallbackTif);
  const [quantity, ...prices] = numbers;
  const words = wordRuns[0];
  if (quantity === undefined && words === undefined) return error('missing quantity and symbol');
  if (quantity === undefined) return error('missing quantity');
  if (words === undefined) return error('missing symbol');
  if (words.length > 2) return error(`"${words.join(' ')}" is not one symbol`);
  const symbol = normalizeSymbol(words.join(' '));
  if (!symbol.ok) return error(symbol.reason);

  let type: OrderType;
  let limitPrice: number | undefined;
  let stopPrice: number | undefined;
  if (!verb.stop) {
    if (prices.length > 1) return error(`too many prices: ${verb.noun} takes at most one (the limit)`);
    limitPrice = prices[0];
    type = limitPrice === undefined ? 'market' : 'limit';
  } else {
    if (prices.length === 0) {
      return error(`missing stop price: ${verb.side === 'BUY' ? 'bstop' : 'sstop'} needs a stop price`);
    }
    if (prices.length > 2) {
      return error(`too many prices: ${verb.noun} takes at most two (the stop, then the limit)`);
    }
    [stopPrice, limitPrice] = prices;
    type = limitPrice === undefined ? 'stop' : 'stop-limit';
  }

  const order: ParsedOrder = {
    account: account ?? null,
    side: verb.side,
    symbol: symbol.symbol,
    quantity,
    type,
    tif,
  };
  if (limitPrice !== undefined) order.limitPrice = limitPrice;
  if (stopPrice !== undefined) order.stopPrice = stopPrice;

  const problem = validateOrder(order, {});
  return problem === null ? { kind: 'order', order } : error(problem);
}

/**
 * Parse one command line. Never throws: every bad line is a `{ kind: 'error' }` with a
 * sentence. `defaults.tif` (e.g. the settings' default) applies when the line names none.
 */
export function parseCommandLine(text: string, defaults: CommandLineDefaults = {}): ParseResult {
  const tokens = String(text).trim().split(/\s+/).filter((t) => t !== '');
  const [first, ...args] = tokens;
  if (first === undefined) return { kind: 'empty' };
  const verbWord = first.toLowerCase();
  if (verbWord === 'cancel') return parseCancel(args);
  const verb = VERBS.get(verbWord);
  if (!verb) return error(`unknown verb ${JSON.stringify(first)}: use buy, sell, bstop, sstop or cancel`);
  return parseOrder(verb, args, defaults ?? {});
}

const TYPE_CODES: Record<OrderType, string> = {
  market: 'MKT',
  limit: 'LMT',
  stop: 'STP',
  'stop-limit': 'STP LMT',
};

/**
 * The live preview line: `BUY 100 AAPL LMT 187.50 GTC`, `SELL 100 AAPL STP LMT 180.00 / 179.50 DAY @paper`.
 * Prices show at least `priceDecimals` decimals (default 2) and more when the price needs them.
 */
export function describeOrder(order: ParsedOrder | OrderRequest, priceDecimals = 2): string {
  // `== null`: a form may hand over null for "no price yet"; show it as missing, not "null".
  const price = (value: number | undefined | null): string => (value == null ? '?' : formatPrice(value, priceDecimals));
  const parts: string[] = [order.side, String(order.quantity), order.symbol, TYPE_CODES[order.type] ?? String(order.type)];
  if (order.type === 'limit') parts.push(price(order.limitPrice));
  if (order.type === 'stop') parts.push(price(order.stopPrice));
  if (order.type === 'stop-limit') parts.push(`${price(order.stopPrice)} / ${price(order.limitPrice)}`);
  parts.push(order.tif);
  if (order.account !== null && order.account !== '') parts.push(`@${order.account}`);
  return parts.join(' ');
}

/**
 * The command line that parses back to `order` (e.g. to prefill the line from a position
 * row): `buy 100 BRK.B 412.50 gtc @paper`. Class shares use a dot so the class letter is
 * never mistaken for a second word.
 */
export function toCommandLine(order: ParsedOrder | OrderRequest): string {
  const stop = order.type === 'stop' || order.type === 'stop-limit';
  const verb = order.side === 'BUY' ? (stop ? 'bstop' : 'buy') : stop ? 'sstop' : 'sell';
  const parts: string[] = [verb, String(order.quantity), order.symbol.replace(' ', '.')];
  if (order.stopPrice != null && stop) parts.push(formatPrice(order.stopPrice));
  if (order.limitPrice != null && order.type !== 'market' && order.type !== 'stop') {
    parts.push(formatPrice(order.limitPrice));
  }
  parts.push(order.tif.toLowerCase());
  if (order.account !== null && order.account !== '') parts.push(`@${order.account}`);
  return parts.join(' ');
}
