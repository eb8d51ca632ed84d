// @vitest-environment jsdom
// Sending from the ticket (bracket, modify) and the Positions panel's keys, against the fake bridge.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok } from '../../../shared/ipc';
import type { OrderGroup, Position } from '../../../shared/model';
import { BridgeContext } from '../../../renderer/bridge/context';
import { App } from '../../../renderer/components/App';
import { useConnections, useInstruments, useOrders, usePositions, useSettings } from '../../../renderer/stores/broker-state';
import { useQuotes } from '../../../renderer/stores/quotes';
import { useConfirm, useTicket } from '../../../renderer/stores/ui';
import { connection, instrument, order, quote, settings, tradingBridge, type FakeBridge } from './fake-bridge';
import { resetStores } from './reset';

function bridge(): FakeBridge {
  return tradingBridge()
    .handle('order.placeGroup', ({ group }: { group: OrderGroup }) => {
      const n = group.kind === 'bracket' ? 1 + Number(!!group.takeProfit) + Number(!!group.stopLoss) : 1;
      const orderIds = Array.from({ length: n }, (_, i) => 50 + i);
      return ok({ orderIds, keys: orderIds.map((id) => `demo:${id}`) });
    })
    .handle('order.modify', ({ account, orderId }) => ok({ key: `${account}:${orderId}`, orderId }))
    .handle('order.cancelSymbol', () => ok({ cancelled: [7, 8], refused: [] }))
    .handle('position.flatten', ({ symbol }) => ok({ orderIds: typeof symbol === 'string' ? [60] : [61, 62] }))
    .handle('position.reverse', () => ok({ orderIds: [63] }));
}

function renderApp(b: FakeBridge) {
  render(
    <BridgeContext.Provider value={b}>
      <App />
    </BridgeContext.Provider>,
  );
}

const ticket = () => within(screen.getByRole('region', { name: 'Order ticket' }));
const ticketTitle = (): string => ticket().getByRole('heading', { level: 2 }).textContent ?? '';
const ticketMessage = (): string => screen.getByLabelText('Ticket message').textContent ?? '';
const positions = () => within(screen.getByRole('region', { name: 'Positions' }));

const position = (patch: Partial<Position> = {}): Position => ({
  account: 'demo',
  symbol: 'AAPL',
  conId: 1000,
  quantity: 200,
  avgCost: 180,
  marketPrice: 187.5,
  marketValue: 37500,
  unrealizedPnl: 1500,
  realizedPnl: 0,
  ...patch,
});

beforeEach(() => {
  resetStores();
  useSettings.getState().set(settings());
  useConnections.getState().upsert(connection());
  useInstruments.getState().add(instrument('AAPL'));
  useQuotes.setState({ bySymbol: { AAPL: quote('AAPL') } });
});
afterEach(cleanup);

describe('ticket sends', () => {
  it('a bracket as one group', async () => {
    const b = bridge();
    renderApp(b);
    const t = ticket();
    fireEvent.change(t.getByRole('textbox', { name: 'Symbol' }), { target: { value: 'AAPL' } });
    fireEvent.change(t.getByRole('textbox', { name: 'Limit price' }), { target: { value: '187.50' } });
    fireEvent.change(t.getByRole('textbox', { name: 'Take profit' }), { target: { value: '190' } });
    fireEvent.change(t.getByRole('textbox', { name: 'Stop loss' }), { target: { value: '185' } });
    await act(async () => {
      fireEvent.keyDown(t.getByRole('textbox', { name: 'Stop loss' }), { key: 'Enter' });
    });
    const entry = { account: 'demo', side: 'BUY', symbol: 'AAPL', quantity: 100, type: 'limit', limitPrice: 187.5, tif: 'GTC' };
    const child = { account: 'demo', side: 'SELL', symbol: 'AAPL', quantity: 100, tif: 'GTC' };
    expect(b.callsOf('order.placeGroup')).toEqual([
      { group: { kind: 'bracket', entry, takeProfit: { ...child, type: 'limit', limitPrice: 190 }, stopLoss: { ...child, type: 'stop', stopPrice: 185 } } },
    ]);
    expect(ticketMessage()).toBe('Sent #50, #51, #52: BUY 100 AAPL LMT 187.50 GTC · TP SELL LMT 190.00 · SL SELL STP 185.00 @demo');
    expect((t.getByRole('textbox', { name: 'Take profit' }) as HTMLInputElement).value).toBe('');
  });

  it('a modify opened from the Orders panel; IB refusing it shows on the row and as Order Error', async () => {
    useOrders.getState().replaceAll([order({ orderId: 42, limitPrice: 187.5 })]);
    const b = bridge();
    renderApp(b);
    const r = within(screen.getByRole('table', { name: 'Working orders' })).getByRole('row', { name: 'Order 42' });
    fireEvent.click(r);
    fireEvent.keyDown(r, { key: 'Enter' });
    const limit = ticket().getByRole('textbox', { name: 'Limit price' });
    fireEvent.change(limit, { target: { value: '187.60' } });
    await act(async () => {
      fireEvent.keyDown(limit, { key: 'Enter' });
    });
    expect(b.callsOf('order.modify')).toEqual([{ account: 'demo', orderId: 42, changes: { quantity: 100, tif: 'GTC', limitPrice: 187.6 } }]);
    expect(ticketMessage()).toBe('Sent MODIFY #42 BUY AAPL LMT: lmt 187.50 → 187.60');
    expect(ticketTitle()).toBe('Order ticket');
    act(() => {
      useOrders.getState().upsert(order({ orderId: 42, limitPrice: 187.5, reason: "Order being modified does not match original order." }));
    });
    expect(ticketMessage()).toBe('Order Error: Order being modified does not match original order.');
    const row = within(screen.getByRole('table', { name: 'Working orders' })).getByRole('row', { name: 'Order 42' });
    expect(row.querySelector('td.reason')?.textContent).toBe('Order being modified does not match original order.');
  });

  it('a modify the rules refuse is not sent', async () => {
    useOrders.getState().replaceAll([order({ orderId: 42, limitPrice: 187.5, filled: 60, remaining: 40, status: 'partially-filled' })]);
    const b = bridge();
    renderApp(b);
    const r = within(screen.getByRole('table', { name: 'Working orders' })).getByRole('row', { name: 'Order 42' });
    fireEvent.click(r);
    fireEvent.keyDown(r, { key: 'Enter' });
    const qty = ticket().getByRole('textbox', { name: 'Quantity' });
    fireEvent.change(qty, { target: { value: '50' } });
    await act(async () => {
      fireEvent.keyDown(qty, { key: 'Enter' });
    });
    expect(b.callsOf('order.modify')).toEqual([]);
    expect(ticketMessage()).toBe('Order Error: quantity 50 is below the 60 already filled');
    expect(ticketTitle()).toBe('Modify #42');
  });
});

describe('positions panel keys', () => {
  it('F flattens, R reverses, C cancels the symbol’s orders, each in the row’s account', async () => {
    usePositions.getState().upsert(position());
    const b = bridge();
    renderApp(b);
    const r = positions().getByRole('row', { name: /Position AAPL/ });
    await act(async () => {
      fireEvent.keyDown(r, { key: 'f' });
    });
    expect(b.callsOf('position.flatten')).toEqual([{ account: 'demo', symbol: 'AAPL' }]);
    expect(positions().getByRole('status').textContent).toBe('Sent #60: FLAT AAPL');
    await act(async () => {
      fireEvent.keyDown(r, { key: 'r' });
    });
    expect(b.callsOf('position.reverse')).toEqual([{ account: 'demo', symbol: 'AAPL' }]);
    expect(positions().getByRole('status').textContent).toBe('Sent #63: REVERSE AAPL');
    await act(async () => {
      fireEvent.keyDown(r, { key: 'c' });
    });
    expect(b.callsOf('order.cancelSymbol')).toEqual([{ account: 'demo', symbol: 'AAPL' }]);
    expect(positions().getByRole('status').textContent).toBe('Cancel requested for #7, #8');
    await act(async () => {
      fireEvent.keyDown(r, { key: 'f', repeat: true });
      fireEvent.keyDown(r, { key: 'f', ctrlKey: true });
    });
    expect(b.callsOf('position.flatten')).toHaveLength(1);
  });

  it('Flat all asks first and sends only on yes', async () => {
    usePositions.getState().upsert(position());
    const b = bridge();
    renderApp(b);
    await act(async () => {
      fireEvent.click(positions().getByRole('button', { name: 'Flat all' }));
    });
    expect(useConfirm.getState().request?.title).toBe('Flatten all positions');
    await act(async () => {
      useConfirm.getState().answer(false);
    });
    expect(b.callsOf('position.flatten')).toEqual([]);
    await act(async () => {
      fireEvent.click(positions().getByRole('button', { name: 'Flat all' }));
    });
    await act(async () => {
      useConfirm.getState().answer(true);
    });
    expect(b.callsOf('position.flatten')).toEqual([{ symbol: { all: true } }]);
    expect(positions().getByRole('status').textContent).toBe('Sent #61, #62: FLAT ALL');
  });

  it('Enter loads a market order that closes the position, which sends as it is', async () => {
    usePositions.getState().upsert(position({ quantity: -300 }));
    const b = bridge();
    renderApp(b);
    const r = positions().getByRole('row', { name: /Position AAPL/ });
    fireEvent.keyDown(r, { key: 'Enter' });
    expect(screen.getByLabelText('Ticket preview').textContent).toBe('BUY 300 AAPL MKT GTC @demo');
    expect(useTicket.getState().fields.type).toBe('market');
    await act(async () => {
      fireEvent.click(ticket().getByRole('button', { name: 'Send' }));
    });
    expect(b.callsOf('order.place')).toEqual([{ order: { account: 'demo', side: 'BUY', symbol: 'AAPL', quantity: 300, type: 'market', tif: 'GTC' } }]);
  });
});
