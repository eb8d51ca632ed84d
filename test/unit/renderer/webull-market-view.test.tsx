// @vitest-environment jsdom
// Depth, Chart and Time & sales when the only connected accounts are Webull's:
// the host keeps the stream waiting, and the panel says in a sentence that the
// stream comes from IB and Webull offers none, driven by the broker table.
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok } from '../../../shared/ipc';
import type { StreamRequest } from '../../../shared/market-view';
import type { ConnectionState } from '../../../shared/model';
import { BridgeContext } from '../../../renderer/bridge/context';
import { DepthPanel } from '../../../renderer/components/market-view/DepthPanel';
import { TimeAndSalesPanel } from '../../../renderer/components/market-view/TimeAndSalesPanel';
import { connectedBrokers } from '../../../renderer/components/market-view/stream-lack';
import { useConnections, useSettings } from '../../../renderer/stores/broker-state';
import { createMarketViewFeed, useMarketView, wireMarketView } from '../../../renderer/stores/market-view';
import { useSelection } from '../../../renderer/stores/selection';
import { account, instrument, settings, tradingBridge, type FakeBridge } from './fake-bridge';
import { resetStores } from './reset';

const AAPL = instrument('AAPL', 0.01, 265598);

const state = (id: string, socket: ConnectionState['socket'] = 'connected'): ConnectionState => ({
  account: id, name: id, accountCode: null, host: '127.0.0.1', port: 1, clientId: 0, simulated: false, socket,
  ibLink: 'up', farms: [], readyForOrders: socket === 'connected', reconnectAt: null, error: null, serverVersion: null,
});

const twoBrokers = settings({ accounts: [account('ibkr', 'IB'), { ...account('wb', 'Webull'), broker: 'webull', appKey: 'k', region: 'us' }] });

let off: () => void = () => {};
function show(panel: 'depth' | 'tape'): FakeBridge {
  const bridge = tradingBridge()
    .handle('stream.subscribe', ({ stream }: { stream: StreamRequest }) => ok({ key: `${stream.kind}:265598`, instrument: AAPL }))
    .handle('stream.unsubscribe', () => ok(null));
  off = wireMarketView(bridge, createMarketViewFeed(useMarketView, { request: (cb) => cb() }));
  render(<BridgeContext.Provider value={bridge}>{panel === 'depth' ? <DepthPanel /> : <TimeAndSalesPanel />}</BridgeContext.Provider>);
  return bridge;
}
const settle = (): Promise<void> => act(async () => {
  await new Promise((resolve) => setTimeout(resolve, 0));
});

beforeEach(() => {
  resetStores();
  useMarketView.setState({ bars: {}, depth: {}, tape: {}, status: {} });
  useSettings.getState().set(twoBrokers);
  useSelection.getState().select('AAPL');
});
afterEach(() => {
  off();
  cleanup();
});

describe('market-view panels with only Webull accounts connected', () => {
  it('Depth says it comes from IB and Webull offers none, instead of waiting', async () => {
    useConnections.getState().replaceAll([state('wb'), state('ibkr', 'reconnecting')]);
    const bridge = show('depth');
    await settle();
    act(() => bridge.emit('streamStatus', { key: 'depth:265598', symbol: 'AAPL', state: 'waiting', code: null, message: 'no connected account offers this stream' }));
    const depth = within(screen.getByRole('region', { name: 'Depth' }));
    expect(depth.getByRole('status').textContent).toBe('Depth comes from IB; no IB account is connected — Webull offers no depth here');
  });

  it('Time & sales says the same for its prints; once IB is connected the sentence goes', async () => {
    useConnections.getState().replaceAll([state('wb')]);
    const bridge = show('tape');
    await settle();
    act(() => bridge.emit('streamStatus', { key: 'tape:265598', symbol: 'AAPL', state: 'waiting', code: null, message: 'no connected account offers this stream' }));
    const tape = within(screen.getByRole('region', { name: 'Time & sales' }));
    expect(tape.getByRole('status').textContent).toBe('Time & sales comes from IB; no IB account is connected — Webull offers no time & sales here');
    act(() => useConnections.getState().upsert(state('ibkr')));
    act(() => bridge.emit('streamStatus', { key: 'tape:265598', symbol: 'AAPL', state: 'live', code: null, message: '' }));
    expect(tape.queryByRole('status')).toBeNull();
  });
});

describe('connectedBrokers', () => {
  it('maps connected accounts to their broker; the demo, not in settings, is IB; others are left out', () => {
    const byAccount = { wb: state('wb'), ibkr: state('ibkr', 'reconnecting'), demo: state('demo') };
    expect(connectedBrokers(byAccount, twoBrokers)).toEqual(['webull', 'ib']);
  });
});
