// When settings change the host disconnects the accounts that are gone (and retires the
// demo once a real account exists), but its last word on them is a
// "disconnected" state, which would leave a dead chip in the connection bar
// until the next reload. Which sessions the settings still have: pure.

import type { ConnectionState, Settings } from '../../shared/model';

export function sessionsStillConfigured(states: readonly ConnectionState[], settings: Settings): ConnectionState[] {
  const ids = new Set(settings.accounts.map((a) => a.id.toLowerCase()));
  // With no account configured the host runs the simulated demo: that one stays.
  return states.filter((c) => ids.has(c.account.toLowerCase()) || (ids.size === 0 && c.simulated));
}

/** One session's state belongs on screen under these settings (null = not known yet). */
export function isConfiguredSession(state: ConnectionState, settings: Settings | null): boolean {
  return settings === null || sessionsStillConfigured([state], settings).length === 1;
}
