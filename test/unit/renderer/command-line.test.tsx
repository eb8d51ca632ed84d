// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { err } from '../../../shared/ipc';
import { BridgeContext } from '../../../renderer/bridge/context';
import { CommandLine } from '../../../renderer/components/CommandLine';
import { ConfirmDialog } from '../../../renderer/components/ConfirmDialog';
import { useConnections, useInstruments, useSettings } from '../../../renderer/stores/broker-state';
import { settleWatchedOrder } from '../../../renderer/stores/wire';
import { useOrders } from '../../../renderer/stores/broker-state';
import { connection, instrument, order, settings, tradingBridge, type FakeBridge } from './fake-bridge';
import { resetStores } from './reset';

function renderLine(bridge: FakeBridge) {
  render(
    <BridgeContext.Provider value={bridge}>
      <CommandLine />
      <ConfirmDialog />
    </BridgeContext.Provider>,
  );
  return screen.getByRole('textbox', { name: 'Command' });
}

const preview = (): string => screen.getByLabelText('Command preview').textContent ?? '';

async function enter(input: HTMLElement): Promise<void> {
  await act(async () => {
    fireEvent.keyDown(input, { key: 'Enter' });
  });
}

beforeEach(() => {
  resetStores();
  useSettings.getState().set(settings());
  useConnections.getState().upsert(connection());
});
afterEach(cleanup);

describe('command line', () => {
  it('previews the parsed order as the trader types', () => {
    const input = renderLine(tradingBridge());
    fireEvent.change(input, { target: { value: 'b AAPL 100 187.50' } });
    expect(preview()).toBe('BUY 100 AAPL LMT 187.50 GTC');
    fireEvent.change(input, { target: { value: 'sstop 100 AAPL 180 179.50 day' } });
    expect(preview()).toBe('SELL 100 AAPL STP LMT 180.00 / 179.50 DAY');
    fireEvent.change(input, { target: { value: 'cancel 42' } });
    expect(preview()).toBe('CANCEL #42');
  });

  it('adds what the rules say to the preview once the instrument is known', () => {
    useInstruments.getState().add(instrument('AAPL', 0.05));
    const input = renderLine(tradingBridge());
    fireEvent.change(input, { target: { value: 'buy 100 AAPL 187.52' } });
    // The grammar knows the tick (ParseContext.minTick), so the line itself is refused.
    expect(preview()).toBe('limit price 187.52 is not a multiple of the 0.05 tick');
    fireEvent.change(input, { target: { value: 'buy 100 AAPL 187.55' } });
    expect(preview()).toBe('BUY 100 AAPL LMT 187.55 GTC');
  });

  it('shows the grammar reason as "Order Error:" on Enter and sends nothing', async () => {
    const bridge = tradingBridge();
    const input = renderLine(bridge);
    fireEvent.change(input, { target: { value: 'purchase 100 AAPL' } });
    await enter(input);
    expect(screen.getByRole('alert', { name: 'Command line message' }).textContent).toBe('Order Error: unknown verb "purchase": use buy, sell, bstop, sstop, btrail, strail, exit, mod, cancel, flat or rev');
    expect(bridge.callsOf('order.place')).toEqual([]);
    // The bad line stays so it can be fixed.
    expect((input as HTMLInputElement).value).toBe('purchase 100 AAPL');
  });

  it('refuses a price off the resolved instrument tick with the rules sentence', async () => {
    useInstruments.getState().add(instrument('AAPL', 0.05));
    const bridge = tradingBridge();
    const input = renderLine(bridge);
    fireEvent.change(input, { target: { value: 'buy 100 AAPL 187.52' } });
    await enter(input);
    expect(screen.getByRole('alert', { name: 'Command line message' }).textContent).toBe('Order Error: limit price 187.52 is not a multiple of the 0.05 tick');
    expect(bridge.callsOf('order.place')).toEqual([]);
  });

  it('sends a market order to the default account and clears the line', async () => {
    const bridge = tradingBridge();
    const input = renderLine(bridge);
    fireEvent.change(input, { target: { value: 'buy 100 aapl' } });
    await enter(input);
    expect(bridge.callsOf('order.place')).toEqual([
      { order: { account: 'demo', side: 'BUY', symbol: 'AAPL', quantity: 100, type: 'market', tif: 'GTC' } },
    ]);
    expect((input as HTMLInputElement).value).toBe('');
    expect(screen.getByRole('status', { name: 'Command line message' }).textContent).toBe('Sent #42: BUY 100 AAPL MKT GTC @demo');
  });

  it("shows main's refusal verbatim", async () => {
    const bridge = tradingBridge().handle('order.place', () => err('not-connected', 'account demo is not connected: orders are refused, never queued'));
    const input = renderLine(bridge);
    fireEvent.change(input, { target: { value: 'sell 100 AAPL 190' } });
    await enter(input);
    expect(screen.getByRole('alert', { name: 'Command line message' }).textContent).toBe('Order Error: account demo is not connected: orders are refused, never queued');
  });

  it("shows IB's reason when the sent order comes back rejected", async () => {
    const bridge = tradingBridge();
    const input = renderLine(bridge);
    fireEvent.change(input, { target: { value: 'buy 100 AAPL 187.50' } });
    await enter(input);
    act(() => {
      const rejected = order({ orderId: 42, status: 'rejected', reason: 'Order rejected: simulated rejection' });
      useOrders.getState().upsert(rejected);
      settleWatchedOrder(rejected);
    });
    expect(screen.getByRole('alert', { name: 'Command line message' }).textContent).toBe('Order Error: Order rejected: simulated rejection');
  });

  it('refuses an unknown symbol with the reason from main', async () => {
    const bridge = tradingBridge();
    const input = renderLine(bridge);
    fireEvent.change(input, { target: { value: 'buy 100 ZZZZ' } });
    await enter(input);
    expect(screen.getByRole('alert', { name: 'Command line message' }).textContent).toBe('Order Error: no US stock called ZZZZ');
  });

  it('recalls earlier lines with up and down, back to what was being typed', async () => {
    const bridge = tradingBridge();
    const input = renderLine(bridge) as HTMLInputElement;
    for (const line of ['buy 100 AAPL', 'sell 50 AAPL 190']) {
      fireEvent.change(input, { target: { value: line } });
      await enter(input);
    }
    fireEvent.change(input, { target: { value: 'b' } });
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    expect(input.value).toBe('sell 50 AAPL 190');
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    expect(input.value).toBe('buy 100 AAPL');
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    expect(input.value).toBe('buy 100 AAPL');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(input.value).toBe('sell 50 AAPL 190');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(input.value).toBe('b');
  });

  it('cancels by order id in the account that holds it', async () => {
    useOrders.getState().upsert(order({ orderId: 17, account: 'demo' }));
    const bridge = tradingBridge();
    const input = renderLine(bridge);
    fireEvent.change(input, { target: { value: 'cancel 17' } });
    await enter(input);
    expect(bridge.callsOf('order.cancel')).toEqual([{ account: 'demo', orderId: 17 }]);
  });

  it('asks before cancel all, and sends only on Confirm', async () => {
    const bridge = tradingBridge();
    const input = renderLine(bridge);
    fireEvent.change(input, { target: { value: 'cancel all' } });
    await enter(input);
    const dialog = screen.getByRole('dialog', { name: 'Cancel all orders' });
    expect(dialog.textContent).toContain('Cancel every working order in every account?');
    expect(bridge.callsOf('order.cancelAll')).toEqual([]);
    await act(async () => {
      fireEvent.keyDown(screen.getByRole('button', { name: 'Cancel all' }), { key: 'Escape' });
    });
    expect(bridge.callsOf('order.cancelAll')).toEqual([]);
    expect(screen.queryByRole('dialog')).toBeNull();

    await enter(input);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Cancel all' }));
    });
    expect(bridge.callsOf('order.cancelAll')).toEqual([{}]);
    expect(screen.getByRole('status', { name: 'Command line message' }).textContent).toBe('Cancel requested for 2 working orders');
  });

  it('asks for confirmation above the quantity threshold; Enter confirms', async () => {
    useSettings.getState().set(settings({ confirm: { quantityAbove: 500, notionalAbove: null } }));
    const bridge = tradingBridge();
    const input = renderLine(bridge);
    fireEvent.change(input, { target: { value: 'buy 1000 AAPL 187.50' } });
    await enter(input);
    const dialog = screen.getByRole('dialog', { name: 'Confirm order' });
    expect(dialog.textContent).toContain('BUY 1000 AAPL LMT 187.50 GTC');
    expect(dialog.textContent).toContain('Quantity 1,000 is above 500 shares');
    expect(bridge.callsOf('order.place')).toEqual([]);
    await act(async () => {
      fireEvent.keyDown(screen.getByRole('button', { name: 'Confirm' }), { key: 'Enter' });
    });
    expect(bridge.callsOf('order.place')).toHaveLength(1);
  });

  it('does not send when the confirmation is cancelled with Esc', async () => {
    useSettings.getState().set(settings({ confirm: { quantityAbove: null, notionalAbove: 10_000 } }));
    const bridge = tradingBridge();
    const input = renderLine(bridge);
    fireEvent.change(input, { target: { value: 'buy 100 AAPL 187.50' } });
    await enter(input);
    expect(screen.getByRole('dialog').textContent).toContain('Notional $18,750.00 is above $10,000.00');
    await act(async () => {
      fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    });
    expect(bridge.callsOf('order.place')).toEqual([]);
    expect(screen.getByRole('status', { name: 'Command line message' }).textContent).toBe('Not sent: BUY 100 AAPL LMT 187.50 GTC @demo');
  });
});

