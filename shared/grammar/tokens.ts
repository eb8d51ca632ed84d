// Small pieces every verb's grammar shares: tokens, numbers, accounts, order ids.

import { quoteInput } from '../echo';
import { ACCOUNT_ID_PATTERN } from '../order-rules';
import type { TimeInForce } from '../model';
import type { ParseResult } from './intents';

export const TIF_WORDS = new Map<string, TimeInForce>([
  ['day', 'DAY'],
  ['gtc', 'GTC'],
]);

/** 100, 187.50, .5, -5 (refused later with the rules' sentence), 1,000, $187.50. */
export const NUMBER = /^[+-]?\$?(\d{1,3}(,\d{3})+(\.\d*)?|\d+(\.\d*)?|\.\d+)$/;
/** Starts like a number: a sign, a dollar, a digit, or a dot and a digit. */
export const NUMBERISH = /^([+\-$]|\.?\d)/;
/** Written as a share count: digits (thousands commas allowed), no sign, dot or dollar. */
export const WHOLE = /^(\d{1,3}(,\d{3})+|\d+)$/;

/** Largest order id IB uses (a signed 32-bit int). */
export const MAX_ORDER_ID = 2 ** 31 - 1;

export function numberOf(token: string): number {
  return Number(token.replace(/[$,]/g, ''));
}

export const error = (message: string): ParseResult => ({ kind: 'error', message });

/** `"AAPL"` quoted for a sentence, cut short when long. */
export const q = quoteInput;

/** The account of an `@id` token, or the sentence saying what is wrong with it. */
export function accountToken(token: string, previous: string | undefined): { id: string } | { problem: string } {
  const id = token.slice(1);
  if (id === '') return { problem: '"@" needs an account id after it' };
  if (previous !== undefined) return { problem: `account given twice: "@${previous}" and ${q(token)}` };
  if (!ACCOUNT_ID_PATTERN.test(id) || id.length > 32) {
    return { problem: `account ${q(token)} may use only letters, digits, "_", "-" and "."` };
  }
  return { id };
}

/** Pull `@account` tokens out of a line; the rest keep their order. */
export function splitAccount(args: readonly string[]): { account?: string; rest: string[] } | { problem: string } {
  let account: string | undefined;
  const rest: string[] = [];
  for (const token of args) {
    if (token.startsWith('@')) {
      const parsed = accountToken(token, account);
      if ('problem' in parsed) return parsed;
      account = parsed.id;
    } else {
      rest.push(token);
    }
  }
  return account === undefined ? { rest } : { account, rest };
}

/** `42` or `#42`, as an order id, or null. */
export function orderIdOf(token: string): number | null {
  const digits = token.startsWith('#') ? token.slice(1) : token;
  if (!/^\d+$/.test(digits) || Number(digits) > MAX_ORDER_ID) return null;
  return Number(digits);
}
