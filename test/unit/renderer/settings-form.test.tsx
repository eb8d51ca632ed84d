import { describe, expect, it } from 'vitest';
import {
  addAccount,
  editAccount,
  fromForm,
  nextClientId,
  removeAccount,
  sameEditableSettings,
  settingsErrorText,
  toForm,
  type SettingsForm,
} from '../../../renderer/components/settings/settings-form';
import { parseSettings } from '../../../shared/schema';
import type { Settings } from '../../../shared/model';
import { account, settings } from './fake-bridge';

const base = (): Settings =>
  settings({
    accounts: [
      { ...account('paper', 'Paper'), clientId: 7 },
      { ...account('live', 'Live'), port: 4001, clientId: 3, accountCode: 'U123', enabled: false },
    ],
    defaults: { tif: 'DAY', quantity: 200, account: 'live' },
    risk: { maxQuantity: 5000, maxNotional: 250_000.5, priceBandPercent: null, maxOrdersPerSecond: 5, maxOrdersPerMinute: 60 },
    confirm: { quantityAbove: 1000, notionalAbove: null },
    watchlist: ['AAPL', 'MSFT'],
  });

const problems = (form: SettingsForm, from: Settings = base()): string[] => {
  const r = fromForm(form, from);
  return r.ok ? [] : r.problems;
};

const row = (form: SettingsForm, i: number) => {
  const r = form.accounts[i];
  if (!r) throw new Error(`no row ${i}`);
  return r;
};

describe('settings form mapping', () => {
  it('round-trips settings unchanged, empty limits as empty text', () => {
    const form = toForm(base());
    expect(form.maxNotional).toBe('250000.5');
    expect(form.priceBandPercent).toBe('');
    expect(form.confirmNotionalAbove).toBe('');
    expect(form.defaultAccount).toBe(row(form, 1).key);
    expect(fromForm(form, base())).toEqual({ ok: true, settings: base() });
  });

  it('keeps the newest watchlist from the base, not the one at open', () => {
    const form = toForm(base());
    const r = fromForm(form, { ...base(), watchlist: ['SPY'] });
    expect(r.ok && r.settings.watchlist).toEqual(['SPY']);
  });

  it('adds an account on 127.0.0.1:4002 with the next free client id, enabled', () => {
    const form = addAccount(toForm(base()));
    const added = row(form, 2);
    expect(added).toMatchObject({ id: 'account3', name: 'Account 3', host: '127.0.0.1', port: '4002', clientId: '1', accountCode: '', enabled: true });
    expect(row(addAccount(form), 3).clientId).toBe('2');
    const r = fromForm(form, base());
    expect(r.ok && r.settings.accounts[2]).toEqual({
      id: 'account3',
      name: 'Account 3',
      broker: 'ib',
      host: '127.0.0.1',
      port: 4002,
      clientId: 1,
      accountCode: '',
      enabled: true,
    });
    // What the dialog sends, main accepts as is.
    expect(r.ok && parseSettings(r.settings)).toEqual({ ok: true, value: r.ok && r.settings });
  });

  it('tells an edit the dialog shows from a watchlist-only change', () => {
    expect(sameEditableSettings(base(), { ...base(), watchlist: ['SPY'] })).toBe(true);
    expect(sameEditableSettings(base(), { ...base(), risk: { ...base().risk, maxQuantity: 1 } })).toBe(false);
    expect(sameEditableSettings(base(), { ...base(), accounts: base().accounts.slice(1) })).toBe(false);
  });

  it('picks the lowest unused client id', () => {
    const f = toForm(base());
    expect(nextClientId(f.accounts)).toBe(1);
    expect(nextClientId(editAccount(f, row(f, 1).key, { clientId: '1' }).accounts)).toBe(2);
  });

  it('trims what was typed and maps empty limits to no limit', () => {
    let f = toForm(base());
    f = editAccount(f, row(f, 0).key, { name: '  Paper 2 ', host: ' localhost ', port: ' 7497 ' });
    f = { ...f, maxQuantity: ' ', confirmQuantityAbove: '0', priceBandPercent: '2.5' };
    const r = fromForm(f, base());
    if (!r.ok) throw new Error(r.problems.join('; '));
    expect(r.settings.accounts[0]).toMatchObject({ name: 'Paper 2', host: 'localhost', port: 7497 });
    // The rate guard is not on this form: it is kept as it was.
    expect(r.settings.risk).toEqual({ maxQuantity: null, maxNotional: 250_000.5, priceBandPercent: 2.5, maxOrdersPerSecond: 5, maxOrdersPerMinute: 60 });
    expect(r.settings.confirm).toEqual({ quantityAbove: 0, notionalAbove: null });
  });

  it('the default account follows an id edit and is cleared when its account is removed', () => {
    let f = toForm(base());
    const live = row(f, 1).key;
    f = editAccount(f, live, { id: 'live2' });
    const r = fromForm(f, base());
    expect(r.ok && r.settings.defaults.account).toBe('live2');
    f = removeAccount(f, live);
    expect(f.defaultAccount).toBe('');
    const r2 = fromForm(f, base());
    expect(r2.ok && r2.settings.defaults.account).toBe(null);
    expect(r2.ok && r2.settings.accounts.map((a) => a.id)).toEqual(['paper']);
  });
});

describe('settings form checks', () => {
  it('requires name, id and host, naming the account', () => {
    const f = toForm(base());
    expect(problems(editAccount(f, row(f, 0).key, { name: ' ' }))).toEqual(['account 1: name must not be empty']);
    expect(problems(editAccount(f, row(f, 1).key, { id: '', host: '' }))).toEqual([
      'account "Live": id must not be empty',
      'account "Live": host must not be empty',
    ]);
  });

  it('refuses an id the command line could not use', () => {
    const f = toForm(base());
    expect(problems(editAccount(f, row(f, 0).key, { id: 'my acct' }))).toEqual([
      'account "Paper": id may use only letters, digits, "_", "-" and ".", got "my acct"',
    ]);
  });

  it('ports are whole numbers from 1 to 65535', () => {
    const f = toForm(base());
    const k = row(f, 0).key;
    expect(problems(editAccount(f, k, { port: '0' }))).toEqual(['account "Paper": port must be from 1 to 65535, got 0']);
    expect(problems(editAccount(f, k, { port: '65536' }))).toEqual(['account "Paper": port must be from 1 to 65535, got 65536']);
    expect(problems(editAccount(f, k, { port: '4002.5' }))).toEqual(['account "Paper": port must be a whole number, got "4002.5"']);
    expect(problems(editAccount(f, k, { port: 'abc' }))).toEqual(['account "Paper": port must be a whole number, got "abc"']);
    expect(problems(editAccount(f, k, { port: '' }))).toEqual(['account "Paper": port must not be empty']);
    expect(problems(editAccount(f, k, { port: '65535' }))).toEqual([]);
  });

  it('client ids are whole numbers, zero allowed', () => {
    const f = toForm(base());
    const k = row(f, 0).key;
    expect(problems(editAccount(f, k, { clientId: '-1' }))).toEqual(['account "Paper": client id must be from 0 to 2147483647, got -1']);
    expect(problems(editAccount(f, k, { clientId: '1e3' }))).toEqual(['account "Paper": client id must be a whole number, got "1e3"']);
    expect(problems(editAccount(f, k, { clientId: '0' }))).toEqual([]);
  });

  it('refuses one client id twice on one gateway, in main\'s words, loopback spellings included', () => {
    let f = toForm(base());
    f = editAccount(f, row(f, 1).key, { port: '4002', clientId: '7', host: 'localhost' });
    const expected = 'accounts "Paper" and "Live" both use client id 7 on 127.0.0.1:4002';
    expect(problems(f)).toEqual([expected]);
    // Exactly the sentence main would answer with.
    const raw = { ...base(), accounts: base().accounts.map((a) => (a.id === 'live' ? { ...a, port: 4002, clientId: 7, host: 'localhost' } : a)) };
    const main = parseSettings(raw);
    expect(main.ok ? null : main.error.message).toBe(expected);
    // The same id on another port is fine.
    expect(problems(editAccount(f, row(f, 1).key, { port: '4001' }))).toEqual([]);
  });

  it('refuses two accounts with one id', () => {
    const f = toForm(base());
    expect(problems(editAccount(f, row(f, 1).key, { id: 'PAPER' }))).toEqual(['accounts "Paper" and "Live" both have the id "PAPER"']);
  });

  it('checks defaults, risk and confirmations with the field named', () => {
    const f = toForm(base());
    expect(problems({ ...f, quantity: '' })).toEqual(['default quantity must not be empty']);
    expect(problems({ ...f, quantity: '0' })).toEqual(['default quantity must be from 1 to 10000000, got 0']);
    expect(problems({ ...f, quantity: '1.5' })).toEqual(['default quantity must be a whole number, got "1.5"']);
    expect(problems({ ...f, maxQuantity: '100.5' })).toEqual(['max quantity must be a whole number, got "100.5"']);
    expect(problems({ ...f, maxNotional: '0' })).toEqual(['max notional must be greater than 0, got 0']);
    expect(problems({ ...f, maxNotional: '1,000' })).toEqual(['max notional must be a number, got "1,000"']);
    expect(problems({ ...f, priceBandPercent: '101' })).toEqual(['price band % must be at most 100, got 101']);
    expect(problems({ ...f, confirmQuantityAbove: 'ten' })).toEqual(['confirm above quantity must be a whole number, got "ten"']);
    expect(problems({ ...f, confirmNotionalAbove: '-5' })).toEqual(['confirm above notional must be at least 0, got -5']);
  });

  it('names the controls to mark: the field, or both rows of a clash', () => {
    const f = toForm(base());
    const paper = row(f, 0).key;
    const live = row(f, 1).key;
    const bad = fromForm({ ...editAccount(f, paper, { port: 'x', name: '' }), maxNotional: '-1' }, base());
    expect(bad.ok ? [] : bad.invalid).toEqual([`${paper}.name`, `${paper}.port`, 'maxNotional']);
    const clash = fromForm(editAccount(f, live, { port: '4002', clientId: '7' }), base());
    expect(clash.ok ? [] : clash.invalid).toEqual([`${paper}.clientId`, `${live}.clientId`]);
  });

  it('lists every problem at once', () => {
    const f = toForm(base());
    const p = problems({ ...editAccount(f, row(f, 0).key, { port: 'x' }), quantity: '0' });
    expect(settingsErrorText(p)).toBe(
      'Settings Error: account "Paper": port must be a whole number, got "x"; default quantity must be from 1 to 10000000, got 0',
    );
  });
});
