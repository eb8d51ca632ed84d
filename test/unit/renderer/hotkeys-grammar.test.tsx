// @vitest-environment jsdom
// The default hotkeys go straight through the command line's grammar: brackets priced from
// the quote at the press, flat and cancel by symbol.
import { act, cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok } from '../../../shared/ipc';
import { BridgeContext } from '../../../renderer/bridge/context';
import { App } from '../../../renderer/components/App';
import { useConnections, useInstruments, useSettings } from '../../../renderer/stores/broker-state';
import { useQuotes } from '../../../renderer/stores/quotes';
import { useSelection } from '../../../renderer/stores/selection';
import { connection, instrument, quote, settings, tradingBridge } from './fake-bridge';
import { resetStores } from './reset';

function bridge() {
  return tradingBridge()
    .handle('order.placeGroup', () => ok({ orderIds: [50, 51, 52], keys: ['demo:50', 'demo:51', 'demo:52'] }))
    .handle('order.cancelSymbol', () => ok({ cancelled: [7], refused: [] }))
    .handle('position.flatten', () => ok({ orderIds: [60] }));
}

beforeEach(() => {
  resetStores();
  useSettings.getState().set(settings());
  useConnections.getState().upsert(connection());
  useInstruments.getState().add(instrument('AAPL'));
  useQuotes.setState({ bySymbol: { AAPL: quote('AAPL') } });
  useSelection.getState().select('AAPL');
});
afterEach(cleanup);

describe('default hotkeys through the grammar', () => {
  it('Ctrl+F5 sends a bracket priced from the ask at the press', async () => {
    const b = bridge();
    render(
      <BridgeContext.Provider value={b}>
        <App />
      </BridgeContext.Provider>,
    );
    await act(async () => {
      fireEvent.keyDown(document.body, { key: 'F5', ctrlKey: true });
    });
    const entry = { account: 'demo', side: 'BUY', symbol: 'AAPL', quantity: 100, type: 'limit', limitPrice: 187.51, tif: 'GTC' };
    const child = { account: 'demo', side: 'SELL', symbol: 'AAPL', quantity: 100, tif: 'GTC' };
    expect(b.callsOf('order.placeGroup')).toEqual([
      { group: { kind: 'bracket', entry, takeProfit: { ...child, type: 'limit', limitPrice: 188.01 }, stopLoss: { ...child, type: 'stop', stopPrice: 187.26 } } },
    ]);
  });

  it('F9 cancels the symbol and F10 flattens it', async () => {
    const b = bridge();
    render(
      <BridgeContext.Provider value={b}>
        <App />
      </BridgeContext.Provider>,
    );
    await act(async () => {
      fireEvent.keyDown(document.body, { key: 'F9' });
    });
    await act(async () => {
      fireEvent.keyDown(document.body, { key: 'F10' });
    });
    expect(b.callsOf('order.cancelSymbol')).toEqual([{ symbol: 'AAPL' }]);
    expect(b.callsOf('position.flatten')).toEqual([{ account: 'demo', symbol: 'AAPL' }]);
  });
});
