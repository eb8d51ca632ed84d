/**
 * The verbs that are not order lines: cancel, modify, flat, rev, exit.
 *
 *   cancel ORDER_ID | all | SYMBOL [@ACCOUNT]     `cancel #42` also works
 *   modify|mod N [qty Q] [lmt P] [stp P] [trail A|P%] [day|gtc] [@ACCOUNT]
 *   mod N P                                        the one price of a LMT, STP or TRAIL order
 *   flat SYMBOL | all [@ACCOUNT]                   close a position (or all)
 *   rev SYMBOL [@ACCOUNT]                          reverse a position
 *   exit SYMBOL [QTY] [tp P] [sl P] [day|gtc] [@ACCOUNT]   OCA exit of a held position
 *
 * Sentences:
 *   `cancel needs an order id, a symbol or "all"`   `"4.5" is not an order id`
 *   `cancel takes one order id, one symbol or "all"`
 *   `modify needs an order id`   `modify 42 needs a change: qty, lmt, stp, trail, day or gtc`
 *   `"qty" needs a value after it`   `"lmt" given twice`   `"187.5x" is not a price`
 *   `"foo" is not a change: use qty, lmt, stp, trail, day or gtc`
 *   `give the price once: "mod 42 187.60" or lmt / stp / trail`
 *   `flat needs a symbol or "all"`   `rev needs a symbol`   `exit needs a symbol`
 *   `exit needs tp, sl or both`
 *   `no AAPL position to exit` (` in @paper`)   `cannot exit 200 shares: 100 AAPL held`
 */

import type { TimeInForce } from '../model';
import type { OrderChanges } from '../order-commands';
import { validateGroup } from '../order-group-rules';
import type { CommandLineDefaults, ParseContext, ParseResult, ParsedOrder } from './intents';
import { childOrder, exitPrices, marketReference, sortTokens, symbolOf, tifOf } from './order-line';
import { minTickOf, priceToken } from './price';
import { NUMBER, TIF_WORDS, error, numberOf, orderIdOf, q, splitAccount } from './tokens';

type Extra = { account?: string };

function symbolArg(words: string[]): { symbol: string } | { problem: string } {
  return symbolOf([words]) ?? { problem: 'missing symbol' };
}

export function parseCancel(args: string[]): ParseResult {
  const split = splitAccount(args);
  if ('problem' in split) return error(split.problem);
  const extra: Extra = split.account === undefined ? {} : { account: split.account };
  const [target, ...rest] = split.rest;
  if (target === undefined) return error('cancel needs an order id, a symbol or "all"');
  if (target.toLowerCase() === 'all' && rest.length === 0) return { kind: 'cancel-all', ...extra };
  if (/^[#\d.+-]/.test(target)) {
    if (rest.length > 0) return error('cancel takes one order id, one symbol or "all"');
    const orderId = orderIdOf(target);
    return orderId === null ? error(`${q(target)} is not an order id`) : { kind: 'cancel', orderId, ...extra };
  }
  if (rest.length > 1 || rest.some((t) => /^[#\d.+-]/.test(t))) return error('cancel takes one order id, one symbol or "all"');
  const symbol = symbolArg([target, ...rest]);
  return 'problem' in symbol ? error(symbol.problem) : { kind: 'cancel-symbol', symbol: symbol.symbol, ...extra };
}

const CHANGE_WORDS = new Map<string, 'quantity' | 'limitPrice' | 'stopPrice' | 'trail'>([
  ['qty', 'quantity'],
  ['lmt', 'limitPrice'],
  ['stp', 'stopPrice'],
  ['trail', 'trail'],
]);

function changeValue(word: string, key: string, value: string): OrderChanges | { problem: string } {
  if (key === 'trail') {
    const token = priceToken(value);
    if (token?.kind === 'percent' && !/^[+-]/.test(value)) return { trail: { percent: token.percent } };
    if (token?.kind === 'number' && !token.signed) return { trail: { amount: token.value } };
    return { problem: `${q(value)} is not a trail: give an amount (0.50) or a percent (1%)` };
  }
  if (!NUMBER.test(value)) return { problem: `${q(value)} is not ${key === 'quantity' ? 'a quantity' : 'a price'}` };
  return { [key]: numberOf(value) } as OrderChanges;
}

export function parseModify(args: string[]): ParseResult {
  const split = splitAccount(args);
  if ('problem' in split) return error(split.problem);
  const [idToken, ...rest] = split.rest;
  if (idToken === undefined) return error('modify needs an order id');
  const orderId = orderIdOf(idToken);
  if (orderId === null) return error(`${q(idToken)} is not an order id`);
  const changes: OrderChanges = {};
  const seen = new Set<string>();
  for (let i = 0; i < rest.length; i += 1) {
    const token = rest[i] as string;
    const lower = token.toLowerCase();
    const key = CHANGE_WORDS.get(lower);
    const tif: TimeInForce | undefined = TIF_WORDS.get(lower);
    const once = (name: string): string | null => (seen.has(name) ? `${q(name)} given twice` : (seen.add(name), null));
    let problem: string | null;
    if (tif !== undefined) {
      problem = once('time in force');
      changes.tif = tif;
    } else if (key !== undefined) {
      const value = rest[i + 1];
      if (value === undefined) return error(`"${lower}" needs a value after it`);
      problem = once(lower);
      const change = changeValue(lower, key, value);
      if ('problem' in change) return error(change.problem);
      Object.assign(changes, change);
      i += 1;
    } else if (NUMBER.test(token)) {
      problem = once('price');
      changes.price = numberOf(token);
    } else {
      return error(`${q(token)} is not a change: use qty, lmt, stp, trail, day or gtc`);
    }
    if (problem) return error(problem);
  }
  if (changes.price !== undefined && (seen.has('lmt') || seen.has('stp') || seen.has('trail'))) {
    return error(`give the price once: "mod ${orderId} ${String(changes.price)}" or lmt / stp / trail`);
  }
  if (Object.keys(changes).length === 0) return error(`modify ${orderId} needs a change: qty, lmt, stp, trail, day or gtc`);
  return { kind: 'modify', orderId, changes, ...(split.account === undefined ? {} : { account: split.account }) };
}

export function parsePositionVerb(verb: 'flat' | 'rev', args: string[]): ParseResult {
  const split = splitAccount(args);
  if ('problem' in split) return error(split.problem);
  const extra: Extra = split.account === undefined ? {} : { account: split.account };
  if (split.rest.length === 0) return error(verb === 'flat' ? 'flat needs a symbol or "all"' : 'rev needs a symbol');
  if (verb === 'flat' && split.rest.length === 1 && split.rest[0]?.toLowerCase() === 'all') return { kind: 'flatten-all', ...extra };
  const symbol = symbolArg(split.rest);
  if ('problem' in symbol) return error(symbol.problem);
  return { kind: verb === 'flat' ? 'flatten' : 'reverse', symbol: symbol.symbol, ...extra };
}

function heldShares(context: ParseContext, account: string | null, symbol: string): number {
  try {
    const held = context.position?.(account, symbol) ?? 0;
    return Number.isFinite(held) ? held : 0;
  } catch {
    return 0;
  }
}

export function parseExit(args: string[], defaults: CommandLineDefaults, context: ParseContext): ParseResult {
  const split = splitAccount(args);
  if ('problem' in split) return error(split.problem);
  const parts = sortTokens(split.rest);
  if ('problem' in parts) return error(parts.problem);
  const found = symbolOf(parts.wordRuns);
  if (found === null) return error('exit needs a symbol');
  if ('problem' in found) return error(found.problem);
  const tif = tifOf(parts.tifTokens, defaults);
  if ('problem' in tif) return error(tif.problem);
  if (parts.tp === undefined && parts.sl === undefined) return error('exit needs tp, sl or both');
  const [quantityToken, ...extra] = parts.items;
  if (extra.length > 0 || (quantityToken !== undefined && quantityToken.kind !== 'number')) {
    return error('exit takes one quantity; prices go after tp and sl');
  }
  const symbol = found.symbol;
  const account = split.account ?? null;
  const held = heldShares(context, account, symbol);
  if (held === 0) return error(`no ${symbol} position to exit${account === null ? '' : ` in @${account}`}`);
  const quantity = quantityToken?.value ?? Math.abs(held);
  if (quantity > Math.abs(held)) return error(`cannot exit ${String(quantity)} shares: ${String(Math.abs(held))} ${symbol} held`);

  const side = held > 0 ? 'SELL' : 'BUY';
  const market = marketReference(side, symbol, context);
  const reference = 'missing' in market ? { problem: market.missing } : { value: market.price };
  const values = exitPrices(parts, symbol, context, reference);
  if ('problem' in values) return error(values.problem);
  const base: ParsedOrder = { account, side, symbol, quantity, tif: tif.tif, type: 'market' };
  const legs: ParsedOrder[] = [];
  if (values.tp !== undefined) legs.push(childOrder(base, side, 'tp', values.tp, parts.ext));
  if (values.sl !== undefined) legs.push(childOrder(base, side, 'sl', values.sl, false));
  const minTick = minTickOf(symbol, context);
  const problem = validateGroup({ kind: 'oco', legs }, { reference: market, ...(minTick === undefined ? {} : { minTick }) });
  return problem === null ? { kind: 'group', group: { kind: 'oco', legs } } : error(problem);
}
