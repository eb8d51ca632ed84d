// The building blocks of the payload schemas (ids, symbols, an order request) and the
// sentences that describe a payload's problems. Split from schema.ts so the order-command
// schemas can use them while schema.ts registers those schemas (no import cycle).

import { z } from 'zod';
import type { OrderRequest } from './model';
import { ACCOUNT_ID_PATTERN } from './order-rules';

// ---------------------------------------------------------------- building blocks

export const MAX_INT32 = 2 ** 31 - 1;

/** Account ids appear as `@id` on the command line and inside order keys (`id:orderId`). */
export const accountId = z
  .string()
  .min(1)
  .max(32)
  // An empty id is reported once, by min(1), not again by the pattern.
  .refine((id) => id === '' || ACCOUNT_ID_PATTERN.test(id), {
    error: 'may use only letters, digits, "_", "-" and "."',
  });

/** Symbols as typed: the registry normalises them and explains a bad one. */
export const typedSymbol = z.string().min(1).max(32);

export const side = z.enum(['BUY', 'SELL']);
export const orderType = z.enum(['market', 'limit', 'stop', 'stop-limit', 'trailing']);
export const tif = z.enum(['GTC', 'DAY']);
/** A trail: `{ amount }` or `{ percent }` (the rules check their ranges). */
export const trailSchema = z.union([z.strictObject({ amount: z.number() }), z.strictObject({ percent: z.number() })]);

/**
 * An order as sent. Only the shape is checked here; the order rules (quantity, prices
 * per type, ticks, limits) run in the host with the instrument and settings at hand.
 * A null price means "none" (forms and JSON produce it) and is dropped, like the rules do.
 */
export const orderRequestSchema = z
  .strictObject({
    account: accountId,
    side,
    symbol: typedSymbol,
    quantity: z.number(),
    type: orderType,
    limitPrice: z.number().nullish(),
    stopPrice: z.number().nullish(),
    tif,
    trail: trailSchema.nullish(),
    outsideRth: z.boolean().optional(),
  })
  .transform(({ limitPrice, stopPrice, trail, outsideRth, ...rest }): OrderRequest => {
    const order: OrderRequest = { ...rest };
    if (limitPrice != null) order.limitPrice = limitPrice;
    if (stopPrice != null) order.stopPrice = stopPrice;
    if (trail != null) order.trail = trail;
    // false is the default: left out, so a request without it and one with false are the same order.
    if (outsideRth === true) order.outsideRth = true;
    return order;
  }) satisfies z.ZodType<OrderRequest>;

/** A command without arguments: `{}`, or nothing at all from a transport that drops it. */
// ---------------------------------------------------------------- error sentences

type Issue = z.core.$ZodIssue;
type PathKey = PropertyKey;

/** `order.quantity`, `settings.accounts[1].port`; `root` when the problem is the value itself. */
export function formatPath(path: readonly PathKey[], root: string): string {
  if (path.length === 0) return root;
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text;
}

/** The raw value at `path`, read from the input (not the issue) so every code can show it. */
function valueAt(raw: unknown, path: readonly PathKey[]): unknown {
  let value = raw;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** A value as a trader reads it: strings quoted (and cut short), lists and objects by kind. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    return value.length > 40 ? `${JSON.stringify(value.slice(0, 40))}…` : JSON.stringify(value);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

const EXPECTED: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  null: 'null',
};

function describeLimit(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>, bound: number | bigint): string {
  const small = issue.code === 'too_small';
  switch (issue.origin) {
    case 'string':
      if (small && Number(bound) === 1) return 'must not be empty';
      return `must be ${small ? 'at least' : 'at most'} ${String(bound)} characters`;
    case 'array':
    case 'set':
      return `must have ${small ? 'at least' : 'at most'} ${String(bound)} items`;
    default:
      if (issue.inclusive === false) return `must be ${small ? 'greater' : 'less'} than ${String(bound)}`;
      return `must be ${small ? 'at least' : 'at most'} ${String(bound)}`;
  }
}

function describeIssue(issue: Issue, raw: unknown, root: string): string {
  const at = formatPath(issue.path, root);
  const got = describeValue(valueAt(raw, issue.path));
  switch (issue.code) {
    case 'invalid_type':
      return `${at}: expected ${EXPECTED[issue.expected] ?? issue.expected}, got ${got}`;
    case 'invalid_value': {
      const options = issue.values.map((v) => (typeof v === 'string' ? JSON.stringify(v) : String(v)));
      const list = options.length <= 2 ? options.join(' or ') : `${options.slice(0, -1).join(', ')} or ${options.at(-1)}`;
      return `${at}: expected ${list}, got ${got}`;
    }
    case 'too_small': {
      const limit = describeLimit(issue, issue.minimum);
      return limit === 'must not be empty' ? `${at}: ${limit}` : `${at}: ${limit}, got ${got}`;
    }
    case 'too_big':
      return `${at}: ${describeLimit(issue, issue.maximum)}, got ${got}`;
    case 'unrecognized_keys': {
      const keys = issue.keys.map((k) => JSON.stringify(k)).join(', ');
      return `${at}: unknown field${issue.keys.length > 1 ? 's' : ''} ${keys}`;
    }
    case 'invalid_format':
      return `${at}: ${issue.message}, got ${got}`;
    case 'custom': {
      // params.names says how much the rule's own sentence already names.
      const names: unknown = issue.params?.['names'];
      if (names === 'all') return issue.message;
      if (names === 'value') return `${at}: ${issue.message}`;
      return `${at}: ${issue.message}, got ${got}`;
    }
    case 'invalid_union':
      return describeUnion(issue, raw, root, at, got);
    default:
      return `${at}: ${issue.message}`;
  }
}

/**
 * A value that fits no branch of a union: for a discriminated union, the allowed kinds;
 * otherwise the problem of the branch that came closest (fewest problems, the object one
 * first), so `{ all: false }` reads `symbol.all: expected true, got false`.
 */
function describeUnion(issue: Extract<Issue, { code: 'invalid_union' }>, raw: unknown, root: string, at: string, got: string): string {
  const options = (issue as { options?: unknown }).options;
  if (Array.isArray(options)) {
    const names = options.map((v) => (typeof v === 'string' ? JSON.stringify(v) : String(v)));
    const list = names.length <= 2 ? names.join(' or ') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
    return `${at}: expected ${list}, got ${got}`;
  }
  const branches = issue.errors.filter((branch) => branch.length > 0);
  const deepest = (branch: readonly Issue[]): number => Math.max(...branch.map((i) => i.path.length));
  const best = branches.reduce<readonly Issue[] | undefined>(
    (chosen, branch) => (chosen === undefined || branch.length < chosen.length || (branch.length === chosen.length && deepest(branch) > deepest(chosen)) ? branch : chosen),
    undefined,
  );
  const first = best?.[0];
  if (!first) return `${at}: ${issue.message}`;
  return describeIssue({ ...first, path: [...issue.path, ...first.path] } as Issue, raw, root);
}

/** The first problem as a sentence, with a count of the rest so nothing is hidden. */
export function describeIssues(issues: readonly Issue[], raw: unknown, root: string): string {
  const [first] = issues;
  if (!first) return `${root}: invalid`;
  const more = issues.length - 1;
  const text = describeIssue(first, raw, root);
  return more > 0 ? `${text} (and ${more} more problem${more > 1 ? 's' : ''})` : text;
}

