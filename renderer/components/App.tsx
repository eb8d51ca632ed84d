import { useEffect } from 'react';
import type { MenuAction } from '../../shared/ipc';
import { useBridge } from '../bridge/context';
import { cancelAllOrders } from '../orders/cancel';
import { useConfirm, useFeedback, useLinkStatus, useOrdersMessage, useTicket } from '../stores/ui';
import { AccountPanel } from './AccountPanel';
import { COMMAND_LINE_ID, CommandLine } from './CommandLine';
import { ConfirmDialog } from './ConfirmDialog';
import { ConnectionBar } from './ConnectionBar';
import { FillsPanel } from './FillsPanel';
import { LinkBanner } from './LinkBanner';
import { LogPanel } from './LogPanel';
import { OrdersPanel } from './OrdersPanel';
import { OrderTicket, TICKET_SYMBOL_ID } from './OrderTicket';
import { PositionsPanel } from './PositionsPanel';
import { QuotesPanel } from './QuotesPanel';
import { SettingsDialog } from './settings/SettingsDialog';

/** Where a letter key would type: there, B and S are letters, not side keys. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
  }
  return false;
}

/** The app-wide keys: F2 or / focus the command line, B / S switch the ticket's side. */
export function handleGlobalKey(e: KeyboardEvent): void {
  if (useConfirm.getState().request) return;
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  const typing = isTextEntry(e.target);
  if (e.key === 'F2' || (e.key === '/' && !typing)) {
    const input = document.getElementById(COMMAND_LINE_ID);
    if (input) {
      e.preventDefault();
      input.focus();
    }
    return;
  }
  if (typing) return;
  const key = e.key.toLowerCase();
  if (key === 'b' || key === 's') {
    e.preventDefault();
    useTicket.getState().set({ side: key === 'b' ? 'BUY' : 'SELL' });
  }
}

function focusById(id: string): void {
  document.getElementById(id)?.focus();
}

export function App() {
  const bridge = useBridge();
  useEffect(() => {
    window.addEventListener('keydown', handleGlobalKey);
    return () => window.removeEventListener('keydown', handleGlobalKey);
  }, []);

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
      <ConnectionBar />
      <CommandLine />
      <main className="layout">
        <QuotesPanel />
        <OrderTicket />
        <OrdersPanel />
        <PositionsPanel />
        <FillsPanel />
        <AccountPanel />
        <LogPanel />
      </main>
      <SettingsDialog />
      <ConfirmDialog />
    </div>
  );
}
