import { useEffect } from 'react';
import type { MenuAction } from '../../shared/ipc';
import { useBridge } from '../bridge/context';
import { cancelAllOrders } from '../orders/cancel';
import { useFeedback, useLinkStatus, useOrdersMessage, useTicket } from '../stores/ui';
import { followTicketSymbol } from '../stores/selection';
import { handleGlobalKey } from '../keys/global-keys';
import { installFocusKeeper } from '../keys/focus-keeper';
import { KeyOverlay } from '../keys/KeyOverlay';
import { runHotkey } from '../keys/run-hotkey';
import { COMMAND_LINE_ID, CommandLine } from './CommandLine';
import { ConfirmDialog } from './ConfirmDialog';
import { ConnectionBar } from './ConnectionBar';
import { LinkBanner } from './LinkBanner';
import { TICKET_SYMBOL_ID } from './OrderTicket';
import { Workspace } from '../layout/Workspace';
import { WorkspaceBar } from '../layout/WorkspaceBar';
import { SettingsDialog } from './settings/SettingsDialog';

function focusById(id: string): void {
  document.getElementById(id)?.focus();
}

export function App() {
  const bridge = useBridge();
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => handleGlobalKey(e, { runHotkey: (action) => void runHotkey(bridge, action) });
    window.addEventListener('keydown', onKey);
    const offSelection = followTicketSymbol();
    const root = document.getElementById('root') ?? document.body;
    const offFocus = installFocusKeeper(root);
    return () => {
      window.removeEventListener('keydown', onKey);
      offSelection();
      offFocus();
    };
  }, [bridge]);

  // The desktop menu (Electron) picks the same actions as the keys.
  useEffect(() => {
    const run = (action: MenuAction): void => {
      if (action === 'focus-command-line') {
        focusById(COMMAND_LINE_ID);
      } else if (action === 'new-order') {
        useTicket.getState().clear();
        useFeedback.getState().show('ticket', null);
        focusById(TICKET_SYMBOL_ID);
      } else if (action === 'cancel-all') {
        void cancelAllOrders(bridge).then((result) => {
          if (result) useOrdersMessage.getState().show(result);
        });
      }
    };
    return bridge.on('menu', ({ action }) => run(action));
  }, [bridge]);
  const linkDown = useLinkStatus((s) => s.status.state !== 'open');
  return (
    <div className={linkDown ? 'app link-down' : 'app'}>
      <LinkBanner />
      <div className="top-bar">
        <ConnectionBar />
        <WorkspaceBar />
      </div>
      <CommandLine />
      <Workspace />
      <SettingsDialog />
      <KeyOverlay />
      <ConfirmDialog />
    </div>
  );
}
