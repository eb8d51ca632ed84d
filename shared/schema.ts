// Runtime schemas for everything that crosses a trust boundary into main: every command
// payload of shared/ipc.ts and the settings file. Main trusts nothing: a payload that
// does not match gets a Result error naming the field and the problem, never a throw.
//
// Objects are strict: an unknown field is refused rather than dropped, because a
// misspelt field (`limit` for `limitPrice`, `maxQuantiy`) silently ignored would turn
// a limit order into a market order or switch a risk limit off.

import { z } from 'zod';
import { err, ok, type CommandName, type CommandRequest, type Result } from './ipc';
import type { AccountConfig, OrderRequest, RiskLimits, Settings } from './model';
import { accountClashes } from './account-rules';
import { ACCOUNT_ID_PATTERN } from './order-rules';
import { normalizeSymbol } from './symbols';
import { workspaceSchema } from './workspace-schema';

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
const empty = z.strictObject({}).default(() => ({}));

// ---------------------------------------------------------------- settings

export const accountConfigSchema = z.strictObject({
  id: accountId,
  name: z.string().min(1).max(64),
  broker: z.enum(['ib', 'webull']).default('ib'),
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65535),
  clientId: z.number().int().min(0).max(MAX_INT32),
  accountCode: z.string().max(32).default(''),
  enabled: z.boolean().default(true),
  appKey: z.string().max(128).optional(),
  region: z.enum(['us', 'hk', 'jp']).optional(),
}) satisfies z.ZodType<AccountConfig>;

/** A watchlist entry: normalised to IB's spelling, or refused with normalizeSymbol's reason. */
const watchlistSymbol = z.string().max(32).transform((raw, ctx) => {
  const result = normalizeSymbol(raw);
  if (result.ok) return result.symbol;
  // The reason already quotes the symbol: show it after the path, without ", got".
  ctx.addIssue({ code: 'custom', message: result.reason, params: { names: 'value' } });
  return z.NEVER;
});

/** Rules between accounts that no single field can check. */
function crossAccountProblems(settings: Settings): string[] {
  const problems = accountClashes(settings.accounts).map((clash) => clash.message);
  const ids = new Set(settings.accounts.map((a) => a.id.toLowerCase()));
  const defaultAccount = settings.defaults.account;
  if (defaultAccount !== null && !ids.has(defaultAccount.toLowerCase())) {
    problems.push(`the default account "${defaultAccount}" is not one of the configured accounts`);
  }
  return problems;
}

/**
 * The rate guard's defaults, per account. A keyboard trader sends at most 2-3 deliberate orders
 * in a second (scaling in, a ladder); a stuck key auto-repeats at ~30/s and would reach the 6th
 * order within 200 ms. 60 a minute leaves room for a burst of ladders but stops a runaway
 * repeat or macro before it floods IB (which allows 50 messages/s per connection in total).
 */
export const DEFAULT_ORDER_RATE = { perSecond: 5, perMinute: 60 } as const;

function defaultRisk(): Required<RiskLimits> {
  return {
    maxQuantity: null,
    maxNotional: null,
    priceBandPercent: 5,
    maxOrdersPerSecond: DEFAULT_ORDER_RATE.perSecond,
    maxOrdersPerMinute: DEFAULT_ORDER_RATE.perMinute,
  };
}

/** The settings a first start uses: no accounts (the embedded simulator), GTC, 100 shares. */
export function defaultSettings(): Settings {
  return {
    version: 1,
    accounts: [],
    defaults: { tif: 'GTC', quantity: 100, account: null },
    risk: defaultRisk(),
    confirm: { quantityAbove: 1000, notionalAbove: 100_000 },
    watchlist: ['AAPL', 'MSFT', 'SPY'],
  };
}

/**
 * Settings, as saved or as sent by settings.update. Whole sections that are missing
 * (a hand-written file with only `version` and `accounts`) take their defaults;
 * anything present must be right.
 */
export const settingsSchema = z
  .strictObject({
    version: z.literal(1),
    accounts: z.array(accountConfigSchema).max(64),
    defaults: z
      .strictObject({
        tif,
        quantity: z.number().int().min(1).max(10_000_000),
        account: z.string().min(1).nullable(),
      })
      .default(() => defaultSettings().defaults),
    risk: z
      .strictObject({
        maxQuantity: z.number().int().min(1).nullable(),
        maxNotional: z.number().positive().nullable(),
        priceBandPercent: z.number().positive().max(100).nullable(),
        maxOrdersPerSecond: z.number().int().min(1).max(1_000).nullable().default(DEFAULT_ORDER_RATE.perSecond),
        maxOrdersPerMinute: z.number().int().min(1).max(100_000).nullable().default(DEFAULT_ORDER_RATE.perMinute),
      })
      .default(defaultRisk),
    confirm: z
      .strictObject({
        quantityAbove: z.number().int().min(0).nullable(),
        notionalAbove: z.number().min(0).nullable(),
      })
      .default(() => defaultSettings().confirm),
    watchlist: z
      .array(watchlistSymbol)
      .max(500)
      .transform((symbols) => [...new Set(symbols)])
      .default(() => defaultSettings().watchlist),
    workspace: workspaceSchema.optional(),
  })
  .superRefine((settings, ctx) => {
    for (const message of crossAccountProblems(settings)) {
      // A rule across fields has no one path: the sentence names what clashes.
      ctx.addIssue({ code: 'custom', message, params: { names: 'all' } });
    }
  }) satisfies z.ZodType<Settings>;

// ---------------------------------------------------------------- commands

/**
 * One schema per command of shared/ipc.ts. The mapped type makes TypeScript check that
 * every command has a schema and that each schema's output fits the request type.
 */
export const commandSchemas: { [C in CommandName]: z.ZodType<CommandRequest<C>> } = {
  'app.snapshot': empty,
  'order.place': z.strictObject({ order: orderRequestSchema }),
  'order.cancel': z.strictObject({ account: accountId, orderId: z.number().int().min(0).max(MAX_INT32) }),
  'order.cancelAll': z.strictObject({ account: accountId.optional() }).default(() => ({})),
  'symbol.resolve': z.strictObject({ symbol: typedSymbol }),
  'quotes.subscribe': z.strictObject({ symbol: typedSymbol }),
  'quotes.unsubscribe': z.strictObject({ symbol: typedSymbol }),
  'watchlist.set': z.strictObject({ symbols: z.array(z.string().max(32)).max(500) }),
  'settings.get': empty,
  'settings.update': z.strictObject({ settings: settingsSchema }),
  'session.connect': z.strictObject({ account: accountId }),
  'session.disconnect': z.strictObject({ account: accountId }),
  'secret.set': z.strictObject({ account: accountId, secret: z.string().min(1).max(256) }),
};

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

// ---------------------------------------------------------------- entry points

function isCommandName(command: string): command is CommandName {
  return Object.hasOwn(commandSchemas, command);
}

/**
 * Check a command's payload against its schema. Answers `unknown-command` for a name
 * not in the contract and `invalid-payload` naming the field (`order.quantity: expected
 * a number, got "100"`); the value is the parsed request (defaults filled in). Never throws.
 */
export function parseCommandRequest<C extends CommandName>(command: C, raw: unknown): Result<CommandRequest<C>>;
export function parseCommandRequest(command: string, raw: unknown): Result<unknown>;
export function parseCommandRequest(command: string, raw: unknown): Result<unknown> {
  try {
    if (typeof command !== 'string' || !isCommandName(command)) {
      return err('unknown-command', `unknown command ${describeValue(command)}`);
    }
    const schema: z.ZodType<unknown> = commandSchemas[command];
    const parsed = schema.safeParse(raw);
    if (parsed.success) return ok(parsed.data);
    return err('invalid-payload', describeIssues(parsed.error.issues, raw, 'request'));
  } catch (error) {
    // Zod does not throw on data, but a hostile object (a throwing getter) could.
    return err('invalid-payload', `request could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Check a settings document (file or settings.update). Answers `settings-invalid` with the first problem. */
export function parseSettings(raw: unknown): Result<Settings> {
  try {
    const parsed = settingsSchema.safeParse(raw);
    if (parsed.success) return ok(parsed.data);
    return err('settings-invalid', describeIssues(parsed.error.issues, raw, 'settings'));
  } catch (error) {
    return err('settings-invalid', `settings could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}
