import { Fragment, memo, useCallback, useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Order } from '../../shared/model';
import { useBridge } from '../bridge/context';
import { useOrders } from '../stores/broker-state';
import { cancelAllOrders, cancelOrder } from '../orders/cancel';
import { useOrderSelection, useOrdersMessage } from '../stores/ui';
import { ColumnChooser, ModelColGroup, ModelHead } from '../tables/ModelTable';
import { useColumnModel, type ColumnModel } from '../tables/use-column-model';
import { ORDER_COLUMNS, isWorking, orderCells, type CancelOrder } from './order-columns';
import { moveRowFocus } from './row-focus';
import { byNewest } from './order-text';

const OrderRow = memo(function OrderRow({ orderKey, columns, onCancel }: { orderKey: string; columns: string; onCancel: CancelOrder }) {
  const o = useOrders((s) => s.byKey[orderKey]);
  const selected = useOrderSelection((s) => s.orderKey === orderKey);
  if (!o) return null;
  const cells = orderCells(onCancel);
  return (
    <tr
      tabIndex={0}
      data-order-key={o.key}
      aria-label={`Order ${o.orderId}`}
      aria-selected={selected}
      className={`${selected ? 'selected' : ''} status-${o.status}`}
      onClick={() => useOrderSelection.getState().select(o.key)}
      onFocus={() => useOrderSelection.getState().select(o.key)}
    >
      {columns.split(',').map((id) => (
        <Fragment key={id}>{cells[id]?.(o)}</Fragment>
      ))}
    </tr>
  );
});

function OrderTable({ title, keys, model, onCancel }: { title: string; keys: string[]; model: ColumnModel; onCancel: CancelOrder }) {
  // One string, so a row re-renders when the columns change and not otherwise.
  const columns = model.visible.map((c) => c.spec.id).join(',');
  return (
    <table className="grid-table model-table" aria-label={title}>
      <ModelColGroup model={model} />
      <ModelHead model={model} />
      <tbody>
        {keys.map((k) => (
          <OrderRow key={k} orderKey={k} columns={columns} onCancel={onCancel} />
        ))}
      </tbody>
    </table>
  );
}

export function OrdersPanel() {
  const bridge = useBridge();
  const message = useOrdersMessage((s) => s.message);
  const setMessage = useOrdersMessage((s) => s.show);
  // Keys only: a status change re-renders its row, not the panel.
  const working = useOrders(useShallow((s) => Object.values(s.byKey).filter(isWorking).sort(byNewest).map((o) => o.key)));
  const done = useOrders(
    useShallow((s) => Object.values(s.byKey).filter((o) => !isWorking(o)).sort(byNewest).slice(0, 200).map((o) => o.key)),
  );

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

  const onKeyDown = (e: KeyboardEvent<HTMLElement>): void => {
    const selected = useOrderSelection.getState().orderKey;
    if (e.key === 'Delete' && selected) {
      const o = useOrders.getState().byKey[selected];
      if (o && isWorking(o)) {
        e.preventDefault();
        void cancel(o);
      }
    } else {
      moveRowFocus(e, 'tr[data-order-key]');
    }
  };

  return (
    <section className="panel orders" aria-label="Orders" onKeyDown={onKeyDown}>
      <header className="panel-head">
        <h2>Orders</h2>
        <span className="hint">Del cancels the selected order</span>
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
      <div className="table-wrap">
        <h3>Working ({working.length})</h3>
        <OrderTable title="Working orders" keys={working} model={model} onCancel={onCancel} />
        <h3>Completed ({done.length})</h3>
        <OrderTable title="Completed orders" keys={done} model={model} onCancel={onCancel} />
      </div>
    </section>
  );
}
