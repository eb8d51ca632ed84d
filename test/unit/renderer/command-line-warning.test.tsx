// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BridgeContext } from '../../../renderer/bridge/context';
import { CommandLine } from '../../../renderer/components/CommandLine';
import { useConnections, useSettings } from '../../../renderer/stores/broker-state';
import { useQuotes } from '../../../renderer/stores/quotes';
import { connection, quote, settings, tradingBridge } from './fake-bridge';
import { resetStores } from './reset';

function typeLine(line: string): void {
  render(
    <BridgeContext.Provider value={tradingBridge()}>
      <CommandLine />
    </BridgeContext.Provider>,
  );
  fireEvent.change(screen.getByRole('textbox', { name: 'Command' }), { target: { value: line } });
}

const warning = (): string | null => screen.queryByRole('note', { name: 'Command warning' })?.textContent ?? null;
const preview = (): string => screen.getByLabelText('Command preview').textContent ?? '';

beforeEach(() => {
  resetStores();
  useSettings.getState().set(settings({ defaults: { tif: 'DAY', quantity: 250, account: 'demo' } }));
  useConnections.getState().upsert(connection());
  useQuotes.setState({ bySymbol: { AAPL: quote('AAPL') } });
});
afterEach(cleanup);

describe('command line preview', () => {
  it('warns under the preview when a stop would trigger at once', () => {
    typeLine('sstop 100 AAPL 190');
    expect(preview()).toBe('SELL 100 AAPL STP 190.00 DAY');
    expect(warning()).toBe('Warning: sell stop 190.00 is at or above the bid 187.49: it triggers at once');
  });

  it('warns for a buy stop at or below the ask, a bracket entry included', () => {
    typeLine('bstop 100 AAPL 187.51 tp 190 sl 185');
    expect(warning()).toBe('Warning: buy stop 187.51 is at or below the ask 187.51: it triggers at once');
  });

  it('says nothing for a stop on the right side, or without a quote', () => {
    typeLine('sstop 100 AAPL 185');
    expect(warning()).toBeNull();
    cleanup();
    typeLine('sstop 100 MSFT 400');
    expect(warning()).toBeNull();
  });

  it("fills in the settings' default quantity and TIF", () => {
    typeLine('b AAPL 187.50');
    expect(preview()).toBe('BUY 250 AAPL LMT 187.50 DAY');
  });
});
