// Runtime schemas for everything that crosses a trust boundary into main: every command
// payload of shared/ipc.ts and the settings file. Main trusts nothing: a payload that
// does not match gets a Result error naming the field and the problem, never a throw.
//
// Objects are strict: an unknown field is refused rather than dropped, because a
// misspelt field (`limit` for `limitPrice`, `maxQuantiy`) silently ignored would turn
// a limit order into a market order or switch a risk limit off.

import { z } from 'zod';
import { err, ok, type CommandName, type CommandRequest, type Result } from './ipc';
import type { AccountConfig, RiskLimits, Settings } from './model';
import { accountClashes } from './account-rules';
import { cancelSymbolSchema, flattenSchema, modifyOrderSchema, placeGroupSchema, reverseSchema } from './order-command-schemas';
import { MAX_INT32, accountId, describeIssues, describeValue, orderRequestSchema, tif, typedSymbol } from './schema-parts';
import { normalizeSymbol } from './symbols';
import { workspaceSchema } from './workspace-schema';

export {
  MAX_INT32,
  accountId,
  describeIssues,
  describeValue,
  formatPath,
  orderRequestSchema,
  orderType,
  side,
  tif,
  trailSchema,
  typedSymbol,
} from './schema-parts';

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
  // One order goes through order.place; this command carries only what needs linking.
  'order.placeGroup': placeGroupSchema.refine((request) => request.group.kind !== 'single', {
    error: 'order.placeGroup takes a bracket or an OCA group (a single order goes through order.place)',
    path: ['group', 'kind'],
  }),
  'order.modify': modifyOrderSchema,
  'order.cancelSymbol': cancelSymbolSchema,
  'position.flatten': flattenSchema,
  'position.reverse': reverseSchema,
  'symbol.resolve': z.strictObject({ symbol: typedSymbol }),
  'quotes.subscribe': z.strictObject({ symbol: typedSymbol }),
  'quotes.unsubscribe': z.strictObject({ symbol: typedSymbol }),
  'watchlist.set': z.strictObject({ symbols: z.array(z.string().max(32)).max(500) }),
  'settings.get': empty,
  'settings.update': z.strictObject({ settings: settingsSchema }),
  'workspace.save': z.strictObject({ workspace: workspaceSchema }),
  'session.connect': z.strictObject({ account: accountId }),
  'session.disconnect': z.strictObject({ account: accountId }),
  'secret.set': z.strictObject({ account: accountId, secret: z.string().min(1).max(256) }),
};

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
