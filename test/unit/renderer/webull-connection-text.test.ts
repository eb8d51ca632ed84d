import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../../shared/model';
import { chipLayers } from '../../../renderer/components/connection-text';

const base: ConnectionState = {
  account: 'wb', name: 'Webull', accountCode: 'WB1000001', host: '127.0.0.1', port: 8000, clientId: 0, simulated: false,
  socket: 'connected', ibLink: 'up', farms: [], readyForOrders: true, reconnectAt: null, error: null, serverVersion: null,
};

const shown = (c: ConnectionState, broker: 'ib' | 'webull', now = 0): string[] => chipLayers(c, broker, now).map((l) => `${l.label}: ${l.layer.text}`);

describe('the connection bar chip, per broker', () => {
  it('a Webull account names its links and where its market data comes from, never TWS or IB link', () => {
    expect(shown(base, 'webull')).toEqual([
      'HTTP API + event stream: connected',
      'Market data: none from Webull — quotes come from an IB account',
    ]);
  });

  it('a Webull account waiting for its secret or reconnecting says why on the same layer', () => {
    expect(shown({ ...base, socket: 'disconnected', readyForOrders: false, error: 'Webull account wb has no app secret yet — enter it in Settings' }, 'webull')).toEqual([
      'HTTP API + event stream: disconnected: Webull account wb has no app secret yet — enter it in Settings',
      'Market data: none from Webull — quotes come from an IB account',
    ]);
    const reconnecting = { ...base, socket: 'reconnecting' as const, readyForOrders: false, reconnectAt: 9_000, error: "no message from Webull's event stream for 60 s — connection presumed dead" };
    expect(shown(reconnecting, 'webull', 1_000)[0]).toBe("HTTP API + event stream: reconnecting in 8 s (no message from Webull's event stream for 60 s — connection presumed dead)");
  });

  it('a silent Webull link is named as Webull, not IB', () => {
    expect(shown({ ...base, silentSince: 1_000 }, 'webull', 4_000)).toContain('Liveness: Webull not answering 3 s');
  });

  it('an IB account keeps the TWS socket, IB link and data farm layers', () => {
    const ib: ConnectionState = { ...base, account: 'ibkr', name: 'IB', farms: [{ name: 'usfarm', kind: 'market', ok: true }] };
    expect(shown(ib, 'ib')).toEqual(['TWS socket: connected', 'IB link: IB link up', 'Market data: data farms OK (usfarm)']);
    expect(shown({ ...ib, silentSince: 0 }, 'ib', 2_000)).toContain('Liveness: IB not answering 2 s');
  });
});
