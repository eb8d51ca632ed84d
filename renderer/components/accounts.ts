// The accounts a trader can pick and how each is named on screen: configured
// accounts from settings, with the session's SIMULATED mark when it is the
// embedded demo.

import type { ConnectionState, Settings } from '../../shared/model';
import { useConnections, useSettings } from '../stores/broker-state';

export interface AccountChoice {
  id: string;
  name: string;
  simulated: boolean;
}

export function useAccountChoices(): AccountChoice[] {
  const settings = useSettings((s) => s.settings);
  const connections = useConnections((s) => s.byAccount);
  return accountChoices(settings, connections);
}

/** The same choices outside React (a hotkey pressed anywhere). */
export function accountChoices(settings: Settings | null, connections: Readonly<Record<string, ConnectionState>>): AccountChoice[] {
  const ids = new Set<string>();
  const choices: AccountChoice[] = [];
  for (const a of settings?.accounts ?? []) {
    ids.add(a.id);
    choices.push({ id: a.id, name: a.name, simulated: connections[a.id]?.simulated ?? false });
  }
  // Sessions the settings don't list (the embedded demo) are still tradable.
  for (const c of Object.values(connections)) {
    if (!ids.has(c.account)) choices.push({ id: c.account, name: c.name, simulated: c.simulated });
  }
  return choices;
}

export function useIsSimulated(account: string): boolean {
  return useConnections((s) => s.byAccount[account]?.simulated ?? false);
}

/** The account orders go to when none is named: the default from settings, else the first. */
export function defaultAccount(choices: readonly AccountChoice[], preferred: string | null | undefined): string {
  if (preferred && choices.some((c) => c.id === preferred)) return preferred;
  return choices[0]?.id ?? '';
}
