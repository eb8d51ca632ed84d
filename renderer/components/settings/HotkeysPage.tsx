import { useState, type KeyboardEvent } from 'react';
import { chordConflict, chordOf, DEFAULT_HOTKEYS, type Hotkey } from '../../../shared/hotkeys';
import { useBridge } from '../../bridge/context';
import { saveWorkspace, workspaceOf } from '../../layout/workspace-state';
import { useSettings } from '../../stores/broker-state';
import { useSettingsDialog } from './open-state';

interface Row extends Hotkey {
  key: number;
}

let nextKey = 1;
const rowsOf = (keymap: readonly Hotkey[]): Row[] => keymap.map((h) => ({ ...h, key: nextKey++ }));

/**
 * The keymap: each key with its line, a Record button that takes the next key pressed
 * (refusing one already taken, with the sentence why), Reset to the shipped defaults.
 */
export function HotkeysPage() {
  const bridge = useBridge();
  const hide = useSettingsDialog((s) => s.hide);
  const [rows, setRows] = useState<Row[]>(() => rowsOf(workspaceOf(useSettings.getState().settings).hotkeys));
  const [recording, setRecording] = useState<number | null>(null);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [saving, setSaving] = useState(false);

  const update = (key: number, patch: Partial<Hotkey>): void => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const record = (e: KeyboardEvent<HTMLButtonElement>, row: Row): void => {
    if (recording !== row.key || e.key === 'Tab') return;
    e.preventDefault();
    e.stopPropagation();
    if (e.key === 'Escape') {
      setRecording(null);
      setMessage(null);
      return;
    }
    const chord = chordOf(e.nativeEvent);
    if (chord === null) return; // a modifier on its own: wait for the key
    const index = rows.findIndex((r) => r.key === row.key);
    const conflict = chordConflict(rows, chord, index);
    if (conflict) {
      setMessage({ error: true, text: `Not recorded: ${conflict}` });
      return;
    }
    update(row.key, { chord });
    setRecording(null);
    setMessage({ error: false, text: `Recorded ${chord}: press Save hotkeys to keep it` });
  };

  const add = (): void => {
    const key = nextKey++;
    setRows((rs) => [...rs, { key, chord: '', action: 'buy {qty} {symbol} ask+0.01' }]);
    setRecording(key);
    setMessage({ error: false, text: 'Press the key for the new hotkey (Esc stops recording)' });
  };

  const save = (): void => {
    const unbound = rows.find((r) => r.chord === '');
    if (unbound) {
      setMessage({ error: true, text: `Not saved: "${unbound.action}" has no key yet; record one or remove it` });
      return;
    }
    setSaving(true);
    void saveWorkspace(bridge, { hotkeys: rows.map(({ chord, action }) => ({ chord, action: action.trim() })) })
      .then((problem) => setMessage(problem ? { error: true, text: `Settings Error: ${problem}` } : { error: false, text: 'Hotkeys saved' }))
      .finally(() => setSaving(false));
  };

  return (
    <div className="settings-body hotkeys" role="tabpanel" aria-label="Hotkeys">
      <p className="hint">
        A hotkey sends a command line: {'{symbol}'} is the selected symbol, {'{qty}'} the ticket&apos;s quantity; prices may be
        bid, ask, last or mid with an offset (ask+0.01, bid-0.02, mid, last+1%). Function keys and Ctrl/Alt chords work everywhere; a bare letter
        not while typing.
      </p>
      <table className="settings-table" aria-label="Hotkey list">
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Sends</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-chord={r.chord}>
              <td>
                <button
                  type="button"
                  aria-label={r.chord === '' ? 'Record a key' : `Record a new key for ${r.chord}`}
                  aria-pressed={recording === r.key}
                  ref={(el) => {
                    if (el && recording === r.key && document.activeElement !== el) el.focus();
                  }}
                  onClick={() => setRecording(recording === r.key ? null : r.key)}
                  onKeyDown={(e) => record(e, r)}
                >
                  {recording === r.key ? 'Press a key…' : <kbd>{r.chord || '—'}</kbd>}
                </button>
              </td>
              <td>
                <input
                  type="text"
                  className="mono"
                  aria-label={`Line for ${r.chord || 'the new hotkey'}`}
                  spellCheck={false}
                  autoComplete="off"
                  value={r.action}
                  onChange={(e) => update(r.key, { action: e.target.value })}
                  onKeyDown={(e) => {
                    if (e.key !== 'Enter') return;
                    e.preventDefault();
                    e.stopPropagation();
                    save();
                  }}
                />
              </td>
              <td className="settings-actions">
                <button type="button" aria-label={`Remove ${r.chord || 'the new hotkey'}`} onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {message ? (
        <p className={message.error ? 'msg-error settings-error' : 'msg-info settings-error'} role={message.error ? 'alert' : 'status'} aria-label="Hotkeys message">
          {message.text}
        </p>
      ) : (
        <p className="settings-error" aria-live="polite" />
      )}
      <div className="modal-actions">
        <button type="button" onClick={add}>
          Add hotkey
        </button>
        <button
          type="button"
          onClick={() => {
            setRows(rowsOf(DEFAULT_HOTKEYS));
            setRecording(null);
            setMessage({ error: false, text: 'Defaults restored: press Save hotkeys to keep them' });
          }}
        >
          Reset to defaults
        </button>
        <button type="button" className="primary" onClick={save} disabled={saving}>
          {saving ? 'Saving…' : 'Save hotkeys'}
        </button>
        <button type="button" onClick={hide} disabled={saving}>
          Close
        </button>
      </div>
    </div>
  );
}
