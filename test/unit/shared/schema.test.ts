import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { COMMAND_NAMES, type CommandName, type CommandRequest } from '../../../shared/ipc';
import type { AccountConfig, Settings } from '../../../shared/model';
import { commandSchemas, defaultSettings, parseCommandRequest, parseSettings } from '../../../shared/schema';

const order = { account: 'paper', side: 'BUY', symbol: 'AAPL', quantity: 100, type: 'limit', limitPrice: 187.5, tif: 'GTC' };

const account = (patch: Partial<AccountConfig>): AccountConfig => ({
  id: 'paper',
  name: 'Paper',
  broker: 'ib',
  host: '127.0.0.1',
  port: 4002,
  clientId: 7,
  accountCode: '',
  enabled: true,
  ...patch,
});
const settingsWith = (patch: Partial<Settings>): Settings => ({ ...defaultSettings(), ...patch });

function problem(result: { ok: boolean; error?: { code: string; message: string } }): string {
  if (result.ok) throw new Error('expected a refusal');
  return `${result.error?.code}: ${result.error?.message}`;
}

describe('commandSchemas', () => {
  it('has a schema for every command of the contract', () => {
    expect(Object.keys(commandSchemas).sort()).toEqual([...COMMAND_NAMES].sort());
  });

  it('is checked by TypeScript against the request types', () => {
    type SchemaFor<C extends CommandName> = z.ZodType<CommandRequest<C>>;
    // @ts-expect-error an order id that is text is not the order.cancel request
    const wrongField: SchemaFor<'order.cancel'> = z.strictObject({ account: z.string(), orderId: z.string() });
    // @ts-expect-error a schema missing the order is not the order.place request
    const missingField: SchemaFor<'order.place'> = z.strictObject({});
    expect([wrongField, missingField]).toHaveLength(2);
  });

  it('accepts a valid payload of every command', () => {
    const valid: { [C in CommandName]: CommandRequest<C> } = {
      'app.snapshot': {},
      'order.place': { order: order as CommandRequest<'order.place'>['order'] },
      'order.cancel': { account: 'paper', orderId: 42 },
      'order.cancelAll': {},
      'symbol.resolve': { symbol: 'brk.b' },
      'quotes.subscribe': { symbol: 'AAPL' },
      'quotes.unsubscribe': { symbol: 'AAPL' },
      'watchlist.set': { symbols: ['AAPL', 'msft'] },
      'settings.get': {},
      'settings.update': { settings: defaultSettings() },
      'session.connect': { account: 'paper' },
      'session.disconnect': { account: 'paper' },
      'secret.set': { account: 'paper', secret: 's3cret' },
    };
    for (const name of COMMAND_NAMES) {
      expect(parseCommandRequest(name, valid[name])).toEqual({ ok: true, value: valid[name] });
    }
    expect(parseCommandRequest('order.cancelAll', { account: 'live' })).toEqual({ ok: true, value: { account: 'live' } });
    // Commands without arguments also take no payload at all (a transport may drop `{}`).
    expect(parseCommandRequest('app.snapshot', undefined)).toEqual({ ok: true, value: {} });
    expect(parseCommandRequest('order.cancelAll', undefined)).toEqual({ ok: true, value: {} });
    expect(problem(parseCommandRequest('settings.get', null))).toBe('invalid-payload: request: expected an object, got null');
  });
});

describe('order.place payloads', () => {
  it('drops a null or undefined price, the way the order rules read it', () => {
    const market = { account: 'paper', side: 'SELL', symbol: 'AAPL', quantity: 5, type: 'market', tif: 'DAY' };
    expect(parseCommandRequest('order.place', { order: { ...market, limitPrice: null, stopPrice: undefined } })).toEqual({
      ok: true,
      value: { order: market },
    });
    const parsed = parseCommandRequest('order.place', { order: { ...market, limitPrice: null } });
    expect(parsed.ok && Object.keys(parsed.value.order)).not.toContain('limitPrice');
  });
});

describe('parseCommandRequest refusals name the field and the problem', () => {
  it.each<[string, unknown, string]>([
    ['order.place', { order: { ...order, quantity: '100' } }, 'invalid-payload: order.quantity: expected a number, got "100"'],
    ['order.place', { order: { ...order, side: 'buy' } }, 'invalid-payload: order.side: expected "BUY" or "SELL", got "buy"'],
    [
      'order.place',
      { order: { ...order, type: 'peg' } },
      'invalid-payload: order.type: expected "market", "limit", "stop", "stop-limit" or "trailing", got "peg"',
    ],
    ['order.place', { order: { ...order, tif: 'IOC' } }, 'invalid-payload: order.tif: expected "GTC" or "DAY", got "IOC"'],
    ['order.place', { order: { ...order, limitPrice: '187.50' } }, 'invalid-payload: order.limitPrice: expected a number, got "187.50"'],
    ['order.place', { order: { ...order, limitPrice: Number.NaN } }, 'invalid-payload: order.limitPrice: expected a number, got NaN'],
    ['order.place', { order: { ...order, limit: 187.5 } }, 'invalid-payload: order: unknown field "limit"'],
    ['order.place', { order: { ...order, account: '' } }, 'invalid-payload: order.account: must not be empty'],
    ['order.place', { order: { ...order, account: 'my paper' } }, 'invalid-payload: order.account: may use only letters, digits, "_", "-" and ".", got "my paper"'],
    ['order.place', {}, 'invalid-payload: order: expected an object, got nothing'],
    ['order.place', null, 'invalid-payload: request: expected an object, got null'],
    ['order.place', 'buy 100 AAPL', 'invalid-payload: request: expected an object, got "buy 100 AAPL"'],
    ['order.place', [], 'invalid-payload: request: expected an object, got a list'],
    ['order.cancel', { account: 'paper', orderId: 4.5 }, 'invalid-payload: orderId: expected a whole number, got 4.5'],
    ['order.cancel', { account: 'paper', orderId: -1 }, 'invalid-payload: orderId: must be at least 0, got -1'],
    ['order.cancel', { orderId: 1 }, 'invalid-payload: account: expected text, got nothing'],
    ['symbol.resolve', { symbol: 42 }, 'invalid-payload: symbol: expected text, got 42'],
    ['symbol.resolve', { symbol: 'x'.repeat(33) }, `invalid-payload: symbol: must be at most 32 characters, got "${'x'.repeat(33)}"`],
    ['symbol.resolve', { symbol: 'y'.repeat(50) }, `invalid-payload: symbol: must be at most 32 characters, got "${'y'.repeat(40)}"…`],
    ['watchlist.set', { symbols: ['AAPL', 7] }, 'invalid-payload: symbols[1]: expected text, got 7'],
    ['app.snapshot', { extra: true }, 'invalid-payload: request: unknown field "extra"'],
    ['session.connect', { account: 'a', b: 1, c: 2 }, 'invalid-payload: request: unknown fields "b", "c"'],
    [
      'order.place',
      { order: { ...order, quantity: '1', side: 'x' } },
      'invalid-payload: order.side: expected "BUY" or "SELL", got "x" (and 1 more problem)',
    ],
  ])('%s %j', (command, raw, message) => {
    expect(problem(parseCommandRequest(command, raw))).toBe(message);
  });

  it('answers unknown-command for a name outside the contract, including prototype names', () => {
    expect(problem(parseCommandRequest('order.modify', {}))).toBe('unknown-command: unknown command "order.modify"');
    expect(problem(parseCommandRequest('constructor', {}))).toBe('unknown-command: unknown command "constructor"');
    expect(problem(parseCommandRequest('__proto__', {}))).toBe('unknown-command: unknown command "__proto__"');
  });

  it('never throws, even on a payload whose getter throws', () => {
    const hostile = {
      get order(): never {
        throw new Error('boom');
      },
    };
    const result = parseCommandRequest('order.place', hostile);
    expect(result.ok).toBe(false);
    expect(problem(result)).toMatch(/^invalid-payload: /);
  });
});

describe('settings', () => {
  it('has the documented defaults', () => {
    expect(defaultSettings()).toEqual({
      version: 1,
      accounts: [],
      defaults: { tif: 'GTC', quantity: 100, account: null },
      risk: { maxQuantity: null, maxNotional: null, priceBandPercent: 5, maxOrdersPerSecond: 5, maxOrdersPerMinute: 60 },
      confirm: { quantityAbove: 1000, notionalAbove: 100000 },
      watchlist: ['AAPL', 'MSFT', 'SPY'],
    });
    expect(parseSettings(defaultSettings())).toEqual({ ok: true, value: defaultSettings() });
  });

  it('accepts accounts on different gateways or with different client ids', () => {
    const settings = settingsWith({
      accounts: [
        account({}),
        account({ id: 'live', name: 'Live', port: 4001 }),
        account({ id: 'paper2', name: 'Paper 2', clientId: 8 }),
        account({ id: 'remote', name: 'Remote', host: '10.0.0.5' }),
      ],
      defaults: { tif: 'DAY', quantity: 50, account: 'live' },
    });
    expect(parseSettings(settings)).toEqual({ ok: true, value: settings });
  });

  it('refuses two accounts sharing a client id on one gateway', () => {
    const settings = settingsWith({ accounts: [account({}), account({ id: 'live', name: 'Live' })] });
    expect(problem(parseSettings(settings))).toBe(
      'settings-invalid: accounts "Paper" and "Live" both use client id 7 on 127.0.0.1:4002',
    );
  });

  it('treats localhost and 127.0.0.1 as the same gateway', () => {
    const settings = settingsWith({ accounts: [account({}), account({ id: 'live', name: 'Live', host: 'localhost' })] });
    expect(problem(parseSettings(settings))).toBe(
      'settings-invalid: accounts "Paper" and "Live" both use client id 7 on 127.0.0.1:4002',
    );
  });

  it('refuses duplicate account ids and a default account that does not exist', () => {
    const twice = settingsWith({ accounts: [account({}), account({ name: 'Other', clientId: 9 })] });
    expect(problem(parseSettings(twice))).toBe('settings-invalid: accounts "Paper" and "Other" both have the id "paper"');
    const dangling = settingsWith({ accounts: [account({})], defaults: { tif: 'GTC', quantity: 100, account: 'live' } });
    expect(problem(parseSettings(dangling))).toBe(
      'settings-invalid: the default account "live" is not one of the configured accounts',
    );
  });

  it.each<[string, unknown, string]>([
    ['port 0', { accounts: [account({ port: 0 })] }, 'accounts[0].port: must be at least 1, got 0'],
    ['port 70000', { accounts: [account({ port: 70000 })] }, 'accounts[0].port: must be at most 65535, got 70000'],
    ['client id -1', { accounts: [account({ clientId: -1 })] }, 'accounts[0].clientId: must be at least 0, got -1'],
    ['client id 2^31', { accounts: [account({ clientId: 2 ** 31 })] }, 'accounts[0].clientId: must be at most 2147483647, got 2147483648'],
    ['client id text', { accounts: [account({ clientId: '7' as unknown as number })] }, 'accounts[0].clientId: expected a number, got "7"'],
    ['empty host', { accounts: [account({ host: '' })] }, 'accounts[0].host: must not be empty'],
    ['version 2', { version: 2 }, 'version: expected 1, got 2'],
    ['band 0', { risk: { maxQuantity: null, maxNotional: null, priceBandPercent: 0 } }, 'risk.priceBandPercent: must be greater than 0, got 0'],
    ['rate guard 0/s', { risk: { ...defaultSettings().risk, maxOrdersPerSecond: 0 } }, 'risk.maxOrdersPerSecond: must be at least 1, got 0'],
    ['rate guard 2.5/min', { risk: { ...defaultSettings().risk, maxOrdersPerMinute: 2.5 } }, 'risk.maxOrdersPerMinute: expected a whole number, got 2.5'],
    ['misspelt risk field', { risk: { maxQuantiy: 5, maxQuantity: null, maxNotional: null, priceBandPercent: 5 } }, 'risk: unknown field "maxQuantiy"'],
    ['bad watchlist symbol', { watchlist: ['AAPL', 'AA$L'] }, 'watchlist[1]: symbol "AA$L" has a character that is not a letter or digit: "$"'],
  ])('refuses %s', (_name, patch, message) => {
    expect(problem(parseSettings({ ...defaultSettings(), ...(patch as object) }))).toBe(`settings-invalid: ${message}`);
  });

  it('gives a settings file written before the rate guard its defaults (5/s, 60/min)', () => {
    const older = { ...defaultSettings(), risk: { maxQuantity: 100, maxNotional: null, priceBandPercent: 5 } };
    expect(parseSettings(older)).toEqual({
      ok: true,
      value: { ...older, risk: { maxQuantity: 100, maxNotional: null, priceBandPercent: 5, maxOrdersPerSecond: 5, maxOrdersPerMinute: 60 } },
    });
    const off = { ...defaultSettings(), risk: { ...defaultSettings().risk, maxOrdersPerSecond: null, maxOrdersPerMinute: null } };
    expect(parseSettings(off)).toEqual({ ok: true, value: off });
  });

  it('refuses non-objects with a sentence', () => {
    expect(problem(parseSettings(null))).toBe('settings-invalid: settings: expected an object, got null');
    expect(problem(parseSettings('{}'))).toBe('settings-invalid: settings: expected an object, got "{}"');
  });

  it('reports a bad field without tripping over the cross-account rules', () => {
    const broken = { ...defaultSettings(), accounts: [{ id: 'paper', name: 'Paper', port: 'x' }, account({ id: 'b' })] };
    const message = problem(parseSettings(broken));
    expect(message).toMatch(/^settings-invalid: accounts\[0\]\.host: expected text, got nothing \(and \d+ more problems?\)$/);
  });

  it('fills missing sections with defaults and normalises the watchlist', () => {
    const parsed = parseSettings({ version: 1, accounts: [{ id: 'paper', name: 'Paper', host: '127.0.0.1', port: 4002, clientId: 1 }] });
    expect(parsed).toEqual({
      ok: true,
      value: { ...defaultSettings(), accounts: [account({ clientId: 1 })] },
    });
    const watch = parseSettings({ ...defaultSettings(), watchlist: ['brk.b', 'BRK B', 'aapl'] });
    expect(watch.ok && watch.value.watchlist).toEqual(['BRK B', 'AAPL']);
  });

  it('checks settings.update through the same rules, with the path under "settings"', () => {
    const settings = settingsWith({ accounts: [account({ port: 0 })] });
    expect(problem(parseCommandRequest('settings.update', { settings }))).toBe(
      'invalid-payload: settings.accounts[0].port: must be at least 1, got 0',
    );
    const clash = settingsWith({ accounts: [account({}), account({ id: 'live', name: 'Live' })] });
    expect(problem(parseCommandRequest('settings.update', { settings: clash }))).toBe(
      'invalid-payload: accounts "Paper" and "Live" both use client id 7 on 127.0.0.1:4002',
    );
  });
});
