import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Settings, TimeInForce } from '../../../shared/model';
import { useBridge } from '../../bridge/context';
import { useSettings } from '../../stores/broker-state';
import { useConfirm } from '../../stores/ui';
import { AccountsSection } from './AccountsSection';
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

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="settings-field">
      <span>{label}</span>
      {children}
    </label>
  );
}

function NumberInput({
  label,
  value,
  onChange,
  placeholder,
  invalid,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  invalid: boolean;
}) {
  return (
    <Field label={label}>
      <input
        className="num"
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        aria-label={label}
        placeholder={placeholder}
        aria-invalid={invalid || undefined}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </Field>
  );
}

function SettingsPanel({ latest }: { latest: Settings }) {
  const bridge = useBridge();
  const hide = useSettingsDialog((s) => s.hide);
  // The settings the form was filled from; `latest` moves on when anyone saves.
  const [basis, setBasis] = useState(latest);
  const [form, setForm] = useState<SettingsForm>(() => toForm(latest));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // Controls the last check found wrong, marked until the next Save.
  const [invalid, setInvalid] = useState<ReadonlySet<string>>(() => new Set());
  const savingRef = useRef(false);
  const [page, setPage] = useState<'general' | 'hotkeys'>('general');

  const patch = (p: Partial<SettingsForm>): void => setForm((f) => ({ ...f, ...p }));

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

  // Another window (or the desktop app's menu) saved meanwhile: say so rather than silently overwrite.
  const changedElsewhere = !saving && !sameEditableSettings(basis, latest);
  const loadNewest = (): void => {
    setBasis(latest);
    setForm(toForm(latest));
    setError(null);
    setInvalid(new Set());
  };

  const accountChoices = form.accounts.map((a) => ({ key: a.key, text: a.name.trim() || a.id.trim() || '(unnamed)' }));

  const pages = (
    <div className="settings-pages" role="tablist" aria-label="Settings pages">
      {(['general', 'hotkeys'] as const).map((p) => (
        <button key={p} type="button" role="tab" aria-selected={page === p} onClick={() => setPage(p)}>
          {p === 'general' ? 'General' : 'Hotkeys'}
        </button>
      ))}
    </div>
  );
  if (page === 'hotkeys') {
    return (
      <DialogFrame onSave={null}>
        {pages}
        <HotkeysPage />
      </DialogFrame>
    );
  }

  return (
    <DialogFrame onSave={save} busy={saving}>
      {pages}
      <div className="settings-body" role="tabpanel" aria-label="General">
        <AccountsSection form={form} setForm={setForm} invalid={invalid} />

        <div className="settings-row">
          <fieldset className="settings-section">
            <legend>Orders</legend>
            <Field label="Default TIF">
              <select aria-label="Default TIF" value={form.tif} onChange={(e) => patch({ tif: e.target.value as TimeInForce })}>
                <option value="GTC">GTC</option>
                <option value="DAY">DAY</option>
              </select>
            </Field>
            <NumberInput label="Default quantity" value={form.quantity} onChange={(v) => patch({ quantity: v })} invalid={invalid.has('quantity')} />
            <Field label="Default account">
              <select aria-label="Default account" aria-invalid={invalid.has('defaultAccount') || undefined} value={form.defaultAccount} onChange={(e) => patch({ defaultAccount: e.target.value })}>
                <option value="">(none)</option>
                {accountChoices.map((c) => (
                  <option key={c.key} value={c.key}>
                    {c.text}
                  </option>
                ))}
              </select>
            </Field>
          </fieldset>

          <fieldset className="settings-section">
            <legend>Risk</legend>
            <NumberInput label="Max quantity" placeholder="no limit" value={form.maxQuantity} onChange={(v) => patch({ maxQuantity: v })} invalid={invalid.has('maxQuantity')} />
            <NumberInput label="Max notional" placeholder="no limit" value={form.maxNotional} onChange={(v) => patch({ maxNotional: v })} invalid={invalid.has('maxNotional')} />
            <NumberInput
              label="Price band %"
              placeholder="no limit"
              value={form.priceBandPercent}
              onChange={(v) => patch({ priceBandPercent: v })} invalid={invalid.has('priceBandPercent')}
            />
            <p className="hint">Empty = no limit.</p>
          </fieldset>

          <fieldset className="settings-section">
            <legend>Confirmations</legend>
            <NumberInput
              label="Confirm above quantity"
              placeholder="never"
              value={form.confirmQuantityAbove}
              onChange={(v) => patch({ confirmQuantityAbove: v })} invalid={invalid.has('confirmQuantityAbove')}
            />
            <NumberInput
              label="Confirm above notional"
              placeholder="never"
              value={form.confirmNotionalAbove}
              onChange={(v) => patch({ confirmNotionalAbove: v })} invalid={invalid.has('confirmNotionalAbove')}
            />
            <p className="hint">Empty = never ask.</p>
          </fieldset>
        </div>
      </div>

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
    </DialogFrame>
  );
}
