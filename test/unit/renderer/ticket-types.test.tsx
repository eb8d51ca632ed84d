// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BridgeContext } from '../../../renderer/bridge/context';
import { App } from '../../../renderer/components/App';
import { useConnections, useSettings } from '../../../renderer/stores/broker-state';
import { useQuotes } from '../../../renderer/stores/quotes';
import { useConfirm } from '../../../renderer/stores/ui';
import { connection, quote, settings, tradingBridge, type FakeBridge } from './fake-bridge';
import { resetStores } from './reset';

function renderApp(bridge: FakeBridge = tradingBridge()) {
  render(
    <BridgeContext.Provider value={bridge}>
      <App />
    </BridgeContext.Provider>,
  );
  return within(screen.getByRole('region', { name: 'Order ticket' }));
}

type Ticket = ReturnType<typeof renderApp>;
const preview = (): string => screen.getByLabelText('Ticket preview').textContent ?? '';
const type = (t: Ticket, value: string): void => {
  fireEvent.change(t.getByRole('combobox', { name: 'Order type' }), { target: { value } });
};
const typeIn = (t: Ticket, name: string, value: string): void => {
  fireEvent.change(t.getByRole('textbox', { name }), { target: { value } });
};

beforeEach(() => {
  resetStores();
  useSettings.getState().set(settings());
  useConnections.getState().upsert(connection());
});
afterEach(cleanup);

describe('ticket: order types, brackets, defaults', () => {
  it('offers a trailing stop by amount or percent', () => {
    const t = renderApp();
    const options = [...(t.getByRole('combobox', { name: 'Order type' }) as HTMLSelectElement).options].map((o) => o.textContent);
    expect(options).toEqual(['Market', 'Limit', 'Stop', 'Stop limit', 'Trailing stop']);
    typeIn(t, 'Symbol', 'AAPL');
    type(t, 'trailing');
    fireEvent.click(t.getByRole('button', { name: 'Sell' }));
    expect(t.queryByRole('textbox', { name: 'Limit price' })).toBeNull();
    expect(preview()).toBe('… trail amount is empty');
    typeIn(t, 'Trail', '0.50');
    expect(preview()).toBe('SELL 100 AAPL TRAIL 0.50 GTC @demo');
    fireEvent.change(t.getByRole('combobox', { name: 'Trail by' }), { target: { value: 'percent' } });
    typeIn(t, 'Trail', '1');
    expect(preview()).toBe('SELL 100 AAPL TRAIL 1% GTC @demo');
  });

  it('enables Outside RTH only for limit and stop-limit, saying why otherwise', () => {
    const t = renderApp();
    const box = (): HTMLInputElement => t.getByRole('checkbox', { name: 'Outside RTH' }) as HTMLInputElement;
    expect(box().disabled).toBe(false);
    typeIn(t, 'Symbol', 'AAPL');
    typeIn(t, 'Limit price', '187.50');
    fireEvent.click(box());
    expect(preview()).toBe('BUY 100 AAPL LMT 187.50 GTC EXT @demo');
    for (const kind of ['market', 'stop', 'trailing']) {
      type(t, kind);
      expect(box().disabled).toBe(true);
      expect(box().closest('label')?.getAttribute('title')).toBe('Outside regular hours applies to limit and stop-limit orders only');
    }
    type(t, 'stop-limit');
    expect(box().disabled).toBe(false);
    expect(box().closest('label')?.getAttribute('title')).toBeNull();
  });

  it('makes a bracket from Take profit and Stop loss, checked live with the group rules', () => {
    const t = renderApp();
    typeIn(t, 'Symbol', 'AAPL');
    typeIn(t, 'Limit price', '187.50');
    typeIn(t, 'Take profit', '190');
    expect(preview()).toBe('BUY 100 AAPL LMT 187.50 GTC · TP SELL LMT 190.00 @demo');
    typeIn(t, 'Stop loss', '188');
    expect(preview()).toBe('BUY 100 AAPL LMT 187.50 GTC · TP SELL LMT 190.00 · SL SELL STP 188.00 @demo — stop-loss 188.00 must be below the entry 187.50 for a buy');
    typeIn(t, 'Stop loss', '185');
    expect(preview()).toBe('BUY 100 AAPL LMT 187.50 GTC · TP SELL LMT 190.00 · SL SELL STP 185.00 @demo');
    type(t, 'trailing');
    expect(t.queryByRole('textbox', { name: 'Take profit' })).toBeNull();
  });

  it("starts from the settings' default TIF and quantity, and follows a change of them", () => {
    useSettings.getState().set(settings({ defaults: { tif: 'DAY', quantity: 250, account: 'demo' } }));
    const t = renderApp();
    expect((t.getByRole('combobox', { name: 'Time in force' }) as HTMLSelectElement).value).toBe('DAY');
    expect((t.getByRole('textbox', { name: 'Quantity' }) as HTMLInputElement).value).toBe('250');
    act(() => {
      useSettings.getState().set(settings({ defaults: { tif: 'GTC', quantity: 300, account: 'demo' } }));
    });
    expect((t.getByRole('combobox', { name: 'Time in force' }) as HTMLSelectElement).value).toBe('GTC');
    expect((t.getByRole('textbox', { name: 'Quantity' }) as HTMLInputElement).value).toBe('300');
    typeIn(t, 'Quantity', '7');
    act(() => {
      useSettings.getState().set(settings({ defaults: { tif: 'GTC', quantity: 400, account: 'demo' } }));
    });
    expect((t.getByRole('textbox', { name: 'Quantity' }) as HTMLInputElement).value).toBe('7');
  });

  it('reads the quantity like the command line does', async () => {
    const bridge = tradingBridge();
    const t = renderApp(bridge);
    typeIn(t, 'Symbol', 'AAPL');
    typeIn(t, 'Limit price', '187.50');
    typeIn(t, 'Quantity', '-5');
    expect(preview()).toBe('quantity -5 must be a positive whole number of shares');
    await act(async () => {
      fireEvent.click(t.getByRole('button', { name: 'Send' }));
    });
    expect(t.getByRole('alert', { name: 'Ticket message' }).textContent).toBe('Order Error: quantity -5 must be a positive whole number of shares');
    expect(bridge.callsOf('order.place')).toEqual([]);
  });

  it('warns about a stop that triggers at once, and asks before sending it', async () => {
    useQuotes.setState({ bySymbol: { AAPL: quote('AAPL') } });
    const bridge = tradingBridge();
    const t = renderApp(bridge);
    typeIn(t, 'Symbol', 'AAPL');
    fireEvent.click(t.getByRole('button', { name: 'Sell' }));
    type(t, 'stop');
    typeIn(t, 'Stop price', '190');
    expect(t.getByRole('note', { name: 'Ticket warning' }).textContent).toBe('Warning: sell stop 190.00 is at or above the bid 187.49: it triggers at once');
    await act(async () => {
      fireEvent.click(t.getByRole('button', { name: 'Send' }));
    });
    expect(useConfirm.getState().request?.title).toBe('Stop triggers at once');
    expect(useConfirm.getState().request?.lines).toEqual([
      'SELL 100 AAPL STP 190.00 GTC @demo',
      'Warning: sell stop 190.00 is at or above the bid 187.49: it triggers at once',
    ]);
    await act(async () => {
      useConfirm.getState().answer(false);
    });
    expect(bridge.callsOf('order.place')).toEqual([]);
    expect(t.getByRole('status', { name: 'Ticket message' }).textContent).toBe('Not sent: SELL 100 AAPL STP 190.00 GTC @demo');
    await act(async () => {
      fireEvent.click(t.getByRole('button', { name: 'Send' }));
    });
    await act(async () => {
      useConfirm.getState().answer(true);
    });
    expect(bridge.callsOf('order.place')).toEqual([
      { order: { account: 'demo', side: 'SELL', symbol: 'AAPL', quantity: 100, type: 'stop', stopPrice: 190, tif: 'GTC' } },
    ]);
    typeIn(t, 'Symbol', 'AAPL');
    type(t, 'stop');
    typeIn(t, 'Stop price', '185');
    expect(t.queryByRole('note', { name: 'Ticket warning' })).toBeNull();
  });
});
