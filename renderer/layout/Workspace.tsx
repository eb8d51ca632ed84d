import { createDockview, themeAbyss, type DockviewApi } from 'dockview';
import 'dockview/dist/styles/dockview.css';
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { JanusBridge } from '../../shared/ipc';
import { useBridge } from '../bridge/context';
import { useSettings } from '../stores/broker-state';
import { applyDefaultLayout, useDock } from './dock';
import { panelById } from './panel-registry';
import { saveWorkspace, workspaceOf } from './workspace-state';

const SAVE_DELAY_MS = 600;

interface Mounted {
  element: HTMLElement;
  name: string;
}

/**
 * dockview names each group a region after its active panel; our panels are those regions
 * already (Quotes, Orders …), so the group's copy would name every region twice.
 */
function unnameGroups(root: HTMLElement): void {
  for (const g of root.querySelectorAll('.dv-groupview[role="region"]')) {
    g.removeAttribute('role');
    g.removeAttribute('aria-label');
  }
}

/** Loads the saved layout; on anything wrong, the default one and a sentence saying why. */
function restore(api: DockviewApi, saved: Record<string, unknown> | null, width: number, height: number): string | null {
  if (saved === null) {
    applyDefaultLayout(api, width, height);
    return null;
  }
  try {
    api.fromJSON(saved as unknown as Parameters<DockviewApi['fromJSON']>[0]);
    const unknown = api.panels.filter((p) => !panelById(p.id));
    for (const p of unknown) api.removePanel(p);
    if (api.panels.length === 0) throw new Error('it holds no panel');
    return null;
  } catch (e) {
    api.clear();
    applyDefaultLayout(api, width, height);
    return `The saved layout could not be restored (${e instanceof Error ? e.message : String(e)}); the default layout is shown.`;
  }
}

function startSaving(api: DockviewApi, bridge: JanusBridge): () => void {
  let timer: number | undefined;
  let last = JSON.stringify(api.toJSON());
  const sub = api.onDidLayoutChange(() => {
    useDock.getState().refresh();
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      const layout = api.toJSON() as unknown as Record<string, unknown>;
      const text = JSON.stringify(layout);
      if (text === last) return;
      last = text;
      void saveWorkspace(bridge, { layout }).then((problem) => {
        if (problem) useDock.getState().setNotice(`Layout not saved: ${problem}`);
      });
    }, SAVE_DELAY_MS);
  });
  return () => {
    window.clearTimeout(timer);
    sub.dispose();
  };
}

/** The docking area: dockview owns the layout, React renders each panel into its slot. */
export function Workspace() {
  const bridge = useBridge();
  const ready = useSettings((s) => s.settings !== null);
  const host = useRef<HTMLDivElement | null>(null);
  const [mounted, setMounted] = useState<ReadonlyMap<string, Mounted>>(new Map());

  useEffect(() => {
    const el = host.current;
    if (!ready || !el) return;
    const slots = new Map<string, Mounted>();
    const publish = (): void => setMounted(new Map(slots));
    const api = createDockview(el, {
      theme: themeAbyss,
      disableFloatingGroups: true,
      createComponent: ({ id, name }) => {
        const element = document.createElement('div');
        element.className = 'dock-panel';
        element.dataset.panelId = id;
        slots.set(id, { element, name });
        publish();
        return { element, init: () => undefined };
      },
    });
    const removed = api.onDidRemovePanel((p) => {
      slots.delete(p.id);
      publish();
      useDock.getState().refresh();
    });
    const added = api.onDidAddPanel(() => useDock.getState().refresh());
    const groups = api.onDidAddGroup(() => unnameGroups(el));
    const active = api.onDidActivePanelChange(() => unnameGroups(el));
    const notice = restore(api, workspaceOf(useSettings.getState().settings).layout, el.clientWidth, el.clientHeight);
    unnameGroups(el);
    useDock.getState().setNotice(notice);
    useDock.getState().setApi(api);
    const stopSaving = startSaving(api, bridge);
    return () => {
      stopSaving();
      removed.dispose();
      added.dispose();
      groups.dispose();
      active.dispose();
      useDock.getState().setApi(null);
      api.dispose();
      slots.clear();
      setMounted(new Map());
    };
  }, [ready, bridge]);

  return (
    <main className="dock" ref={host}>
      {[...mounted].map(([id, { element, name }]) => {
        const entry = panelById(name);
        if (!entry) return null;
        const Panel = entry.component;
        return createPortal(<Panel />, element, id);
      })}
    </main>
  );
}
