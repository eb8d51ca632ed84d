// Daily P&L per account and per position, as the broker streams it (IB reqPnL /
// reqPnLSingle), merged into one AccountPnl per account for the `pnl` event.

import type { AccountPnl } from '../../shared/model';
import type { BrokerPnlUpdate } from './broker';

export interface PnlBook {
  /** Merges the update; returns a copy of the account's figures to publish. */
  apply(account: string, update: BrokerPnlUpdate): AccountPnl;
  all(): AccountPnl[];
}

function copy(pnl: AccountPnl): AccountPnl {
  return { ...pnl, byConId: { ...pnl.byConId } };
}

export function createPnlBook(now: () => number): PnlBook {
  const accounts = new Map<string, AccountPnl>();
  return {
    apply(account, update) {
      const row = accounts.get(account) ?? { account, daily: null, unrealized: null, realized: null, byConId: {}, updatedAt: now() };
      if (update.conId === null) {
        row.daily = update.daily;
        row.unrealized = update.unrealized;
        row.realized = update.realized;
      } else {
        const { conId, position, daily, unrealized, realized, value } = update;
        row.byConId[conId] = { conId, position, daily, unrealized, realized, value };
      }
      row.updatedAt = now();
      accounts.set(account, row);
      return copy(row);
    },
    all: () => [...accounts.values()].map(copy),
  };
}
