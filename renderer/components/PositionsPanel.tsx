import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatMoney, formatPrice, formatQuantity } from '../../shared/format';
import type { Position } from '../../shared/model';
import { usePositions, positionKey } from '../stores/broker-state';
import { useTicket } from '../stores/ui';
import { AccountTag } from './AccountTag';
import { moveRowFocus } from './row-focus';
import { nextSort, sortPositions, type PositionColumn, type SortSpec } from './position-sort';

const COLUMNS: { key: PositionColumn; label: string; num: boolean }[] = [
  { key: 'account', label: 'Account', num: false },
  { key: 'symbol', label: 'Symbol', num: false },
  { key: 'quantity', label: 'Quantity', num: true },
  { key: 'avgCost', label: 'Avg cost', num: true },
  { key: 'marketPrice', label: 'Market price', num: true },
  { key: 'marketValue', label: 'Market value', num: true },
  { key: 'unrealizedPnl', label: 'Unrealized P&L', num: true },
  { key: 'realizedPnl', label: 'Realized P&L', num: true },
];

const money = (v: number | null): string => (v === null ? '—' : formatMoney(v));
const pnlClass = (v: number | null): string => (v === null || v === 0 ? 'num' : v > 0 ? 'num pos' : 'num neg');

/** Selecting a position loads the order that closes it. */
function loadClosingOrder(p: Position): void {
  if (p.quantity === 0) return;
  useTicket.getState().set({
    account: p.account,
    symbol: p.symbol,
    side: p.quantity > 0 ? 'SELL' : 'BUY',
    quantity: String(Math.abs(p.quantity)),
  });
}

export function PositionsPanel() {
  const [sort, setSort] = useState<SortSpec>({ column: 'symbol', descending: false });
  const rows = usePositions(useShallow((s) => Object.values(s.byKey)));
  const sorted = sortPositions(rows, sort);
  return (
    <section className="panel positions" aria-label="Positions" onKeyDown={(e) => moveRowFocus(e, 'tr[data-symbol]')}>
      <header className="panel-head">
        <h2>Positions</h2>
        <span className="hint">Enter / click loads the closing order</span>
      </header>
      <div className="table-wrap">
        <table className="grid-table">
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  className={c.num ? 'num' : ''}
                  aria-sort={sort.column === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                >
                  <button type="button" className="sort" onClick={() => setSort((s) => nextSort(s, c.key))}>
                    {c.label}
                    {sort.column === c.key ? (sort.descending ? ' ▼' : ' ▲') : ''}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sorted.map((p) => (
              <tr
                key={positionKey(p)}
                tabIndex={0}
                aria-label={`Position ${p.symbol}`}
                data-symbol={p.symbol}
                onClick={() => loadClosingOrder(p)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    loadClosingOrder(p);
                  }
                }}
              >
                <td>
                  <AccountTag account={p.account} />
                </td>
                <th scope="row" className="sym">
                  {p.symbol}
                </th>
                <td className={`num ${p.quantity > 0 ? 'buy' : p.quantity < 0 ? 'sell' : ''}`}>{formatQuantity(p.quantity)}</td>
                <td className="num">{formatPrice(p.avgCost)}</td>
                <td className="num">{p.marketPrice === null ? '—' : formatPrice(p.marketPrice)}</td>
                <td className="num">{money(p.marketValue)}</td>
                <td className={pnlClass(p.unrealizedPnl)}>{money(p.unrealizedPnl)}</td>
                <td className={pnlClass(p.realizedPnl)}>{money(p.realizedPnl)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {sorted.length === 0 && <p className="empty">No positions.</p>}
      </div>
    </section>
  );
}
