// @vitest-environment jsdom
// #11 on the command line's Enter: modify, brackets, exits, cancel by symbol,
// flat (and flat all after a yes), rev, with the settings' defaults and the
// stores' quotes, positions and ticks as the grammar's context.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok } from '../../../shared/ipc';
import type { OrderGroup } from '../../../shared/model';
import { BridgeContext } from '../../../renderer/bridge/context';
import { CommandLine } from '../../../renderer/components/CommandLine';
import { ConfirmDialog } from '../../../renderer/components/ConfirmDialog';
import { useConnections, useInstruments, useOrders, usePositions, useSettings } from '../../../renderer/stores/broker-state';
import { useQuotes } from '../../../renderer/stores/quotes';
import { useConfirm } from '../../../renderer/stores/ui';
import { connection, instrument, order, quote, settings, tradingBridge, type FakeBridge } from './fake-bridge';
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

/** The line's message, error (alert) or info (status). */
const message = (): string => screen.getByLabelText('Command line message').textContent ?? '';

async function type(input: HTMLElement, line: string): Promise<void> {
  fireEvent.change(input, { target: { value: line } });
  await act(async () => {
    fireEvent.keyDown(input, { key: 'Enter' });
  });
}

function bridge(): FakeBridge {
  return tradingBridge()
    .handle('order.placeGroup', ({ group }: { group: OrderGroup }) => {
      const n = group.kind === 'oco' ? group.legs.length : 1 + (group.kind === 'bracket' ? Number(!!group.takeProfit) + Number(!!group.stopLoss) : 0);
      const orderIds = Array.from({ length: n }, (_, i) => 50 + i);
      return ok({ orderIds, keys: orderIds.map((id) => `demo:${id}`) });
    })
    .handle('order.modify', ({ account, orderId }) => ok({ key: `${account}:${orderId}`, orderId }))
    .handle('order.cancelSymbol', () => ok({ cancelled: [7, 8], refused: [] }))
    .handle('position.flatten', ({ symbol }) => ok({ orderIds: typeof symbol === 'string' ? [60] : [61, 62] }))
    .handle('position.reverse', () => ok({ orderIds: [63] }));
}

beforeEach(() => {
  resetStores();
  useSettings.getState().set(settings({ defaults: { tif: 'DAY', quantity: 100, account: 'demo' } }));
  useConnections.getState().upsert(connection());
  useInstruments.getState().add(instrument('AAPL'));
  useQuotes.setState({ bySymbol: { AAPL: quote('AAPL') } });
});
afterEach(cleanup);

describe('command line Enter for #11', () => {
  it('mod N P modifies the one working order with that id and says what changes', async () => {
    useOrders.getState().upsert(order({ orderId: 12, type: 'limit', limitPrice: 187.5 }));
    const b = bridge();
    const input = renderLine(b);
    await type(input, 'mod 12 188');
    expect(b.callsOf('order.modify')).toEqual([{ account: 'demo', orderId: 12, changes: { price: 188 } }]);
    expect(message()).toBe('Sent MODIFY #12 BUY AAPL LMT: lmt 187.50 → 188.00');
    expect((input as HTMLInputElement).value).toBe('');
  });

  it('shows IB’s answer to a modify as Order Error: on the line', async () => {
    useOrders.getState().upsert(order({ orderId: 12, type: 'limit', limitPrice: 187.5 }));
    const input = renderLine(bridge());
    await type(input, 'mod 12 qty 50');
    act(() => useOrders.getState().upsert(order({ orderId: 12, type: 'limit', limitPrice: 187.5, status: 'filled', reason: "Can't modify a filled order." })));
    expect(message()).toBe("Order Error: Can't modify a filled order.");
  });

  it('refuses a modify the rules refuse, and sends nothing', async () => {
    useOrders.getState().upsert(order({ orderId: 13, type: 'foreign', ibType: 'REL' }));
    const b = bridge();
    const input = renderLine(b);
    await type(input, 'mod 13 188');
    expect(message()).toBe('Order Error: order 13 is an IB "REL" order, which Janus shows but cannot modify');
    expect(b.callsOf('order.modify')).toEqual([]);
  });

  it('sends a bracket with the default account and TIF, offsets resolved against the entry', async () => {
    const b = bridge();
    const input = renderLine(b);
    await type(input, 'buy 100 AAPL 187.40 tp +1 sl -0.5');
    const leg = { account: 'demo', symbol: 'AAPL', quantity: 100, tif: 'DAY' };
    expect(b.callsOf('order.placeGroup')).toEqual([{
      group: {
        kind: 'bracket',
        entry: { ...leg, side: 'BUY', type: 'limit', limitPrice: 187.4 },
        takeProfit: { ...leg, side: 'SELL', type: 'limit', limitPrice: 188.4 },
        stopLoss: { ...leg, side: 'SELL', type: 'stop', stopPrice: 186.9 },
      },
    }]);
    expect(message()).toMatch(/^Sent #50, #51, #52: /);
  });

  it('exit uses the position from the store; refused when flat', async () => {
    const b = bridge();
    const input = renderLine(b);
    await type(input, 'exit AAPL tp 190 sl 185');
    expect(message()).toBe('Order Error: no AAPL position to exit');
    usePositions.getState().upsert({ account: 'demo', symbol: 'AAPL', conId: 1000, quantity: 200, avgCost: 180, marketPrice: null, marketValue: null, unrealizedPnl: null, realizedPnl: null });
    await type(input, 'exit AAPL tp 190 sl 185');
    const sent = b.callsOf('order.placeGroup')[0]?.group;
    expect(sent?.kind).toBe('oco');
    expect(sent?.kind === 'oco' ? sent.legs.map((l) => [l.side, l.quantity, l.type, l.limitPrice ?? l.stopPrice]) : []).toEqual([
      ['SELL', 200, 'limit', 190],
      ['SELL', 200, 'stop', 185],
    ]);
  });

  it('cancel AAPL, flat AAPL and rev AAPL go to their commands; flat all asks first', async () => {
    const b = bridge();
    const input = renderLine(b);
    await type(input, 'cancel AAPL');
    expect(b.callsOf('order.cancelSymbol')).toEqual([{ symbol: 'AAPL' }]);
    expect(message()).toBe('Cancel requested for #7, #8');
    await type(input, 'flat AAPL');
    expect(b.callsOf('position.flatten')).toEqual([{ account: 'demo', symbol: 'AAPL' }]);
    expect(message()).toBe('Sent #60: FLAT AAPL');
    await type(input, 'rev AAPL');
    expect(b.callsOf('position.reverse')).toEqual([{ account: 'demo', symbol: 'AAPL' }]);
    await type(input, 'flat all');
    expect(useConfirm.getState().request?.title).toBe('Flatten all positions');
    await act(async () => useConfirm.getState().answer(false));
    expect(b.callsOf('position.flatten')).toHaveLength(1);
    expect(message()).toBe('Flat all: not sent');
    await type(input, 'flat all');
    await act(async () => useConfirm.getState().answer(true));
    expect(b.callsOf('position.flatten')).toEqual([{ account: 'demo', symbol: 'AAPL' }, { symbol: { all: true } }]);
    expect(message()).toBe('Sent #61, #62: FLAT ALL');
  });

  it('applies the default quantity when the line gives none', async () => {
    const b = bridge();
    const input = renderLine(b);
    await type(input, 'b AAPL 187.45');
    expect(b.callsOf('order.place')).toEqual([{ order: { account: 'demo', side: 'BUY', symbol: 'AAPL', quantity: 100, type: 'limit', limitPrice: 187.45, tif: 'DAY' } }]);
  });
});
