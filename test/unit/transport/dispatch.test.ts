import { describe, expect, it } from 'vitest';
import { err, ok, type CommandHandlers, type Result } from '../../../shared/ipc';
import { createDispatcherWith, type PayloadParser } from '../../../electron/transport/dispatch';

// A parser with the real schema's shape: refuses a payload whose `symbol` is not a string.
const parser: PayloadParser = (_command, raw) => {
  const value = raw as { symbol?: unknown };
  if (typeof value?.symbol !== 'string') return err('invalid-payload', 'symbol: expected a string');
  return ok({ symbol: value.symbol.toUpperCase() });
};

function hostWith(resolve: (request: unknown) => Promise<Result<unknown>>) {
  const calls: unknown[] = [];
  const handlers = {
    'symbol.resolve': async (request: unknown) => {
      calls.push(request);
      return resolve(request);
    },
  } as unknown as CommandHandlers;
  return { host: { handlers }, calls };
}

const context = { clientId: 'test:1' };

describe('createDispatcherWith', () => {
  it('hands the parsed payload to the handler and answers its result', async () => {
    const { host, calls } = hostWith(async (request) => ok({ got: request }));
    const dispatch = createDispatcherWith(host, parser);
    const result = await dispatch('symbol.resolve', { symbol: 'aapl' }, context);
    expect(result).toEqual({ ok: true, value: { got: { symbol: 'AAPL' } } });
    expect(calls).toEqual([{ symbol: 'AAPL' }]);
  });

  it('refuses an unknown command without calling any handler', async () => {
    const { host, calls } = hostWith(async () => ok(null));
    const result = await createDispatcherWith(host, parser)('order.explode', {}, context);
    expect(result).toEqual({ ok: false, error: { code: 'unknown-command', message: 'Unknown command "order.explode".' } });
    expect(calls).toEqual([]);
  });

  it('refuses an invalid payload with the parser\'s message and never calls the handler', async () => {
    const { host, calls } = hostWith(async () => ok(null));
    const result = await createDispatcherWith(host, parser)('symbol.resolve', { symbol: 42 }, context);
    expect(result).toEqual({ ok: false, error: { code: 'invalid-payload', message: 'symbol: expected a string' } });
    expect(calls).toEqual([]);
  });

  it('turns a throwing handler into an internal error and reports it', async () => {
    const faults: string[] = [];
    const { host } = hostWith(async () => {
      throw new Error('registry exploded');
    });
    const dispatch = createDispatcherWith(host, parser, (command, error) => faults.push(`${command}: ${(error as Error).message}`));
    const result = await dispatch('symbol.resolve', { symbol: 'MSFT' }, context);
    expect(result).toEqual({
      ok: false,
      error: { code: 'internal', message: 'The symbol.resolve command failed inside the app: registry exploded' },
    });
    expect(faults).toEqual(['symbol.resolve: registry exploded']);
  });

  it('answers internal when a handler returns something that is not a Result', async () => {
    const { host } = hostWith(async () => 'oops' as unknown as Result<unknown>);
    const result = await createDispatcherWith(host, parser)('symbol.resolve', { symbol: 'MSFT' }, context);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('internal');
  });

  it('answers internal when the parser itself throws', async () => {
    const { host, calls } = hostWith(async () => ok(null));
    const throwing: PayloadParser = () => {
      throw new Error('schema bug');
    };
    const result = await createDispatcherWith(host, throwing)('symbol.resolve', { symbol: 'A' }, context);
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'Could not check the symbol.resolve request: schema bug' } });
    expect(calls).toEqual([]);
  });

  it('passes the caller\'s client id through to the handler', async () => {
    const seen: string[] = [];
    const handlers = {
      'symbol.resolve': async (_request: unknown, ctx: { clientId: string }) => {
        seen.push(ctx.clientId);
        return ok(null);
      },
    } as unknown as CommandHandlers;
    await createDispatcherWith({ handlers }, parser)('symbol.resolve', { symbol: 'A' }, { clientId: 'ws:7' });
    expect(seen).toEqual(['ws:7']);
  });
});
