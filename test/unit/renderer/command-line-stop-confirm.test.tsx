// @vitest-environment jsdom
// The command line asks before a stop that triggers at once, with the ticket's question
// (confirm-policy.ts), and sends nothing until the trader says "Send anyway".
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok } from '../../../shared/ipc';
import type { OrderGroup } from '../../../shared/model';
import { BridgeContext } from '../../../renderer/bridge/context';
import { CommandLine } from '../../../renderer/components/CommandLine';
import { useConnections, useInstruments, useOrders, useSettings } from '../../../renderer/stores/broker-state';
import { useQuotes } from '../../../renderer/stores/quotes';
import { useConfirm } from '../../../renderer/stores/ui';
import { connection, instrument, order, quote, settings, tradingBridge, type FakeBridge } from './fake-bridge';
import { resetStores } from './reset';

function renderLine(bridge: FakeBridge): HTMLElement {
  render(
    <BridgeContext.Provider value={bridge}>
      <CommandLine />
    </BridgeContext.Provider>,
  );
  return screen.getByRole('textbox', { name: 'Command' });
}

const message = (): string => screen.getByLabelText('Command line message').textContent ?? '';

async function enter(input: HTMLElement, line: string): Promise<void> {
  fireEvent.change(input, { target: { value: line } });
  await act(async () => {
    fireEvent.keyDown(input, { key: 'Enter' });
  });
}

async function answer(yes: boolean): Promise<void> {
  await act(async () => {
    useConfirm.getState().answer(yes);
  });
}

beforeEach(() => {
  resetStores();
  useSettings.getState().set(settings({ defaults: { tif: 'DAY', quantity: 100, account: 'demo' } }));
  useConnections.getState().upsert(connection());
  useInstruments.getState().add(instrument('AAPL'));
  useQuotes.setState({ bySymbol: { AAPL: quote('AAPL') } });
});
afterEach(cleanup);

describe('command line stop confirmation', () => {
  it('asks before a sell stop at or above the bid; no sends nothing and says so, the line stays', async () => {
    const bridge = tradingBridge();
    const input = renderLine(bridge);
    await enter(input, 'sstop 100 AAPL 190');
    expect(useConfirm.getState().request?.title).toBe('Stop triggers at once');
    expect(useConfirm.getState().request?.confirmLabel).toBe('Send anyway');
    expect(useConfirm.getState().request?.lines).toEqual([
      'SELL 100 AAPL STP 190.00 DAY @demo',
      'Warning: sell stop 190.00 is at or above the bid 187.49: it triggers at once',
    ]);
    expect(bridge.callsOf('order.place')).toEqual([]);
    await answer(false);
    expect(bridge.callsOf('order.place')).toEqual([]);
    expect(message()).toBe('Not sent: SELL 100 AAPL STP 190.00 DAY @demo');
    expect((input as HTMLInputElement).value).toBe('sstop 100 AAPL 190');
  });

  it('sends the stop once the trader says Send anyway', async () => {
    const bridge = tradingBridge();
    const input = renderLine(bridge);
    await enter(input, 'sstop 100 AAPL 190');
    await answer(true);
    expect(bridge.callsOf('order.place')).toEqual([
      { order: { account: 'demo', side: 'SELL', symbol: 'AAPL', quantity: 100, type: 'stop', stopPrice: 190, tif: 'DAY' } },
    ]);
  });

  it("asks about a bracket's buy stop entry at or below the ask, with the whole bracket in words", async () => {
    const bridge = tradingBridge().handle('order.placeGroup', ({ group }: { group: OrderGroup }) => {
      const ids = group.kind === 'bracket' ? [50, 51, 52] : [50];
      return ok({ orderIds: ids, keys: ids.map((id) => `demo:${id}`) });
    });
    const input = renderLine(bridge);
    await enter(input, 'bstop 100 AAPL 187.51 tp 190 sl 185');
    expect(useConfirm.getState().request?.lines).toEqual([
      'BUY 100 AAPL STP 187.51 DAY · TP SELL LMT 190.00 · SL SELL STP 185.00 @demo',
      'Warning: buy stop 187.51 is at or below the ask 187.51: it triggers at once',
    ]);
    await answer(false);
    expect(bridge.callsOf('order.placeGroup')).toEqual([]);
    await enter(input, 'bstop 100 AAPL 187.51 tp 190 sl 185');
    await answer(true);
    expect(bridge.callsOf('order.placeGroup')).toHaveLength(1);
  });

  it('sends a stop on the right side of the market without asking', async () => {
    const bridge = tradingBridge();
    const input = renderLine(bridge);
    await enter(input, 'sstop 100 AAPL 185');
    expect(useConfirm.getState().request).toBeNull();
    expect(bridge.callsOf('order.place')).toHaveLength(1);
  });

  it('asks before a modify that moves a working sell stop through the bid; no sends no modify, yes sends it', async () => {
    useOrders.getState().upsert(order({ orderId: 12, side: 'SELL', type: 'stop', limitPrice: null, stopPrice: 185 }));
    const bridge = tradingBridge().handle('order.modify', ({ account, orderId }) => ok({ key: `${account}:${orderId}`, orderId }));
    const input = renderLine(bridge);
    await enter(input, 'mod 12 190');
    expect(useConfirm.getState().request?.title).toBe('Stop triggers at once');
    expect(useConfirm.getState().request?.lines).toEqual([
      'MODIFY #12 SELL AAPL STP: stp 185.00 → 190.00',
      'Warning: sell stop 190.00 is at or above the bid 187.49: it triggers at once',
    ]);
    await answer(false);
    expect(bridge.callsOf('order.modify')).toEqual([]);
    expect(message()).toBe('Not sent: MODIFY #12 SELL AAPL STP: stp 185.00 → 190.00');
    expect((input as HTMLInputElement).value).toBe('mod 12 190');
    await enter(input, 'mod 12 190');
    await answer(true);
    expect(bridge.callsOf('order.modify')).toEqual([{ account: 'demo', orderId: 12, changes: { price: 190 } }]);
  });

  it('modifies a stop that stays on the right side of the market without asking', async () => {
    useOrders.getState().upsert(order({ orderId: 12, side: 'SELL', type: 'stop', limitPrice: null, stopPrice: 185 }));
    const bridge = tradingBridge().handle('order.modify', ({ account, orderId }) => ok({ key: `${account}:${orderId}`, orderId }));
    const input = renderLine(bridge);
    await enter(input, 'mod 12 186');
    expect(useConfirm.getState().request).toBeNull();
    expect(bridge.callsOf('order.modify')).toHaveLength(1);
  });
});
