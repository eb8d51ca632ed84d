/**
 * The keyboard order-entry grammar (DESIGN.md, "Keyboard order entry"): one line of text
 * -> an intent (an order, a bracket or exit group, a modify, a cancel, a flatten or a
 * reverse) or a specific error sentence. Pure, so the preview under the command line
 * and the send on Enter parse the same way. The grammar lives in shared/grammar/:
 * order-line.ts (buy, sell, bstop, sstop, btrail, strail, tp, sl, ext), verbs.ts
 * (cancel, modify, flat, rev, exit), price.ts (prices, anchors, offsets), tokens.ts.
 *
 *   buy|b   QTY SYMBOL [LIMIT] [tp P] [sl P] [ext]   no price = market, one price = limit
 *   sell|s  QTY SYMBOL [LIMIT] [tp P] [sl P] [ext]
 *   bstop   QTY SYMBOL STOP [LIMIT]     one price = stop, two = stop-limit (stop first)
 *   sstop   QTY SYMBOL STOP [LIMIT]
 *   btrail  QTY SYMBOL AMOUNT|P%        trailing stop (IB TRAIL)
 *   strail  QTY SYMBOL AMOUNT|P%
 *   exit    SYMBOL [QTY] [tp P] [sl P]  OCA pair closing a held position
 *   modify|mod N [qty Q] [lmt P] [stp P] [trail A|P%] [day|gtc]    mod N P = the one price
 *   cancel  ORDER_ID | all | SYMBOL     `cancel #42` also works
 *   flat    SYMBOL | all                rev SYMBOL
 *
 * Quantity and symbol may come in either order (`b AAPL 100 187.50`): the first number
 * is the quantity, the numbers after it are prices (with a default quantity, a first
 * number written as a price, `187.50` or `$187`, is a price). Prices may be quote anchors
 * (`ask`, `bid-0.02`, `last+1%`, `mid`) resolved against the context's quote; tp / sl
 * may be offsets from the entry (`tp +0.50 sl -0.25`, `tp +1%`). `day` / `gtc` may
 * appear anywhere after the verb (GTC when absent), `@ACCOUNT` picks the account.
 * Case-insensitive. `buy 100 DAY` buys Dayforce: a time-in-force word is the symbol when
 * there is no other. A class share may be typed `BRK.B`, `BRK/B`, `BRK-B` or `BRK B`.
 * `tp`, `sl`, `ext`, `bid`, `ask`, `last`, `mid` are keywords, never symbols.
 *
 * Sentences: see the headers of shared/grammar/order-line.ts, verbs.ts and price.ts,
 * plus validateOrder's, validateGroup's and normalizeSymbol's, and:
 *   `unknown verb "purchase": use buy, sell, bstop, sstop, btrail, strail, exit, mod, cancel, flat or rev`
 *   `account given twice: "@paper" and "@live"`   `"@" needs an account id after it`
 *   `account "@my:acct" may use only letters, digits, "_", "-" and "."`
 * No sentence repeats more than 40 characters of what was typed.
 */

import { describeGroup, describeOrder, describeTrail, type DescribableOrder } from './describe-order';
import { formatPrice } from './format';
import type { OrderGroup, OrderRequest } from './model';
import type { CommandLineDefaults, ParseContext, ParseResult, ParsedOrder } from './grammar/intents';
import { ORDER_VERBS, parseOrderLine } from './grammar/order-line';
import { error, q } from './grammar/tokens';
import { parseCancel, parseExit, parseModify, parsePositionVerb } from './grammar/verbs';

export type {
  CommandLineDefaults,
  ParseContext,
  ParseResult,
  ParsedGroup,
  ParsedOrder,
  QuoteSnapshot,
} from './grammar/intents';
export { describeGroup, describeOrder } from './describe-order';

/**
 * Parse one command line. Never throws: every bad line is a `{ kind: 'error' }` with a
 * sentence. `defaults` (the settings' TIF and quantity) apply when the line names none;
 * `context` supplies quotes (anchors, market brackets), positions (exit) and ticks.
 */
export function parseCommandLine(text: string, defaults: CommandLineDefaults = {}, context: ParseContext = {}): ParseResult {
  try {
    const tokens = String(text).trim().split(/\s+/).filter((t) => t !== '');
    const [first, ...args] = tokens;
    if (first === undefined) return { kind: 'empty' };
    const verbWord = first.toLowerCase();
    const given = defaults ?? {};
    const ctx = context ?? {};
    switch (verbWord) {
      case 'cancel':
        return parseCancel(args);
      case 'modify':
      case 'mod':
        return parseModify(args);
      case 'flat':
        return parsePositionVerb('flat', args);
      case 'rev':
        return parsePositionVerb('rev', args);
      case 'exit':
        return parseExit(args, given, ctx);
    }
    const verb = ORDER_VERBS.get(verbWord);
    if (!verb) {
      return error(`unknown verb ${q(first)}: use buy, sell, bstop, sstop, btrail, strail, exit, mod, cancel, flat or rev`);
    }
    return parseOrderLine(verb, args, given, ctx);
  } catch (thrown) {
    // The grammar is total; this guards a context callback that misbehaves in a way we did not foresee.
    return error(`the line could not be read: ${thrown instanceof Error ? thrown.message : String(thrown)}`);
  }
}

const at = (account: string | undefined): string => (account ? ` @${account}` : '');

function describeChanges(parsed: Extract<ParseResult, { kind: 'modify' }>): string {
  const c = parsed.changes;
  const parts: string[] = [];
  if (c.price !== undefined) parts.push(`price ${formatPrice(c.price)}`);
  if (c.quantity !== undefined) parts.push(`qty ${String(c.quantity)}`);
  if (c.limitPrice !== undefined) parts.push(`lmt ${formatPrice(c.limitPrice)}`);
  if (c.stopPrice !== undefined) parts.push(`stp ${formatPrice(c.stopPrice)}`);
  if (c.trail !== undefined) parts.push(`trail ${describeTrail(c.trail)}`);
  if (c.tif !== undefined) parts.push(c.tif);
  return `MODIFY #${parsed.orderId}: ${parts.join(', ')}${at(parsed.account)}`;
}

/** The one preview line for every intent; ok = Enter would act on it. */
export function previewCommand(parsed: ParseResult): { text: string; ok: boolean } {
  switch (parsed.kind) {
    case 'empty':
      return { text: 'buy 100 AAPL · b AAPL 100 187.50 tp 190 sl 185 · btrail 100 AAPL 1% · mod 42 187.60 · cancel 42 · flat AAPL', ok: false };
    case 'error':
      return { text: parsed.message, ok: false };
    case 'order':
      return { text: describeOrder(parsed.order), ok: true };
    case 'group':
      return { text: describeGroup(parsed.group), ok: true };
    case 'modify':
      return { text: describeChanges(parsed), ok: true };
    case 'cancel':
      return { text: `CANCEL #${parsed.orderId}${at(parsed.account)}`, ok: true };
    case 'cancel-all':
      return { text: `CANCEL ALL working orders${parsed.account ? ` @${parsed.account}` : ' in every account'}`, ok: true };
    case 'cancel-symbol':
      return { text: `CANCEL every working ${parsed.symbol} order${parsed.account ? ` @${parsed.account}` : ' in every account'}`, ok: true };
    case 'flatten':
      return { text: `FLAT ${parsed.symbol}: close the position at market${at(parsed.account)}`, ok: true };
    case 'flatten-all':
      return { text: `FLAT ALL positions at market${parsed.account ? ` @${parsed.account}` : ' in every account'}`, ok: true };
    case 'reverse':
      return { text: `REVERSE ${parsed.symbol}: close the position and open the same size on the other side${at(parsed.account)}`, ok: true };
  }
}

/** The words of one order after its verb, without account. */
function orderWords(order: DescribableOrder): string[] {
  const stop = order.type === 'stop' || order.type === 'stop-limit';
  const trail = order.type === 'trailing';
  const b = order.side === 'BUY';
  const verb = trail ? (b ? 'btrail' : 'strail') : stop ? (b ? 'bstop' : 'sstop') : b ? 'buy' : 'sell';
  const parts: string[] = [verb, String(order.quantity), order.symbol.replace(' ', '.')];
  if (order.stopPrice != null && stop) parts.push(formatPrice(order.stopPrice));
  if (order.limitPrice != null && (order.type === 'limit' || order.type === 'stop-limit')) parts.push(formatPrice(order.limitPrice));
  if (trail && order.trail) parts.push('amount' in order.trail ? formatPrice(order.trail.amount) : `${String(order.trail.percent)}%`);
  return parts;
}

function tail(order: DescribableOrder, ext: boolean): string[] {
  const parts = [order.tif.toLowerCase()];
  if (ext) parts.push('ext');
  if (order.account !== null && order.account !== '') parts.push(`@${order.account}`);
  return parts;
}

/**
 * The command line that parses back to `order` (e.g. to prefill the line from a position
 * row): `buy 100 BRK.B 412.50 gtc @paper`. Class shares use a dot so the class letter is
 * never mistaken for a second word.
 */
export function toCommandLine(order: ParsedOrder | OrderRequest): string {
  return [...orderWords(order), ...tail(order, order.outsideRth === true)].join(' ');
}

/** The command line of a group: `buy 100 AAPL 187.50 tp 190.00 sl 185.00 gtc`, `exit AAPL 100 tp 190.00 sl 185.00 gtc`. */
export function groupToCommandLine(group: OrderGroup<ParsedOrder> | OrderGroup): string {
  switch (group.kind) {
    case 'single':
      return toCommandLine(group.order);
    case 'bracket': {
      const parts = orderWords(group.entry);
      if (group.takeProfit?.limitPrice != null) parts.push('tp', formatPrice(group.takeProfit.limitPrice));
      if (group.stopLoss?.stopPrice != null) parts.push('sl', formatPrice(group.stopLoss.stopPrice));
      return [...parts, ...tail(group.entry, group.entry.outsideRth === true)].join(' ');
    }
    case 'oco': {
      const [first] = group.legs;
      if (!first) return '';
      const parts = ['exit', first.symbol.replace(' ', '.'), String(first.quantity)];
      const tp = group.legs.find((leg) => leg.type === 'limit');
      const sl = group.legs.find((leg) => leg.type === 'stop');
      if (tp?.limitPrice != null) parts.push('tp', formatPrice(tp.limitPrice));
      if (sl?.stopPrice != null) parts.push('sl', formatPrice(sl.stopPrice));
      return [...parts, ...tail(first, tp?.outsideRth === true)].join(' ');
    }
  }
}
