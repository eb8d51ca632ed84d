// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { err, ok, type Result } from '../../../shared/ipc';
import type { Settings } from '../../../shared/model';
import { BridgeContext } from '../../../renderer/bridge/context';
import { App } from '../../../renderer/components/App';
import { wireEvents } from '../../../renderer/stores/wire';
import { useSettingsDialog } from '../../../renderer/components/settings/open-state';
import { useConnections, useSettings } from '../../../renderer/stores/broker-state';
import { useTicket } from '../../../renderer/stores/ui';
import { account, connection, FakeBridge, settings } from './fake-bridge';
import { resetStores } from './reset';

const start = (): Settings =>
  settings({
    accounts: [{ ...account('paper', 'Paper'), clientId: 7 }],
    defaults: { tif: 'GTC', quantity: 100, account: 'paper' },
    confirm: { quantityAbove: 1000, notionalAbove: null },
    watchlist: ['AAPL'],
  });

function renderApp(bridge: FakeBridge) {
  render(
    <BridgeContext.Provider value={bridge}>
      <App />
    </BridgeContext.Provider>,
  );
}

const dialog = () => within(screen.getByRole('dialog', { name: 'Settings' }));
const box = (name: string) => dialog().getByRole('textbox', { name }) as HTMLInputElement;
const type = (name: string, value: string): void => {
  fireEvent.change(box(name), { target: { value } });
};
const openByKey = (): void => {
  fireEvent.keyDown(window, { key: ',', ctrlKey: true });
};
/** Let the invoke promise and its state updates settle. */
const settle = () => act(async () => {});

/** A bridge that accepts updates the way main does: stores them and echoes the event. */
function acceptingBridge(): FakeBridge {
  const bridge = new FakeBridge();
  // The stores hear the bridge as they do in the app (stores/wire.ts).
  unwire.push(wireEvents(bridge, { push: () => undefined, reset: () => undefined, pendingCount: () => 0 }));
  bridge.handle('settings.update', ({ settings: s }) => {
    bridge.emit('settings', s);
    return ok(s);
  });
  return bridge;
}
const unwire: (() => void)[] = [];
afterEach(() => {
  for (const off of unwire.splice(0)) off();
});

beforeEach(() => {
  resetStores();
  useSettingsDialog.setState({ open: false });
  useSettings.getState().set(start());
  useConnections.getState().upsert(connection({ account: 'paper', name: 'Paper', simulated: false }));
});
afterEach(cleanup);

describe('settings dialog', () => {
  it('opens from the Settings button and from Ctrl+, with the current settings, and Esc closes', () => {
    renderApp(acceptingBridge());
    expect(screen.queryByRole('dialog', { name: 'Settings' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    expect(box('Account 1 name').value).toBe('Paper');
    expect(box('Account 1 client id').value).toBe('7');
    expect((dialog().getByRole('combobox', { name: 'Default TIF' }) as HTMLSelectElement).value).toBe('GTC');
    expect((dialog().getByRole('combobox', { name: 'Default account' }) as HTMLSelectElement).selectedOptions[0]?.textContent).toBe('Paper');
    expect(box('Confirm above quantity').value).toBe('1000');
    expect(box('Max quantity').value).toBe('');
    expect(dialog().getByText(/7497 paper TWS · 7496 live TWS · 4002 paper Gateway · 4001 live Gateway/)).toBeTruthy();
    // Focus moved into the dialog.
    expect(document.activeElement).toBe(box('Account 1 name'));
    fireEvent.keyDown(box('Account 1 name'), { key: 'Escape' });
    expect(screen.queryByRole('dialog', { name: 'Settings' })).toBeNull();
    openByKey();
    expect(screen.getByRole('dialog', { name: 'Settings' })).toBeTruthy();
  });

  it('Esc throws edits away: nothing is sent and the next open shows the saved settings', () => {
    const bridge = acceptingBridge();
    renderApp(bridge);
    openByKey();
    type('Account 1 name', 'Changed');
    fireEvent.keyDown(box('Account 1 name'), { key: 'Escape' });
    expect(bridge.callsOf('settings.update')).toEqual([]);
    openByKey();
    expect(box('Account 1 name').value).toBe('Paper');
  });

  it('adds an account and sends the whole settings, exactly', async () => {
    const bridge = acceptingBridge();
    renderApp(bridge);
    openByKey();
    fireEvent.click(dialog().getByRole('button', { name: 'Add account' }));
    expect(box('Account 2 host').value).toBe('127.0.0.1');
    expect(box('Account 2 port').value).toBe('4002');
    expect(box('Account 2 client id').value).toBe('1');
    expect((dialog().getByRole('checkbox', { name: 'Account 2 enabled' }) as HTMLInputElement).checked).toBe(true);
    type('Account 2 name', 'Live');
    type('Account 2 id', 'live');
    type('Account 2 port', '4001');
    type('Account 2 account code', 'U1234567');
    type('Max notional', '250000');
    fireEvent.change(dialog().getByRole('combobox', { name: 'Default TIF' }), { target: { value: 'DAY' } });
    // Enter in a field saves.
    fireEvent.keyDown(box('Max notional'), { key: 'Enter' });
    await settle();
    expect(bridge.callsOf('settings.update')).toEqual([
      {
        settings: {
          version: 1,
          accounts: [
            { ...account('paper', 'Paper'), clientId: 7 },
            { id: 'live', name: 'Live', broker: 'ib', host: '127.0.0.1', port: 4001, clientId: 1, accountCode: 'U1234567', enabled: true },
          ],
          defaults: { tif: 'DAY', quantity: 100, account: 'paper' },
          risk: { maxQuantity: null, maxNotional: 250000, priceBandPercent: null },
          confirm: { quantityAbove: 1000, notionalAbove: null },
          watchlist: ['AAPL'],
        },
      },
    ]);
    expect(screen.queryByRole('dialog', { name: 'Settings' })).toBeNull();
  });

  it("shows main's refusal verbatim and keeps every typed value", async () => {
    const refusal = 'accounts "Paper" and "Live" both use client id 7 on 127.0.0.1:4002';
    const bridge = new FakeBridge().handle('settings.update', () => err('settings-invalid', refusal));
    renderApp(bridge);
    openByKey();
    fireEvent.click(dialog().getByRole('button', { name: 'Add account' }));
    type('Account 2 name', 'Live');
    type('Account 2 id', 'live');
    type('Account 2 client id', '8');
    fireEvent.click(dialog().getByRole('button', { name: 'Save' }));
    await settle();
    expect(bridge.callsOf('settings.update')).toHaveLength(1);
    expect(dialog().getByRole('alert').textContent).toBe(`Settings Error: ${refusal}`);
    expect(box('Account 2 name').value).toBe('Live');
    expect(box('Account 2 id').value).toBe('live');
    expect(box('Account 2 client id').value).toBe('8');
  });

  it('Esc waits while a save is on its way, so main\'s answer is not hidden', async () => {
    let answer: (r: Result<Settings>) => void = () => {};
    const bridge = new FakeBridge().handle('settings.update', () => new Promise((resolve) => (answer = resolve)));
    renderApp(bridge);
    openByKey();
    type('Max quantity', '10');
    fireEvent.keyDown(box('Max quantity'), { key: 'Enter' });
    await settle();
    expect(dialog().getByRole('button', { name: 'Saving…' })).toBeTruthy();
    fireEvent.keyDown(box('Max quantity'), { key: 'Escape' });
    expect(screen.getByRole('dialog', { name: 'Settings' })).toBeTruthy();
    await act(async () => answer(err('settings-invalid', 'risk.maxQuantity: must be at least 1, got 0')));
    expect(dialog().getByRole('alert').textContent).toBe('Settings Error: risk.maxQuantity: must be at least 1, got 0');
    fireEvent.keyDown(box('Max quantity'), { key: 'Escape' });
    expect(screen.queryByRole('dialog', { name: 'Settings' })).toBeNull();
  });

  it('refuses a client id clash before sending anything', () => {
    const bridge = acceptingBridge();
    renderApp(bridge);
    openByKey();
    fireEvent.click(dialog().getByRole('button', { name: 'Add account' }));
    type('Account 2 name', 'Clash');
    type('Account 2 client id', '7');
    fireEvent.keyDown(box('Account 2 client id'), { key: 'Enter' });
    expect(dialog().getByRole('alert').textContent).toBe('Settings Error: accounts "Paper" and "Clash" both use client id 7 on 127.0.0.1:4002');
    expect(bridge.callsOf('settings.update')).toEqual([]);
    expect(box('Account 2 client id').value).toBe('7');
    // Both clashing client ids are marked, nothing else.
    expect(dialog().getAllByRole('textbox').filter((el) => el.getAttribute('aria-invalid') === 'true').map((el) => el.getAttribute('aria-label'))).toEqual([
      'Account 1 client id',
      'Account 2 client id',
    ]);
  });

  it('removes an account only after confirming, and a kept one stays', async () => {
    const bridge = acceptingBridge();
    renderApp(bridge);
    openByKey();
    fireEvent.click(dialog().getByRole('button', { name: 'Remove account 1' }));
    expect(dialog().getByText('Remove “Paper”?')).toBeTruthy();
    fireEvent.click(dialog().getByRole('button', { name: 'Keep account 1' }));
    expect(box('Account 1 name').value).toBe('Paper');
    fireEvent.click(dialog().getByRole('button', { name: 'Remove account 1' }));
    fireEvent.click(dialog().getByRole('button', { name: 'Confirm remove account 1' }));
    expect(dialog().queryByRole('textbox', { name: 'Account 1 name' })).toBeNull();
    expect((dialog().getByRole('combobox', { name: 'Default account' }) as HTMLSelectElement).value).toBe('');
    expect(screen.getByRole('listitem', { name: 'Account Paper' })).toBeTruthy();
    fireEvent.click(dialog().getByRole('button', { name: 'Save' }));
    await settle();
    const sent = bridge.callsOf('settings.update')[0]?.settings;
    expect(sent?.accounts).toEqual([]);
    expect(sent?.defaults.account).toBeNull();
    // The host disconnected it; its chip leaves the connection bar rather than linger as "disconnected".
    expect(screen.queryByRole('listitem', { name: 'Account Paper' })).toBeNull();
  });

  it('keeps its keys to itself: B typed in a field does not flip the ticket side', () => {
    renderApp(acceptingBridge());
    useTicket.getState().set({ side: 'BUY' });
    openByKey();
    fireEvent.keyDown(box('Account 1 name'), { key: 's' });
    fireEvent.keyDown(dialog().getByRole('button', { name: 'Add account' }), { key: 's' });
    expect(useTicket.getState().fields.side).toBe('BUY');
  });

  it('a remove prompt takes focus on Keep; Esc there keeps the account and the dialog open', () => {
    renderApp(acceptingBridge());
    openByKey();
    fireEvent.click(dialog().getByRole('button', { name: 'Remove account 1' }));
    expect(document.activeElement).toBe(dialog().getByRole('button', { name: 'Keep account 1' }));
    fireEvent.keyDown(dialog().getByRole('button', { name: 'Keep account 1' }), { key: 'Escape' });
    expect(box('Account 1 name').value).toBe('Paper');
    expect(document.activeElement).toBe(dialog().getByRole('button', { name: 'Remove account 1' }));
    fireEvent.click(dialog().getByRole('button', { name: 'Remove account 1' }));
    fireEvent.click(dialog().getByRole('button', { name: 'Confirm remove account 1' }));
    expect(document.activeElement).toBe(dialog().getByRole('button', { name: 'Add account' }));
  });

  it('keys with focus fallen out of the dialog never reach the page; Esc still closes', () => {
    renderApp(acceptingBridge());
    useTicket.getState().set({ side: 'BUY' });
    openByKey();
    (document.activeElement as HTMLElement).blur();
    fireEvent.keyDown(document.body, { key: 's' });
    expect(useTicket.getState().fields.side).toBe('BUY');
    expect(document.activeElement).toBe(box('Account 1 name'));
    (document.activeElement as HTMLElement).blur();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(screen.queryByRole('dialog', { name: 'Settings' })).toBeNull();
  });

  it('saves over the newest watchlist, not the one at open', async () => {
    const bridge = acceptingBridge();
    renderApp(bridge);
    openByKey();
    act(() => useSettings.getState().set({ ...start(), watchlist: ['AAPL', 'TSLA'] }));
    fireEvent.click(dialog().getByRole('button', { name: 'Save' }));
    await settle();
    expect(bridge.callsOf('settings.update')[0]?.settings.watchlist).toEqual(['AAPL', 'TSLA']);
  });

  it('says when the settings change elsewhere while open, and loads the newest on request', () => {
    renderApp(acceptingBridge());
    openByKey();
    type('Max quantity', '500');
    act(() => useSettings.getState().set({ ...start(), watchlist: ['TSLA'] }));
    // A watchlist change is no conflict: the dialog does not edit it.
    expect(dialog().queryByRole('status', { name: 'Settings changed' })).toBeNull();
    act(() => useSettings.getState().set({ ...start(), accounts: [{ ...account('paper', 'Paper desk'), clientId: 7 }] }));
    expect(dialog().getByRole('status', { name: 'Settings changed' }).textContent).toBe(
      'The settings were changed elsewhere after this dialog opened; Save replaces them with what is shown here. Load the newest',
    );
    expect(box('Account 1 name').value).toBe('Paper');
    fireEvent.click(dialog().getByRole('button', { name: 'Load the newest' }));
    expect(box('Account 1 name').value).toBe('Paper desk');
    expect(box('Max quantity').value).toBe('');
    expect(dialog().queryByRole('status', { name: 'Settings changed' })).toBeNull();
  });
});
