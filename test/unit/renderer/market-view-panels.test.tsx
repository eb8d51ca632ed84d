// @vitest-environment jsdom
// Depth and Time & sales against a fake bridge: they hold their stream for the
// selected symbol, show what the host sends, and trade from the ladder through
// the one order path.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok } from '../../../shared/ipc';
import type { StreamRequest } from '../../../shared/market-view';
import { BridgeContext } from '../../../renderer/bridge/context';
import { DepthPanel } from '../../../renderer/components/market-view/DepthPanel';
import { TimeAndSalesPanel } from '../../../renderer/components/market-view/TimeAndSalesPanel';
import { useOrders, useSettings } from '../../../renderer/stores/broker-state';
import { createMarketViewFeed, useMarketView, wireMarketView } from '../../../renderer/stores/market-view';
import { useSelection } from '../../../renderer/stores/selection';
import { useTicket } from '../../../renderer/stores/ui';
import { instrument, order, settings, tradingBridge, type FakeBridge } from './fake-bridge';
import { resetStores } from './reset';

const AAPL = instrument('AAPL', 0.01, 265598);

function marketBridge(): FakeBridge {
  return tradingBridge()
    .handle('stream.subscribe', ({ stream }: { stream: StreamRequest }) => ok({ key: `${stream.kind}:265598`, instrument: AAPL }))
    .handle('stream.unsubscribe', () => ok(null));
}

let off: () => void = () => {};
/** The first stream ask goes on a zero timer; let it and its answer land. */
const settle = (): Promise<void> => act(async () => {
  await new Promise((resolve) => setTimeout(resolve, 0));
});
function show(bridge: FakeBridge, panel: 'depth' | 'tape') {
  off = wireMarketView(bridge, createMarketViewFeed(useMarketView, { request: (cb) => cb() }));
  render(<BridgeContext.Provider value={bridge}>{panel === 'depth' ? <DepthPanel /> : <TimeAndSalesPanel />}</BridgeContext.Provider>);
}

const book = {
  key: 'depth:265598', symbol: 'AAPL', conId: 265598,
  bids: Array.from({ length: 10 }, (_, i) => ({ price: Number((187.49 - i / 100).toFixed(2)), size: 100 * (i + 1), venue: 'NSDQ' })),
  asks: Array.from({ length: 10 }, (_, i) => ({ price: Number((187.51 + i / 100).toFixed(2)), size: 100 * (i + 2), venue: 'ARCA' })),
};

beforeEach(() => {
  resetStores();
  useMarketView.setState({ bars: {}, depth: {}, tape: {}, status: {} });
  useSettings.getState().set(settings());
  useTicket.getState().set({ account: 'demo', quantity: '300' });
  useSelection.getState().select('AAPL');
});
afterEach(() => {
  off();
  cleanup();
});

describe('Depth panel', () => {
  it('holds the depth stream of the selected symbol and shows ten levels a side', async () => {
    const bridge = marketBridge();
    show(bridge, 'depth');
    await settle();
    expect(bridge.callsOf('stream.subscribe')).toEqual([{ stream: { kind: 'depth', symbol: 'AAPL' } }]);
    act(() => bridge.emit('depth', book));
    const depth = within(screen.getByRole('region', { name: 'Depth' }));
    expect(within(depth.getByRole('table', { name: 'Bids' })).getAllByRole('row')).toHaveLength(11);
    expect(within(depth.getByRole('table', { name: 'Asks' })).getAllByRole('row')[1]?.textContent).toBe('187.51200ARCA');
  });

  it('places a limit at the selected price with the ticket quantity, and cancels what rests there', async () => {
    const bridge = marketBridge();
    show(bridge, 'depth');
    await settle();
    act(() => bridge.emit('depth', book));
    const ladder = screen.getByLabelText('Price ladder keys');
    expect(ladder.querySelector('tr[aria-selected="true"]')?.getAttribute('data-price')).toBe('187.49');
    fireEvent.keyDown(ladder, { key: 'ArrowDown' });
    fireEvent.keyDown(ladder, { key: 'ArrowDown' });
    await act(async () => {
      fireEvent.keyDown(ladder, { key: 'b' });
    });
    expect(bridge.callsOf('order.place')).toEqual([
      { order: { account: 'demo', side: 'BUY', symbol: 'AAPL', quantity: 300, type: 'limit', limitPrice: 187.47, tif: 'GTC' } },
    ]);
    expect(screen.getByRole('status', { name: 'Ladder message' }).textContent).toMatch(/^Sent #42: BUY 300 AAPL LMT 187\.47/);
    act(() => useOrders.getState().upsert(order({ orderId: 42, quantity: 300, remaining: 300, limitPrice: 187.47 })));
    expect(screen.getByRole('button', { name: 'Cancel buy #42 300 at 187.47' })).toBeTruthy();
    await act(async () => {
      fireEvent.keyDown(ladder, { key: 'Delete' });
    });
    expect(bridge.callsOf('order.cancel')).toEqual([{ account: 'demo', orderId: 42 }]);
  });

  it('refuses a ladder order without a quantity in the ladder, and says so when IB refuses the stream', async () => {
    useTicket.getState().set({ quantity: 'ten' });
    const bridge = marketBridge();
    show(bridge, 'depth');
    await settle();
    act(() => bridge.emit('depth', book));
    await act(async () => {
      fireEvent.keyDown(screen.getByLabelText('Price ladder keys'), { key: 's' });
    });
    expect(bridge.callsOf('order.place')).toEqual([]);
    expect(screen.getByRole('alert', { name: 'Ladder message' }).textContent).toBe('Order Error: quantity "ten" is not a whole number');
    act(() => bridge.emit('streamStatus', { key: 'depth:265598', symbol: 'AAPL', state: 'refused', code: 309, message: 'Max number (3) of market depth requests has been reached' }));
    expect(screen.getAllByRole('alert').map((a) => a.textContent)).toContain('Refused by IB (309): Max number (3) of market depth requests has been reached');
  });
});

describe('Time & sales panel', () => {
  it('lists prints newest first, coloured by side, with a minimum-size filter', async () => {
    const bridge = marketBridge();
    show(bridge, 'tape');
    await settle();
    expect(bridge.callsOf('stream.subscribe')).toEqual([{ stream: { kind: 'tape', symbol: 'AAPL' } }]);
    act(() => bridge.emit('tape', {
      key: 'tape:265598', symbol: 'AAPL', conId: 265598,
      prints: [
        { time: 1_800_000_000_000, price: 187.49, size: 100, exchange: 'NSDQ', side: 'at-bid' },
        { time: 1_800_000_001_000, price: 187.5, size: 500, exchange: 'ARCA', side: 'between' },
      ],
    }));
    const rows = (): string[] => screen.getAllByRole('row').slice(1).map((r) => r.getAttribute('aria-label') ?? '');
    expect(rows()).toEqual(['Print 187.50 x 500 between', 'Print 187.49 x 100 at bid']);
    expect(screen.getAllByRole('row')[2]?.className).toBe('print at-bid');
    fireEvent.change(screen.getByRole('textbox', { name: 'Minimum size' }), { target: { value: '200' } });
    expect(rows()).toEqual(['Print 187.50 x 500 between']);
  });
});
