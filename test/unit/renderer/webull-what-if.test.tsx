// @vitest-environment jsdom
// The margin check (what-if) for a Webull account: its broker declares none, so
// the ticket's button is disabled with the sentence, and Ctrl+Enter in the
// ticket or the command line answers that sentence without asking the host.

import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok } from '../../../shared/ipc';
import { BridgeContext } from '../../../renderer/bridge/context';
import { App } from '../../../renderer/components/App';
import { whatIfLack } from '../../../renderer/components/what-if-text';
import { useConnections, useSettings } from '../../../renderer/stores/broker-state';
import { useTicket } from '../../../renderer/stores/ui';
import { account, connection, settings, tradingBridge, type FakeBridge } from './fake-bridge';
import { resetStores } from './reset';

const SENTENCE = 'Webull offers no margin check (what-if); it is off for Webull accounts';
const twoBrokers = settings({ accounts: [account('demo', 'Demo'), { ...account('wb', 'Webull'), broker: 'webull', appKey: 'k', region: 'us' }] });

function renderApp(bridge: FakeBridge): void {
  render(
    <BridgeContext.Provider value={bridge}>
      <App />
    </BridgeContext.Provider>,
  );
}
const flush = (): Promise<void> => act(async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
});

beforeEach(() => {
  resetStores();
  useSettings.getState().set(twoBrokers);
  useConnections.getState().upsert(connection());
  useConnections.getState().upsert({ ...connection(), account: 'wb', name: 'Webull' });
});
afterEach(cleanup);

describe('margin check for a Webull account', () => {
  it('whatIfLack names Webull for its accounts (any case of the id), nothing for IB or the demo', () => {
    expect(whatIfLack(twoBrokers, 'wb')).toBe(SENTENCE);
    expect(whatIfLack(twoBrokers, 'WB')).toBe(SENTENCE);
    expect(whatIfLack(twoBrokers, 'demo')).toBeNull();
    expect(whatIfLack(twoBrokers, 'not-in-settings')).toBeNull();
  });

  it('the ticket disables Check margin with the sentence for a Webull account; Ctrl+Enter says it and asks nothing', async () => {
    const bridge = tradingBridge().handle('order.whatIf', () => ok(null as never));
    renderApp(bridge);
    act(() => useTicket.getState().set({ account: 'wb', symbol: 'AAPL', quantity: '100', type: 'limit', limit: '187.50', tif: 'DAY' }));
    const ticket = within(screen.getByRole('region', { name: 'Order ticket' }));
    const button = ticket.getByRole('button', { name: 'Check margin' });
    expect(button).toHaveProperty('disabled', true);
    expect(button.getAttribute('title')).toBe(SENTENCE);
    expect(ticket.getByRole('note', { name: 'Margin check' }).textContent).toBe(SENTENCE);
    fireEvent.keyDown(ticket.getByRole('textbox', { name: 'Quantity' }), { key: 'Enter', ctrlKey: true });
    await flush();
    expect(ticket.getByLabelText('Margin check').textContent).toBe(`Margin check: BUY 100 AAPL LMT 187.50 DAY @wbNo margin check: ${SENTENCE}`);
    expect(bridge.callsOf('order.whatIf')).toEqual([]);
    // Back on the IB account the button works again.
    act(() => useTicket.getState().set({ account: 'demo' }));
    expect(ticket.getByRole('button', { name: 'Check margin' })).toHaveProperty('disabled', false);
  });

  it('the command line answers the sentence for @wb without asking the host', async () => {
    const bridge = tradingBridge();
    renderApp(bridge);
    const input = screen.getByRole('textbox', { name: 'Command' });
    fireEvent.change(input, { target: { value: 'buy 100 AAPL 187.50 @wb' } });
    fireEvent.keyDown(input, { key: 'Enter', ctrlKey: true });
    await flush();
    const line = within(screen.getByRole('region', { name: 'Command line' }));
    expect(line.getByLabelText('Margin check').textContent).toContain(`No margin check: ${SENTENCE}`);
    expect(bridge.callsOf('order.whatIf')).toEqual([]);
  });
});
