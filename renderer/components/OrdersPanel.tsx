import { memo, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatQuantity } from '../../shared/format';
import { WORKING_STATUSES, type Order } from '../../shared/model';
import { useBridge } from '../bridge/context';
import { useOrders } from '../stores/broker-state';
import { cancelAllOrders, cancelOrder } from '../orders/cancel';
import { useOrderSelection, useOrdersMessage } from '../stores/ui';
import { AccountTag } from './AccountTag';
import { moveRowFocus } from './row-focus';
import { STATUS_TEXT, TYPE_TEXT, byNewest, priceOrDash, timeText } from './order-text';

const isWorking = (o: Order): boolean => WORKING_STATUSES.includes(o.status);

const OrderRow = memo(function OrderRow({ orderKey, onCancel }: { orderKey: string; onCancel: (o: Order) => void }) {
  const o = useOrders((s) => s.byKey[orderKey]);
  const selected = useOrderSelection((s) => s.orderKey === orderKey);
  if (!o) return null;
  const working = isWorking(o);
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
      <td className="num">{o.orderId}</td>
      <td className="num">{timeText(o.createdAt)}</td>
      <td>
        <AccountTag account={o.account} />
      </td>
      <td className={o.side === 'BUY' ? 'buy' : 'sell'}>{o.side}</td>
      <th scope="row" className="sym">
        {o.symbol}
      </th>
      <td>{TYPE_TEXT[o.type]}</td>
      <td className="num">{formatQuantity(o.quantity)}</td>
      <td className="num">{priceOrDash(o.limitPrice)}</td>
      <td className="num">{priceOrDash(o.stopPrice)}</td>
      <td className={o.tifChanged ? 'flag' : ''} title={o.tifChanged ? 'The broker changed the time in force' : undefined}>
        {o.tif}
        {o.tifChanged ? ' (changed)' : ''}
      </td>
      <td className={`status status-${o.status}`}>{STATUS_TEXT[o.status]}</td>
      <td className="num">{formatQuantity(o.filled)}</td>
      <td className="num">{formatQuantity(o.remaining)}</td>
      <td className="num">{priceOrDash(o.avgFillPrice)}</td>
      <td className="reason">{o.reason ?? ''}</td>
      <td>
        {working && o.status !== 'pending-cancel' ? (
          <button
            type="button"
            className="icon"
            aria-label={`Cancel order ${o.orderId}`}
            onClick={(e) => {
              e.stopPropagation();
              onCancel(o);
            }}
          >
            Cancel
          </button>
        ) : null}
      </td>
    </tr>
  );
});

function OrderTable({ title, keys, onCancel }: { title: string; keys: string[]; onCancel: (o: Order) => void }) {
  return (
    <table className="grid-table" aria-label={title}>
      <thead>
        <tr>
          <th scope="col" className="num">#</th>
          <th scope="col" className="num">Time</th>
          <th scope="col">Account</th>
          <th scope="col">Side</th>
          <th scope="col">Symbol</th>
          <th scope="col">Type</th>
          <th scope="col" className="num">Qty</th>
          <th scope="col" className="num">Limit</th>
          <th scope="col" className="num">Stop</th>
          <th scope="col">TIF</th>
          <th scope="col">Status</th>
          <th scope="col" className="num">Filled</th>
          <th scope="col" className="num">Remaining</th>
          <th scope="col" className="num">Avg price</th>
          <th scope="col">Reason</th>
          <th scope="col">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {keys.map((k) => (
          <OrderRow key={k} orderKey={k} onCancel={onCancel} />
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

  const cancel = async (o: Order): Promise<void> => {
    setMessage(await cancelOrder(bridge, o.account, o.orderId));
  };

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
        <OrderTable title="Working orders" keys={working} onCancel={(o) => void cancel(o)} />
        <h3>Completed ({done.length})</h3>
        <OrderTable title="Completed orders" keys={done} onCancel={(o) => void cancel(o)} />
      </div>
    </section>
  );
}
