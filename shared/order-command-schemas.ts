// zod schemas for the order commands of shared/order-commands.ts. Shapes only, strict
// like every command payload; the order and group rules run in the host with the
// instrument, quote and position at hand. Not in the Commands map of shared/ipc.ts yet:
// parseOrderCommand checks a payload the same way parseCommandRequest does.

import { z } from 'zod';
import { err, ok, type Result } from './ipc';
import type { OrderGroup } from './model';
import type {
  CancelSymbolRequest,
  FlattenRequest,
  ModifyOrderRequest,
  PlaceGroupRequest,
  ReverseRequest,
} from './order-commands';
import { MAX_INT32, accountId, describeIssues, describeValue, orderRequestSchema, orderType, side, tif, trailSchema, typedSymbol } from './schema-parts';

const orderId = z.number().int().min(0).max(MAX_INT32);

export const orderGroupSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('single'), order: orderRequestSchema }),
  z.strictObject({
    kind: z.literal('bracket'),
    entry: orderRequestSchema,
    takeProfit: orderRequestSchema.optional(),
    stopLoss: orderRequestSchema.optional(),
  }),
  // Two legs for an exit (take-profit and stop-loss); more is allowed by OCA, not by us.
  z.strictObject({ kind: z.literal('oco'), legs: z.array(orderRequestSchema).min(1).max(2) }),
]) satisfies z.ZodType<OrderGroup>;

export const placeGroupSchema = z.strictObject({ group: orderGroupSchema }) satisfies z.ZodType<PlaceGroupRequest>;

export const orderChangesSchema = z.strictObject({
  quantity: z.number().optional(),
  limitPrice: z.number().optional(),
  stopPrice: z.number().optional(),
  trail: trailSchema.optional(),
  tif: tif.optional(),
  price: z.number().optional(),
  side: side.optional(),
  symbol: typedSymbol.optional(),
  type: orderType.optional(),
});

export const modifyOrderSchema = z.strictObject({
  account: accountId,
  orderId,
  changes: orderChangesSchema,
}) satisfies z.ZodType<ModifyOrderRequest>;

export const cancelSymbolSchema = z.strictObject({
  account: accountId.optional(),
  symbol: typedSymbol,
}) satisfies z.ZodType<CancelSymbolRequest>;

export const flattenSchema = z.strictObject({
  account: accountId.optional(),
  symbol: z.union([typedSymbol, z.strictObject({ all: z.literal(true) })]),
}) satisfies z.ZodType<FlattenRequest>;

export const reverseSchema = z.strictObject({
  account: accountId.optional(),
  symbol: typedSymbol,
}) satisfies z.ZodType<ReverseRequest>;

/** The command names these schemas will be registered under (DESIGN.md). */
export const orderCommandSchemas = {
  'order.placeGroup': placeGroupSchema,
  'order.modify': modifyOrderSchema,
  'order.cancelSymbol': cancelSymbolSchema,
  'position.flatten': flattenSchema,
  'position.reverse': reverseSchema,
} as const;

export type OrderCommandName = keyof typeof orderCommandSchemas;
export type OrderCommandRequest<C extends OrderCommandName> = z.output<(typeof orderCommandSchemas)[C]>;

/** Check a payload like parseCommandRequest: the parsed request, or `invalid-payload` naming the field. Never throws. */
export function parseOrderCommand<C extends OrderCommandName>(command: C, raw: unknown): Result<OrderCommandRequest<C>> {
  try {
    if (!Object.hasOwn(orderCommandSchemas, command)) return err('unknown-command', `unknown command ${describeValue(command)}`);
    const schema: z.ZodType<unknown> = orderCommandSchemas[command];
    const parsed = schema.safeParse(raw);
    // The schema of `command` produced it, so it is that command's request.
    if (parsed.success) return ok(parsed.data as OrderCommandRequest<C>);
    return err('invalid-payload', describeIssues(parsed.error.issues, raw, 'request'));
  } catch (error) {
    return err('invalid-payload', `request could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}
