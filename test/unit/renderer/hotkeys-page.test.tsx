// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_HOTKEYS } from '../../../shared/hotkeys';
import { ok } from '../../../shared/ipc';
import type { WorkspaceSettings } from '../../../shared/model';
import { BridgeContext } from '../../../renderer/bridge/context';
import { App } from '../../../renderer/components/App';
import { useSettingsDialog } from '../../../renderer/components/settings/open-state';
import { useConnections, useSettings } from '../../../renderer/stores/broker-state';
import { connection, FakeBridge, settings } from './fake-bridge';
import { resetStores } from './reset';

const settle = () => act(async () => {});

function savingBridge(): FakeBridge {
  // As the host does: the workspace section merged into the current settings.
  return new FakeBridge().handle('workspace.save', ({ workspace }) => ok({ ...useSettings.getState().settings!, workspace }));
}

function openHotkeys(bridge: FakeBridge) {
  render(
    <BridgeContext.Provider value={bridge}>
      <App />
    </BridgeContext.Provider>,
  );
  fireEvent.keyDown(window, { key: ',', ctrlKey: true });
  const dialog = within(screen.getByRole('dialog', { name: 'Settings' }));
  fireEvent.click(dialog.getByRole('tab', { name: 'Hotkeys' }));
  return within(dialog.getByRole('tabpanel', { name: 'Hotkeys' }));
}

const savedHotkeys = (bridge: FakeBridge) =>
  bridge.calls.filter((c) => c.command === 'workspace.save').map((c) => (c.request as { workspace: WorkspaceSettings }).workspace.hotkeys);

beforeEach(() => {
  resetStores();
  useSettingsDialog.setState({ open: false });
  useSettings.getState().set(settings({ workspace: { layout: null, columns: {}, hotkeys: [{ chord: 'F5', action: 'buy {qty} {symbol} ask' }] } }));
  useConnections.getState().upsert(connection());
});
afterEach(cleanup);

describe('Settings, Hotkeys page', () => {
  it('lists the keys, records a new one, refuses one taken, and saves the keymap', async () => {
    const bridge = savingBridge();
    const page = openHotkeys(bridge);
    expect(page.getByRole('textbox', { name: 'Line for F5' })).toHaveProperty('value', 'buy {qty} {symbol} ask');
    fireEvent.click(page.getByRole('button', { name: 'Add hotkey' }));
    const recorder = page.getByRole('button', { name: 'Record a key' });
    fireEvent.keyDown(recorder, { key: 'F5' });
    expect(page.getByLabelText('Hotkeys message').textContent).toBe('Not recorded: F5 is already bound to "buy {qty} {symbol} ask"');
    fireEvent.keyDown(recorder, { key: 'F2' });
    expect(page.getByLabelText('Hotkeys message').textContent).toBe('Not recorded: F2 is kept for: focus the command line');
    fireEvent.keyDown(recorder, { key: 'Shift', shiftKey: true });
    fireEvent.keyDown(recorder, { key: 'F8', shiftKey: true });
    fireEvent.change(page.getByRole('textbox', { name: 'Line for Shift+F8' }), { target: { value: 'sell {qty} {symbol} bid-0.02' } });
    fireEvent.click(page.getByRole('button', { name: 'Save hotkeys' }));
    await settle();
    expect(savedHotkeys(bridge)).toEqual([
      [
        { chord: 'F5', action: 'buy {qty} {symbol} ask' },
        { chord: 'Shift+F8', action: 'sell {qty} {symbol} bid-0.02' },
      ],
    ]);
    expect(page.getByLabelText('Hotkeys message').textContent).toBe('Hotkeys saved');
  });

  it('refuses to save a hotkey without a key, and resets to the shipped defaults', async () => {
    const bridge = savingBridge();
    const page = openHotkeys(bridge);
    fireEvent.click(page.getByRole('button', { name: 'Add hotkey' }));
    fireEvent.keyDown(page.getByRole('button', { name: 'Record a key' }), { key: 'Escape' });
    fireEvent.click(page.getByRole('button', { name: 'Save hotkeys' }));
    expect(page.getByLabelText('Hotkeys message').textContent).toBe('Not saved: "buy {qty} {symbol} ask+0.01" has no key yet; record one or remove it');
    expect(savedHotkeys(bridge)).toEqual([]);
    // Esc while recording stops the recording, not the dialog.
    expect(useSettingsDialog.getState().open).toBe(true);
    fireEvent.click(page.getByRole('button', { name: 'Reset to defaults' }));
    fireEvent.click(page.getByRole('button', { name: 'Save hotkeys' }));
    await settle();
    expect(savedHotkeys(bridge)).toEqual([DEFAULT_HOTKEYS]);
  });
});
