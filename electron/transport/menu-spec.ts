// The workstation's own menu items and their shortcuts, apart from Electron's
// Menu so the table is plain data (main.ts builds the real menu from it). The
// renderer receives the picked item as a `menu` event.
import type { MenuAction } from '../../shared/ipc';

export interface WorkstationMenuItem {
  action: MenuAction;
  label: string;
  /** Electron accelerator syntax. */
  accelerator: string;
}

export const WORKSTATION_MENU: readonly WorkstationMenuItem[] = [
  // F2 is also the renderer's own key for the command line (it works in browser mode too).
  { action: 'focus-command-line', label: 'Focus Command Line', accelerator: 'F2' },
  { action: 'new-order', label: 'New Order', accelerator: 'CmdOrCtrl+N' },
  { action: 'cancel-all', label: 'Cancel All Orders…', accelerator: 'CmdOrCtrl+Shift+X' },
];

export const TRADE_MENU_LABEL = '&Trade';
