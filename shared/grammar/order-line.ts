/**
 * Order lines: buy, sell, bstop, sstop, btrail, strail, with optional `tp P`, `sl P`,
 * `ext`, `day` / `gtc` and `@ACCOUNT` anywhere after the verb.
 *
 * Sentences (besides validateOrder's, validateGroup's and the price tokens'):
 *   `missing quantity and symbol`   `missing quantity`   `missing symbol`
 *   `missing stop price: bstop needs a stop price`    (sstop alike)
 *   `missing trail: btrail needs an amount (0.50) or a percent (1%)`   (strail alike)
 *   `"12x" is not a quantity or a price`
 *   `too many prices: a buy takes at most one (the limit)`               (a sell alike)
 *   `too many prices: a buy stop takes at most two (the stop, then the limit)`
 *   `too many prices: a buy trail takes one (the amount or percent)`
 *   `"ask" cannot be a trail: give an amount (0.50) or a percent (1%)`
 *   `"1%" is a percent where a price belongs`
 *   `more than one symbol: "AAPL" and "MSFT"`  (also `b 100 AAPL MSFT`: a class is 1–2 letters)
 *   `"A B C" is not one symbol`
 *   `time in force given twice: "day" and "gtc"`   `"tp" given twice`   `"ext" given twice`
 *   `"tp" needs a price after it`   (sl alike)
 *   `a trailing order cannot carry tp or sl`
 */

import type { OrderType, Side, TimeInForce, TrailSpec } from '../model';
import { validateOrder } from '../order-rules';
import { validateGroup, type GroupReference } from '../order-group-rules';
import { normalizeSymbol } from '../symbols';
import type { CommandLineDefaults, ParseContext, ParseResult, ParsedOrder } from './intents';
import { minTickOf, priceToken, quoteField, resolvePrice, type PriceToken } from './price';
import { NUMBERISH, TIF_WORDS, WHOLE, error, q, splitAccount } from './tokens';

export interface OrderVerb {
  side: Side;
  kind: 'plain' | 'stop' | 'trail';
  /** How the side reads in sentences: "a buy", "a sell stop". */
  noun: string;
  word: string;
}

// Maps, not object literals: a typed word like "constructor" must not find Object.prototype.
export const ORDER_VERBS = new Map<string, OrderVerb>([
  ['buy', { side: 'BUY', kind: 'plain', noun: 'a buy', word: 'buy' }],
  ['b', { side: 'BUY', kind: 'plain', noun: 'a buy', word: 'buy' }],
  ['sell', { side: 'SELL', kind: 'plain', noun: 'a sell', word: 'sell' }],
  ['s', { side: 'SELL', kind: 'plain', noun: 'a sell', word: 'sell' }],
  ['bstop', { side: 'BUY', kind: 'stop', noun: 'a buy stop', word: 'bstop' }],
  ['sstop', { side: 'SELL', kind: 'stop', noun: 'a sell stop', word: 'sstop' }],
  ['btrail', { side: 'BUY', kind: 'trail', noun: 'a buy trail', word: 'btrail' }],
  ['strail', { side: 'SELL', kind: 'trail', noun: 'a sell trail', word: 'strail' }],
]);

/** What the tokens of an order line sort into. */
export interface LineParts {
  tifTokens: string[];
  items: PriceToken[];
  /** Runs of adjacent words: one run is the symbol (two words = a class share, "BRK B"). */
  wordRuns: string[][];
  tp?: PriceToken;
  sl?: PriceToken;
  ext: boolean;
}

/** Sort an order line's tokens (account already removed), or say what is wrong. */
export function sortTokens(tokens: readonly string[]): LineParts | { problem: string } {
  const parts: LineParts = { tifTokens: [], items: [], wordRuns: [], ext: false };
  let previousWasWord = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] as string;
    const lower = token.toLowerCase();
    let isWord = false;
    if (TIF_WORDS.has(lower)) {
      parts.tifTokens.push(token);
    } else if (lower === 'ext') {
      if (parts.ext) return { problem: '"ext" given twice' };
      parts.ext = true;
    } else if (lower === 'tp' || lower === 'sl') {
      const next = tokens[i + 1];
      const price = next === undefined ? null : priceToken(next);
      if (price === null) return { problem: `"${lower}" needs a price after it` };
      if (parts[lower] !== undefined) return { problem: `"${lower}" given twice` };
      parts[lower] = price;
      i += 1;
    } else {
      const price = priceToken(token);
      if (price) parts.items.push(price);
      else if (NUMBERISH.test(token)) return { problem: `${q(token)} is not a quantity or a price` };
      else {
        isWord = true;
        const run = parts.wordRuns.at(-1);
        if (previousWasWord && run) run.push(token);
        else parts.wordRuns.push([token]);
      }
    }
    previousWasWord = isWord;
  }
  return parts;
}

/** The symbol of the line's one word run, or the sentence. */
export function symbolOf(wordRuns: string[][]): { symbol: string } | { problem: string } | null {
  if (wordRuns.length > 1) {
    const [first, second] = wordRuns;
    return { problem: `more than one symbol: ${q((first ?? []).join(' '))} and ${q((second ?? []).join(' '))}` };
  }
  const words = wordRuns[0];
  if (words === undefined) return null;
  // Two words are a class share ("BRK B") only when the second is a class: one or two letters.
  if (words.length > 2) return { problem: `${q(words.join(' '))} is not one symbol` };
  if ((words.length === 2 && !/^[A-Za-z]{1,2}$/.test(words[1] as string))) {
    return { problem: `more than one symbol: ${q(words[0] as string)} and ${q(words[1] as string)}` };
  }
  const symbol = normalizeSymbol(words.join(' '));
  return symbol.ok ? { symbol: symbol.symbol } : { problem: symbol.reason };
}

export function tifOf(tifTokens: string[], defaults: CommandLineDefaults): { tif: TimeInForce } | { problem: string } {
  if (tifTokens.length > 1) return { problem: `time in force given twice: ${q(tifTokens[0] as string)} and ${q(tifTokens[1] as string)}` };
  const token = tifTokens[0];
  const fallback: TimeInForce = defaults.tif === 'DAY' ? 'DAY' : 'GTC';
  return { tif: token === undefined ? fallback : (TIF_WORDS.get(token.toLowerCase()) ?? fallback) };
}

/** First item is the quantity, unless a default exists and the first item is written as a price. */
function quantityOf(items: PriceToken[], defaults: CommandLineDefaults): { quantity?: number; prices: PriceToken[] } {
  const [first, ...rest] = items;
  const hasDefault = typeof defaults.quantity === 'number';
  if (first?.kind === 'number' && (!hasDefault || WHOLE.test(first.text) || first.signed)) {
    return { quantity: first.value, prices: rest };
  }
  return hasDefault ? { quantity: defaults.quantity as number, prices: items } : { prices: items };
}

function trailOf(verb: OrderVerb, prices: PriceToken[]): { trail: TrailSpec } | { problem: string } {
  const [only, ...extra] = prices;
  if (only === undefined) return { problem: `missing trail: ${verb.word} needs an amount (0.50) or a percent (1%)` };
  if (extra.length > 0) return { problem: `too many prices: ${verb.noun} takes one (the amount or percent)` };
  if (only.kind === 'percent') return { trail: { percent: only.percent } };
  if (only.kind === 'number') return { trail: { amount: only.value } };
  return { problem: `${q(only.text)} cannot be a trail: give an amount (0.50) or a percent (1%)` };
}

type Priced = { type: OrderType; limitPrice?: number; stopPrice?: number; trail?: TrailSpec } | { problem: string };

function pricesOf(verb: OrderVerb, prices: PriceToken[], symbol: string, context: ParseContext): Priced {
  if (verb.kind === 'trail') {
    const trail = trailOf(verb, prices);
    return 'problem' in trail ? trail : { type: 'trailing', trail: trail.trail };
  }
  const values: number[] = [];
  for (const token of prices) {
    const value = resolvePrice(token, symbol, context, null);
    if ('problem' in value) return value;
    values.push(value.value);
  }
  if (verb.kind === 'plain') {
    if (values.length > 1) return { problem: `too many prices: ${verb.noun} takes at most one (the limit)` };
    const [limitPrice] = values;
    return limitPrice === undefined ? { type: 'market' } : { type: 'limit', limitPrice };
  }
  if (values.length === 0) return { problem: `missing stop price: ${verb.word} needs a stop price` };
  if (values.length > 2) return { problem: `too many prices: ${verb.noun} takes at most two (the stop, then the limit)` };
  const [stopPrice, limitPrice] = values as [number, number | undefined];
  return limitPrice === undefined ? { type: 'stop', stopPrice } : { type: 'stop-limit', stopPrice, limitPrice };
}

/** The quote a market order is measured against: the far side, else the last trade. */
export function marketReference(side: Side, symbol: string, context: ParseContext): GroupReference | { missing: string } {
  const far = side === 'BUY' ? 'ask' : 'bid';
  const quote = quoteField(far, symbol, context);
  if ('value' in quote) return { name: far, price: quote.value };
  const last = quoteField('last', symbol, context);
  return 'value' in last ? { name: 'last', price: last.value } : { missing: quote.problem };
}

/** A bracket child or exit leg: the other side, same symbol, quantity, account and TIF. */
export function childOrder(base: ParsedOrder, side: Side, kind: 'tp' | 'sl', price: number, ext: boolean): ParsedOrder {
  const child: ParsedOrder = { account: base.account, side, symbol: base.symbol, quantity: base.quantity, tif: base.tif, type: kind === 'tp' ? 'limit' : 'stop' };
  if (kind === 'tp') child.limitPrice = price;
  else child.stopPrice = price;
  if (ext && kind === 'tp') child.outsideRth = true;
  return child;
}

/** Resolve tp / sl against a reference (offsets) and build the legs. */
export function exitPrices(
  parts: Pick<LineParts, 'tp' | 'sl'>,
  symbol: string,
  context: ParseContext,
  reference: { value: number } | { problem: string },
): { tp?: number; sl?: number } | { problem: string } {
  const out: { tp?: number; sl?: number } = {};
  for (const key of ['tp', 'sl'] as const) {
    const token = parts[key];
    if (token === undefined) continue;
    const value = resolvePrice(token, symbol, context, reference);
    if ('problem' in value) return value;
    out[key] = value.value;
  }
  return out;
}

export function parseOrderLine(verb: OrderVerb, args: string[], defaults: CommandLineDefaults, context: ParseContext): ParseResult {
  const split = splitAccount(args);
  if ('problem' in split) return error(split.problem);
  const parts = sortTokens(split.rest);
  if ('problem' in parts) return error(parts.problem);
  // DAY is also a ticker (Dayforce): a line with no other symbol word means the stock.
  if (parts.wordRuns.length === 0 && parts.tifTokens.length > 0) parts.wordRuns.push([parts.tifTokens.shift() as string]);
  const found = symbolOf(parts.wordRuns);
  if (found !== null && 'problem' in found) return error(found.problem);
  const tif = tifOf(parts.tifTokens, defaults);
  if ('problem' in tif) return error(tif.problem);
  const { quantity, prices } = quantityOf(parts.items, defaults);
  if (quantity === undefined && found === null) return error('missing quantity and symbol');
  if (quantity === undefined) return error('missing quantity');
  if (found === null) return error('missing symbol');
  const symbol = found.symbol;

  const priced = pricesOf(verb, prices, symbol, context);
  if ('problem' in priced) return error(priced.problem);
  const order: ParsedOrder = { account: split.account ?? null, side: verb.side, symbol, quantity, tif: tif.tif, ...priced };
  if (parts.ext) order.outsideRth = true;
  const minTick = minTickOf(symbol, context);
  const problem = validateOrder(order, minTick === undefined ? {} : { minTick });
  if (problem !== null) return error(problem);
  if (parts.tp === undefined && parts.sl === undefined) return { kind: 'order', order };
  return bracketOf(order, parts, context, minTick);
}

function bracketOf(entry: ParsedOrder, parts: LineParts, context: ParseContext, minTick: number | undefined): ParseResult {
  if (entry.type === 'trailing') return error('a trailing order cannot carry tp or sl');
  const own = entry.limitPrice ?? entry.stopPrice;
  const market = marketReference(entry.side, entry.symbol, context);
  const reference = own !== undefined ? { value: own } : 'missing' in market ? { problem: market.missing } : { value: market.price };
  const values = exitPrices(parts, entry.symbol, context, reference);
  if ('problem' in values) return error(values.problem);
  const other: Side = entry.side === 'BUY' ? 'SELL' : 'BUY';
  const group: Extract<ParseResult, { kind: 'group' }>['group'] = { kind: 'bracket', entry };
  if (values.tp !== undefined) group.takeProfit = childOrder(entry, other, 'tp', values.tp, parts.ext);
  if (values.sl !== undefined) group.stopLoss = childOrder(entry, other, 'sl', values.sl, false);
  const problem = validateGroup(group, { reference: market, ...(minTick === undefined ? {} : { minTick }) });
  return problem === null ? { kind: 'group', group } : error(problem);
}
