import { useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import type { BrokerName, WebullRegion } from '../../../shared/model';
import { addAccount, editAccount, PORT_HINT, removeAccount, WEBULL_SECRET_HINT, type AccountRow, type SettingsForm } from './settings-form';

const PORT_HINT_ID = 'settings-port-hint';

/** Each control is named "Account <n> <field>" so keyboard users and tests find it by role and name. */
function AccountRowView({
  row,
  n,
  setForm,
  confirming,
  setConfirming,
  invalid,
  onRemoved,
}: {
  row: AccountRow;
  invalid: ReadonlySet<string>;
  n: number;
  setForm: Dispatch<SetStateAction<SettingsForm>>;
  confirming: boolean;
  setConfirming: (key: string | null) => void;
  onRemoved: () => void;
}) {
  const removeButton = useRef<HTMLButtonElement | null>(null);
  const wasConfirming = useRef(false);
  // Keeping the account puts focus back on its Remove button, where the trader was.
  useEffect(() => {
    if (wasConfirming.current && !confirming) removeButton.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);
  const edit = (patch: Partial<Omit<AccountRow, 'key'>>): void => setForm((f) => editAccount(f, row.key, patch));
  const text = (field: 'name' | 'id' | 'host' | 'accountCode', label: string) => (
    <td>
      <input
        type="text"
        autoComplete="off"
        spellCheck={false}
        aria-label={`Account ${n} ${label}`}
        aria-invalid={invalid.has(`${row.key}.${field}`) || undefined}
        value={row[field]}
        onChange={(e) => edit({ [field]: e.target.value })}
      />
    </td>
  );
  const number = (field: 'port' | 'clientId', label: string, describedBy?: string) => (
    <td>
      <input
        type="text"
        className="num"
        inputMode="numeric"
        autoComplete="off"
        aria-label={`Account ${n} ${label}`}
        aria-describedby={describedBy}
        aria-invalid={invalid.has(`${row.key}.${field}`) || undefined}
        value={row[field]}
        onChange={(e) => edit({ [field]: e.target.value })}
      />
    </td>
  );
  const shownName = row.name.trim() || `account ${n}`;
  return (
    <>
      <tr data-row={row.key}>
        {text('name', 'name')}
        {text('id', 'id')}
        {text('host', 'host')}
        {number('port', 'port', PORT_HINT_ID)}
        {number('clientId', 'client id')}
        {text('accountCode', 'account code')}
        <td>
          <select aria-label={`Account ${n} broker`} value={row.broker} onChange={(e) => edit({ broker: e.target.value as BrokerName })}>
            <option value="ib">IB</option>
            <option value="webull">Webull</option>
          </select>
        </td>
        <td className="settings-check">
          <input type="checkbox" aria-label={`Account ${n} enabled`} checked={row.enabled} onChange={(e) => edit({ enabled: e.target.checked })} />
        </td>
        <td className="settings-actions">
          {confirming ? (
            <span
              className="settings-confirm"
              onKeyDown={(e) => {
                // Esc here answers "keep", it does not close the whole dialog.
                if (e.key !== 'Escape') return;
                e.stopPropagation();
                e.preventDefault();
                setConfirming(null);
              }}
            >
              <span className="msg-warn">Remove “{shownName}”?</span>
              <button
                type="button"
                className="danger"
                onClick={() => {
                  setForm((f) => removeAccount(f, row.key));
                  setConfirming(null);
                  onRemoved();
                }}
              >
                Confirm remove account {n}
              </button>
              {/* Focus lands on the harmless answer: Enter keeps. */}
              <button type="button" autoFocus onClick={() => setConfirming(null)}>
                Keep account {n}
              </button>
            </span>
          ) : (
            <button ref={removeButton} type="button" className="danger" onClick={() => setConfirming(row.key)}>
              Remove account {n}
            </button>
          )}
        </td>
      </tr>
      {row.broker === 'webull' && <WebullFields row={row} n={n} edit={edit} invalid={invalid} />}
    </>
  );
}

const SECRET_HINT_ID = (key: string): string => `settings-webull-secret-hint-${key}`;

/** A Webull account's app key, region and secret, on a line under its row. The secret is write-only. */
function WebullFields({
  row,
  n,
  edit,
  invalid,
}: {
  row: AccountRow;
  n: number;
  edit: (patch: Partial<Omit<AccountRow, 'key'>>) => void;
  invalid: ReadonlySet<string>;
}) {
  return (
    <tr className="settings-webull" data-row={`${row.key}-webull`}>
      <td colSpan={9}>
        <label>
          App key{' '}
          <input
            type="text"
            autoComplete="off"
            spellCheck={false}
            aria-label={`Account ${n} app key`}
            aria-invalid={invalid.has(`${row.key}.appKey`) || undefined}
            value={row.appKey}
            onChange={(e) => edit({ appKey: e.target.value })}
          />
        </label>{' '}
        <label>
          Region{' '}
          <select aria-label={`Account ${n} region`} value={row.region} onChange={(e) => edit({ region: e.target.value as WebullRegion })}>
            <option value="us">US</option>
            <option value="hk">HK</option>
            <option value="jp">JP</option>
          </select>
        </label>{' '}
        <label>
          App secret{' '}
          <input
            type="password"
            autoComplete="new-password"
            aria-label={`Account ${n} app secret`}
            aria-describedby={SECRET_HINT_ID(row.key)}
            placeholder="type to set or replace"
            value={row.secret}
            onChange={(e) => edit({ secret: e.target.value })}
          />
        </label>{' '}
        <span id={SECRET_HINT_ID(row.key)} className="hint">
          {WEBULL_SECRET_HINT} Webull accounts carry no quotes (another account streams them) and have no what-if, depth, bars or brackets.
        </span>
      </td>
    </tr>
  );
}

export function AccountsSection({
  form,
  setForm,
  invalid,
}: {
  form: SettingsForm;
  setForm: Dispatch<SetStateAction<SettingsForm>>;
  invalid: ReadonlySet<string>;
}) {
  // Which row asks "remove?": one at a time, nothing removed until confirmed.
  const [confirming, setConfirming] = useState<string | null>(null);
  const addButton = useRef<HTMLButtonElement | null>(null);
  // A removed row takes its focused button with it: focus goes to Add account.
  const onRemoved = (): void => addButton.current?.focus();
  return (
    <fieldset className="settings-section settings-accounts">
      <legend>Accounts</legend>
      {form.accounts.length === 0 ? (
        <p className="muted">No accounts: the workstation runs the simulated demo account. Add a TWS / IB Gateway or Webull account below.</p>
      ) : (
        <table className="settings-table" aria-label="Accounts">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Id</th>
              <th scope="col">Host</th>
              <th scope="col">Port</th>
              <th scope="col">Client id</th>
              <th scope="col">Account code</th>
              <th scope="col">Broker</th>
              <th scope="col">Enabled</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {form.accounts.map((row, i) => (
              <AccountRowView
                key={row.key}
                row={row}
                n={i + 1}
                setForm={setForm}
                confirming={confirming === row.key}
                setConfirming={setConfirming}
                invalid={invalid}
                onRemoved={onRemoved}
              />
            ))}
          </tbody>
        </table>
      )}
      <div className="settings-accounts-foot">
        <button ref={addButton} type="button" onClick={() => setForm(addAccount)}>
          Add account
        </button>
        <span id={PORT_HINT_ID} className="hint">
          Ports: {PORT_HINT}. Account code empty = the first account the login manages.
        </span>
      </div>
    </fieldset>
  );
}
