import { useEffect } from 'react';
import { useConfirm, useTicket } from '../stores/ui';
import { AccountPanel } from './AccountPanel';
import { COMMAND_LINE_ID, CommandLine } from './CommandLine';
import { ConfirmDialog } from './ConfirmDialog';
import { ConnectionBar } from './ConnectionBar';
import { FillsPanel } from './FillsPanel';
import { LinkBanner } from './LinkBanner';
import { LogPanel } from './LogPanel';
import { OrdersPanel } from './OrdersPanel';
import { OrderTicket } from './OrderTicket';
import { PositionsPanel } from './PositionsPanel';
import { QuotesPanel } from './QuotesPanel';

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

export function App() {
  useEffect(() => {
    window.addEventListener('keydown', handleGlobalKey);
    return () => window.removeEventListener('keydown', handleGlobalKey);
  }, []);
  return (
    <div className="app">
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
      <ConfirmDialog />
    </div>
  );
}
