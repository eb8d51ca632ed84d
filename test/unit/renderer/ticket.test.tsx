// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BridgeContext } from '../../../renderer/bridge/context';
import { App } from '../../../renderer/components/App';
import { useConnections, usePositions, useSettings } from '../../../renderer/stores/broker-state';
import { useTicket } from '../../../renderer/stores/ui';
import { connection, settings, tradingBridge, type FakeBridge } from './fake-bridge';
import { resetStores } from './reset';

function renderApp(bridge: FakeBridge) {
  render(
    <BridgeContext.Provider value={bridge}>
      <App />
    </BridgeContext.Provider>,
  );
  return within(screen.getByRole('region', { name: 'Order ticket' }));
}

const ticketPreview = (): string => screen.getByLabelText('Ticket preview').textContent ?? '';

beforeEach(() => {
  resetStores();
  useSettings.getState().set(settings());
  useConnections.getState().upsert(connection());
});
afterEach(cleanup);

describe('order ticket', () => {
  it('shows the price fields each order type needs, and only those', () => {
    const t = renderApp(tradingBridge());
    const type = t.getByRole('combobox', { name: 'Order type' });
    const fields = (): string[] =>
      ['Limit price', 'Stop price'].filter((name) => t.queryByRole('textbox', { name }) !== null);
    expect(fields()).toEqual(['Limit price']);
    fireEvent.change(type, { target: { value: 'market' } });
    expect(fields()).toEqual([]);
    fireEvent.change(type, { target: { value: 'stop' } });
    expect(fields()).toEqual(['Stop price']);
    fireEvent.change(type, { target: { value: 'stop-limit' } });
    expect(fields()).toEqual(['Limit price', 'Stop price']);
  });

  it('preselects GTC and the default account, marked SIMULATED', () => {
    const t = renderApp(tradingBridge());
    expect((t.getByRole('combobox', { name: 'Time in force' }) as HTMLSelectElement).value).toBe('GTC');
    const account = t.getByRole('combobox', { name: 'Account' }) as HTMLSelectElement;
    expect(account.value).toBe('demo');
    expect(account.selectedOptions[0]?.textContent).toBe('Demo (SIMULATED)');
  });

  it('previews the order live', () => {
    const t = renderApp(tradingBridge());
    fireEvent.change(t.getByRole('combobox', { name: 'Order type' }), { target: { value: 'stop-limit' } });
    fireEvent.change(t.getByRole('textbox', { name: 'Symbol' }), { target: { value: 'brk.b' } });
    fireEvent.change(t.getByRole('textbox', { name: 'Quantity' }), { target: { value: '100' } });
    expect(ticketPreview()).toBe('… stop price is empty');
    fireEvent.change(t.getByRole('textbox', { name: 'Stop price' }), { target: { value: '195' } });
    fireEvent.change(t.getByRole('textbox', { name: 'Limit price' }), { target: { value: '195.5' } });
    expect(ticketPreview()).toBe('BUY 100 BRK B STP LMT 195.00 / 195.50 GTC @demo');
    fireEvent.change(t.getByRole('combobox', { name: 'Time in force' }), { target: { value: 'DAY' } });
    expect(ticketPreview()).toBe('BUY 100 BRK B STP LMT 195.00 / 195.50 DAY @demo');
  });

  it('switches side with B and S outside text fields and selects, but lets them type or choose there', () => {
    const t = renderApp(tradingBridge());
    const sell = t.getByRole('button', { name: 'Sell' });
    fireEvent.keyDown(document.body, { key: 's' });
    expect(sell.getAttribute('aria-pressed')).toBe('true');
    // On the order-type select, S and B choose an item ("Stop"), never the side.
    fireEvent.keyDown(t.getByRole('combobox', { name: 'Order type' }), { key: 'b' });
    expect(useTicket.getState().fields.side).toBe('SELL');
    fireEvent.keyDown(t.getByRole('button', { name: 'Buy' }), { key: 'b' });
    expect(useTicket.getState().fields.side).toBe('BUY');
    const symbol = t.getByRole('textbox', { name: 'Symbol' });
    fireEvent.keyDown(symbol, { key: 's' });
    expect(useTicket.getState().fields.side).toBe('BUY');
  });

  it('sends on Enter from a field and clears for the next order', async () => {
    const bridge = tradingBridge();
    const t = renderApp(bridge);
    fireEvent.change(t.getByRole('textbox', { name: 'Symbol' }), { target: { value: 'AAPL' } });
    fireEvent.change(t.getByRole('textbox', { name: 'Quantity' }), { target: { value: '100' } });
    fireEvent.change(t.getByRole('textbox', { name: 'Limit price' }), { target: { value: '187.50' } });
    fireEvent.keyDown(document.body, { key: 's' });
    await act(async () => {
      fireEvent.keyDown(t.getByRole('textbox', { name: 'Limit price' }), { key: 'Enter' });
    });
    expect(bridge.callsOf('order.place')).toEqual([
      { order: { account: 'demo', side: 'SELL', symbol: 'AAPL', quantity: 100, type: 'limit', limitPrice: 187.5, tif: 'GTC' } },
    ]);
    expect(t.getByRole('status', { name: 'Ticket message' }).textContent).toBe('Sent #42: SELL 100 AAPL LMT 187.50 GTC @demo');
    expect((t.getByRole('textbox', { name: 'Symbol' }) as HTMLInputElement).value).toBe('');
  });

  it('refuses an unreadable quantity and a rules failure with "Order Error:"', async () => {
    const bridge = tradingBridge();
    const t = renderApp(bridge);
    fireEvent.change(t.getByRole('textbox', { name: 'Symbol' }), { target: { value: 'AAPL' } });
    fireEvent.change(t.getByRole('textbox', { name: 'Quantity' }), { target: { value: '10x' } });
    await act(async () => {
      fireEvent.click(t.getByRole('button', { name: 'Send' }));
    });
    expect(t.getByRole('alert', { name: 'Ticket message' }).textContent).toBe('Order Error: quantity "10x" is not a number');
    fireEvent.change(t.getByRole('textbox', { name: 'Quantity' }), { target: { value: '10.5' } });
    fireEvent.change(t.getByRole('textbox', { name: 'Limit price' }), { target: { value: '187.50' } });
    await act(async () => {
      fireEvent.click(t.getByRole('button', { name: 'Send' }));
    });
    expect(t.getByRole('alert', { name: 'Ticket message' }).textContent).toBe('Order Error: quantity 10.5 must be a whole number of shares');
    expect(bridge.callsOf('order.place')).toEqual([]);
  });

  it('clears on Esc', () => {
    const t = renderApp(tradingBridge());
    const symbol = t.getByRole('textbox', { name: 'Symbol' }) as HTMLInputElement;
    fireEvent.change(symbol, { target: { value: 'AAPL' } });
    fireEvent.keyDown(symbol, { key: 'Escape' });
    expect(symbol.value).toBe('');
  });

  it('loads the closing side and size when a position is selected', () => {
    usePositions.getState().upsert({
      account: 'demo',
      symbol: 'MSFT',
      conId: 2,
      quantity: -300,
      avgCost: 410,
      marketPrice: 411,
      marketValue: -123300,
      unrealizedPnl: -300,
      realizedPnl: 0,
    });
    const t = renderApp(tradingBridge());
    fireEvent.click(screen.getByRole('row', { name: /Position MSFT/ }));
    expect((t.getByRole('textbox', { name: 'Symbol' }) as HTMLInputElement).value).toBe('MSFT');
    expect((t.getByRole('textbox', { name: 'Quantity' }) as HTMLInputElement).value).toBe('300');
    expect(t.getByRole('button', { name: 'Buy' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('focuses the command line with F2 from anywhere and with / outside text fields', () => {
    const t = renderApp(tradingBridge());
    const command = screen.getByRole('textbox', { name: 'Command' });
    const symbol = t.getByRole('textbox', { name: 'Symbol' });
    symbol.focus();
    fireEvent.keyDown(symbol, { key: '/' });
    expect(document.activeElement).toBe(symbol);
    fireEvent.keyDown(symbol, { key: 'F2' });
    expect(document.activeElement).toBe(command);
    command.blur();
    fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(command);
  });

  it('labels every panel as a region', () => {
    renderApp(tradingBridge());
    for (const name of ['Connection bar', 'Quotes', 'Order ticket', 'Command line', 'Orders', 'Fills', 'Positions', 'Account', 'Log']) {
      expect(screen.getByRole('region', { name })).toBeTruthy();
    }
  });
});
