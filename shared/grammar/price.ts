/**
 * Price tokens: plain numbers, quote anchors and offsets.
 *
 *   187.50  $187.50            a price
 *   bid ask last mid           the symbol's quote at the moment the line is parsed
 *   ask+0.01  bid-0.02         an anchor moved by an amount
 *   last+1%   mid-0.5%         an anchor moved by a percent of itself
 *   +0.50  -0.25  +1%          (after tp / sl) an offset from the entry reference
 *
 * Resolved prices round to the instrument's tick when the context knows it, else to
 * 0.01 (0.0001 below $1). Sentences: `no ask for AAPL yet`, `no bid and ask for AAPL yet`
 * (mid).
 */

import { effectiveTick, roundToTick } from '../order-rules';
import type { ParseContext, QuoteSnapshot } from './intents';
import { NUMBER, numberOf } from './tokens';

export type AnchorField = 'bid' | 'ask' | 'last' | 'mid';
export type Offset = { amount: number } | { percent: number };

export type PriceToken =
  | { kind: 'number'; value: number; signed: boolean; text: string }
  | { kind: 'anchor'; field: AnchorField; offset: Offset | null; text: string }
  | { kind: 'percent'; percent: number; text: string };

const ANCHOR = /^(bid|ask|last|mid)(?:([+-])(\d+(?:\.\d*)?|\.\d+)(%)?)?$/i;
const SIGNED_PERCENT = /^([+-])(\d+(?:\.\d*)?|\.\d+)%$/;
const PERCENT = /^(\d+(?:\.\d*)?|\.\d+)%$/;

/** True for words that are prices, never symbols (so BID, ASK, LAST, MID cannot be typed as tickers). */
export function isAnchorWord(token: string): boolean {
  return ANCHOR.test(token);
}

/** A token as a price, an anchor or a percent; null when it is none of them. */
export function priceToken(token: string): PriceToken | null {
  if (NUMBER.test(token)) return { kind: 'number', value: numberOf(token), signed: /^[+-]/.test(token), text: token };
  const anchor = ANCHOR.exec(token);
  if (anchor) {
    const [, field = '', sign, size, percent] = anchor;
    let offset: Offset | null = null;
    if (sign !== undefined && size !== undefined) {
      const value = (sign === '-' ? -1 : 1) * Number(size);
      offset = percent === undefined ? { amount: value } : { percent: value };
    }
    return { kind: 'anchor', field: field.toLowerCase() as AnchorField, offset, text: token };
  }
  const signed = SIGNED_PERCENT.exec(token);
  if (signed) return { kind: 'percent', percent: (signed[1] === '-' ? -1 : 1) * Number(signed[2]), text: token };
  const plain = PERCENT.exec(token);
  if (plain) return { kind: 'percent', percent: Number(plain[1]), text: token };
  return null;
}

/** Round a computed price to the tick (known) or to cents (4 decimals under $1). */
export function roundPrice(price: number, minTick: number | undefined): number {
  if (!Number.isFinite(price)) return price;
  if (minTick !== undefined && minTick > 0) return roundToTick(price, effectiveTick(price, minTick));
  return roundToTick(price, Math.abs(price) < 1 ? 0.0001 : 0.01);
}

export function applyOffset(base: number, offset: Offset | null): number {
  if (offset === null) return base;
  return 'amount' in offset ? base + offset.amount : base * (1 + offset.percent / 100);
}

function usable(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

/** The quote field's value now, or the sentence saying it is missing. */
export function quoteField(
  field: AnchorField,
  symbol: string,
  context: ParseContext,
): { value: number } | { problem: string } {
  let quote: QuoteSnapshot | undefined;
  try {
    quote = context.quote?.(symbol);
  } catch {
    quote = undefined;
  }
  if (field === 'mid') {
    if (usable(quote?.bid) && usable(quote?.ask)) return { value: (quote.bid + quote.ask) / 2 };
    return { problem: `no bid and ask for ${symbol} yet` };
  }
  const value = quote?.[field];
  return usable(value) ? { value } : { problem: `no ${field} for ${symbol} yet` };
}

export function minTickOf(symbol: string, context: ParseContext): number | undefined {
  try {
    return context.minTick?.(symbol);
  } catch {
    return undefined;
  }
}

/**
 * A price token as a number: plain prices as typed, anchors resolved now and rounded.
 * `relativeTo` is the base for an offset token (`+0.50`, `-1%`) and null where offsets
 * mean nothing (an entry price).
 */
export function resolvePrice(
  token: PriceToken,
  symbol: string,
  context: ParseContext,
  relativeTo: { value: number } | { problem: string } | null,
): { value: number } | { problem: string } {
  const tick = minTickOf(symbol, context);
  if (token.kind === 'anchor') {
    const base = quoteField(token.field, symbol, context);
    if ('problem' in base) return base;
    return { value: roundPrice(applyOffset(base.value, token.offset), tick) };
  }
  const isOffset = token.kind === 'percent' || token.signed;
  if (relativeTo !== null && isOffset) {
    if ('problem' in relativeTo) return relativeTo;
    const offset: Offset = token.kind === 'percent' ? { percent: token.percent } : { amount: token.value };
    return { value: roundPrice(applyOffset(relativeTo.value, offset), tick) };
  }
  if (token.kind === 'percent') return { problem: `${JSON.stringify(token.text)} is a percent where a price belongs` };
  return { value: token.value };
}
