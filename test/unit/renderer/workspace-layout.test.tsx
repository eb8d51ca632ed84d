// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BridgeContext } from '../../../renderer/bridge/context';
import { App } from '../../../renderer/components/App';
import { useDock } from '../../../renderer/layout/dock';
import { useConnections, useSettings } from '../../../renderer/stores/broker-state';
import { connection, settings, tradingBridge } from './fake-bridge';
import { resetStores } from './reset';

function renderWith(layout: Record<string, unknown> | null): void {
  useSettings.getState().set(settings({ workspace: { layout, columns: {}, hotkeys: [] } }));
  render(
    <BridgeContext.Provider value={tradingBridge()}>
      <App />
    </BridgeContext.Provider>,
  );
}

beforeEach(() => {
  resetStores();
  useDock.setState({ notice: null });
  useConnections.getState().upsert(connection());
});
afterEach(cleanup);

describe('the saved layout', () => {
  it('a layout that cannot be read gives the default layout and a sentence, never a blank screen', () => {
    renderWith({ grid: 'not a grid', panels: 42 });
    for (const name of ['Quotes', 'Order ticket', 'Orders', 'Positions', 'Fills', 'Account', 'Log']) {
      expect(screen.getByRole('region', { name })).toBeTruthy();
    }
    expect(screen.getByRole('status', { name: 'Layout message' }).textContent).toMatch(/^The saved layout could not be restored \(.+\); the default layout is shown\.$/);
  });

  it('a saved layout comes back as saved: a hidden panel stays hidden', () => {
    renderWith(null);
    const api = useDock.getState().api;
    if (!api) throw new Error('no dock');
    const fills = api.getPanel('fills');
    if (!fills) throw new Error('no Fills panel');
    api.removePanel(fills);
    const saved = api.toJSON() as unknown as Record<string, unknown>;
    cleanup();
    renderWith(saved);
    expect(screen.queryByRole('region', { name: 'Fills' })).toBeNull();
    expect(screen.getByRole('region', { name: 'Quotes' })).toBeTruthy();
    expect(screen.queryByRole('status', { name: 'Layout message' })).toBeNull();
  });
});
