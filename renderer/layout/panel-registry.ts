// Every dockable panel, in one list: adding a panel (Chart, Depth, Time & sales) is one
// entry here, plus, if it should appear in a fresh layout, one line in default-layout.ts.

import type { ComponentType } from 'react';
import { AccountPanel } from '../components/AccountPanel';
import { FillsPanel } from '../components/FillsPanel';
import { LogPanel } from '../components/LogPanel';
import { OrdersPanel } from '../components/OrdersPanel';
import { OrderTicket, TICKET_SYMBOL_ID } from '../components/OrderTicket';
import { PositionsPanel } from '../components/PositionsPanel';
import { QuotesPanel } from '../components/QuotesPanel';

export interface PanelEntry {
  /** Stable id: saved in the layout, so never renamed. */
  id: string;
  title: string;
  component: ComponentType;
  /** Alt+digit that jumps here ("1"…"9", "0"). */
  jumpKey: string;
  /** Where focus lands on a jump, tried in order; the panel's first control otherwise. */
  focus?: readonly string[];
}

export const PANELS: readonly PanelEntry[] = [
  { id: 'quotes', title: 'Quotes', component: QuotesPanel, jumpKey: '1', focus: ['.qt-row[data-symbol]', 'input'] },
  { id: 'ticket', title: 'Order ticket', component: OrderTicket, jumpKey: '2', focus: [`#${TICKET_SYMBOL_ID}`] },
  { id: 'orders', title: 'Orders', component: OrdersPanel, jumpKey: '3', focus: ['tr[data-order-key]'] },
  { id: 'positions', title: 'Positions', component: PositionsPanel, jumpKey: '4', focus: ['tr[data-symbol]'] },
  { id: 'fills', title: 'Fills', component: FillsPanel, jumpKey: '5' },
  { id: 'account', title: 'Account', component: AccountPanel, jumpKey: '6' },
  { id: 'log', title: 'Log', component: LogPanel, jumpKey: '7' },
];

export const panelById = (id: string): PanelEntry | undefined => PANELS.find((p) => p.id === id);

export const panelByJumpKey = (key: string): PanelEntry | undefined => PANELS.find((p) => p.jumpKey === key);
