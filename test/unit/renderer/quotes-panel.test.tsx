// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { err, ok } from '../../../shared/ipc';
import { BridgeContext } from '../../../renderer/bridge/context';
import { QuotesPanel } from '../../../renderer/components/QuotesPanel';
import { ConnectionBar } from '../../../renderer/components/ConnectionBar';
import { useConnections, useSettings } from '../../../renderer/stores/broker-state';
import { useQuotes } from '../../../renderer/stores/quotes';
import { useClock, useTicket } from '../../../renderer/stores/ui';
import { useSession } from '../../../renderer/stores/wire';
import { FakeBridge, QUOTE_TIME, quote, connection, instrument, settings } from './fake-bridge';
import { resetStores } from './reset';

const NOW = QUOTE_TIME;


function quoteBridge(): FakeBridge {
  return new FakeBridge()
    .handle('quotes.subscribe', ({ symbol }) =>
      symbol === 'AAPL' || symbol === 'MSFT' ? ok(instrument(symbol)) : err('symbol-ambiguous', `${symbol} is ambiguous: 2 matches (NYSE, NASDAQ)`),
    )
    .handle('quotes.unsubscribe', () => ok(null))
    .handle('watchlist.set', ({ symbols }) => ok(symbols));
}

function renderPanel(bridge: FakeBridge) {
  render(
    <BridgeContext.Provider value={bridge}>
      <QuotesPanel />
    </BridgeContext.Provider>,
  );
  return within(screen.getByRole('region', { name: 'Quotes' }));
}

const cell = (symbol: string, col: string): string =>
  screen.getByRole('row', { name: `Quote ${symbol}` }).querySelector(`[data-col="${col}"]`)?.textContent ?? '';

beforeEach(() => {
  resetStores();
  useClock.setState({ now: NOW });
  useSession.setState({ generation: 1, snapshotError: null });
});
afterEach(cleanup);

describe('quotes panel', () => {
  it('adds a typed symbol: subscribes, saves the watchlist, shows the row', async () => {
    useSettings.getState().set(settings());
    const bridge = quoteBridge();
    const q = renderPanel(bridge);
    fireEvent.change(q.getByRole('textbox', { name: 'Add symbol' }), { target: { value: 'aapl' } });
    await act(async () => {
      fireEvent.submit(q.getByRole('textbox', { name: 'Add symbol' }));
    });
    expect(bridge.callsOf('quotes.subscribe')).toEqual([{ symbol: 'AAPL' }]);
    expect(bridge.callsOf('watchlist.set')).toEqual([{ symbols: ['AAPL'] }]);
    expect(screen.getByRole('row', { name: 'Quote AAPL' })).toBeTruthy();
  });

  it('shows the reason main gives for an ambiguous symbol and keeps it off the list', async () => {
    useSettings.getState().set(settings());
    const bridge = quoteBridge();
    const q = renderPanel(bridge);
    fireEvent.change(q.getByRole('textbox', { name: 'Add symbol' }), { target: { value: 'SPY' } });
    await act(async () => {
      fireEvent.submit(q.getByRole('textbox', { name: 'Add symbol' }));
    });
    expect(q.getByRole('alert').textContent).toBe('SPY is ambiguous: 2 matches (NYSE, NASDAQ)');
    expect(bridge.callsOf('watchlist.set')).toEqual([]);
  });

  it('paints the quote cells, badges LIVE, then STALE after 5 s without a tick', async () => {
    useSettings.getState().set(settings({ watchlist: ['AAPL'] }));
    useQuotes.setState({ bySymbol: { AAPL: quote('AAPL') } });
    const bridge = quoteBridge();
    renderPanel(bridge);
    await act(async () => {});
    expect(bridge.callsOf('quotes.subscribe')).toEqual([{ symbol: 'AAPL' }]);
    expect(cell('AAPL', 'bid')).toBe('187.49');
    expect(cell('AAPL', 'ask')).toBe('187.51');
    expect(cell('AAPL', 'last')).toBe('187.50');
    expect(cell('AAPL', 'change')).toBe('+2.50');
    expect(cell('AAPL', 'changePct')).toBe('+1.35%');
    expect(cell('AAPL', 'askSize')).toBe('1,200');
    expect(cell('AAPL', 'volume')).toBe('1,234,567');
    const row = screen.getByRole('row', { name: 'Quote AAPL' });
    expect(within(row).getByText('LIVE')).toBeTruthy();

    act(() => useQuotes.setState({ bySymbol: { AAPL: quote('AAPL', { last: 186, bid: 185.99, updatedAt: NOW + 1000 }) } }));
    expect(cell('AAPL', 'last')).toBe('186.00');
    expect(row.querySelector('[data-col="last"]')?.className).toContain('flash-down');
    act(() => useClock.getState().tick(NOW + 6001));
    expect(within(row).getByText('STALE')).toBeTruthy();
  });

  it('badges delayed data DELAYED', () => {
    useSettings.getState().set(settings({ watchlist: ['AAPL'] }));
    useQuotes.setState({ bySymbol: { AAPL: quote('AAPL', { delayed: true }) } });
    renderPanel(quoteBridge());
    expect(within(screen.getByRole('row', { name: 'Quote AAPL' })).getByText('DELAYED')).toBeTruthy();
  });

  it('removing a symbol saves the list and unsubscribes; unmounting releases the rest', async () => {
    useSettings.getState().set(settings({ watchlist: ['AAPL', 'MSFT'] }));
    const bridge = quoteBridge();
    const q = renderPanel(bridge);
    await act(async () => {});
    await act(async () => {
      fireEvent.click(q.getByRole('button', { name: 'Remove AAPL' }));
    });
    expect(bridge.callsOf('watchlist.set')).toEqual([{ symbols: ['MSFT'] }]);
    expect(bridge.callsOf('quotes.unsubscribe')).toEqual([{ symbol: 'AAPL' }]);
    cleanup();
    expect(bridge.callsOf('quotes.unsubscribe')).toEqual([{ symbol: 'AAPL' }, { symbol: 'MSFT' }]);
  });

  it('subscribes everything again after the UI link reconnects', async () => {
    useSettings.getState().set(settings({ watchlist: ['AAPL'] }));
    const bridge = quoteBridge();
    renderPanel(bridge);
    await act(async () => {});
    act(() => useSession.setState({ generation: 2 }));
    await act(async () => {});
    expect(bridge.callsOf('quotes.subscribe')).toEqual([{ symbol: 'AAPL' }, { symbol: 'AAPL' }]);
  });

  it('fills the ticket symbol (and the default size into an empty ticket) when a row is selected', () => {
    useSettings.getState().set(settings({ watchlist: ['MSFT', 'AAPL'] }));
    renderPanel(quoteBridge());
    fireEvent.click(screen.getByRole('row', { name: 'Quote MSFT' }));
    expect(useTicket.getState().fields).toMatchObject({ symbol: 'MSFT', quantity: '100' });
    act(() => useTicket.getState().set({ quantity: '250' }));
    fireEvent.keyDown(screen.getByRole('row', { name: 'Quote AAPL' }), { key: 'Enter' });
    expect(useTicket.getState().fields).toMatchObject({ symbol: 'AAPL', quantity: '250' });
  });
});

describe('connection bar', () => {
  it('shows the three layers, the countdown to reconnect with the reason, and the SIMULATED badge', () => {
    useConnections.getState().upsert(connection());
    render(<ConnectionBar />);
    const bar = within(screen.getByRole('region', { name: 'Connection bar' }));
    expect(bar.getByLabelText('TWS socket: connected')).toBeTruthy();
    expect(bar.getByLabelText('IB link: IB link up')).toBeTruthy();
    expect(bar.getByLabelText('Market data: data farms OK (usfarm)')).toBeTruthy();
    expect(bar.getByText('SIMULATED')).toBeTruthy();

    act(() =>
      useConnections.getState().upsert(connection({ socket: 'reconnecting', reconnectAt: NOW + 7000, error: 'connection refused (127.0.0.1:4002)' })),
    );
    expect(bar.getByLabelText('TWS socket: reconnecting in 7 s (connection refused (127.0.0.1:4002))')).toBeTruthy();
    act(() => useClock.getState().tick(NOW + 2500));
    expect(bar.getByLabelText('TWS socket: reconnecting in 5 s (connection refused (127.0.0.1:4002))')).toBeTruthy();
    expect(bar.getByLabelText('IB link: IB link —')).toBeTruthy();

    act(() => useConnections.getState().upsert(connection({ ibLink: 'down', farms: [{ name: 'usfarm', kind: 'market', ok: false }] })));
    expect(bar.getByLabelText('IB link: IB link lost (1100)')).toBeTruthy();
    expect(bar.getByLabelText('Market data: data farm broken: usfarm')).toBeTruthy();
  });

  it('shows "IB not answering N s" on the account while TWS is silent, counting, and clears it when TWS answers', () => {
    useConnections.getState().upsert(connection());
    render(<ConnectionBar />);
    const bar = within(screen.getByRole('region', { name: 'Connection bar' }));
    expect(bar.queryByLabelText(/^Liveness:/)).toBeNull();
    act(() => useClock.getState().tick(NOW));
    act(() => useConnections.getState().upsert(connection({ silentSince: NOW - 2000 })));
    expect(bar.getByLabelText('Liveness: IB not answering 2 s')).toBeTruthy();
    act(() => useClock.getState().tick(NOW + 3500));
    expect(bar.getByLabelText('Liveness: IB not answering 5 s')).toBeTruthy();
    act(() => useConnections.getState().upsert(connection({ silentSince: null })));
    expect(bar.queryByLabelText(/^Liveness:/)).toBeNull();
  });
});
