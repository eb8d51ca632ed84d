// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BridgeContext } from '../../../renderer/bridge/context';
import { App } from '../../../renderer/components/App';
import { useConnections, useOrders, usePositions, useSettings } from '../../../renderer/stores/broker-state';
import { useTicket } from '../../../renderer/stores/ui';
import { connection, order, settings, tradingBridge, type FakeBridge } from './fake-bridge';
import { resetStores } from './reset';

function renderApp(bridge: FakeBridge) {
  render(
    <BridgeContext.Provider value={bridge}>
      <App />
    </BridgeContext.Provider>,
  );
  return within(screen.getByRole('region', { name: 'Orders' }));
}

const row = (orders: ReturnType<typeof renderApp>, table: string, orderId: number): HTMLElement =>
  within(orders.getByRole('table', { name: table })).getByRole('row', { name: `Order ${orderId}` });

beforeEach(() => {
  resetStores();
  useSettings.getState().set(settings());
  useConnections.getState().upsert(connection());
});
afterEach(cleanup);

describe('orders panel', () => {
  it('shows working and completed orders with what a trader needs to read', () => {
    useOrders.getState().replaceAll([
      order({ orderId: 1, status: 'partially-filled', quantity: 100, filled: 40, remaining: 60, avgFillPrice: 187.52, tif: 'DAY', tifChanged: true }),
      order({ orderId: 2, status: 'rejected', reason: 'Order rejected - reason:no shares available to short', side: 'SELL' }),
    ]);
    const orders = renderApp(tradingBridge());
    const working = row(orders, 'Working orders', 1);
    expect(working.textContent).toContain('Partially filled');
    expect(within(working).getAllByRole('cell').map((c) => c.textContent)).toEqual(
      expect.arrayContaining(['40', '60', '187.52', 'DAY (changed)', 'demoSIMULATED']),
    );
    const rejected = row(orders, 'Completed orders', 2);
    expect(rejected.textContent).toContain('Rejected');
    expect(rejected.textContent).toContain('Order rejected - reason:no shares available to short');
    expect(within(rejected).queryByRole('button')).toBeNull();
  });

  it('cancels the selected order with Delete, and one order with its button', async () => {
    useOrders.getState().replaceAll([order({ orderId: 5 }), order({ orderId: 6 })]);
    const bridge = tradingBridge();
    const orders = renderApp(bridge);
    const five = row(orders, 'Working orders', 5);
    fireEvent.click(five);
    expect(five.getAttribute('aria-selected')).toBe('true');
    await act(async () => {
      fireEvent.keyDown(five, { key: 'Delete' });
    });
    expect(bridge.callsOf('order.cancel')).toEqual([{ account: 'demo', orderId: 5 }]);
    expect(orders.getByRole('status').textContent).toBe('Cancel requested for #5');
    await act(async () => {
      fireEvent.click(orders.getByRole('button', { name: 'Cancel order 6' }));
    });
    expect(bridge.callsOf('order.cancel')).toEqual([{ account: 'demo', orderId: 5 }, { account: 'demo', orderId: 6 }]);
  });

  it('moves the selection with the arrow keys, then Delete cancels the newly selected order', async () => {
    useOrders.getState().replaceAll([order({ orderId: 7, createdAt: 3 }), order({ orderId: 8, createdAt: 2 }), order({ orderId: 9, createdAt: 1 })]);
    const bridge = tradingBridge();
    const orders = renderApp(bridge);
    const seven = row(orders, 'Working orders', 7);
    seven.focus();
    fireEvent.keyDown(seven, { key: 'ArrowDown' });
    const eight = row(orders, 'Working orders', 8);
    expect(document.activeElement).toBe(eight);
    expect(eight.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(eight, { key: 'ArrowUp' });
    fireEvent.keyDown(seven, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(seven);
    fireEvent.keyDown(seven, { key: 'ArrowDown' });
    await act(async () => {
      fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'Delete' });
    });
    expect(bridge.callsOf('order.cancel')).toEqual([{ account: 'demo', orderId: 8 }]);
  });

  it('cancel all asks first and sends only when confirmed', async () => {
    useOrders.getState().replaceAll([order({ orderId: 5 })]);
    const bridge = tradingBridge();
    const orders = renderApp(bridge);
    await act(async () => {
      fireEvent.click(orders.getByRole('button', { name: 'Cancel all' }));
    });
    const dialog = screen.getByRole('dialog', { name: 'Cancel all orders' });
    expect(bridge.callsOf('order.cancelAll')).toEqual([]);
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel all' }));
    });
    expect(bridge.callsOf('order.cancelAll')).toEqual([{}]);
    expect(orders.getByRole('status').textContent).toBe('Cancel requested for 2 working orders');
  });

  it('the desktop menu focuses the command line, starts a new order and asks before cancel all', async () => {
    const bridge = tradingBridge();
    renderApp(bridge);
    act(() => bridge.emit('menu', { action: 'focus-command-line' }));
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Command' }));
    act(() => useTicket.getState().set({ symbol: 'AAPL', quantity: '5' }));
    act(() => bridge.emit('menu', { action: 'new-order' }));
    expect(useTicket.getState().fields.symbol).toBe('');
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Symbol' }));
    await act(async () => bridge.emit('menu', { action: 'cancel-all' }));
    expect(screen.getByRole('dialog', { name: 'Cancel all orders' })).toBeTruthy();
  });
});

describe('positions panel', () => {
  it('sorts by a clicked header, and flips on a second click', () => {
    const p = (symbol: string, quantity: number, unrealizedPnl: number | null) => ({
      account: 'demo', symbol, conId: symbol.charCodeAt(0), quantity, avgCost: 10, marketPrice: 11, marketValue: quantity * 11, unrealizedPnl, realizedPnl: 0,
    });
    usePositions.getState().replaceAll([p('MSFT', 300, 50), p('AAPL', 100, -20), p('NVDA', -50, null)]);
    renderApp(tradingBridge());
    const positions = within(screen.getByRole('region', { name: 'Positions' }));
    const symbols = (): string[] => positions.getAllByRole('row').slice(1).map((r) => r.getAttribute('data-symbol') ?? '');
    expect(symbols()).toEqual(['AAPL', 'MSFT', 'NVDA']);
    fireEvent.click(positions.getByRole('button', { name: /Unrealized P&L/ }));
    expect(symbols()).toEqual(['AAPL', 'MSFT', 'NVDA']);
    fireEvent.click(positions.getByRole('button', { name: /Unrealized P&L/ }));
    expect(symbols()).toEqual(['MSFT', 'AAPL', 'NVDA']);
    fireEvent.click(positions.getByRole('button', { name: /Quantity/ }));
    expect(symbols()).toEqual(['NVDA', 'AAPL', 'MSFT']);
    expect(positions.getByRole('row', { name: 'Position AAPL' }).textContent).toContain('-$20.00');
  });
});
