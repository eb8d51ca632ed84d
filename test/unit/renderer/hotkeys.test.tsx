// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BridgeContext } from '../../../renderer/bridge/context';
import { App } from '../../../renderer/components/App';
import { useKeyOverlay } from '../../../renderer/keys/global-keys';
import { hotkeyLine } from '../../../renderer/keys/run-hotkey';
import { useConnections, useSettings } from '../../../renderer/stores/broker-state';
import { useQuotes } from '../../../renderer/stores/quotes';
import { useSelection } from '../../../renderer/stores/selection';
import { useTicket } from '../../../renderer/stores/ui';
import { connection, quote, settings, tradingBridge, type FakeBridge } from './fake-bridge';
import { resetStores } from './reset';

function renderApp(bridge: FakeBridge): void {
  render(
    <BridgeContext.Provider value={bridge}>
      <App />
    </BridgeContext.Provider>,
  );
}

const placed = (bridge: FakeBridge): unknown[] => bridge.calls.filter((c) => c.command === 'order.place').map((c) => c.request);
const commandMessage = (): string => screen.getByLabelText('Command line message').textContent ?? '';

beforeEach(() => {
  resetStores();
  useSettings.getState().set(
    settings({
      workspace: {
        layout: null,
        columns: {},
        hotkeys: [
          { chord: 'Shift+F5', action: 'buy {qty} {symbol} ask+0.01' },
          { chord: 'Q', action: 'sell {qty} {symbol} bid' },
        ],
      },
    }),
  );
  useConnections.getState().upsert(connection());
  useQuotes.setState({ bySymbol: { AAPL: quote('AAPL') } });
});
afterEach(cleanup);

describe('hotkeys', () => {
  it('fills the line from the selected symbol, the ticket quantity and the quote', () => {
    useSelection.getState().select('AAPL');
    useTicket.getState().set({ quantity: '200' });
    expect(hotkeyLine('buy {qty} {symbol} ask+0.01')).toEqual({ ok: true, line: 'buy 200 AAPL 187.52' });
    useSelection.getState().select('');
    expect(hotkeyLine('buy {qty} {symbol} ask+0.01')).toEqual({ ok: false, reason: 'no symbol selected: pick a quote row first' });
  });

  it('sends a function-key hotkey from anywhere, even a text field, and says what it sent', async () => {
    const bridge = tradingBridge();
    renderApp(bridge);
    useSelection.getState().select('AAPL');
    const ticket = within(screen.getByRole('region', { name: 'Order ticket' }));
    const qty = ticket.getByRole('textbox', { name: 'Quantity' });
    fireEvent.change(qty, { target: { value: '100' } });
    await act(async () => {
      fireEvent.keyDown(qty, { key: 'F5', shiftKey: true });
    });
    expect(placed(bridge)).toEqual([{ order: { account: 'demo', side: 'BUY', symbol: 'AAPL', quantity: 100, type: 'limit', limitPrice: 187.52, tif: 'GTC' } }]);
    expect(commandMessage()).toBe('Sent #42: BUY 100 AAPL LMT 187.52 GTC @demo');
  });

  it('sends once for a held key, and a bare letter never inside a text field or select', async () => {
    const bridge = tradingBridge();
    renderApp(bridge);
    useSelection.getState().select('AAPL');
    useTicket.getState().set({ quantity: '100' });
    const ticket = within(screen.getByRole('region', { name: 'Order ticket' }));
    await act(async () => {
      fireEvent.keyDown(ticket.getByRole('textbox', { name: 'Symbol' }), { key: 'q' });
      fireEvent.keyDown(ticket.getByRole('combobox', { name: 'Order type' }), { key: 'q' });
      fireEvent.keyDown(document.body, { key: 'F5', shiftKey: true, repeat: true });
    });
    expect(placed(bridge)).toEqual([]);
    await act(async () => {
      fireEvent.keyDown(document.body, { key: 'q' });
    });
    expect(placed(bridge)).toHaveLength(1);
  });

  it('refuses with Order Error in the one feedback place when no symbol is selected', async () => {
    const bridge = tradingBridge();
    renderApp(bridge);
    await act(async () => {
      fireEvent.keyDown(document.body, { key: 'F5', shiftKey: true });
    });
    expect(placed(bridge)).toEqual([]);
    expect(commandMessage()).toBe('Order Error: no symbol selected: pick a quote row first');
  });

  it('F1 shows every key, the hotkeys included; Esc closes it', () => {
    renderApp(tradingBridge());
    fireEvent.keyDown(document.body, { key: 'F1' });
    const overlay = within(screen.getByRole('dialog', { name: 'Keys' }));
    expect(overlay.getByRole('table', { name: 'Hotkeys' }).textContent).toContain('Shift+F5buy {qty} {symbol} ask+0.01');
    expect(overlay.getByRole('table', { name: 'Workstation keys' }).textContent).toContain('Alt+3jump to Orders');
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(useKeyOverlay.getState().open).toBe(false);
  });

  it('sends nothing while the keys overlay is open', async () => {
    const bridge = tradingBridge();
    renderApp(bridge);
    useSelection.getState().select('AAPL');
    useTicket.getState().set({ quantity: '100' });
    fireEvent.keyDown(document.body, { key: 'F1' });
    await act(async () => {
      fireEvent.keyDown(document.body, { key: 'F5', shiftKey: true });
    });
    expect(placed(bridge)).toEqual([]);
    expect(screen.getByRole('dialog', { name: 'Keys' })).toBeTruthy();
  });
});
