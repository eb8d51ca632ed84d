import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSymbolRegistry } from '../../../electron/host/symbol-registry';
import { ManualScheduler } from '../../helpers/manual-scheduler';
import { FakeSession, instrument, settle } from './fake-broker';

const noop = () => {};
const listener = { onStatus: noop, onTick: noop, onQuoteMode: noop, onOrder: noop, onFill: noop, onPosition: noop, onAccount: noop, onLog: noop };

async function setup(options: { maxInFlight?: number; dataDir?: string } = {}) {
  const scheduler = new ManualScheduler(0);
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'janus-symbols-')));
  const logs: string[] = [];
  const registry = await openSymbolRegistry({
    dataDir,
    scheduler,
    timeoutMs: 5000,
    maxInFlight: options.maxInFlight ?? 4,
    log: (level, message) => logs.push(`${level}: ${message}`),
  });
  const session = new FakeSession({ account: 'paper', host: '127.0.0.1', port: 1, clientId: 1, accountCode: '' }, { listener, scheduler });
  return { scheduler, dataDir, logs, registry, session };
}

describe('symbol registry', () => {
  it('normalises, resolves once, and answers later calls from the cache', async () => {
    const { registry, session } = await setup();
    const first = registry.resolve('brk.b', session);
    expect(session.lookups.map((l) => [l.symbol, l.timeoutMs])).toEqual([['BRK B', 5000]]);
    session.lookups[0]?.answer([instrument('BRK B', 72063691, { primaryExchange: 'NYSE' })]);
    expect(await first).toEqual({ ok: true, value: instrument('BRK B', 72063691, { primaryExchange: 'NYSE' }) });
    expect(await registry.resolve('BRK/B', session)).toMatchObject({ ok: true, value: { conId: 72063691 } });
    expect(session.lookups).toHaveLength(1);
    expect(registry.byConId(72063691)?.symbol).toBe('BRK B');
  });

  it('shares one request between concurrent resolves of one symbol', async () => {
    const { registry, session } = await setup();
    const a = registry.resolve('aapl', session);
    const b = registry.resolve('AAPL', session);
    expect(session.lookups).toHaveLength(1);
    session.lookups[0]?.answer([instrument('AAPL', 265598)]);
    expect((await a).ok && (await b).ok).toBe(true);
  });

  it('refuses an unknown symbol with IB’s answer in words', async () => {
    const { registry, session } = await setup();
    const result = registry.resolve('XYZQ', session);
    session.lookups[0]?.answer([]);
    expect(await result).toEqual({
      ok: false,
      error: { code: 'symbol-unknown', message: 'unknown symbol "XYZQ": IB has no US stock by that name' },
    });
    // Not cached: a later resolve asks again.
    void registry.resolve('XYZQ', session);
    expect(session.lookups).toHaveLength(2);
  });

  it('refuses an ambiguous symbol naming the matches, and logs a warning', async () => {
    const { registry, session, logs } = await setup();
    const result = registry.resolve('zzamb', session);
    session.lookups[0]?.answer([instrument('ZZAMB', 1, { primaryExchange: 'NASDAQ' }), instrument('ZZAMB', 2, { primaryExchange: 'NYSE' })]);
    const message = '"ZZAMB" is ambiguous: 2 US stocks match (NASDAQ conId 1, NYSE conId 2); refusing it';
    expect(await result).toEqual({ ok: false, error: { code: 'symbol-ambiguous', message } });
    expect(logs).toContain(`warn: ${message}`);
  });

  it('gives up after the timeout with the exact sentence', async () => {
    const { registry, session, scheduler } = await setup();
    const result = registry.resolve('SLOW', session);
    await settle();
    scheduler.advance(4999);
    await settle();
    let settled = false;
    void result.then(() => (settled = true));
    await settle();
    expect(settled).toBe(false);
    scheduler.advance(1);
    expect(await result).toEqual({ ok: false, error: { code: 'timeout', message: 'no answer for SLOW contract details within 5 s' } });
  });

  it('paces unknown symbols: at most N requests in flight', async () => {
    const { registry, session } = await setup({ maxInFlight: 2 });
    registry.prefetch(['A', 'B', 'C', 'D', 'A'], session);
    await settle();
    expect(session.lookups.map((l) => l.symbol)).toEqual(['A', 'B']);
    session.lookups[0]?.answer([instrument('A', 1)]);
    await settle();
    expect(session.lookups.map((l) => l.symbol)).toEqual(['A', 'B', 'C']);
    session.lookups[1]?.answer([]);
    session.lookups[2]?.answer([instrument('C', 3)]);
    await settle();
    expect(session.lookups.map((l) => l.symbol)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('refuses bad text and a missing connection with specific errors', async () => {
    const { registry, session } = await setup();
    expect(await registry.resolve('   ', session)).toEqual({ ok: false, error: { code: 'symbol-unknown', message: 'symbol is empty' } });
    expect(await registry.resolve('MSFT', null)).toEqual({
      ok: false,
      error: { code: 'not-connected', message: 'no connected account to look up "MSFT"' },
    });
  });

  it('persists the cache to symbols.json and loads it on the next start', async () => {
    const { registry, session, dataDir } = await setup();
    const result = registry.resolve('AAPL', session);
    session.lookups[0]?.answer([instrument('AAPL', 265598)]);
    await result;
    await registry.flush();
    expect(JSON.parse(await readFile(join(dataDir, 'symbols.json'), 'utf8'))).toEqual([instrument('AAPL', 265598)]);
    const again = await setup({ dataDir });
    expect(await again.registry.resolve('aapl', again.session)).toMatchObject({ ok: true, value: { conId: 265598 } });
    expect(again.session.lookups).toHaveLength(0);
  });

  it('survives a corrupt symbols.json: logs it and looks symbols up again', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'janus-symbols-'));
    await writeFile(join(dataDir, 'symbols.json'), '[{"symbol": 12}, ');
    const { registry, logs } = await setup({ dataDir });
    expect(registry.all()).toEqual([]);
    expect(logs[0]).toMatch(/^warn: symbols.json could not be read \(.*JSON.*\); symbols will be looked up again$/);
  });
});
