// Fills, positions and account values as the broker reports them, merged so a
// replay after a reconnect updates rows and never duplicates them.

import type { AccountValue, Fill, Position } from '../../shared/model';

export interface Portfolio {
  /** Merges by execId; returns the row to publish. */
  applyFill(fill: Fill): Fill;
  /** Merges by (account, conId); returns the row to publish. */
  applyPosition(position: Position): Position;
  applyAccount(values: Pick<AccountValue, 'account'> & Partial<AccountValue>): AccountValue;
  fills(): Fill[];
  /** Shares executed for one order and their average price. */
  executed(account: string, orderId: number): { quantity: number; avgPrice: number | null };
  /** Non-flat positions. */
  positions(): Position[];
  accounts(): AccountValue[];
  /** Symbols in positions of one account (for symbol prefetch on connect). */
  positionSymbols(account: string): string[];
}

export function positionKey(account: string, conId: number): string {
  return `${account}:${conId}`;
}

/** Copy `patch` onto `target`, skipping fields the broker did not send. */
function assignDefined<T extends object>(target: T, patch: Partial<T>): T {
  for (const key of Object.keys(patch) as Array<keyof T>) {
    const value = patch[key];
    if (value !== undefined) target[key] = value as T[keyof T];
  }
  return target;
}

export function createPortfolio(now: () => number): Portfolio {
  const fills = new Map<string, Fill>();
  const positions = new Map<string, Position>();
  const accounts = new Map<string, AccountValue>();

  return {
    applyFill(fill) {
      const known = fills.get(fill.execId);
      // A replayed execution may arrive without the commission report we already have.
      const merged: Fill = known ? { ...known, ...fill, commission: fill.commission ?? known.commission } : { ...fill };
      fills.set(fill.execId, merged);
      return { ...merged };
    },
    applyPosition(position) {
      const key = positionKey(position.account, position.conId);
      const known = positions.get(key);
      // reqPositions reports quantity and cost only; portfolio updates add the
      // market figures. One source's nulls must not wipe the other's numbers.
      const merged: Position = known
        ? {
            ...position,
            marketPrice: position.marketPrice ?? known.marketPrice,
            marketValue: position.marketValue ?? known.marketValue,
            unrealizedPnl: position.unrealizedPnl ?? known.unrealizedPnl,
            realizedPnl: position.realizedPnl ?? known.realizedPnl,
          }
        : { ...position };
      positions.set(key, merged);
      return { ...merged };
    },
    applyAccount(values) {
      const known = accounts.get(values.account) ?? {
        account: values.account,
        currency: 'USD',
        netLiquidation: null,
        totalCash: null,
        buyingPower: null,
        availableFunds: null,
        unrealizedPnl: null,
        realizedPnl: null,
        updatedAt: 0,
      };
      assignDefined(known, values);
      known.updatedAt = values.updatedAt ?? now();
      accounts.set(values.account, known);
      return { ...known };
    },
    executed(account, orderId) {
      let quantity = 0;
      let notional = 0;
      for (const f of fills.values()) {
        if (f.account !== account || f.orderId !== orderId) continue;
        quantity += f.quantity;
        notional += f.quantity * f.price;
      }
      return { quantity, avgPrice: quantity > 0 ? Math.round((notional / quantity) * 1e6) / 1e6 : null };
    },
    fills: () => [...fills.values()].map((f) => ({ ...f })).sort((a, b) => a.time - b.time),
    // A position closed today keeps its row while it carries realized P&L: the Account panel
    // counts that P&L, so a reload must not make the row behind it vanish.
    positions: () => [...positions.values()].filter((p) => p.quantity !== 0 || (p.realizedPnl ?? 0) !== 0).map((p) => ({ ...p })),
    accounts: () => [...accounts.values()].map((a) => ({ ...a })),
    positionSymbols: (account) =>
      [...positions.values()].filter((p) => p.account === account && p.quantity !== 0).map((p) => p.symbol),
  };
}
