import { useState, type KeyboardEvent, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatMoney, formatPrice, formatQuantity } from '../../shared/format';
import type { Position } from '../../shared/model';
import { usePositions, positionKey } from '../stores/broker-state';
import { useBridge } from '../bridge/context';
import { flattenAll } from '../orders/positions';
import { positionDailyPnl, usePnl } from '../stores/pnl';
import { usePositionsMessage } from '../stores/ui';
import type { ColumnSpec } from '../tables/column-state';
import { ColumnChooser, ModelColGroup, ModelHead, modelCells } from '../tables/ModelTable';
import { useColumnModel } from '../tables/use-column-model';
import { AccountTag } from './AccountTag';
import { moveRowFocus } from './row-focus';
import { POSITION_KEYS, loadClosingOrder } from './position-actions';
import { nextSort, sortPositions, type PositionColumn, type PositionRow, type SortSpec } from './position-sort';

const COLUMNS: readonly (ColumnSpec & { id: PositionColumn })[] = [
  { id: 'account', label: 'Account', size: 72 },
  { id: 'symbol', label: 'Symbol', size: 72, required: true },
  { id: 'quantity', label: 'Quantity', num: true, size: 72 },
  { id: 'avgCost', label: 'Avg cost', num: true, size: 76 },
  { id: 'marketPrice', label: 'Market price', num: true, size: 88 },
  { id: 'marketValue', label: 'Market value', num: true, size: 100 },
  { id: 'dailyPnl', label: 'Daily P&L', num: true, size: 88 },
  { id: 'unrealizedPnl', label: 'Unrealized P&L', num: true, size: 104 },
  { id: 'realizedPnl', label: 'Realized P&L', num: true, size: 96 },
];

const money = (v: number | null): string => (v === null ? '—' : formatMoney(v));
const pnlClass = (v: number | null): string => (v === null || v === 0 ? 'num' : v > 0 ? 'num pos' : 'num neg');

const CELLS: Record<PositionColumn, (p: PositionRow) => ReactNode> = {
  dailyPnl: (p) => <td className={pnlClass(p.dailyPnl ?? null)}>{money(p.dailyPnl ?? null)}</td>,
  account: (p) => (
    <td>
      <AccountTag account={p.account} />
    </td>
  ),
  symbol: (p) => (
    <th scope="row" className="sym">
      {p.symbol}
    </th>
  ),
  quantity: (p) => (
    <td className={`num ${p.quantity > 0 ? 'buy' : p.quantity < 0 ? 'sell' : 'muted'}`}>{p.quantity === 0 ? 'flat' : formatQuantity(p.quantity)}</td>
  ),
  avgCost: (p) => <td className="num">{formatPrice(p.avgCost)}</td>,
  marketPrice: (p) => <td className="num">{p.marketPrice === null ? '—' : formatPrice(p.marketPrice)}</td>,
  marketValue: (p) => <td className="num">{money(p.marketValue)}</td>,
  unrealizedPnl: (p) => <td className={pnlClass(p.unrealizedPnl)}>{money(p.unrealizedPnl)}</td>,
  realizedPnl: (p) => <td className={pnlClass(p.realizedPnl)}>{money(p.realizedPnl)}</td>,
};

export function PositionsPanel() {
  const bridge = useBridge();
  const message = usePositionsMessage((s) => s.message);
  const show = usePositionsMessage((s) => s.show);
  const [sort, setSort] = useState<SortSpec>({ column: 'symbol', descending: false });
  const positions = usePositions(useShallow((s) => Object.values(s.byKey)));
  const pnl = usePnl((s) => s.byAccount);
  const rows: PositionRow[] = positions.map((p) => ({ ...p, dailyPnl: positionDailyPnl(pnl, p.account, p.conId) }));
  const sorted = sortPositions(rows, sort);
  const model = useColumnModel('positions', COLUMNS);

  const onRowKey = (e: KeyboardEvent<HTMLTableRowElement>, p: Position): void => {
    if (e.ctrlKey || e.altKey || e.metaKey || e.target !== e.currentTarget) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      loadClosingOrder(p);
      return;
    }
    const action = POSITION_KEYS[e.key.toLowerCase()];
    if (!action) return;
    // Taken here, so no hotkey bound to the same letter fires too; a held key sends once.
    e.preventDefault();
    if (!e.repeat) void action.run(bridge, p).then(show);
  };

  const flatAll = async (): Promise<void> => {
    const result = await flattenAll(bridge);
    if (result) show(result);
  };

  return (
    <section className="panel positions" aria-label="Positions" onKeyDown={(e) => moveRowFocus(e, 'tr[data-symbol]')}>
      <header className="panel-head">
        <h2>Positions</h2>
        <span className="hint">Enter loads the closing order · F flatten · R reverse · C cancel orders</span>
        <ColumnChooser model={model} title="Positions" />
        <button type="button" className="danger" onClick={() => void flatAll()} disabled={rows.every((p) => p.quantity === 0)}>
          Flat all
        </button>
        {message && (
          <span className={message.kind === 'error' ? 'msg-error' : 'msg-info'} role={message.kind === 'error' ? 'alert' : 'status'}>
            {message.text}
          </span>
        )}
      </header>
      <div className="table-wrap">
        <table className="grid-table model-table">
          <ModelColGroup model={model} />
          <ModelHead
            model={model}
            sortOf={(c) => (sort.column === c.spec.id ? (sort.descending ? 'descending' : 'ascending') : 'none')}
            render={(c) => {
              const id = c.spec.id as PositionColumn;
              return (
                <button type="button" className="sort" onClick={() => setSort((s) => nextSort(s, id))}>
                  {c.spec.label}
                  {sort.column === id ? (sort.descending ? ' ▼' : ' ▲') : ''}
                </button>
              );
            }}
          />
          <tbody>
            {sorted.map((p) => (
              <tr
                key={positionKey(p)}
                tabIndex={0}
                aria-label={`Position ${p.symbol}`}
                data-symbol={p.symbol}
                className={p.quantity === 0 ? 'flat' : undefined}
                onClick={() => loadClosingOrder(p)}
                onKeyDown={(e) => onRowKey(e, p)}
              >
                {modelCells(model, CELLS, p)}
              </tr>
            ))}
          </tbody>
        </table>
        {sorted.length === 0 && <p className="empty">No positions.</p>}
      </div>
    </section>
  );
}
