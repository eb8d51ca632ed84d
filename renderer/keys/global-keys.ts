// The app-wide keys, in one place and one order:
//   F1 or ?          the overlay of every key
//   F2 or /          focus the command line
//   Alt+1 … Alt+9    jump to a panel
//   the keymap       hotkeys (function keys and modifier chords anywhere; a bare letter
//                    only outside text fields, selects and lists)
//   B / S            switch the ticket's side (outside text fields, selects and lists)
// A held key repeats nothing: one press, one order.

import { create } from 'zustand';
import { chordOf, isBareChord } from '../../shared/hotkeys';
import { COMMAND_LINE_ID } from '../components/CommandLine';
import { jumpToPanel } from '../layout/dock';
import { panelByJumpKey } from '../layout/panel-registry';
import { workspaceOf } from '../layout/workspace-state';
import { useSettings } from '../stores/broker-state';
import { useConfirm, useTicket } from '../stores/ui';
import { isChoiceControl, isTextEntry } from './targets';

export interface KeyOverlayState {
  open: boolean;
  toggle(): void;
  hide(): void;
}

export const useKeyOverlay = create<KeyOverlayState>((set) => ({
  open: false,
  toggle: () => set((s) => ({ open: !s.open })),
  hide: () => set({ open: false }),
}));

export interface GlobalKeyDeps {
  runHotkey(action: string): void;
}

/** Alt+digit by physical key too: on some layouts Alt changes the character. */
function jumpDigit(e: KeyboardEvent): string | null {
  if (!e.altKey || e.ctrlKey || e.metaKey) return null;
  const m = /^Digit(\d)$/.exec(e.code) ?? /^(\d)$/.exec(e.key);
  return m?.[1] ?? null;
}

export function handleGlobalKey(e: KeyboardEvent, deps: GlobalKeyDeps): void {
  if (useConfirm.getState().request || e.defaultPrevented) return;
  const typing = isTextEntry(e.target);
  const choosing = isChoiceControl(e.target);
  const chord = chordOf(e);
  if (chord === null) return;

  if (chord === 'F1' || (chord === '?' && !typing)) {
    e.preventDefault();
    useKeyOverlay.getState().toggle();
    return;
  }
  if (useKeyOverlay.getState().open) {
    // The overlay is a modal: no order goes out behind it; Esc closes it.
    if (chord === 'Escape') {
      e.preventDefault();
      useKeyOverlay.getState().hide();
    } else if (chord !== 'Tab' && chord !== 'Shift+Tab' && chord !== 'Enter' && chord !== 'Space') {
      e.preventDefault();
    }
    return;
  }
  if (chord === 'F2' || (chord === '/' && !typing)) {
    const input = document.getElementById(COMMAND_LINE_ID);
    if (input) {
      e.preventDefault();
      input.focus();
    }
    return;
  }
  const digit = jumpDigit(e);
  const panel = digit === null ? undefined : panelByJumpKey(digit);
  if (panel) {
    e.preventDefault();
    useKeyOverlay.getState().hide();
    jumpToPanel(panel.id);
    return;
  }

  const hotkey = workspaceOf(useSettings.getState().settings).hotkeys.find((h) => h.chord === chord);
  if (hotkey && !(isBareChord(chord) && (typing || choosing))) {
    e.preventDefault();
    if (!e.repeat) deps.runHotkey(hotkey.action);
    return;
  }

  if (typing || choosing || e.ctrlKey || e.metaKey || e.altKey) return;
  if (chord === 'B' || chord === 'S') {
    e.preventDefault();
    useTicket.getState().set({ side: chord === 'B' ? 'BUY' : 'SELL' });
  }
}
