import { Fragment, memo, useCallback, useLayoutEffect, useMemo, useRef, type KeyboardEvent, type MutableRefObject } from 'react';
import type { Order } from '../../shared/model';
import { useBridge } from '../bridge/context';
import { useOrders } from '../stores/broker-state';
import { cancelAllOrders, cancelOrder } from '../orders/cancel';
import { useOrderSelection, useOrdersMessage } from '../stores/ui';
import { ColumnChooser, ModelColGroup, ModelHead } from '../tables/ModelTable';
import { useColumnModel, type ColumnModel } from '../tables/use-column-model';
import { VirtualBody, focusRow, VIRTUAL_SCROLL_STYLE } from '../tables/VirtualBody';
import { ORDER_COLUMNS, isWorking, orderCells, type CancelOrder } from './order-columns';
import { steppedIndex } from './row-focus';
import { openModify } from './order-modify';
import { orderTree, type TreeRow } from './order-tree';

interface OrderRowProps {
  orderKey: string;
  depth: number;
  columns: string;
  onCancel: CancelOrder;
  index: number;
  rowIndex: number;
  measure: (el: HTMLTableRowElement | null) => void;
}

const OrderRow = memo(function OrderRow({ orderKey, depth, columns, onCancel, index, rowIndex, measure }: OrderRowProps) {
  const o = useOrders((s) => s.byKey[orderKey]);
  const selected = useOrderSelection((s) => s.orderKey === orderKey);
  if (!o) return null;
  const cells = orderCells(onCancel, depth);
  return (
    <tr
      ref={measure}
      data-index={index}
      aria-rowindex={rowIndex}
      tabIndex={0}
      data-order-key={o.key}
      aria-label={`Order ${o.orderId}`}
      aria-selected={selected}
      data-depth={depth}
      className={`${selected ? 'selected' : ''} status-${o.status}${depth > 0 ? ' child' : ''}`}
      onClick={() => useOrderSelection.getState().select(o.key)}
      onFocus={() => useOrderSelection.getState().select(o.key)}
    >
      {columns.split(',').map((id) => (
        <Fragment key={id}>{cells[id]?.(o)}</Fragment>
      ))}
    </tr>
  );
});

/** The drawn row of `key` inside `root`, if it is drawn. */
function drawnRow(root: ParentNode | null, key: string): HTMLElement | null {
  for (const tr of root?.querySelectorAll<HTMLElement>('tr[data-order-key]') ?? []) if (tr.dataset.orderKey === key) return tr;
  return null;
}

interface OrderTableProps {
  title: string;
  rows: TreeRow[];
  model: ColumnModel;
  onCancel: CancelOrder;
  /** The row the arrow keys moved to, focused once it is drawn. */
  focusWantedRef: MutableRefObject<string | null>;
}

function OrderTable({ title, rows, model, onCancel, focusWantedRef }: OrderTableProps) {
  // One string, so a row re-renders when the columns change and not otherwise.
  const columns = model.visible.map((c) => c.spec.id).join(',');
  const selected = useOrderSelection((s) => s.orderKey);
  const keep = selected === null ? null : rows.findIndex((r) => r.key === selected);
  const keyOf = useCallback((i: number) => rows[i]?.key ?? `#${i}`, [rows]);
  const tableRef = useRef<HTMLTableElement>(null);
  useLayoutEffect(() => {
    const wanted = focusWantedRef.current;
    const row = wanted === null ? null : drawnRow(tableRef.current, wanted);
    if (!row) return;
    focusWantedRef.current = null;
    focusRow(row);
  });
  return (
    <table ref={tableRef} className="grid-table model-table" aria-label={title} aria-rowcount={rows.length + 1}>
      <ModelColGroup model={model} />
      <ModelHead model={model} rowIndex={1} />
      <VirtualBody
        count={rows.length}
        keyOf={keyOf}
        columns={model.visible.length}
        keep={keep}
        renderRow={({ index, rowIndex, measure }) => {
          const r = rows[index];
          return r ? <OrderRow orderKey={r.key} depth={r.depth} columns={columns} onCancel={onCancel} index={index} rowIndex={rowIndex} measure={measure} /> : null;
        }}
      />
    </table>
  );
}

/** The tree rows of the working (or completed) table, stable while nothing but row contents change. */
function useTree(working: boolean): TreeRow[] {
  const encoded = useOrders((s) =>
    orderTree(Object.values(s.byKey).filter((o) => isWorking(o) === working))
      .map((r) => `${r.depth}${r.key}`)
      .join('\n'),
  );
  return useMemo(() => (encoded === '' ? [] : encoded.split('\n').map((line) => ({ depth: Number(line[0]), key: line.slice(1) }))), [encoded]);
}

export function OrdersPanel() {
  const bridge = useBridge();
  const message = useOrdersMessage((s) => s.message);
  const setMessage = useOrdersMessage((s) => s.show);
  // Keys and depths only (one string each): a status or price change re-renders its row, not the panel.
  const working = useTree(true);
  const done = useTree(false);
  const focusWantedRef = useRef<string | null>(null);

  const model = useColumnModel('orders', ORDER_COLUMNS);
  const cancel = async (o: Order): Promise<void> => {
    setMessage(await cancelOrder(bridge, o.account, o.orderId));
  };
  // One function for every row, so a row re-renders for its own order only.
  const cancelRef = useRef(cancel);
  useLayoutEffect(() => {
    cancelRef.current = cancel;
  });
  const onCancel = useCallback((o: Order) => void cancelRef.current(o), []);

  const cancelAll = async (): Promise<void> => {
    const result = await cancelAllOrders(bridge);
    if (result) setMessage(result);
  };

  /** Up/Down through every row, Working then Completed, drawn or not: the row is drawn, then focused. */
  const moveFocus = (e: KeyboardEvent<HTMLElement>): void => {
    const active = document.activeElement;
    if (!(active instanceof HTMLTableRowElement) || !e.currentTarget.contains(active)) return;
    const all = [...working, ...done];
    const next = all[steppedIndex(e.key, all.findIndex((r) => r.key === active.dataset.orderKey), all.length) ?? -1];
    if (!next) return;
    e.preventDefault();
    if (next.key === active.dataset.orderKey) return;
    const drawn = drawnRow(e.currentTarget, next.key);
    if (drawn) return focusRow(drawn);
    focusWantedRef.current = next.key;
    useOrderSelection.getState().select(next.key);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLElement>): void => {
    const selected = useOrderSelection.getState().orderKey;
    if (e.key === 'Enter' && selected && e.target instanceof HTMLTableRowElement) {
      const o = useOrders.getState().byKey[selected];
      if (o) {
        e.preventDefault();
        const refused = openModify(o);
        if (refused) setMessage(refused);
      }
    } else if (e.key === 'Delete' && selected) {
      const o = useOrders.getState().byKey[selected];
      if (o && isWorking(o)) {
        e.preventDefault();
        void cancel(o);
      }
    } else {
      moveFocus(e);
    }
  };

  return (
    <section className="panel orders" aria-label="Orders" onKeyDown={onKeyDown}>
      <header className="panel-head">
        <h2>Orders</h2>
        <span className="hint">Enter modifies · Del cancels the selected order</span>
        <ColumnChooser model={model} title="Orders" />
        <button type="button" className="danger" onClick={() => void cancelAll()} disabled={working.length === 0}>
          Cancel all
        </button>
        {message && (
          <span className={message.kind === 'error' ? 'msg-error' : 'msg-info'} role={message.kind === 'error' ? 'alert' : 'status'}>
            {message.text}
          </span>
        )}
      </header>
      <div className="table-wrap" style={VIRTUAL_SCROLL_STYLE}>
        <h3>Working ({working.length})</h3>
        <OrderTable title="Working orders" rows={working} model={model} onCancel={onCancel} focusWantedRef={focusWantedRef} />
        <h3>Completed ({done.length})</h3>
        <OrderTable title="Completed orders" rows={done} model={model} onCancel={onCancel} focusWantedRef={focusWantedRef} />
      </div>
    </section>
  );
}
