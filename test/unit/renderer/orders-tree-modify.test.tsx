// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BridgeContext } from '../../../renderer/bridge/context';
import { App } from '../../../renderer/components/App';
import { useConnections, useOrders, useSettings } from '../../../renderer/stores/broker-state';
import { useTicket } from '../../../renderer/stores/ui';
import { connection, order, settings, tradingBridge, type FakeBridge } from './fake-bridge';
import { resetStores } from './reset';

function renderApp(bridge: FakeBridge = tradingBridge()) {
  render(
    <BridgeContext.Provider value={bridge}>
      <App />
    </BridgeContext.Provider>,
  );
  return within(screen.getByRole('region', { name: 'Orders' }));
}

const working = (): HTMLElement => screen.getByRole('table', { name: 'Working orders' });
const row = (table: HTMLElement, orderId: number): HTMLElement => within(table).getByRole('row', { name: `Order ${orderId}` });
const cellTexts = (r: HTMLElement): string[] => [...r.querySelectorAll('td,th')].map((c) => c.textContent ?? '');
const ticket = () => within(screen.getByRole('region', { name: 'Order ticket' }));
const ticketTitle = (): string => ticket().getByRole('heading', { level: 2 }).textContent ?? '';
const ticketPreview = (): string => screen.getByLabelText('Ticket preview').textContent ?? '';

beforeEach(() => {
  resetStores();
  useSettings.getState().set(settings());
  useConnections.getState().upsert(connection());
});
afterEach(cleanup);

describe('orders panel: brackets, trailing stops, foreign orders', () => {
  it('shows bracket children under their parent, indented, with their role', () => {
    useOrders.getState().replaceAll([
      order({ orderId: 10, createdAt: 1 }),
      order({ orderId: 20, createdAt: 2, limitPrice: 187 }),
      order({ orderId: 21, createdAt: 2, side: 'SELL', type: 'stop', limitPrice: null, stopPrice: 185, parentId: 20, ocaGroup: 'B20', status: 'pre-submitted' }),
      order({ orderId: 22, createdAt: 2, side: 'SELL', type: 'limit', limitPrice: 190, parentId: 20, ocaGroup: 'B20', status: 'pre-submitted' }),
      order({ orderId: 30, createdAt: 0, side: 'SELL', type: 'stop', limitPrice: null, stopPrice: 180, ocaGroup: 'X1' }),
    ]);
    renderApp();
    const rows = within(working()).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('aria-label'))).toEqual(['Order 20', 'Order 22', 'Order 21', 'Order 10', 'Order 30']);
    expect(rows.map((r) => r.getAttribute('data-depth'))).toEqual(['0', '1', '1', '0', '0']);
    expect(cellTexts(row(working(), 22))[0]).toBe('↳ 22 TP');
    expect(cellTexts(row(working(), 21))[0]).toBe('↳ 21 SL');
    expect(cellTexts(row(working(), 30))[0]).toBe('30 OCA');
    expect(cellTexts(row(working(), 20))[0]).toBe('20');
  });

  it("shows a trailing stop's current stop and updates it in place", () => {
    useOrders.getState().replaceAll([
      order({ orderId: 40, side: 'SELL', type: 'trailing', limitPrice: null, trail: { amount: 0.5 }, trailStopPrice: 187 }),
    ]);
    renderApp();
    const before = row(working(), 40);
    expect(cellTexts(before)).toEqual(expect.arrayContaining(['TRAIL 0.50', '187.00']));
    act(() => {
      useOrders.getState().upsert(order({ orderId: 40, side: 'SELL', type: 'trailing', limitPrice: null, trail: { amount: 0.5 }, trailStopPrice: 187.25 }));
    });
    const after = row(working(), 40);
    expect(after).toBe(before);
    expect(cellTexts(after)).toEqual(expect.arrayContaining(['TRAIL 0.50', '187.25']));
  });

  it('shows a foreign order with its IB type and prices; Delete cancels it, Enter says why it cannot be modified', async () => {
    useOrders.getState().replaceAll([order({ orderId: 9, type: 'foreign', ibType: 'REL', limitPrice: 187.4, clientId: 0 })]);
    const bridge = tradingBridge();
    const orders = renderApp(bridge);
    const foreign = row(working(), 9);
    expect(cellTexts(foreign)).toEqual(expect.arrayContaining(['REL', '187.40', 'Working']));
    fireEvent.click(foreign);
    fireEvent.keyDown(foreign, { key: 'Enter' });
    expect(orders.getByRole('alert').textContent).toBe('Order Error: order 9 is an IB "REL" order, which Janus shows but cannot modify');
    expect(ticketTitle()).toBe('Order ticket');
    await act(async () => {
      fireEvent.keyDown(foreign, { key: 'Delete' });
    });
    expect(bridge.callsOf('order.cancel')).toEqual([{ account: 'demo', orderId: 9 }]);
  });

  it('shows no reason for a cancel without one, and the reason IB gave as it is', () => {
    useOrders.getState().replaceAll([
      order({ orderId: 50, status: 'cancelled', reason: null }),
      order({ orderId: 51, status: 'cancelled', reason: 'Outside of the regular trading session' }),
    ]);
    renderApp();
    const done = screen.getByRole('table', { name: 'Completed orders' });
    expect(row(done, 50).querySelector('td.reason')?.textContent).toBe('');
    expect(row(done, 51).querySelector('td.reason')?.textContent).toBe('Outside of the regular trading session');
  });
});

describe('modify from the Orders panel', () => {
  it('Enter on a working order opens it in the ticket as "Modify #N"; the preview reads old → new; Esc leaves', () => {
    useOrders.getState().replaceAll([order({ orderId: 42, limitPrice: 187.5 })]);
    renderApp();
    const r = row(working(), 42);
    fireEvent.click(r);
    fireEvent.keyDown(r, { key: 'Enter' });
    expect(ticketTitle()).toBe('Modify #42');
    expect(ticketPreview()).toBe('modify of order 42 changes nothing');
    const limit = ticket().getByRole('textbox', { name: 'Limit price' });
    fireEvent.change(limit, { target: { value: '187.60' } });
    fireEvent.change(ticket().getByRole('textbox', { name: 'Quantity' }), { target: { value: '200' } });
    expect(ticketPreview()).toBe('MODIFY #42 BUY AAPL LMT: qty 100 → 200, lmt 187.50 → 187.60');
    expect((ticket().getByRole('combobox', { name: 'Order type' }) as HTMLSelectElement).disabled).toBe(true);
    expect(ticket().queryByRole('textbox', { name: 'Take profit' })).toBeNull();
    // S outside text fields switches a new order's side, never a modify's.
    fireEvent.keyDown(document.body, { key: 's' });
    expect(useTicket.getState().fields.side).toBe('BUY');
    expect(ticket().getByRole('button', { name: 'Sell' }).getAttribute('aria-pressed')).toBe('false');
    fireEvent.keyDown(limit, { key: 'Escape' });
    expect(ticketTitle()).toBe('Order ticket');
    expect(useTicket.getState().modify).toBeNull();
    expect(useTicket.getState().fields.limit).toBe('');
  });

  it('refuses to open what cannot be modified, with the shared sentence', () => {
    useOrders.getState().replaceAll([
      order({ orderId: 60, status: 'filled', filled: 100, remaining: 0 }),
      order({ orderId: 61, clientId: 7 }),
    ]);
    const orders = renderApp();
    const filled = row(screen.getByRole('table', { name: 'Completed orders' }), 60);
    fireEvent.click(filled);
    fireEvent.keyDown(filled, { key: 'Enter' });
    expect(orders.getByRole('alert').textContent).toBe('Order Error: order 60 is filled: nothing left to modify');
    const other = row(working(), 61);
    fireEvent.click(other);
    fireEvent.keyDown(other, { key: 'Enter' });
    expect(orders.getByRole('alert').textContent).toBe(
      'Order Error: order 61 belongs to client 7, not this session (client 1): only its own orders can be modified',
    );
    expect(ticketTitle()).toBe('Order ticket');
  });

  it('the preview follows the row when the order fills meanwhile', () => {
    useOrders.getState().replaceAll([order({ orderId: 42, limitPrice: 187.5 })]);
    renderApp();
    const r = row(working(), 42);
    fireEvent.click(r);
    fireEvent.keyDown(r, { key: 'Enter' });
    act(() => {
      useOrders.getState().upsert(order({ orderId: 42, limitPrice: 187.5, status: 'filled', filled: 100, remaining: 0 }));
    });
    expect(ticketPreview()).toBe('order 42 is filled: nothing left to modify');
  });
});
