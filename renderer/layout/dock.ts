// What the rest of the UI does with the docking layout: jump to a panel (showing it again
// when hidden), hide one, reset the layout. The layout library (dockview) owns the
// layout itself; this module holds its api once the Workspace has made it.

import type { DockviewApi } from 'dockview';
import { create } from 'zustand';
import { defaultPlacements, placementsFor, topRowHeight } from './default-layout';
import { lateFocusWanted } from './late-focus';
import { PANELS, panelById, type PanelEntry } from './panel-registry';

export interface DockState {
  api: DockviewApi | null;
  /** Ids of the panels in the layout (the rest are hidden). */
  shown: string[];
  /** A sentence about the layout the trader should read (a saved one that would not load). */
  notice: string | null;
  setApi(api: DockviewApi | null): void;
  refresh(): void;
  setNotice(notice: string | null): void;
}

export const useDock = create<DockState>((set, get) => ({
  api: null,
  shown: [],
  notice: null,
  setApi: (api) => set({ api, shown: api ? api.panels.map((p) => p.id) : [] }),
  refresh: () => set({ shown: get().api?.panels.map((p) => p.id) ?? [] }),
  setNotice: (notice) => set({ notice }),
}));

function addPanel(api: DockviewApi, entry: PanelEntry, position?: Parameters<DockviewApi['addPanel']>[0]['position']): void {
  api.addPanel({ id: entry.id, component: entry.id, title: entry.title, ...(position ? { position } : {}) });
}

/** Lays out every registered panel in its default place (the layout must be empty). */
export function applyDefaultLayout(api: DockviewApi, width = api.width, height = api.height): void {
  for (const p of placementsFor(defaultPlacements(width), (id) => panelById(id) !== undefined)) {
    const entry = panelById(p.id);
    if (!entry) continue;
    if ('first' in p) {
      addPanel(api, entry);
      continue;
    }
    const position = 'row' in p ? { direction: p.direction } : { referencePanel: p.reference, direction: p.direction };
    api.addPanel({
      id: entry.id,
      component: entry.id,
      title: entry.title,
      position,
      ...('inactive' in p && p.inactive ? { inactive: true } : {}),
      ...('width' in p && p.width !== undefined ? { initialWidth: p.width } : {}),
      ...(p.height !== undefined ? { initialHeight: p.height } : {}),
    });
  }
  const top = api.panels[0]?.group;
  if (top && height > 0) top.api.setSize({ height: topRowHeight(height) });
}

export function resetLayout(): void {
  const { api } = useDock.getState();
  if (!api) return;
  api.clear();
  applyDefaultLayout(api);
  useDock.getState().setNotice(null);
  useDock.getState().refresh();
}

/** The element inside a panel that takes focus when the trader jumps there. */
export function focusTarget(region: HTMLElement, entry: PanelEntry): HTMLElement | null {
  for (const selector of entry.focus ?? []) {
    const el = region.querySelector<HTMLElement>(selector);
    if (el) return el;
  }
  const control = region.querySelector<HTMLElement>('input, select, button, [tabindex="0"]');
  if (control) return control;
  // A panel with nothing to operate (Fills, Log) takes focus itself, so keys still land there.
  if (!region.hasAttribute('tabindex')) region.tabIndex = -1;
  return region;
}

export const regionOf = (entry: PanelEntry): HTMLElement | null =>
  document.querySelector<HTMLElement>(`[data-panel-id="${entry.id}"] > section`) ?? document.querySelector<HTMLElement>(`[data-panel-id="${entry.id}"]`);

/** Counts jumps, so only the latest one's late refocus runs. */
let lastJump = 0;

/** Shows the panel (back where it can be seen when hidden), brings its tab forward and focuses it. */
export function jumpToPanel(id: string): boolean {
  const { api } = useDock.getState();
  const entry = panelById(id);
  if (!api || !entry) return false;
  let panel = api.getPanel(id);
  if (!panel) {
    addPanel(api, entry);
    panel = api.getPanel(id);
  }
  panel?.api.setActive();
  useDock.getState().refresh();
  // Focus now, and again once the layout has settled: a panel just added renders on a
  // later frame, and activating a group focuses the group's own container.
  const focus = (): void => {
    const region = regionOf(entry);
    if (region && !region.contains(document.activeElement)) focusTarget(region, entry)?.focus();
  };
  const jump = ++lastJump;
  focus();
  const landed = document.activeElement;
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      // A later jump, or focus the trader moved elsewhere (F2, a click), wins over this retry.
      if (jump === lastJump && lateFocusWanted(document.activeElement, landed, document.body)) focus();
    }),
  );
  return true;
}

export function hidePanel(id: string): void {
  const { api } = useDock.getState();
  const panel = api?.getPanel(id);
  if (!api || !panel) return;
  api.removePanel(panel);
  useDock.getState().refresh();
}

export const registeredPanels = (): readonly PanelEntry[] => PANELS;
