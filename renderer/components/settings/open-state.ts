// Whether the Settings dialog is open. Its own tiny store so the button in the
// connection bar, the Ctrl+, key and the dialog agree without prop threading.

import { create } from 'zustand';

export interface SettingsDialogState {
  open: boolean;
  show(): void;
  hide(): void;
}

export const useSettingsDialog = create<SettingsDialogState>((set) => ({
  open: false,
  show: () => set({ open: true }),
  hide: () => set({ open: false }),
}));

/** Ctrl+, (Cmd+, on a Mac), the usual settings key. */
export const isSettingsKey = (e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): boolean =>
  e.key === ',' && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey;
