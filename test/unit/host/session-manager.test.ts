import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../../shared/model';
import { createBrokerRegistry } from '../../../electron/host/broker-registry';
import { createSessionManager, type SessionSpec } from '../../../electron/host/session-manager';
import { ManualScheduler } from '../../helpers/manual-scheduler';
import { FakeBroker, settle } from './fake-broker';

const noop = () => {};

function spec(id: string, clientId: number, patch: Partial<SessionSpec> = {}): SessionSpec {
  return { id, name: id.toUpperCase(), broker: 'ib', host: '127.0.0.1', port: 4002, clientId, accountCode: '', enabled: true, simulated: false, ...patch };
}

function setup() {
  const scheduler = new ManualScheduler(0);
  const broker = new FakeBroker();
  const published: ConnectionState[] = [];
  const logs: string[] = [];
  const connected: string[] = [];
  const manager = createSessionManager({
    brokers: createBrokerRegistry([broker]),
    scheduler,
    reconnectIntervalMs: 10_000,
    publish: (s) => published.push(s),
    log: (level, account, message) => logs.push(`${level} ${account}: ${message}`),
    listenerFor: () => ({ onTick: noop, onQuoteMode: noop, onOrder: noop, onFill: noop, onPosition: noop, onAccount: noop, onLog: noop }),
    onSessionCreated: noop,
    onSessionRemoved: noop,
    onConnected: (account) => connected.push(account),
  });
  manager.start();
  const state = (account: string) => manager.get(account)?.state;
  return { scheduler, broker, published, logs, connected, manager, state };
}

describe('session manager and reconnect timer', () => {
  it('connects each enabled account with its own clientId and publishes connecting then connected', async () => {
    const { broker, manager, state, published, connected } = setup();
    manager.reconcile([spec('paper', 7), spec('live', 8), spec('off', 9, { enabled: false })]);
    expect(broker.sessions.map((s) => [s.config.account, s.config.clientId, s.connectCalls])).toEqual([
      ['paper', 7, 1], ['live', 8, 1], ['off', 9, 0],
    ]);
    expect(state('paper')?.socket).toBe('connecting');
    broker.session('paper').succeed();
    await settle();
    expect(state('paper')).toMatchObject({ socket: 'connected', readyForOrders: true, error: null, reconnectAt: null, ibLink: 'up', accountCode: 'DU1' });
    expect(state('off')?.socket).toBe('disconnected');
    expect(connected).toEqual(['paper']);
    const sockets = published.filter((s) => s.account === 'paper').map((s) => s.socket);
    expect(sockets.filter((s, i) => s !== sockets[i - 1])).toEqual(['disconnected', 'connecting', 'connected']);
    expect(published.at(-1)).toMatchObject({ account: 'paper', socket: 'connected', serverVersion: 193 });
  });

  it('reconnects a dropped session on the next timer tick and shows when that is', async () => {
    const { broker, manager, state, scheduler, logs } = setup();
    manager.reconcile([spec('paper', 7)]);
    const session = broker.session('paper');
    session.succeed();
    await settle();
    scheduler.advance(3_000);
    session.drop('connection reset by TWS');
    expect(state('paper')).toMatchObject({ socket: 'reconnecting', readyForOrders: false, reconnectAt: 10_000, error: 'connection reset by TWS' });
    expect(logs).toContain('warn paper: disconnected: connection reset by TWS; reconnecting on the next timer tick');
    scheduler.advance(6_999);
    expect(session.connectCalls).toBe(1);
    scheduler.advance(1);
    expect(session.connectCalls).toBe(2);
    expect(state('paper')?.socket).toBe('connecting');
    session.succeed();
    await settle();
    expect(state('paper')).toMatchObject({ socket: 'connected', readyForOrders: true, reconnectAt: null, error: null });
  });

  it('a failed attempt waits for the next tick with the reason; a session mid-attempt gets no second connect', async () => {
    const { broker, manager, state, scheduler } = setup();
    manager.reconcile([spec('paper', 7)]);
    const session = broker.session('paper');
    scheduler.advance(10_000); // still mid-attempt: not called again
    expect(session.connectCalls).toBe(1);
    session.fail('connection refused by 127.0.0.1:4002');
    await settle();
    expect(state('paper')).toMatchObject({ socket: 'reconnecting', reconnectAt: 20_000, error: 'connection refused by 127.0.0.1:4002' });
    scheduler.advance(10_000);
    expect(session.connectCalls).toBe(2);
  });

  it('a hanging account never delays another: both get their attempt on the same tick', async () => {
    const { broker, manager, state, scheduler } = setup();
    manager.reconcile([spec('slow', 1), spec('fast', 2)]);
    broker.session('slow').fail('refused');
    broker.session('fast').fail('refused');
    await settle();
    scheduler.advance(10_000);
    // slow's second attempt never answers; fast's answers at once.
    expect(broker.session('slow').connectCalls).toBe(2);
    expect(broker.session('fast').connectCalls).toBe(2);
    broker.session('fast').succeed();
    await settle();
    expect(state('fast')?.socket).toBe('connected');
    expect(state('slow')?.socket).toBe('connecting');
  });

  it('reports a clientId clash as an error with the reason, and keeps retrying', async () => {
    const { broker, manager, state, scheduler, logs } = setup();
    manager.reconcile([spec('paper', 7)]);
    broker.session('paper').fail('client id 7 is already in use on 127.0.0.1:4002', 'client-id-in-use');
    await settle();
    expect(state('paper')).toMatchObject({ socket: 'error', error: 'client id 7 is already in use on 127.0.0.1:4002', reconnectAt: 10_000 });
    expect(logs).toContain('error paper: could not connect to 127.0.0.1:4002 as client 7: client id 7 is already in use on 127.0.0.1:4002; retrying every 10 s');
    scheduler.advance(10_000);
    expect(broker.session('paper').connectCalls).toBe(2);
    // The same failure again is not logged again.
    broker.session('paper').fail('client id 7 is already in use on 127.0.0.1:4002', 'client-id-in-use');
    await settle();
    expect(logs.filter((l) => l.includes('already in use'))).toHaveLength(1);
    expect(state('paper')?.reconnectAt).toBe(20_000);
  });

  it('disconnect stops the retries; connect brings the session back', async () => {
    const { broker, manager, state, scheduler } = setup();
    manager.reconcile([spec('paper', 7)]);
    broker.session('paper').succeed();
    await settle();
    expect(manager.disconnect('paper')).toEqual({ ok: true, value: null });
    expect(state('paper')?.socket).toBe('disconnected');
    scheduler.advance(30_000);
    expect(broker.session('paper').connectCalls).toBe(1);
    manager.connect('paper');
    expect(broker.session('paper').connectCalls).toBe(2);
    expect(manager.connect('nope')).toEqual({ ok: false, error: { code: 'unknown-account', message: 'unknown account "nope"' } });
  });

  it('reconciles settings: new accounts connect, removed ones disconnect, a changed clientId reconnects', async () => {
    const { broker, manager, state } = setup();
    manager.reconcile([spec('paper', 7), spec('live', 8)]);
    broker.session('paper').succeed();
    broker.session('live').succeed();
    await settle();
    const oldPaper = broker.session('paper');
    manager.reconcile([spec('paper', 17), spec('new', 9, { name: 'New one' })]);
    expect(broker.session('live').connected).toBe(false);
    expect(manager.get('live')).toBeUndefined();
    expect(oldPaper.connected).toBe(false);
    const newPaper = broker.session('paper');
    expect(newPaper).not.toBe(oldPaper);
    expect(newPaper.config.clientId).toBe(17);
    expect(newPaper.connectCalls).toBe(1);
    expect(state('new')).toMatchObject({ name: 'New one', socket: 'connecting', clientId: 9 });
    // A rename alone keeps the connection.
    newPaper.succeed();
    await settle();
    manager.reconcile([spec('paper', 17, { name: 'Paper renamed' }), spec('new', 9, { name: 'New one' })]);
    expect(broker.session('paper')).toBe(newPaper);
    expect(state('paper')).toMatchObject({ name: 'Paper renamed', socket: 'connected' });
  });

  it('an unrelated settings change keeps a manual connect or disconnect; toggling enabled applies', async () => {
    const { broker, manager, state } = setup();
    manager.reconcile([spec('paper', 7, { enabled: false }), spec('live', 8)]);
    manager.connect('paper');
    manager.disconnect('live');
    broker.session('paper').succeed();
    await settle();
    manager.reconcile([spec('paper', 7, { enabled: false, name: 'Renamed' }), spec('live', 8)]);
    expect(state('paper')?.socket).toBe('connected');
    expect(state('live')?.socket).toBe('disconnected');
    manager.reconcile([spec('paper', 7, { enabled: false }), spec('live', 8, { enabled: false })]);
    manager.reconcile([spec('paper', 7, { enabled: false }), spec('live', 8, { enabled: true })]);
    expect(state('live')?.socket).toBe('connecting');
  });

  it('offers a connected session for symbol lookups', async () => {
    const { broker, manager } = setup();
    manager.reconcile([spec('paper', 7)]);
    expect(manager.lookupSession()).toBeNull();
    broker.session('paper').succeed();
    await settle();
    expect(manager.lookupSession()).toBe(broker.session('paper'));
  });

  it('lists ready sessions in settings order, also after an account was re-created or the order changed', async () => {
    const { broker, manager } = setup();
    manager.reconcile([spec('paper', 7), spec('live', 8), spec('third', 9)]);
    expect(manager.readySessions()).toEqual([]);
    broker.session('live').succeed();
    await settle();
    expect(manager.readySessions()).toEqual([broker.session('live')]);
    broker.session('paper').succeed();
    broker.session('third').succeed();
    await settle();
    expect(manager.readySessions().map((s) => s.config.account)).toEqual(['paper', 'live', 'third']);
    // A changed clientId re-creates paper's session; it stays first once it is up.
    manager.reconcile([spec('paper', 17), spec('live', 8), spec('third', 9)]);
    expect(manager.readySessions().map((s) => s.config.account)).toEqual(['live', 'third']);
    broker.session('paper').succeed();
    await settle();
    expect(manager.readySessions().map((s) => s.config.account)).toEqual(['paper', 'live', 'third']);
    manager.reconcile([spec('third', 9), spec('paper', 17), spec('live', 8)]);
    expect(manager.readySessions().map((s) => s.config.account)).toEqual(['third', 'paper', 'live']);
    expect(manager.states().map((s) => s.account)).toEqual(['third', 'paper', 'live']);
    // Connected but with IB's link down: not ready.
    broker.session('third').emitStatus({ connected: true, readyForOrders: false, ibLink: 'down' });
    expect(manager.readySessions().map((s) => s.config.account)).toEqual(['paper', 'live']);
  });
});
