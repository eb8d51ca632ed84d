// @vitest-environment jsdom
// Daily P&L in the Account panel and as a Positions column; the margin check
// (what-if) from the ticket and the command line shows IB-style figures and
// sends nothing.

import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { err, ok } from '../../../shared/ipc';
import type { AccountPnl, WhatIfPreview } from '../../../shared/model';
import { BridgeContext } from '../../../renderer/bridge/context';
import { App } from '../../../renderer/components/App';
import { whatIfLines } from '../../../renderer/components/what-if-text';
import { stepPrice } from '../../../renderer/orders/price-step';
import { useAccounts, useConnections, usePositions, useSettings } from '../../../renderer/stores/broker-state';
import { useTicket } from '../../../renderer/stores/ui';
import { wireEvents } from '../../../renderer/stores/wire';
import { connection, settings, tradingBridge, type FakeBridge } from './fake-bridge';
import { resetStores } from './reset';

const PREVIEW: WhatIfPreview = {
  account: 'demo', symbol: 'AAPL',
  initMarginBefore: 9500, initMarginChange: 9375, initMarginAfter: 18875,
  maintMarginBefore: 4750, maintMarginChange: 4687.5, maintMarginAfter: 9437.5,
  equityWithLoanBefore: 1_019_000, equityWithLoanChange: -1, equityWithLoanAfter: 1_018_999,
  commission: 1, minCommission: 1, maxCommission: 1, currency: 'USD', warning: null,
};

const PNL: AccountPnl = {
  account: 'demo', daily: 240, unrealized: 2038, realized: 0, updatedAt: 1,
  byConId: { 265598: { conId: 265598, position: 100, daily: 250, unrealized: 2000, realized: 0, value: 19000 } },
};

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
  useSettings.getState().set(settings());
  useConnections.getState().upsert(connection());
});
afterEach(cleanup);

describe('daily P&L', () => {
  it('shows in the Account panel and as a Positions column, from pnl events', () => {
    const bridge = tradingBridge();
    const off = wireEvents(bridge, { push: () => undefined, reset: () => undefined } as never);
    useAccounts.getState().upsert({ account: 'demo', currency: 'USD', netLiquidation: 1_019_000, totalCash: 1_000_000, buyingPower: 4_000_000, availableFunds: 1_000_000, unrealizedPnl: 2038, realizedPnl: 0, updatedAt: 1 });
    usePositions.getState().upsert({ account: 'demo', symbol: 'AAPL', conId: 265598, quantity: 100, avgCost: 170, marketPrice: 190, marketValue: 19000, unrealizedPnl: 2000, realizedPnl: 0 });
    renderApp(bridge);
    const accountPanel = within(screen.getByRole('region', { name: 'Account' }));
    expect(accountPanel.getByRole('columnheader', { name: /Daily P&L/ })).toBeTruthy();
    const dailyCell = (): string => accountPanel.getAllByRole('row')[1]?.querySelector('[data-col="dailyPnl"]')?.textContent ?? '';
    expect(dailyCell()).toBe('—');
    act(() => bridge.emit('pnl', PNL));
    expect(dailyCell()).toBe('$240.00');
    const positions = within(screen.getByRole('region', { name: 'Positions' }));
    expect(positions.getByRole('button', { name: /Daily P&L/ })).toBeTruthy();
    expect(positions.getByRole('row', { name: 'Position AAPL' }).textContent).toContain('$250.00');
    off();
  });
});

describe('margin check', () => {
  it('Check margin in the ticket asks order.whatIf and shows IB-style figures; nothing is placed', async () => {
    const bridge = tradingBridge().handle('order.whatIf', () => ok(PREVIEW));
    renderApp(bridge);
    act(() => useTicket.getState().set({ symbol: 'AAPL', quantity: '100', type: 'limit', limit: '187.50', tif: 'DAY' }));
    const ticket = within(screen.getByRole('region', { name: 'Order ticket' }));
    fireEvent.click(ticket.getByRole('button', { name: 'Check margin' }));
    await flush();
    expect(bridge.callsOf('order.whatIf')).toEqual([{ order: { account: 'demo', side: 'BUY', symbol: 'AAPL', quantity: 100, type: 'limit', limitPrice: 187.5, tif: 'DAY' } }]);
    expect(bridge.callsOf('order.place')).toEqual([]);
    const result = ticket.getByLabelText('Margin check').textContent ?? '';
    expect(result).toContain('Margin check: BUY 100 AAPL LMT 187.50 DAY @demo');
    expect(result).toContain('Initial margin+$9,375.00 → $18,875.00');
    expect(result).toContain('Maintenance margin+$4,687.50 → $9,437.50');
    expect(result).toContain('Equity with loan after$1,018,999.00');
    expect(result).toContain('Commission$1.00');
  });

  it('Ctrl+Enter checks instead of sending, and shows IB\'s reason when margin would not suffice', async () => {
    const text = 'YOUR ORDER IS NOT ACCEPTED. IN ORDER TO OBTAIN THE DESIRED POSITION YOUR EQUITY WITH LOAN VALUE [999900.00 USD] MUST EXCEED THE INITIAL MARGIN [1870000.00 USD]';
    const bridge = tradingBridge().handle('order.whatIf', () => ok({ ...PREVIEW, warning: text }));
    renderApp(bridge);
    act(() => useTicket.getState().set({ symbol: 'AAPL', quantity: '20000', type: 'limit', limit: '187', tif: 'DAY' }));
    const ticket = within(screen.getByRole('region', { name: 'Order ticket' }));
    fireEvent.keyDown(ticket.getByRole('textbox', { name: 'Quantity' }), { key: 'Enter', ctrlKey: true });
    await flush();
    expect(bridge.callsOf('order.place')).toEqual([]);
    expect(ticket.getByLabelText('Margin check').textContent).toContain(`Margin would not suffice${text}`);
  });

  it('the command line checks the typed order on Ctrl+Enter, and says why when it cannot', async () => {
    const bridge = tradingBridge().handle('order.whatIf', ({ order }) => (order.symbol === 'AAPL' ? ok(PREVIEW) : err('order-refused', 'account "demo" is not connected — no margin check')));
    renderApp(bridge);
    const input = screen.getByRole('textbox', { name: 'Command' });
    fireEvent.change(input, { target: { value: 'buy 100 AAPL 187.50' } });
    fireEvent.keyDown(input, { key: 'Enter', ctrlKey: true });
    await flush();
    const line = within(screen.getByRole('region', { name: 'Command line' }));
    expect(line.getByLabelText('Margin check').textContent).toContain('Initial margin+$9,375.00 → $18,875.00');
    expect(bridge.callsOf('order.place')).toEqual([]);
    expect((input as HTMLInputElement).value).toBe('buy 100 AAPL 187.50');
    fireEvent.change(input, { target: { value: 'buy 100 MSFT 400' } });
    fireEvent.keyDown(input, { key: 'Enter', ctrlKey: true });
    await flush();
    expect(line.getByLabelText('Margin check').textContent).toContain('No margin check: no US stock called MSFT');
    expect(bridge.callsOf('order.whatIf')).toHaveLength(1);
  });
});

describe('whatIfLines', () => {
  it('shows a commission range when IB gives one', () => {
    expect(whatIfLines({ ...PREVIEW, commission: null, minCommission: 1, maxCommission: 1.5 }).find((l) => l.label === 'Commission')?.text).toBe('$1.00 – $1.50');
    expect(whatIfLines({ ...PREVIEW, initMarginChange: -2500 })[0]?.text).toBe('-$2,500.00 → $18,875.00');
  });
});

describe('ticket price stepping', () => {
  const rule = { minTick: 0.0001, priceIncrements: [{ lowEdge: 0, increment: 0.0001 }, { lowEdge: 1, increment: 0.01 }] };

  it('steps by the market rule: 0.0001 under $1, 0.01 from $1', () => {
    expect(stepPrice('0.4275', 1, rule)).toBe('0.4276');
    expect(stepPrice('0.9999', 1, rule)).toBe('1.0000');
    expect(stepPrice('1.00', -1, rule)).toBe('0.9999');
    expect(stepPrice('187.50', 1, rule)).toBe('187.51');
    expect(stepPrice('187.50', -1, undefined)).toBe('187.49');
    expect(stepPrice('', 1, rule)).toBeNull();
  });

  it('ArrowUp in the ticket\'s limit field moves the price one tick', () => {
    renderApp(tradingBridge());
    act(() => useTicket.getState().set({ symbol: 'AAPL', quantity: '100', type: 'limit', limit: '187.50' }));
    const ticket = within(screen.getByRole('region', { name: 'Order ticket' }));
    fireEvent.keyDown(ticket.getByRole('textbox', { name: 'Limit price' }), { key: 'ArrowUp' });
    expect(useTicket.getState().fields.limit).toBe('187.51');
  });
});
