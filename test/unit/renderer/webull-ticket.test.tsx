// @vitest-environment jsdom
// The ticket for a Webull account: what Webull's declared capabilities rule
// out is disabled or replaced with the sentence — no bracket fields, Outside
// RTH only for limit orders — and comes back on an IB account.

import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BridgeContext } from '../../../renderer/bridge/context';
import { App } from '../../../renderer/components/App';
import { useConnections, useSettings } from '../../../renderer/stores/broker-state';
import { useTicket } from '../../../renderer/stores/ui';
import { account, connection, settings, tradingBridge } from './fake-bridge';
import { resetStores } from './reset';

const twoBrokers = settings({ accounts: [account('demo', 'Demo'), { ...account('wb', 'Webull'), broker: 'webull', appKey: 'k', region: 'us' }] });

beforeEach(() => {
  resetStores();
  useSettings.getState().set(twoBrokers);
  useConnections.getState().upsert(connection());
  useConnections.getState().upsert({ ...connection(), account: 'wb', name: 'Webull' });
  render(
    <BridgeContext.Provider value={tradingBridge()}>
      <App />
    </BridgeContext.Provider>,
  );
});
afterEach(cleanup);

const ticket = () => within(screen.getByRole('region', { name: 'Order ticket' }));

describe('the ticket for a Webull account', () => {
  it('shows the bracket sentence instead of Take profit / Stop loss, and the fields again for IB', () => {
    act(() => useTicket.getState().set({ account: 'wb', symbol: 'AAPL', type: 'limit', limit: '187.50' }));
    expect(ticket().queryByRole('textbox', { name: 'Take profit' })).toBeNull();
    expect(ticket().getByRole('note', { name: 'Bracket' }).textContent).toBe('Webull offers no brackets or OCA exits; it is off for Webull accounts');
    act(() => useTicket.getState().set({ account: 'demo' }));
    expect(ticket().getByRole('textbox', { name: 'Take profit' })).toBeTruthy();
    expect(ticket().queryByRole('note', { name: 'Bracket' })).toBeNull();
  });

  it('allows Outside RTH for a Webull limit, disables it with Webull\'s sentence for a stop-limit', () => {
    act(() => useTicket.getState().set({ account: 'wb', symbol: 'AAPL', type: 'limit', limit: '187.50' }));
    expect(ticket().getByRole('checkbox', { name: 'Outside RTH' })).toHaveProperty('disabled', false);
    act(() => useTicket.getState().set({ type: 'stop-limit', stop: '180', limit: '179.50' }));
    const box = ticket().getByRole('checkbox', { name: 'Outside RTH' });
    expect(box).toHaveProperty('disabled', true);
    expect(box.closest('label')?.getAttribute('title')).toBe('Webull trades outside regular hours only with limit orders');
    act(() => useTicket.getState().set({ account: 'demo' }));
    expect(ticket().getByRole('checkbox', { name: 'Outside RTH' })).toHaveProperty('disabled', false);
  });
});
