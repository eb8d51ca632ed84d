// @vitest-environment jsdom
// A day of orders, fills and log lines: the tables draw about one screen of rows (jsdom has
// no layout, so the scroll area counts as FALLBACK_VIEWPORT_PX high), tell assistive tech the
// whole count, and the arrow keys still walk every row.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Fill, LogEntry } from '../../../shared/model';
import { BridgeContext } from '../../../renderer/bridge/context';
import { FillsPanel } from '../../../renderer/components/FillsPanel';
import { LogPanel } from '../../../renderer/components/LogPanel';
import { OrdersPanel } from '../../../renderer/components/OrdersPanel';
import { useConnections, useFills, useLog, useOrders, useSettings } from '../../../renderer/stores/broker-state';
import { FALLBACK_VIEWPORT_PX, OVERSCAN_ROWS, ROW_ESTIMATE_PX } from '../../../renderer/tables/virtual-rows';
import { connection, order, settings, tradingBridge } from './fake-bridge';
import { resetStores } from './reset';

/** A screenful plus the overscan on both sides, plus the kept (selected) row. */
const MAX_DRAWN = Math.ceil(FALLBACK_VIEWPORT_PX / ROW_ESTIMATE_PX) + 2 * OVERSCAN_ROWS + 2;

function renderPanel(panel: React.ReactElement): void {
  render(<BridgeContext.Provider value={tradingBridge()}>{panel}</BridgeContext.Provider>);
}

/** Body rows only: the header row and the aria-hidden spacers are not counted. */
const bodyRows = (table: HTMLElement): HTMLElement[] => within(table).getAllByRole('row').filter((r) => r.closest('tbody') !== null);
const rowIndex = (r: Element): number => Number(r.getAttribute('aria-rowindex'));

/** Orders 1..n, order n the newest (first in the table). */
function dayOfOrders(n: number, status: 'submitted' | 'filled' = 'submitted') {
  return Array.from({ length: n }, (_, i) => order({ orderId: i + 1, createdAt: 1_700_000_000_000 + i * 1000, status }));
}

beforeEach(() => {
  resetStores();
  useSettings.getState().set(settings());
  useConnections.getState().upsert(connection());
});
afterEach(cleanup);

describe('virtualized Orders', () => {
  it('1,000 working orders draw a bounded number of rows, and the table announces all 1,000', () => {
    useOrders.getState().replaceAll(dayOfOrders(1000));
    renderPanel(<OrdersPanel />);
    const table = screen.getByRole('table', { name: 'Working orders' });
    const rows = bodyRows(table);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThanOrEqual(MAX_DRAWN);
    expect(table.getAttribute('aria-rowcount')).toBe('1001');
    expect(within(table).getAllByRole('row')[0]?.getAttribute('aria-rowindex')).toBe('1');
    expect(rows.map(rowIndex)).toEqual(rows.map((_, i) => i + 2));
    expect(rows[0]?.getAttribute('aria-label')).toBe('Order 1000');
    expect(screen.getByRole('heading', { name: 'Working (1000)' })).toBeTruthy();
  });

  it('shows every completed order of the day (no cap), drawing only a screenful', () => {
    useOrders.getState().replaceAll(dayOfOrders(1000, 'filled'));
    renderPanel(<OrdersPanel />);
    const table = screen.getByRole('table', { name: 'Completed orders' });
    expect(table.getAttribute('aria-rowcount')).toBe('1001');
    expect(bodyRows(table).length).toBeLessThanOrEqual(MAX_DRAWN);
  });

  it('ArrowDown from the last drawn row focuses the next row, which is drawn for it', () => {
    useOrders.getState().replaceAll(dayOfOrders(1000));
    renderPanel(<OrdersPanel />);
    const table = screen.getByRole('table', { name: 'Working orders' });
    const last = bodyRows(table).at(-1) as HTMLElement;
    const at = rowIndex(last);
    expect(within(table).queryAllByRole('row').some((r) => rowIndex(r) === at + 1)).toBe(false);
    act(() => last.focus());
    fireEvent.keyDown(last, { key: 'ArrowDown' });
    const next = document.activeElement as HTMLElement;
    expect(rowIndex(next)).toBe(at + 1);
    // Newest first: aria-rowindex 2 is order 1000, so row r is order 1002 - r.
    expect(next.getAttribute('aria-label')).toBe(`Order ${1002 - (at + 1)}`);
    expect(next.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(next, { key: 'ArrowDown' });
    expect(rowIndex(document.activeElement as HTMLElement)).toBe(at + 2);
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'ArrowUp' });
    expect(rowIndex(document.activeElement as HTMLElement)).toBe(at + 1);
    expect(bodyRows(table).length).toBeLessThanOrEqual(MAX_DRAWN);
  });

  it('ArrowDown from the last working order goes on to the first completed one, then Delete has nothing to cancel', () => {
    useOrders.getState().replaceAll([...dayOfOrders(3), order({ orderId: 50, status: 'filled', createdAt: 1_800_000_000_000 })]);
    renderPanel(<OrdersPanel />);
    const working = bodyRows(screen.getByRole('table', { name: 'Working orders' }));
    const lastWorking = working.at(-1) as HTMLElement;
    expect(lastWorking.getAttribute('aria-label')).toBe('Order 1');
    act(() => lastWorking.focus());
    fireEvent.keyDown(lastWorking, { key: 'ArrowDown' });
    expect((document.activeElement as HTMLElement).getAttribute('aria-label')).toBe('Order 50');
    expect(screen.getByRole('table', { name: 'Completed orders' }).contains(document.activeElement)).toBe(true);
  });

  it('a new order at the top shows at once when the list is at the top', () => {
    useOrders.getState().replaceAll(dayOfOrders(500));
    renderPanel(<OrdersPanel />);
    act(() => useOrders.getState().upsert(order({ orderId: 9001, createdAt: 1_900_000_000_000 })));
    const table = screen.getByRole('table', { name: 'Working orders' });
    expect(bodyRows(table)[0]?.getAttribute('aria-label')).toBe('Order 9001');
    expect(table.getAttribute('aria-rowcount')).toBe('502');
  });
});

describe('virtualized Fills and Log', () => {
  it('1,000 fills draw a bounded number of rows; aria-rowcount counts them all', () => {
    const fills: Fill[] = Array.from({ length: 1000 }, (_, i) => ({
      execId: `e${i}`, account: 'demo', orderId: i, permId: i, symbol: 'AAPL', conId: 1, side: 'BUY', quantity: 10, price: 187.5, exchange: 'NASDAQ', commission: 1, time: 1_700_000_000_000 + i,
    }));
    useFills.getState().replaceAll(fills);
    renderPanel(<FillsPanel />);
    const table = screen.getByRole('table', { name: 'Fills' });
    expect(table.getAttribute('aria-rowcount')).toBe('1001');
    const rows = bodyRows(table);
    expect(rows.length).toBeLessThanOrEqual(MAX_DRAWN);
    expect(rows[0]?.getAttribute('data-exec-id')).toBe('e999');
    expect(rows.map(rowIndex)).toEqual(rows.map((_, i) => i + 2));
  });

  it('the Log draws a screenful of its lines and announces all of them', () => {
    const entries: LogEntry[] = Array.from({ length: 1000 }, (_, i) => ({ seq: i + 1, time: 1_700_000_000_000 + i, level: 'info', source: 'host', code: null, message: `line ${i + 1}` }));
    useLog.getState().replaceAll(entries);
    renderPanel(<LogPanel />);
    const table = screen.getByRole('table', { name: 'Log' });
    expect(table.getAttribute('aria-rowcount')).toBe('1001');
    const rows = bodyRows(table);
    expect(rows.length).toBeLessThanOrEqual(MAX_DRAWN);
    expect(rows[0]?.textContent).toContain('line 1000');
  });
});
