import { describe, expect, it } from 'vitest';
import { editAccount, fromForm, toForm } from '../../../renderer/components/settings/settings-form';
import { defaultSettings, parseSettings } from '../../../shared/schema';
import type { Settings } from '../../../shared/model';

const settings = (): Settings => ({
  ...defaultSettings(),
  accounts: [
    { id: 'paper', name: 'Paper', broker: 'ib', host: '127.0.0.1', port: 4002, clientId: 7, accountCode: '', enabled: true },
    { id: 'wb', name: 'Webull', broker: 'webull', host: 'api.webull.com', port: 443, clientId: 0, accountCode: 'WB1', enabled: true, appKey: 'key-1', region: 'us' },
    { id: 'wb2', name: 'Webull 2', broker: 'webull', host: 'api.webull.com', port: 443, clientId: 0, accountCode: 'WB2', enabled: true, appKey: 'key-2', region: 'hk' },
  ],
});

describe('Webull accounts in the settings form', () => {
  it('round-trips app key and region, and two Webull accounts never clash on client ids', () => {
    const result = fromForm(toForm(settings()), settings());
    expect(result).toEqual({ ok: true, settings: settings() });
    expect(parseSettings(settings())).toEqual({ ok: true, value: settings() });
  });

  it('sends a typed secret apart from the settings, which never hold it', () => {
    const form = toForm(settings());
    const key = form.accounts[1]?.key ?? '';
    const result = fromForm(editAccount(form, key, { secret: 'shh' }), settings());
    expect(result).toMatchObject({ ok: true, secrets: [{ account: 'wb', secret: 'shh' }] });
    expect(JSON.stringify(result.ok && result.settings)).not.toContain('shh');
    expect(form.accounts.every((a) => a.secret === '')).toBe(true);
  });

  it('asks for the app key of a Webull account', () => {
    const form = toForm(settings());
    const key = form.accounts[1]?.key ?? '';
    expect(fromForm(editAccount(form, key, { appKey: ' ' }), settings())).toEqual({
      ok: false,
      problems: ['account "Webull": a Webull account needs its app key'],
      invalid: [`${key}.appKey`],
    });
  });

  it('refuses a secret field in settings.json (it has no place there)', () => {
    const raw = { ...settings(), accounts: [{ ...settings().accounts[1], appSecret: 'leak' }] };
    const parsed = parseSettings(raw);
    expect(parsed.ok).toBe(false);
  });
});
