import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../../shared/ipc';
import type { AccountConfig, LogEntry, Settings } from '../../../shared/model';
import { defaultSettings } from '../../../shared/schema';
import { createHostWithBrokers, type HostOptions } from '../../../electron/host/host';
import { ManualScheduler } from '../../helpers/manual-scheduler';
import { FakeBroker, instrument, settle } from './fake-broker';

type Seen = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];

const account = (id: string, clientId: number, patch: Partial<AccountConfig> = {}): AccountConfig => ({
  id, name: id.toUpperCase(), broker: 'ib', host: '127.0.0.1', port: 4002, clientId, accountCode: '', enabled: true, ...patch,
});

async function setup(options: { settings?: Settings | string; demo?: boolean } = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'janus-host-'));
  if (options.settings !== undefined) {
    const text = typeof options.settings === 'string' ? options.settings : JSON.stringify(options.settings);
    await writeFile(join(dataDir, 'settings.json'), text);
  }
  const scheduler = new ManualScheduler(Date.UTC(2026, 10, 24, 8, 30));
  const broker = new FakeBroker();
  broker.autoConnect = true;
  const logged: LogEntry[] = [];
  const demoCalls = { start: 0, stop: 0 };
  const demo: HostOptions['demo'] = options.demo
    ? {
        start: async () => {
          demoCalls.start += 1;
          return { host: '127.0.0.1', port: 7497, accountCode: 'DU1000001', stop: async () => void (demoCalls.stop += 1) };
        },
      }
    : undefined;
  const host = createHostWithBrokers({ dataDir, brokers: [broker], scheduler, logger: (e) => logged.push(e), demo });
  const events: Seen[] = [];
  host.onEvent((event, payload) => events.push({ event, payload } as Seen));
  return { dataDir, scheduler, broker, host, logged, events, demoCalls };
}

describe('host: settings file', () => {
  it('moves a corrupt settings.json aside, loads defaults and says so with the backup’s name', async () => {
    const { host, dataDir, logged } = await setup({ settings: '{"version": 1, "accounts": [' });
    await host.start();
    const files = await readdir(dataDir);
    const backup = files.find((f) => f.startsWith('settings.json.corrupt-'));
    expect(backup).toBe('settings.json.corrupt-2026-11-24T08-30-00-000Z');
    expect(await readFile(join(dataDir, backup ?? ''), 'utf8')).toBe('{"version": 1, "accounts": [');
    const warning = logged.find((e) => e.level === 'warn');
    expect(warning?.message).toMatch(/^settings\.json was unusable: it is not valid JSON \(.+\); moved it aside as settings\.json\.corrupt-2026-11-24T08-30-00-000Z and loaded defaults$/);
    const snap = await host.handlers['settings.get']({}, { clientId: 'r1' });
    expect(snap).toEqual({ ok: true, value: defaultSettings() });
    await host.stop();
  });

  it('moves aside a file that parses but fails validation, with the validation reason', async () => {
    const { host, logged, dataDir } = await setup({ settings: JSON.stringify({ version: 2, accounts: [] }) });
    await host.start();
    expect((await readdir(dataDir)).some((f) => f.startsWith('settings.json.corrupt-'))).toBe(true);
    expect(logged.find((e) => e.level === 'warn')?.message).toContain('it does not pass validation (');
    await host.stop();
  });

  it('settings.update refuses invalid settings with the reason and keeps the old ones', async () => {
    const { host } = await setup({ settings: { ...defaultSettings(), accounts: [account('paper', 7)] } });
    await host.start();
    const bad = { ...defaultSettings(), accounts: [account('a', 7), account('b', 7)] };
    const result = await host.handlers['settings.update']({ settings: bad }, { clientId: 'r1' });
    expect(result.ok).toBe(false);
    expect(result.ok ? null : result.error.code).toBe('settings-invalid');
    expect(result.ok ? '' : result.error.message).toMatch(/client ?id/i);
    const current = await host.handlers['settings.get']({}, { clientId: 'r1' });
    expect(current.ok && current.value.accounts.map((a) => a.id)).toEqual(['paper']);
    await host.stop();
  });

  it('settings.update persists, publishes and reconciles sessions', async () => {
    const { host, broker, events, dataDir } = await setup({ settings: { ...defaultSettings(), accounts: [account('paper', 7), account('old', 9)] } });
    await host.start();
    await settle();
    const next = { ...defaultSettings(), accounts: [account('paper', 17), account('new', 8)] };
    const result = await host.handlers['settings.update']({ settings: next }, { clientId: 'r1' });
    expect(result).toEqual({ ok: true, value: next });
    await settle();
    expect(events.filter((e) => e.event === 'settings').map((e) => e.payload)).toEqual([next]);
    expect(broker.sessions.map((s) => [s.config.account, s.config.clientId, s.connected])).toEqual([
      ['paper', 7, false], ['old', 9, false], ['paper', 17, true], ['new', 8, true],
    ]);
    await host.stop();
    expect(JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8'))).toEqual(next);
  });
});

describe('host: demo gateway', () => {
  it('starts the demo when no account is configured and runs it as a simulated session, not saved', async () => {
    const { host, broker, demoCalls, dataDir } = await setup({ demo: true });
    await host.start();
    await settle();
    expect(demoCalls.start).toBe(1);
    expect(broker.sessions.map((s) => s.config)).toEqual([
      { account: 'demo', host: '127.0.0.1', port: 7497, clientId: 0, accountCode: 'DU1000001' },
    ]);
    const snap = await host.handlers['app.snapshot']({}, { clientId: 'r1' });
    expect(snap.ok && snap.value.connections).toEqual([
      expect.objectContaining({ account: 'demo', name: 'Demo', simulated: true, socket: 'connected', clientId: 0 }),
    ]);
    expect(snap.ok && snap.value.settings.accounts).toEqual([]);
    // Configuring a real account retires the demo.
    await host.handlers['settings.update']({ settings: { ...defaultSettings(), accounts: [account('paper', 7)] } }, { clientId: 'r1' });
    expect(demoCalls.stop).toBe(1);
    expect(broker.session('demo').connected).toBe(false);
    await host.stop();
    const saved = JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8')) as Settings;
    expect(saved.accounts.map((a) => a.id)).toEqual(['paper']);
  });
});

describe('host: commands and events', () => {
  it('answers internal, never throws, before start', async () => {
    const { host } = await setup();
    expect(await host.handlers['app.snapshot']({}, { clientId: 'r1' })).toEqual({
      ok: false,
      error: { code: 'internal', message: 'app.snapshot failed: the host is not started' },
    });
  });

  it('subscribes quotes per renderer, streams batches and releases a renderer that went away', async () => {
    const { host, broker, scheduler, events } = await setup({ settings: { ...defaultSettings(), watchlist: [], accounts: [account('paper', 7)] } });
    await host.start();
    await settle();
    const paper = broker.session('paper');
    const subscribing = host.handlers['quotes.subscribe']({ symbol: 'aapl' }, { clientId: 'r1' });
    paper.lookups[0]?.answer([instrument('AAPL', 265598)]);
    expect(await subscribing).toEqual({ ok: true, value: instrument('AAPL', 265598) });
    expect(await host.handlers['quotes.subscribe']({ symbol: 'AAPL' }, { clientId: 'r2' })).toMatchObject({ ok: true });
    expect(paper.subscribed).toEqual([265598]);
    paper.listener.onTick(265598, 'last', 190.25);
    scheduler.advance(16);
    expect(events.filter((e) => e.event === 'quotes').map((e) => e.payload)).toEqual([
      [expect.objectContaining({ symbol: 'AAPL', last: 190.25 })],
    ]);
    host.releaseClient('r1');
    expect(paper.unsubscribed).toEqual([]);
    expect(await host.handlers['quotes.unsubscribe']({ symbol: 'AAPL' }, { clientId: 'r1' })).toEqual({
      ok: false,
      error: { code: 'not-found', message: '"AAPL" is not subscribed' },
    });
    host.releaseClient('r2');
    expect(paper.unsubscribed).toEqual([265598]);
    await host.stop();
  });

  it('applies one client’s subscribe and unsubscribe in order: interleaved pairs leak no subscription', async () => {
    const { host, broker } = await setup({ settings: { ...defaultSettings(), watchlist: [], accounts: [account('paper', 7)] } });
    await host.start();
    await settle();
    const paper = broker.session('paper');
    const AAPL = instrument('AAPL', 265598);
    const sub = (clientId: string) => host.handlers['quotes.subscribe']({ symbol: 'aapl' }, { clientId });
    const unsub = (clientId: string) => host.handlers['quotes.unsubscribe']({ symbol: 'AAPL' }, { clientId });
    // Typed without waiting: the first subscribe is still looking AAPL up when its unsubscribe arrives.
    const pending = [sub('r1'), unsub('r1'), sub('r2'), sub('r1'), unsub('r2'), unsub('r1'), sub('r1'), unsub('r1')];
    paper.lookups[0]?.answer([AAPL]);
    const results = await Promise.all(pending);
    expect(results).toEqual([
      { ok: true, value: AAPL },
      { ok: true, value: null },
      { ok: true, value: AAPL },
      { ok: true, value: AAPL },
      { ok: true, value: null },
      { ok: true, value: null },
      { ok: true, value: AAPL },
      { ok: true, value: null },
    ]);
    expect(paper.lookups).toHaveLength(1);
    // Every subscription the broker heard was ended again.
    expect(paper.subscribed.length).toBeGreaterThan(0);
    expect(paper.unsubscribed).toEqual(paper.subscribed);
    const snap = await host.handlers['app.snapshot']({}, { clientId: 'r1' });
    expect(snap.ok && snap.value.quotes).toEqual([]);
    await host.stop();
  });

  it('publishes broker orders, fills, positions and account values, deduplicated in the snapshot', async () => {
    const { host, broker, events } = await setup({ settings: { ...defaultSettings(), watchlist: [], accounts: [account('paper', 7)] } });
    await host.start();
    await settle();
    const l = broker.session('paper').listener;
    for (let replay = 0; replay < 2; replay += 1) {
      l.onOrder({ account: 'paper', orderId: 3, symbol: 'MSFT', conId: 272093, status: 'submitted', quantity: 10, remaining: 10 });
      l.onFill({ execId: 'e1', account: 'paper', orderId: 2, permId: 5, symbol: 'MSFT', conId: 272093, side: 'BUY', quantity: 10, price: 410, exchange: 'ISLAND', commission: 1, time: 1 });
      l.onPosition({ account: 'paper', symbol: 'MSFT', conId: 272093, quantity: 10, avgCost: 410, marketPrice: null, marketValue: null, unrealizedPnl: null, realizedPnl: null });
      l.onAccount({ account: 'paper', netLiquidation: 1_000_000 });
    }
    l.onLog('error', 201, 'Order rejected - reason: no shares to short');
    const snap = await host.handlers['app.snapshot']({}, { clientId: 'r1' });
    if (!snap.ok) throw new Error(snap.error.message);
    expect(snap.value.orders.map((o) => [o.key, o.status])).toEqual([['paper:3', 'submitted']]);
    expect(snap.value.fills.map((f) => f.execId)).toEqual(['e1']);
    expect(snap.value.positions.map((p) => [p.account, p.symbol, p.quantity])).toEqual([['paper', 'MSFT', 10]]);
    expect(snap.value.accounts.map((a) => [a.account, a.netLiquidation])).toEqual([['paper', 1_000_000]]);
    expect(snap.value.log.at(-1)).toMatchObject({ level: 'error', source: 'paper', code: 201, message: 'Order rejected - reason: no shares to short' });
    expect(events.filter((e) => e.event === 'order')).toHaveLength(2);
    // MSFT was unknown: the host looked it up once to learn its instrument.
    expect(broker.session('paper').lookups.map((x) => x.symbol)).toEqual(['MSFT']);
    await host.stop();
  });

  it('retires a working order that closed while the session was down, when the broker says the replay ended', async () => {
    const { host, broker, scheduler, logged } = await setup({ settings: { ...defaultSettings(), watchlist: [], accounts: [account('paper', 7)] } });
    await host.start();
    await settle();
    const paper = broker.session('paper');
    paper.listener.onOrder({ account: 'paper', orderId: 3, symbol: 'MSFT', side: 'SELL', quantity: 10, status: 'submitted', createdAt: scheduler.now() });
    paper.listener.onOrder({ account: 'paper', orderId: 4, symbol: 'MSFT', side: 'SELL', quantity: 10, status: 'submitted', createdAt: scheduler.now() });
    paper.drop('connection to 127.0.0.1:4002 lost');
    scheduler.advance(10_000);
    await settle();
    expect(paper.connected).toBe(true);
    paper.listener.onOpenOrdersEnd?.([4]);
    const snap = await host.handlers['app.snapshot']({}, { clientId: 'r1' });
    expect(snap.ok && snap.value.orders.map((o) => [o.orderId, o.status])).toEqual([[3, 'inactive'], [4, 'submitted']]);
    expect(logged.at(-1)?.message).toBe('order 3 (SELL 10 MSFT) is no longer open at IB: it was closed while the connection was down');
    await host.stop();
  });

  it('fills the symbol cache for the watchlist on connect, one request per unknown symbol', async () => {
    const { host, broker } = await setup({ settings: { ...defaultSettings(), watchlist: ['AAPL', 'BRK B', 'AAPL'], accounts: [account('paper', 7)] } });
    await host.start();
    await settle();
    expect(broker.session('paper').lookups.map((x) => x.symbol)).toEqual(['AAPL', 'BRK B']);
    await host.stop();
  });

  it('watchlist.set normalises, de-duplicates, saves and looks the symbols up; refuses bad text', async () => {
    const { host, broker, events } = await setup({ settings: { ...defaultSettings(), watchlist: [], accounts: [account('paper', 7)] } });
    await host.start();
    await settle();
    expect(await host.handlers['watchlist.set']({ symbols: ['aapl', 'brk.b', 'AAPL', 'BRK/B'] }, { clientId: 'r1' })).toEqual({
      ok: true,
      value: ['AAPL', 'BRK B'],
    });
    expect(events.filter((e) => e.event === 'settings').map((e) => (e.payload as Settings).watchlist)).toEqual([['AAPL', 'BRK B']]);
    expect(broker.session('paper').lookups.map((l) => l.symbol)).toEqual(['AAPL', 'BRK B']);
    expect(await host.handlers['watchlist.set']({ symbols: ['AAPL', 'MS$FT'] }, { clientId: 'r1' })).toEqual({
      ok: false,
      error: { code: 'invalid-payload', message: 'watchlist: symbol "MS$FT" has a character that is not a letter or digit: "$"' },
    });
    const current = await host.handlers['settings.get']({}, { clientId: 'r1' });
    expect(current.ok && current.value.watchlist).toEqual(['AAPL', 'BRK B']);
    await host.stop();
  });

  it('answers unknown accounts and a missing connection with specific errors', async () => {
    const { host } = await setup({ settings: { ...defaultSettings(), watchlist: [], accounts: [account('paper', 7, { enabled: false })] } });
    await host.start();
    const ctx = { clientId: 'r1' };
    expect(await host.handlers['session.connect']({ account: 'nope' }, ctx)).toEqual({ ok: false, error: { code: 'unknown-account', message: 'unknown account "nope"' } });
    expect(await host.handlers['symbol.resolve']({ symbol: 'AAPL' }, ctx)).toEqual({
      ok: false,
      error: { code: 'not-connected', message: 'no connected account to look up "AAPL"' },
    });
    expect(await host.handlers['order.place']({ order: { account: 'paper', side: 'BUY', symbol: 'AAPL', quantity: 1, type: 'market', tif: 'DAY' } }, ctx)).toEqual({
      ok: false,
      error: { code: 'order-refused', message: 'account "paper" is not connected — orders are refused, never queued' },
    });
    expect(await host.handlers['order.cancelAll']({ account: 'ghost' }, ctx)).toEqual({ ok: false, error: { code: 'unknown-account', message: 'unknown account "ghost"' } });
    await host.stop();
  });

  it('stop disconnects every session and stops the timer', async () => {
    const { host, broker, scheduler } = await setup({ settings: { ...defaultSettings(), accounts: [account('paper', 7), account('live', 8)] } });
    await host.start();
    await settle();
    await host.stop();
    expect(broker.sessions.map((s) => s.connected)).toEqual([false, false]);
    scheduler.advance(60_000);
    expect(broker.sessions.map((s) => s.connectCalls)).toEqual([1, 1]);
  });
});

describe('host: one market-data line per symbol across accounts', () => {
  const AAPL = instrument('AAPL', 265598);
  const MSFT = instrument('MSFT', 272093);

  /** Two connected accounts, paper first in settings order, AAPL and MSFT held by renderer r1 (AAPL also by r2). */
  async function twoAccounts() {
    const rig = await setup({ settings: { ...defaultSettings(), watchlist: [], accounts: [account('paper', 7), account('live', 8)] } });
    await rig.host.start();
    await settle();
    const paper = rig.broker.session('paper');
    const live = rig.broker.session('live');
    const subscribe = async (symbol: string, clientId: string, answer: typeof AAPL) => {
      const pending = host.handlers['quotes.subscribe']({ symbol }, { clientId });
      const lookup = [...paper.lookups, ...live.lookups].find((l) => l.symbol === symbol);
      lookup?.answer([answer]);
      const result = await pending;
      if (!result.ok) throw new Error(result.error.message);
    };
    const host = rig.host;
    const quotes = () => rig.events.flatMap((e) => (e.event === 'quotes' ? e.payload : []));
    return { ...rig, paper, live, subscribe, quotes };
  }

  it('with two accounts connected, subscribes each symbol once, on the first account in settings order', async () => {
    const { host, paper, live, subscribe, quotes, scheduler } = await twoAccounts();
    await subscribe('AAPL', 'r1', AAPL);
    await subscribe('AAPL', 'r2', AAPL);
    await subscribe('MSFT', 'r1', MSFT);
    expect(paper.subscribed).toEqual([AAPL.conId, MSFT.conId]);
    expect(live.subscribed).toEqual([]);
    paper.listener.onTick(AAPL.conId, 'last', 190.25);
    scheduler.advance(16);
    expect(quotes().map((q) => [q.symbol, q.last])).toEqual([['AAPL', 190.25]]);
    await host.stop();
  });

  it('when the carrying account drops, the other gets the subscription and its ticks arrive; the dropped one does not take it back', async () => {
    const { host, paper, live, subscribe, quotes, scheduler } = await twoAccounts();
    await subscribe('AAPL', 'r1', AAPL);
    paper.listener.onTick(AAPL.conId, 'bid', 190.1);
    scheduler.advance(16);
    paper.drop('connection to 127.0.0.1:4002 lost');
    expect(paper.unsubscribed).toEqual([AAPL.conId]);
    expect(live.subscribed).toEqual([AAPL.conId]);
    live.listener.onTick(AAPL.conId, 'last', 190.3);
    scheduler.advance(16);
    expect(quotes().map((q) => [q.bid, q.last])).toEqual([[190.1, null], [190.1, 190.3]]);
    // paper reconnects on the timer tick: live keeps carrying, no second line.
    scheduler.advance(10_000);
    await settle();
    expect(paper.connected).toBe(true);
    expect(paper.subscribed).toEqual([AAPL.conId]);
    expect(live.unsubscribed).toEqual([]);
    await host.stop();
  });

  it('a connected account that is not ready (IB link down) never carries; the ready one does', async () => {
    const { host, paper, live, subscribe } = await twoAccounts();
    paper.emitStatus({ connected: true, readyForOrders: false, ibLink: 'down' });
    await subscribe('AAPL', 'r1', AAPL);
    expect(paper.subscribed).toEqual([]);
    expect(live.subscribed).toEqual([AAPL.conId]);
    // Its link restored: it is ready again, but the symbol stays where it streams.
    paper.emitStatus({ connected: true, readyForOrders: true, ibLink: 'up' });
    await subscribe('MSFT', 'r1', MSFT);
    expect(paper.subscribed).toEqual([MSFT.conId]);
    expect(live.subscribed).toEqual([AAPL.conId]);
    await host.stop();
  });

  it('a symbol held while no account is ready goes to the first account that comes up', async () => {
    const { host, paper, live, subscribe, scheduler } = await twoAccounts();
    await subscribe('AAPL', 'r1', AAPL);
    paper.autoConnect = false;
    live.autoConnect = false;
    live.drop('connection to 127.0.0.1:4002 lost');
    paper.drop('connection to 127.0.0.1:4002 lost');
    expect(paper.unsubscribed).toEqual([]); // nowhere to go: paper keeps it for its own reconnect
    scheduler.advance(10_000);
    live.succeed();
    await settle();
    expect(paper.unsubscribed).toEqual([AAPL.conId]);
    expect(live.subscribed).toEqual([AAPL.conId]);
    paper.succeed();
    await settle();
    expect(paper.subscribed).toEqual([AAPL.conId]);
    await host.stop();
  });

  it('releaseClient and quotes.unsubscribe unsubscribe on the carrier only', async () => {
    const { host, paper, live, subscribe } = await twoAccounts();
    await subscribe('AAPL', 'r1', AAPL);
    await subscribe('AAPL', 'r2', AAPL);
    paper.drop('connection to 127.0.0.1:4002 lost');
    await subscribe('MSFT', 'r1', MSFT);
    expect(live.subscribed).toEqual([AAPL.conId, MSFT.conId]);
    host.releaseClient('r1');
    expect(live.unsubscribed).toEqual([MSFT.conId]);
    expect(await host.handlers['quotes.unsubscribe']({ symbol: 'AAPL' }, { clientId: 'r2' })).toEqual({ ok: true, value: null });
    expect(live.unsubscribed).toEqual([MSFT.conId, AAPL.conId]);
    expect(paper.unsubscribed).toEqual([AAPL.conId]); // only the move off it when it dropped
    expect(paper.subscribed).toEqual([AAPL.conId]);
    await host.stop();
  });
});
