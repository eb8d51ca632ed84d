// Daily P&L per account (and per position, by conId) as the host streams it
// (`pnl` events, IB reqPnL / reqPnLSingle), replaced whole by each snapshot.

import { create } from 'zustand';
import type { AccountPnl } from '../../shared/model';

export interface PnlState {
  byAccount: Record<string, AccountPnl>;
  upsert(pnl: AccountPnl): void;
  replaceAll(list: readonly AccountPnl[]): void;
}

export const usePnl = create<PnlState>((set) => ({
  byAccount: {},
  upsert: (pnl) => set((s) => ({ byAccount: { ...s.byAccount, [pnl.account]: pnl } })),
  replaceAll: (list) => set({ byAccount: Object.fromEntries(list.map((p) => [p.account, p])) }),
}));

/** A position's daily P&L, null when not reported. */
export function positionDailyPnl(byAccount: Record<string, AccountPnl>, account: string, conId: number): number | null {
  return byAccount[account]?.byConId[conId]?.daily ?? null;
}
