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

type Message = { error: boolean; text: string } | null;

/** The rows being edited, the one recording, and what Record / Add / Reset / Save do to them. */
function useHotkeyRows() {
  const bridge = useBridge();
  const [rows, setRows] = useState<Row[]>(() => rowsOf(workspaceOf(useSettings.getState().settings).hotkeys));
  const [recording, setRecording] = useState<number | null>(null);
  const [message, setMessage] = useState<Message>(null);
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

  const reset = (): void => {
    setRows(rowsOf(DEFAULT_HOTKEYS));
    setRecording(null);
    setMessage({ error: false, text: 'Defaults restored: press Save hotkeys to keep them' });
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

  const remove = (key: number): void => setRows((rs) => rs.filter((x) => x.key !== key));
  return { rows, recording, setRecording, message, saving, update, record, add, reset, save, remove };
}

interface RowProps {
  row: Row;
  recording: boolean;
  toggleRecording(): void;
  record(e: KeyboardEvent<HTMLButtonElement>, row: Row): void;
  setAction(action: string): void;
  save(): void;
  remove(): void;
}

/** One hotkey: its Record button, its line (Enter saves), Remove. */
function HotkeyRow({ row: r, recording, toggleRecording, record, setAction, save, remove }: RowProps) {
  return (
    <tr data-chord={r.chord}>
      <td>
        <button
          type="button"
          aria-label={r.chord === '' ? 'Record a key' : `Record a new key for ${r.chord}`}
          aria-pressed={recording}
          ref={(el) => {
            if (el && recording && document.activeElement !== el) el.focus();
          }}
          onClick={toggleRecording}
          onKeyDown={(e) => record(e, r)}
        >
          {recording ? 'Press a key…' : <kbd>{r.chord || '—'}</kbd>}
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
          onChange={(e) => setAction(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            e.stopPropagation();
            save();
          }}
        />
      </td>
      <td className="settings-actions">
        <button type="button" aria-label={`Remove ${r.chord || 'the new hotkey'}`} onClick={remove}>
          Remove
        </button>
      </td>
    </tr>
  );
}

function HotkeysMessage({ message }: { message: Message }) {
  if (!message) return <p className="settings-error" aria-live="polite" />;
  return (
    <p className={message.error ? 'msg-error settings-error' : 'msg-info settings-error'} role={message.error ? 'alert' : 'status'} aria-label="Hotkeys message">
      {message.text}
    </p>
  );
}

/**
 * The keymap: each key with its line, a Record button that takes the next key pressed
 * (refusing one already taken, with the sentence why), Reset to the shipped defaults.
 */
export function HotkeysPage() {
  const hide = useSettingsDialog((s) => s.hide);
  const k = useHotkeyRows();
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
          {k.rows.map((r) => (
            <HotkeyRow
              key={r.key}
              row={r}
              recording={k.recording === r.key}
              toggleRecording={() => k.setRecording(k.recording === r.key ? null : r.key)}
              record={k.record}
              setAction={(action) => k.update(r.key, { action })}
              save={k.save}
              remove={() => k.remove(r.key)}
            />
          ))}
        </tbody>
      </table>
      <HotkeysMessage message={k.message} />
      <div className="modal-actions">
        <button type="button" onClick={k.add}>
          Add hotkey
        </button>
        <button type="button" onClick={k.reset}>
          Reset to defaults
        </button>
        <button type="button" className="primary" onClick={k.save} disabled={k.saving}>
          {k.saving ? 'Saving…' : 'Save hotkeys'}
        </button>
        <button type="button" onClick={hide} disabled={k.saving}>
          Close
        </button>
      </div>
    </div>
  );
}
