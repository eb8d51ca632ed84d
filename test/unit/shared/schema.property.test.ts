// Property tests: whatever arrives over IPC or from a settings file, the schemas answer
// a Result with a sentence and never throw; valid settings survive a save/load cycle.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../../shared/ipc';
import type { AccountConfig, Settings } from '../../../shared/model';
import { parseCommandRequest, parseSettings } from '../../../shared/schema';

const commandName = fc.oneof(fc.constantFrom(...COMMAND_NAMES), fc.string({ maxLength: 20 }));

/** Payloads near the real shapes, so the deep fields get exercised, plus anything at all. */
const payload = fc.oneof(
  fc.anything(),
  fc.record({ order: fc.dictionary(fc.constantFrom('account', 'side', 'symbol', 'quantity', 'type', 'limitPrice', 'tif'), fc.anything()) }),
  fc.record({ account: fc.anything(), orderId: fc.anything() }, { requiredKeys: [] }),
  fc.record({ settings: fc.anything() }),
);

const accountArb = (index: number): fc.Arbitrary<AccountConfig> =>
  fc.record({
    id: fc.constant(`acct${index}`),
    name: fc.constant(`Account ${index}`),
    broker: fc.constant('ib' as const),
    host: fc.constantFrom('127.0.0.1', '10.0.0.2'),
    port: fc.integer({ min: 1, max: 65535 }),
    // Distinct client ids per index: settings never share one on a gateway.
    clientId: fc.integer({ min: 0, max: 1000 }).map((n) => n * 100 + index),
    accountCode: fc.constantFrom('', 'DU1234567'),
    enabled: fc.boolean(),
  });

const settingsArb: fc.Arbitrary<Settings> = fc
  .integer({ min: 0, max: 4 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => accountArb(i))))
  .chain((accounts) =>
    fc.record({
      version: fc.constant(1 as const),
      accounts: fc.constant(accounts),
      defaults: fc.record({
        tif: fc.constantFrom('GTC' as const, 'DAY' as const),
        quantity: fc.integer({ min: 1, max: 100_000 }),
        account: fc.constantFrom(null, ...accounts.map((a) => a.id)),
      }),
      risk: fc.record({
        maxQuantity: fc.option(fc.integer({ min: 1, max: 1_000_000 }), { nil: null }),
        maxNotional: fc.option(fc.integer({ min: 1, max: 10_000_000 }), { nil: null }),
        priceBandPercent: fc.option(fc.integer({ min: 1, max: 50 }), { nil: null }),
        maxOrdersPerSecond: fc.option(fc.integer({ min: 1, max: 1_000 }), { nil: null }),
        maxOrdersPerMinute: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: null }),
      }),
      confirm: fc.record({
        quantityAbove: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null }),
        notionalAbove: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: null }),
      }),
      watchlist: fc.uniqueArray(fc.constantFrom('AAPL', 'MSFT', 'SPY', 'BRK B', 'QQQ'), { maxLength: 5 }),
    }),
  );

describe('schema properties', () => {
  it('parseCommandRequest never throws and always answers a Result with a sentence', () => {
    fc.assert(
      fc.property(commandName, payload, (command, raw) => {
        const result = parseCommandRequest(command, raw);
        if (!result.ok) {
          expect(['invalid-payload', 'unknown-command']).toContain(result.error.code);
          expect(result.error.message.length).toBeGreaterThan(0);
          // The catch-all is for hostile getters only: plain data must get a field sentence.
          expect(result.error.message).not.toMatch(/could not be read/);
        }
      }),
      { numRuns: 600 },
    );
  });

  it('parseSettings never throws on anything', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), settingsArb.map((s) => ({ ...s, accounts: [...s.accounts, ...s.accounts] }))), (raw) => {
        const result = parseSettings(raw);
        if (!result.ok) {
          expect(result.error.code).toBe('settings-invalid');
          expect(result.error.message).not.toMatch(/could not be read/);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('valid settings survive a JSON save and load unchanged', () => {
    fc.assert(
      fc.property(settingsArb, (settings) => {
        expect(parseSettings(JSON.parse(JSON.stringify(settings)))).toEqual({ ok: true, value: settings });
        expect(parseCommandRequest('settings.update', { settings })).toEqual({ ok: true, value: { settings } });
      }),
      { numRuns: 150 },
    );
  });
});
