// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { err, ok } from '../../../shared/ipc';
import type { Snapshot } from '../../../shared/model';
import type { Link } from '../../../renderer/bridge/link';
import type { LinkStatus } from '../../../renderer/bridge/ws-bridge';
import { useConnections, useOrders, useSettings } from '../../../renderer/stores/broker-state';
import { createQuoteBatcher, useQuotes } from '../../../renderer/stores/quotes';
import { useLinkStatus } from '../../../renderer/stores/ui';
import { useSession, wireLink } from '../../../renderer/stores/wire';
import { FakeBridge, connection, order, settings } from './fake-bridge';
import { resetStores } from './reset';

const snapshot = (patch: Partial<Snapshot> = {}): Snapshot => ({
  connections: [connection()],
  quotes: [],
  orders: [],
  fills: [],
  positions: [],
  accounts: [],
  log: [],
  settings: settings(),
  instruments: [],
  ...patch,
});

/** A link the test reconnects by hand. */
function fakeLink(bridge: FakeBridge) {
  const ready = new Set<() => void>();
  const statusListeners = new Set<(s: LinkStatus) => void>();
  let status: LinkStatus = { state: 'connecting', retryAt: null, failures: 0, reason: null };
  const link: Link = {
    bridge,
    onReady: (l) => (ready.add(l), () => ready.delete(l)),
    onStatus: (l) => (statusListeners.add(l), () => statusListeners.delete(l)),
    status: () => status,
    start: () => {},
  };
  return {
    link,
    open() {
      status = { state: 'open', retryAt: null, failures: 0, reason: null };
      for (const l of statusListeners) l(status);
      for (const l of ready) l();
    },
    drop() {
      status = { state: 'down', retryAt: 5000, failures: 1, reason: 'connection to the workstation host closed' };
      for (const l of statusListeners) l(status);
    },
  };
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

beforeEach(resetStores);

describe('wiring the stores to the link', () => {
  it('fetches a fresh snapshot after every (re)connect and replaces what was shown', async () => {
    const snapshots = [
      snapshot({ orders: [order({ orderId: 1, status: 'submitted' })] }),
      snapshot({ orders: [order({ orderId: 1, status: 'filled' }), order({ orderId: 2 })], settings: settings({ watchlist: ['AAPL'] }) }),
    ];
    const bridge = new FakeBridge().handle('app.snapshot', () => ok(snapshots.shift() ?? snapshot()));
    const l = fakeLink(bridge);
    wireLink(l.link, createQuoteBatcher(useQuotes, { request: (cb) => cb() }));

    l.open();
    await flush();
    expect(useSession.getState().generation).toBe(1);
    expect(useOrders.getState().byKey['demo:1']?.status).toBe('submitted');

    l.drop();
    expect(useLinkStatus.getState().status.state).toBe('down');
    l.open();
    await flush();
    expect(bridge.callsOf('app.snapshot')).toHaveLength(2);
    expect(useSession.getState().generation).toBe(2);
    expect(Object.keys(useOrders.getState().byKey).sort()).toEqual(['demo:1', 'demo:2']);
    expect(useOrders.getState().byKey['demo:1']?.status).toBe('filled');
    expect(useSettings.getState().settings?.watchlist).toEqual(['AAPL']);
  });

  it('routes events to their stores', async () => {
    const bridge = new FakeBridge().handle('app.snapshot', () => ok(snapshot()));
    const l = fakeLink(bridge);
    wireLink(l.link, createQuoteBatcher(useQuotes, { request: (cb) => cb() }));
    l.open();
    await flush();
    bridge.emit('order', order({ orderId: 9 }));
    bridge.emit('connection', connection({ socket: 'reconnecting', reconnectAt: 123 }));
    expect(useOrders.getState().byKey['demo:9']).toBeDefined();
    expect(useConnections.getState().byAccount.demo?.socket).toBe('reconnecting');
  });

  it('retries a failed snapshot and says why meanwhile', async () => {
    let fail = true;
    const bridge = new FakeBridge().handle('app.snapshot', () => (fail ? err('internal', 'host still starting') : ok(snapshot())));
    const l = fakeLink(bridge);
    const later: (() => void)[] = [];
    wireLink(l.link, createQuoteBatcher(useQuotes, { request: (cb) => cb() }), { setTimeout: (fn) => later.push(fn) });
    l.open();
    await flush();
    expect(useSession.getState()).toEqual({ generation: 0, snapshotError: 'host still starting' });
    fail = false;
    later.shift()?.();
    await flush();
    expect(useSession.getState()).toEqual({ generation: 1, snapshotError: null });
  });
});
