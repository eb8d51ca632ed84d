// Rules between configured accounts that no single field can check. Main's
// settings schema and the Settings dialog both use these, so the dialog refuses
// in exactly main's words before anything is sent.

import type { AccountConfig } from './model';

/** The names one machine answers to, so `localhost:4002` and `127.0.0.1:4002` are one gateway. */
export function gatewayKey(host: string, port: number): string {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  const loopback = h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
  return `${loopback ? 'loopback' : h}:${port}`;
}

export interface AccountClash {
  message: string;
  field: 'id' | 'clientId';
  /** Indexes into the accounts given: the earlier account and the one that clashes with it. */
  first: number;
  second: number;
}

/** Duplicate ids (ignoring case) and two accounts with one client id on one gateway (IB error 326). */
export function accountClashes(
  accounts: readonly (Pick<AccountConfig, 'id' | 'name' | 'host' | 'port' | 'clientId'> & Partial<Pick<AccountConfig, 'broker'>>)[],
): AccountClash[] {
  const clashes: AccountClash[] = [];
  const byId = new Map<string, number>();
  const byClient = new Map<string, number>();
  accounts.forEach((account, index) => {
    const idKey = account.id.toLowerCase();
    const sameId = byId.get(idKey);
    if (sameId === undefined) byId.set(idKey, index);
    else {
      const other = accounts[sameId];
      clashes.push({ field: 'id', first: sameId, second: index, message: `accounts "${other?.name}" and "${account.name}" both have the id "${account.id}"` });
    }
    // Client ids are IB's: Webull accounts have none to clash.
    if (account.broker === 'webull') return;
    const clientKey = `${gatewayKey(account.host, account.port)}#${account.clientId}`;
    const sameClient = byClient.get(clientKey);
    if (sameClient === undefined) byClient.set(clientKey, index);
    else {
      const other = accounts[sameClient];
      clashes.push({
        field: 'clientId',
        first: sameClient,
        second: index,
        message: `accounts "${other?.name}" and "${account.name}" both use client id ${account.clientId} on ${other?.host}:${other?.port}`,
      });
    }
  });
  return clashes;
}
