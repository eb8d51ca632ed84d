// The Settings dialog's form and the Settings it stands for. Inputs hold text
// exactly as typed (so nothing the trader typed is lost on a refusal); turning
// it back into Settings checks every field first and explains each problem in
// one sentence, in the style of shared/schema.ts, before anything is sent.
// Pure: unit-tested without rendering.

import { accountClashes } from '../../../shared/account-rules';
import { ACCOUNT_ID_PATTERN } from '../../../shared/order-rules';
import type { AccountConfig, BrokerName, Settings, TimeInForce, WebullRegion } from '../../../shared/model';

/** One account row as typed. `key` is the row's identity while ids are being edited. */
export interface AccountRow {
  key: string;
  id: string;
  name: string;
  host: string;
  port: string;
  clientId: string;
  accountCode: string;
  enabled: boolean;
  broker: BrokerName;
  /** Webull only. */
  appKey: string;
  region: WebullRegion;
  /**
   * Webull only: a secret typed in this dialog, sent once with `secret.set` after the
   * settings are saved. Never filled from settings: the host never echoes a secret back.
   */
  secret: string;
}

export interface SettingsForm {
  accounts: AccountRow[];
  tif: TimeInForce;
  quantity: string;
  /** Row key of the default account; '' = none. Follows the row when its id is edited. */
  defaultAccount: string;
  maxQuantity: string;
  maxNotional: string;
  priceBandPercent: string;
  confirmQuantityAbove: string;
  confirmNotionalAbove: string;
}

/**
 * `invalid` names the controls to mark: `quantity`, `maxNotional` … for the form's own
 * fields, `<row key>.<field>` for an account's (`row2.clientId`).
 */
export type FormResult =
  | { ok: true; settings: Settings; secrets?: { account: string; secret: string }[] }
  | { ok: false; problems: string[]; invalid: string[] };

/** Problems in the order found, with the controls each one is about. */
class Problems {
  readonly texts: string[] = [];
  readonly invalid = new Set<string>();
  add(text: string, ...fields: string[]): void {
    this.texts.push(text);
    for (const f of fields) this.invalid.add(f);
  }
  get count(): number {
    return this.texts.length;
  }
}

/** Which port which IB program listens on by default. */
export const PORT_HINT = '7497 paper TWS · 7496 live TWS · 4002 paper Gateway · 4001 live Gateway';

export const NEW_ACCOUNT_HOST = '127.0.0.1';
export const NEW_ACCOUNT_PORT = 4002;

const MAX_INT32 = 2 ** 31 - 1;
const MAX_DEFAULT_QUANTITY = 10_000_000;

const text = (n: number | null): string => (n === null ? '' : String(n));

export function toForm(settings: Settings): SettingsForm {
  const accounts = settings.accounts.map(
    (a, i): AccountRow => ({
      key: `row${i + 1}`,
      id: a.id,
      name: a.name,
      host: a.host,
      port: String(a.port),
      clientId: String(a.clientId),
      accountCode: a.accountCode,
      enabled: a.enabled,
      broker: a.broker,
      appKey: a.appKey ?? '',
      region: a.region ?? 'us',
      secret: '',
    }),
  );
  const wanted = settings.defaults.account?.toLowerCase();
  const defaultRow = wanted === undefined ? undefined : accounts.find((a) => a.id.toLowerCase() === wanted);
  return {
    accounts,
    tif: settings.defaults.tif,
    quantity: String(settings.defaults.quantity),
    defaultAccount: defaultRow?.key ?? '',
    maxQuantity: text(settings.risk.maxQuantity),
    maxNotional: text(settings.risk.maxNotional),
    priceBandPercent: text(settings.risk.priceBandPercent),
    confirmQuantityAbove: text(settings.confirm.quantityAbove),
    confirmNotionalAbove: text(settings.confirm.notionalAbove),
  };
}

/** True when two Settings differ in nothing the dialog edits (the watchlist changes freely). */
export function sameEditableSettings(a: Settings, b: Settings): boolean {
  return a === b || JSON.stringify(toForm(a)) === JSON.stringify(toForm(b));
}

/** The lowest client id ≥ 1 no configured account uses, so a new row never clashes as added. */
export function nextClientId(rows: readonly AccountRow[]): number {
  const used = new Set(rows.map((r) => Number(r.clientId.trim())));
  let id = 1;
  while (used.has(id)) id += 1;
  return id;
}

function unusedKey(rows: readonly AccountRow[]): string {
  const keys = new Set(rows.map((r) => r.key));
  let n = rows.length + 1;
  while (keys.has(`row${n}`)) n += 1;
  return `row${n}`;
}

/** A new row: 127.0.0.1:4002 (paper Gateway), the next free client id, enabled, a unique id. */
export function addAccount(form: SettingsForm): SettingsForm {
  const ids = new Set(form.accounts.map((r) => r.id.trim().toLowerCase()));
  let n = form.accounts.length + 1;
  while (ids.has(`account${n}`)) n += 1;
  const row: AccountRow = {
    key: unusedKey(form.accounts),
    id: `account${n}`,
    name: `Account ${n}`,
    host: NEW_ACCOUNT_HOST,
    port: String(NEW_ACCOUNT_PORT),
    clientId: String(nextClientId(form.accounts)),
    accountCode: '',
    enabled: true,
    broker: 'ib',
    appKey: '',
    region: 'us',
    secret: '',
  };
  return { ...form, accounts: [...form.accounts, row] };
}

export function removeAccount(form: SettingsForm, key: string): SettingsForm {
  return {
    ...form,
    accounts: form.accounts.filter((r) => r.key !== key),
    // A removed account cannot stay the default one.
    defaultAccount: form.defaultAccount === key ? '' : form.defaultAccount,
  };
}

export function editAccount(form: SettingsForm, key: string, patch: Partial<Omit<AccountRow, 'key'>>): SettingsForm {
  return { ...form, accounts: form.accounts.map((r) => (r.key === key ? { ...r, ...patch } : r)) };
}

// ---------------------------------------------------------------- parsing fields

type Parsed = { ok: true; value: number } | { ok: false; problem: string };

const quoted = (raw: string): string => JSON.stringify(raw);

/** A whole number in [min, max], digits only (no "1e3", no "1,000"). */
function wholeNumber(raw: string, what: string, min: number, max: number): Parsed {
  const t = raw.trim();
  if (t === '') return { ok: false, problem: `${what} must not be empty` };
  if (!/^-?\d+$/.test(t)) return { ok: false, problem: `${what} must be a whole number, got ${quoted(raw)}` };
  const value = Number(t);
  if (value < min || value > max) {
    return { ok: false, problem: `${what} must be from ${min} to ${max}, got ${t}` };
  }
  return { ok: true, value };
}

/** A plain decimal number (digits, one optional point). */
function decimal(raw: string, what: string): Parsed {
  const t = raw.trim();
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(t)) return { ok: false, problem: `${what} must be a number, got ${quoted(raw)}` };
  return { ok: true, value: Number(t) };
}

/** Empty = no limit (null); otherwise checked by `parse`. */
function optional(raw: string, parse: (raw: string) => Parsed): { ok: true; value: number | null } | { ok: false; problem: string } {
  return raw.trim() === '' ? { ok: true, value: null } : parse(raw);
}

function positiveDecimal(what: string, max?: number): (raw: string) => Parsed {
  return (raw) => {
    const d = decimal(raw, what);
    if (!d.ok) return d;
    if (d.value <= 0) return { ok: false, problem: `${what} must be greater than 0, got ${raw.trim()}` };
    if (max !== undefined && d.value > max) return { ok: false, problem: `${what} must be at most ${max}, got ${raw.trim()}` };
    return d;
  };
}

function nonNegativeDecimal(what: string): (raw: string) => Parsed {
  return (raw) => {
    const d = decimal(raw, what);
    if (!d.ok) return d;
    if (d.value < 0) return { ok: false, problem: `${what} must be at least 0, got ${raw.trim()}` };
    return d;
  };
}

// ---------------------------------------------------------------- form -> settings

/** How a row is named in a sentence: its name when it has one, else its position. */
const rowLabel = (row: AccountRow, index: number): string =>
  row.name.trim() === '' ? `account ${index + 1}` : `account "${row.name.trim()}"`;

function parseAccount(row: AccountRow, index: number, problems: Problems): AccountConfig | null {
  const label = rowLabel(row, index);
  const before = problems.count;
  const at = (field: keyof AccountRow): string => `${row.key}.${field}`;
  const id = row.id.trim();
  const name = row.name.trim();
  const host = row.host.trim();
  const accountCode = row.accountCode.trim();
  if (name === '') problems.add(`${label}: name must not be empty`, at('name'));
  else if (name.length > 64) problems.add(`${label}: name must be at most 64 characters`, at('name'));
  if (id === '') problems.add(`${label}: id must not be empty`, at('id'));
  else if (id.length > 32) problems.add(`${label}: id must be at most 32 characters, got ${quoted(id)}`, at('id'));
  else if (!ACCOUNT_ID_PATTERN.test(id)) {
    problems.add(`${label}: id may use only letters, digits, "_", "-" and ".", got ${quoted(id)}`, at('id'));
  }
  if (host === '') problems.add(`${label}: host must not be empty`, at('host'));
  else if (host.length > 255) problems.add(`${label}: host must be at most 255 characters`, at('host'));
  const port = wholeNumber(row.port, 'port', 1, 65535);
  if (!port.ok) problems.add(`${label}: ${port.problem}`, at('port'));
  const clientId = wholeNumber(row.clientId, 'client id', 0, MAX_INT32);
  if (!clientId.ok) problems.add(`${label}: ${clientId.problem}`, at('clientId'));
  if (accountCode.length > 32) {
    problems.add(`${label}: account code must be at most 32 characters, got ${quoted(accountCode)}`, at('accountCode'));
  }
  const appKey = row.appKey.trim();
  if (row.broker === 'webull' && appKey === '') problems.add(`${label}: a Webull account needs its app key`, at('appKey'));
  else if (appKey.length > 128) problems.add(`${label}: app key must be at most 128 characters`, at('appKey'));
  if (problems.count > before || !port.ok || !clientId.ok) return null;
  const common = { id, name, host, port: port.value, clientId: clientId.value, accountCode, enabled: row.enabled };
  return row.broker === 'webull' ? { ...common, broker: 'webull', appKey, region: row.region } : { ...common, broker: 'ib' };
}

/** What a trader reads beside a Webull account's secret field. */
export const WEBULL_SECRET_HINT =
  'The app secret is sent once and kept by the app (encrypted by the OS in the desktop app, for this run only in a browser); it is never written to settings.json or shown again.';

/** Same gateway, whatever loopback spelling: `localhost:4002` and `127.0.0.1:4002` are one. */
/** The rules between accounts, worded exactly as main words them (shared/account-rules.ts). */
export function crossAccountProblems(accounts: readonly AccountConfig[]): string[] {
  const problems = new Problems();
  checkAcrossAccounts(accounts.map((account, i) => ({ account, key: `row${i + 1}` })), problems);
  return problems.texts;
}

function checkAcrossAccounts(rows: readonly { account: AccountConfig; key: string }[], problems: Problems): void {
  for (const clash of accountClashes(rows.map((r) => r.account))) {
    problems.add(clash.message, `${rows[clash.first]?.key}.${clash.field}`, `${rows[clash.second]?.key}.${clash.field}`);
  }
}

/**
 * The Settings the form stands for, or every problem found. `base` supplies what the
 * dialog does not edit (the watchlist), so saving never undoes a watchlist change.
 */
export function fromForm(form: SettingsForm, base: Settings): FormResult {
  const problems = new Problems();
  const parsed: { account: AccountConfig; key: string }[] = [];
  const idByKey = new Map<string, string>();
  form.accounts.forEach((row, i) => {
    const account = parseAccount(row, i, problems);
    if (account) {
      parsed.push({ account, key: row.key });
      idByKey.set(row.key, account.id);
    }
  });
  const accounts = parsed.map((p) => p.account);
  // Clashes are judged on finished rows only, so a half-typed port names no false clash.
  if (problems.count === 0) checkAcrossAccounts(parsed, problems);

  const quantity = wholeNumber(form.quantity, 'default quantity', 1, MAX_DEFAULT_QUANTITY);
  if (!quantity.ok) problems.add(quantity.problem, 'quantity');
  let defaultAccount: string | null = null;
  if (form.defaultAccount !== '') {
    const id = idByKey.get(form.defaultAccount);
    // A row that failed its own checks already has a problem listed.
    if (id === undefined && !form.accounts.some((r) => r.key === form.defaultAccount)) {
      problems.add('the default account is not one of the configured accounts', 'defaultAccount');
    }
    defaultAccount = id ?? null;
  }
  const maxQuantity = optional(form.maxQuantity, (raw) => wholeNumber(raw, 'max quantity', 1, Number.MAX_SAFE_INTEGER));
  const maxNotional = optional(form.maxNotional, positiveDecimal('max notional'));
  const priceBand = optional(form.priceBandPercent, positiveDecimal('price band %', 100));
  const confirmQuantity = optional(form.confirmQuantityAbove, (raw) =>
    wholeNumber(raw, 'confirm above quantity', 0, Number.MAX_SAFE_INTEGER),
  );
  const confirmNotional = optional(form.confirmNotionalAbove, nonNegativeDecimal('confirm above notional'));
  const optionals = [
    [maxQuantity, 'maxQuantity'],
    [maxNotional, 'maxNotional'],
    [priceBand, 'priceBandPercent'],
    [confirmQuantity, 'confirmQuantityAbove'],
    [confirmNotional, 'confirmNotionalAbove'],
  ] as const;
  for (const [r, field] of optionals) {
    if (!r.ok) problems.add(r.problem, field);
  }
  if (
    problems.count > 0 ||
    !quantity.ok ||
    !maxQuantity.ok ||
    !maxNotional.ok ||
    !priceBand.ok ||
    !confirmQuantity.ok ||
    !confirmNotional.ok
  ) {
    return { ok: false, problems: problems.texts, invalid: [...problems.invalid] };
  }
  const secrets = parsed.flatMap(({ account, key }) => {
    const typed = form.accounts.find((r) => r.key === key)?.secret ?? '';
    return account.broker === 'webull' && typed !== '' ? [{ account: account.id, secret: typed }] : [];
  });
  return {
    ok: true,
    ...(secrets.length > 0 ? { secrets } : {}),
    settings: {
      version: 1,
      accounts,
      defaults: { tif: form.tif, quantity: quantity.value, account: defaultAccount },
      // ...base.risk keeps the fields this form does not edit (the rate guard).
      risk: { ...base.risk, maxQuantity: maxQuantity.value, maxNotional: maxNotional.value, priceBandPercent: priceBand.value },
      confirm: { quantityAbove: confirmQuantity.value, notionalAbove: confirmNotional.value },
      watchlist: [...base.watchlist],
      // Layout, columns and hotkeys are edited elsewhere: the form keeps them as they are.
      ...(base.workspace ? { workspace: base.workspace } : {}),
    },
  };
}

/** One line for the dialog: every problem, so the trader fixes them in one pass. */
export const settingsErrorText = (problems: readonly string[]): string => `Settings Error: ${problems.join('; ')}`;
