// The workspace section as the renderer sees it: what settings.json holds, or the
// defaults when it holds nothing yet. Saves go through workspace.save, one at a time: the
// host merges the section into its own current settings, so a watchlist or account change
// still on its way is never overwritten by this window's older copy.

import { DEFAULT_HOTKEYS } from '../../shared/hotkeys';
import type { JanusBridge } from '../../shared/ipc';
import type { Settings, WorkspaceSettings } from '../../shared/model';
import { useSettings } from '../stores/broker-state';

export function defaultWorkspace(): WorkspaceSettings {
  return { layout: null, columns: {}, hotkeys: DEFAULT_HOTKEYS.map((h) => ({ ...h })) };
}

// One object, so a store selector reading the defaults sees the same value each time.
const DEFAULT_WORKSPACE = defaultWorkspace();

export const workspaceOf = (settings: Settings | null): WorkspaceSettings => settings?.workspace ?? DEFAULT_WORKSPACE;

let queue: Promise<unknown> = Promise.resolve();

/** Saves part of the workspace; resolves to the host's refusal sentence, or null when saved. */
export function saveWorkspace(bridge: JanusBridge, patch: Partial<WorkspaceSettings>): Promise<string | null> {
  const next = queue.then(async () => {
    const settings = useSettings.getState().settings;
    if (!settings) return 'the settings have not arrived from the host yet';
    const workspace: WorkspaceSettings = { ...workspaceOf(settings), ...patch };
    const r = await bridge.invoke('workspace.save', { workspace });
    if (!r.ok) return r.error.message;
    useSettings.getState().set(r.value);
    return null;
  });
  queue = next.catch(() => undefined);
  return next.catch((e: unknown) => (e instanceof Error ? e.message : String(e)));
}
