// The Settings dialog's General page: accounts, order defaults, risk limits and
// confirmation thresholds, every input holding its text exactly as typed.
import type { Dispatch, ReactNode, SetStateAction } from 'react';
import type { TimeInForce } from '../../../shared/model';
import { AccountsSection } from './AccountsSection';
import type { SettingsForm } from './settings-form';

interface SectionProps {
  form: SettingsForm;
  patch: (p: Partial<SettingsForm>) => void;
  /** Controls the last check found wrong. */
  invalid: ReadonlySet<string>;
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

function OrdersSection({ form, patch, invalid }: SectionProps) {
  const accountChoices = form.accounts.map((a) => ({ key: a.key, text: a.name.trim() || a.id.trim() || '(unnamed)' }));
  return (
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
  );
}

function RiskSection({ form, patch, invalid }: SectionProps) {
  return (
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
  );
}

function ConfirmSection({ form, patch, invalid }: SectionProps) {
  return (
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
  );
}

export function GeneralPage({ form, setForm, invalid }: { form: SettingsForm; setForm: Dispatch<SetStateAction<SettingsForm>>; invalid: ReadonlySet<string> }) {
  const patch = (p: Partial<SettingsForm>): void => setForm((f) => ({ ...f, ...p }));
  return (
    <div className="settings-body" role="tabpanel" aria-label="General">
      <AccountsSection form={form} setForm={setForm} invalid={invalid} />

      <div className="settings-row">
        <OrdersSection form={form} patch={patch} invalid={invalid} />
        <RiskSection form={form} patch={patch} invalid={invalid} />
        <ConfirmSection form={form} patch={patch} invalid={invalid} />
      </div>
    </div>
  );
}
