import { describe, expect, it } from 'vitest';
import { isConfiguredSession, sessionsStillConfigured } from '../../../renderer/stores/configured-sessions';
import { account, connection, FakeBridge, settings } from './fake-bridge';
import { useConnections, useSettings } from '../../../renderer/stores/broker-state';
import type { QuoteBatcher } from '../../../renderer/stores/quotes';
import { wireEvents } from '../../../renderer/stores/wire';

const names = (list: { account: string }[]): string[] => list.map((c) => c.account);

describe('sessions still configured after a save', () => {
  const demo = connection({ account: 'demo', name: 'Demo', simulated: true });
  const paper = connection({ account: 'paper', name: 'Paper', simulated: false });
  const live = connection({ account: 'live', name: 'Live', simulated: false });

  it('the first real account retires the simulated demo', () => {
    expect(names(sessionsStillConfigured([demo, paper], settings({ accounts: [account('paper')] })))).toEqual(['paper']);
  });

  it('a removed account goes, the others stay (ids compared as main compares them)', () => {
    expect(names(sessionsStillConfigured([paper, live], settings({ accounts: [account('LIVE')] })))).toEqual(['live']);
  });

  it('with no account left only the demo stays', () => {
    expect(names(sessionsStillConfigured([demo, paper], settings({ accounts: [], defaults: { tif: 'GTC', quantity: 100, account: null } })))).toEqual(['demo']);
  });
});

describe('connection bar follows the settings, whoever saved them', () => {
  const noQuotes = { push: () => undefined } as unknown as QuoteBatcher;

  it('drops a retired session on the settings event and ignores its late "disconnected" state', () => {
    const bridge = new FakeBridge();
    useConnections.getState().replaceAll([]);
    useSettings.getState().set(settings({ accounts: [account('paper'), account('live')] }));
    const off = wireEvents(bridge, noQuotes);
    try {
      bridge.emit('connection', connection({ account: 'paper', name: 'Paper', simulated: false }));
      bridge.emit('connection', connection({ account: 'live', name: 'Live', simulated: false }));
      expect(Object.keys(useConnections.getState().byAccount).sort()).toEqual(['live', 'paper']);

      bridge.emit('settings', settings({ accounts: [account('paper')] }));
      expect(Object.keys(useConnections.getState().byAccount)).toEqual(['paper']);
      bridge.emit('connection', connection({ account: 'live', name: 'Live', simulated: false, socket: 'disconnected' }));
      expect(Object.keys(useConnections.getState().byAccount)).toEqual(['paper']);
      expect(isConfiguredSession(connection({ account: 'live' }), null)).toBe(true);
    } finally {
      off();
    }
  });
});
