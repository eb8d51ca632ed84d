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

/** The optional limits: empty means none. */
type LimitField = 'maxQuantity' | 'maxNotional' | 'priceBandPercent' | 'confirmQuantityAbove' | 'confirmNotionalAbove';

const RISK_FIELDS: ReadonlyArray<[LimitField, string]> = [
  ['maxQuantity', 'Max quantity'],
  ['maxNotional', 'Max notional'],
  ['priceBandPercent', 'Price band %'],
];
const CONFIRM_FIELDS: ReadonlyArray<[LimitField, string]> = [
  ['confirmQuantityAbove', 'Confirm above quantity'],
  ['confirmNotionalAbove', 'Confirm above notional'],
];

function LimitSection({ legend, fields, placeholder, hint, form, patch, invalid }: SectionProps & { legend: string; fields: ReadonlyArray<[LimitField, string]>; placeholder: string; hint: string }) {
  return (
    <fieldset className="settings-section">
      <legend>{legend}</legend>
      {fields.map(([field, label]) => (
        <NumberInput key={field} label={label} placeholder={placeholder} value={form[field]} onChange={(v) => patch({ [field]: v })} invalid={invalid.has(field)} />
      ))}
      <p className="hint">{hint}</p>
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
        <LimitSection legend="Risk" fields={RISK_FIELDS} placeholder="no limit" hint="Empty = no limit." form={form} patch={patch} invalid={invalid} />
        <LimitSection legend="Confirmations" fields={CONFIRM_FIELDS} placeholder="never" hint="Empty = never ask." form={form} patch={patch} invalid={invalid} />
      </div>
    </div>
  );
}
