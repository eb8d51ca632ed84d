import { useCallback, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatMoney, formatPrice, formatQuantity } from '../../shared/format';
import type { Fill } from '../../shared/model';
import { useFills } from '../stores/broker-state';
import type { ColumnSpec } from '../tables/column-state';
import { ColumnChooser, ModelColGroup, ModelHead, modelCells } from '../tables/ModelTable';
import { useColumnModel } from '../tables/use-column-model';
import { VirtualBody, VIRTUAL_SCROLL_STYLE } from '../tables/VirtualBody';
import { AccountTag } from './AccountTag';
import { timeText } from './order-text';

const COLUMNS: readonly ColumnSpec[] = [
  { id: 'time', label: 'Time', num: true, size: 72 },
  { id: 'account', label: 'Account', size: 80 },
  { id: 'side', label: 'Side', size: 48 },
  { id: 'symbol', label: 'Symbol', size: 72, required: true },
  { id: 'quantity', label: 'Qty', num: true, size: 60 },
  { id: 'price', label: 'Price', num: true, size: 76 },
  { id: 'order', label: 'Order', num: true, size: 56 },
  { id: 'exchange', label: 'Exchange', size: 80 },
  { id: 'commission', label: 'Commission', num: true, size: 90 },
];

const CELLS: Record<string, (f: Fill) => ReactNode> = {
  time: (f) => <td className="num">{timeText(f.time)}</td>,
  account: (f) => (
    <td>
      <AccountTag account={f.account} />
    </td>
  ),
  side: (f) => <td className={f.side === 'BUY' ? 'buy' : 'sell'}>{f.side}</td>,
  symbol: (f) => (
    <th scope="row" className="sym">
      {f.symbol}
    </th>
  ),
  quantity: (f) => <td className="num">{formatQuantity(f.quantity)}</td>,
  price: (f) => <td className="num">{formatPrice(f.price)}</td>,
  order: (f) => <td className="num">{f.orderId}</td>,
  exchange: (f) => <td>{f.exchange}</td>,
  commission: (f) => <td className="num">{f.commission === null ? '—' : formatMoney(f.commission)}</td>,
};

export function FillsPanel() {
  // Every fill of the day, newest first: only the rows on screen are drawn.
  const fills = useFills(useShallow((s) => Object.values(s.byExecId).sort((a, b) => b.time - a.time)));
  const model = useColumnModel('fills', COLUMNS);
  const keyOf = useCallback((i: number) => fills[i]?.execId ?? `#${i}`, [fills]);
  return (
    <section className="panel fills" aria-label="Fills">
      <header className="panel-head">
        <h2>Fills</h2>
        <ColumnChooser model={model} title="Fills" />
      </header>
      <div className="table-wrap" style={VIRTUAL_SCROLL_STYLE}>
        <table className="grid-table model-table" aria-label="Fills" aria-rowcount={fills.length + 1}>
          <ModelColGroup model={model} />
          <ModelHead model={model} rowIndex={1} />
          <VirtualBody
            count={fills.length}
            keyOf={keyOf}
            columns={model.visible.length}
            renderRow={({ index, rowIndex, measure }) => {
              const f = fills[index];
              return f ? (
                <tr ref={measure} data-index={index} aria-rowindex={rowIndex} data-exec-id={f.execId}>
                  {modelCells(model, CELLS, f)}
                </tr>
              ) : null;
            }}
          />
        </table>
        {fills.length === 0 && <p className="empty">No fills today.</p>}
      </div>
    </section>
  );
}
