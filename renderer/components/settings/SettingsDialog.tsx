import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Settings } from '../../../shared/model';
import { useBridge } from '../../bridge/context';
import { useSettings } from '../../stores/broker-state';
import { useConfirm } from '../../stores/ui';
import { GeneralPage } from './GeneralPage';
import { HotkeysPage } from './HotkeysPage';
import { isSettingsKey, useSettingsDialog } from './open-state';
import { fromForm, sameEditableSettings, settingsErrorText, toForm, type SettingsForm } from './settings-form';
import './settings.css';

const FOCUSABLE = 'input, select, button';

/** Mounted once by App: listens for Ctrl+, and draws the dialog while it is open. */
export function SettingsDialog() {
  const open = useSettingsDialog((s) => s.open);
  const settings = useSettings((s) => s.settings);

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent): void => {
      if (!isSettingsKey(e) || useConfirm.getState().request) return;
      e.preventDefault();
      useSettingsDialog.getState().show();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (!open) return null;
  // The form starts from the settings as they are when the dialog opens.
  return settings ? <SettingsPanel latest={settings} /> : <NotLoaded />;
}

function NotLoaded() {
  const hide = useSettingsDialog((s) => s.hide);
  return (
    <DialogFrame onSave={null}>
      <p className="muted">The settings have not arrived from the host yet.</p>
      <div className="modal-actions">
        <button type="button" onClick={hide}>
          Close
        </button>
      </div>
    </DialogFrame>
  );
}

/** The modal shell: focus moves in and comes back, Tab stays inside, Esc closes, Enter in a field saves. */
function DialogFrame({ onSave, busy = false, children }: { onSave: (() => void) | null; busy?: boolean; children: ReactNode }) {
  const hide = useSettingsDialog((s) => s.hide);
  const box = useRef<HTMLDivElement | null>(null);
  // While a save is on its way Esc waits: closing then would hide main's answer.
  const busyRef = useRef(busy);
  useEffect(() => {
    busyRef.current = busy;
  }, [busy]);

  useEffect(() => {
    const returnFocus = document.activeElement;
    // The page's first field, not the page tabs above it.
    const focusFirst = (): void =>
      (box.current?.querySelector<HTMLElement>(`[role="tabpanel"] :is(${FOCUSABLE})`) ?? box.current?.querySelector<HTMLElement>(FOCUSABLE))?.focus();
    focusFirst();
    // Should focus ever fall out of the dialog (a control that held it went away),
    // keys still must not reach the page behind: Esc closes, anything else comes back in.
    const strayKey = (e: globalThis.KeyboardEvent): void => {
      const el = box.current;
      if (!el || useConfirm.getState().request) return;
      if (e.target instanceof Node && el.contains(e.target)) return;
      e.stopPropagation();
      e.preventDefault();
      if (e.key === 'Escape') {
        if (!busyRef.current) useSettingsDialog.getState().hide();
      } else focusFirst();
    };
    window.addEventListener('keydown', strayKey, true);
    return () => {
      window.removeEventListener('keydown', strayKey, true);
      if (returnFocus instanceof HTMLElement) returnFocus.focus();
    };
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    // Keys never leak to the page behind (B/S, Delete, F2 …).
    e.stopPropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      if (!busy) hide();
    } else if (e.key === 'Enter' && (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement)) {
      e.preventDefault();
      onSave?.();
    } else if (e.key === 'Tab') {
      const items = [...e.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.hasAttribute('disabled'));
      const first = items[0];
      const last = items[items.length - 1];
      if (!first || !last) return;
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    }
  };

  return (
    <div className="modal-backdrop">
      <div ref={box} className="modal settings-modal" role="dialog" aria-modal="true" aria-label="Settings" onKeyDown={onKeyDown}>
        <h2>Settings</h2>
        {children}
      </div>
    </div>
  );
}

type Page = 'general' | 'hotkeys';

/** Save: checks the form, sends settings.update, then any Webull secrets; the form keeps everything typed on a refusal. */
function useSaveSettings(form: SettingsForm, latest: Settings) {
  const bridge = useBridge();
  const hide = useSettingsDialog((s) => s.hide);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // Controls the last check found wrong, marked until the next Save.
  const [invalid, setInvalid] = useState<ReadonlySet<string>>(() => new Set());
  const savingRef = useRef(false);

  const save = (): void => {
    if (savingRef.current) return;
    // The newest settings, not the ones at open: a watchlist change meanwhile stays.
    const base = useSettings.getState().settings ?? latest;
    const result = fromForm(form, base);
    if (!result.ok) {
      setError(settingsErrorText(result.problems));
      setInvalid(new Set(result.invalid));
      return;
    }
    setInvalid(new Set());
    savingRef.current = true;
    setSaving(true);
    setError(null);
    void bridge
      .invoke('settings.update', { settings: result.settings })
      .then(
        async (r) => {
          // Main's reason word for word; the form keeps everything typed.
          if (!r.ok) return setError(`Settings Error: ${r.error.message}`);
          // Webull secrets go once, after the accounts they belong to exist; never into settings.
          for (const secret of result.secrets ?? []) {
            const sent = await bridge.invoke('secret.set', secret);
            if (!sent.ok) return setError(`Settings Error: ${sent.error.message}`);
          }
          // The settings event that follows drops the chips of retired sessions (stores/wire.ts).
          hide();
        },
        (e: unknown) => setError(`Settings Error: ${e instanceof Error ? e.message : String(e)}`),
      )
      .finally(() => {
        savingRef.current = false;
        setSaving(false);
      });
  };
  const reset = (): void => {
    setError(null);
    setInvalid(new Set());
  };
  return { save, saving, error, invalid, reset };
}

function PageTabs({ page, setPage }: { page: Page; setPage: (p: Page) => void }) {
  return (
    <div className="settings-pages" role="tablist" aria-label="Settings pages">
      {(['general', 'hotkeys'] as const).map((p) => (
        <button key={p} type="button" role="tab" aria-selected={page === p} onClick={() => setPage(p)}>
          {p === 'general' ? 'General' : 'Hotkeys'}
        </button>
      ))}
    </div>
  );
}

/** Below the General page: the changed-elsewhere notice, the message line, Save / Cancel. */
function SaveFooter({ changedElsewhere, loadNewest, error, saving, save }: { changedElsewhere: boolean; loadNewest: () => void; error: string | null; saving: boolean; save: () => void }) {
  const hide = useSettingsDialog((s) => s.hide);
  return (
    <>
      {changedElsewhere && (
        <p className="settings-stale msg-warn" role="status" aria-label="Settings changed">
          The settings were changed elsewhere after this dialog opened; Save replaces them with what is shown here.{' '}
          <button type="button" onClick={loadNewest}>
            Load the newest
          </button>
        </p>
      )}
      {error ? (
        <p className="msg-error settings-error" role="alert" aria-label="Settings message">
          {error}
        </p>
      ) : (
        <p className="settings-error" aria-live="polite" />
      )}
      <div className="modal-actions">
        <button type="button" className="primary" onClick={save} disabled={saving}>
          {saving ? 'Saving…' : 'Save'}
        </button>
        <button type="button" onClick={hide} disabled={saving}>
          Cancel
        </button>
      </div>
      <p className="hint">Enter in a field saves · Esc closes without saving · Ctrl+, opens</p>
    </>
  );
}

function SettingsPanel({ latest }: { latest: Settings }) {
  // The settings the form was filled from; `latest` moves on when anyone saves.
  const [basis, setBasis] = useState(latest);
  const [form, setForm] = useState<SettingsForm>(() => toForm(latest));
  const [page, setPage] = useState<Page>('general');
  const { save, saving, error, invalid, reset } = useSaveSettings(form, latest);

  // Another window (or the desktop app's menu) saved meanwhile: say so rather than silently overwrite.
  const changedElsewhere = !saving && !sameEditableSettings(basis, latest);
  const loadNewest = (): void => {
    setBasis(latest);
    setForm(toForm(latest));
    reset();
  };

  if (page === 'hotkeys') {
    return (
      <DialogFrame onSave={null}>
        <PageTabs page={page} setPage={setPage} />
        <HotkeysPage />
      </DialogFrame>
    );
  }
  return (
    <DialogFrame onSave={save} busy={saving}>
      <PageTabs page={page} setPage={setPage} />
      <GeneralPage form={form} setForm={setForm} invalid={invalid} />
      <SaveFooter changedElsewhere={changedElsewhere} loadNewest={loadNewest} error={error} saving={saving} save={save} />
    </DialogFrame>
  );
}
