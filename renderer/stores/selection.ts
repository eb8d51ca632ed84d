// The selected symbol, shared by Quotes, the ticket (and Chart, Depth when they come):
// {symbol} in a hotkey is this. Picking a quote row selects it; typing a valid symbol
// into the ticket selects it too.

import { create } from 'zustand';
import { normalizeSymbol } from '../../shared/symbols';
import { useTicket } from './ui';

export interface SymbolSelectionState {
  symbol: string;
  select(symbol: string): void;
}

export const useSelection = create<SymbolSelectionState>((set) => ({
  symbol: '',
  select: (symbol) => set({ symbol }),
}));

/** Keeps the selection on the ticket's symbol as it is typed; returns the unsubscribe. */
export function followTicketSymbol(): () => void {
  return useTicket.subscribe((s, prev) => {
    if (s.fields.symbol === prev.fields.symbol) return;
    const n = normalizeSymbol(s.fields.symbol);
    if (n.ok && n.symbol !== useSelection.getState().symbol) useSelection.getState().select(n.symbol);
  });
}
