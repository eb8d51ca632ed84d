// The Orders tables' columns: what each shows for an order, in the column model's order.

import type { ReactNode } from 'react';
import { formatQuantity } from '../../shared/format';
import { WORKING_STATUSES, type Order } from '../../shared/model';
import type { ColumnSpec } from '../tables/column-state';
import { AccountTag } from './AccountTag';
import { STATUS_TEXT, TYPE_TEXT, priceOrDash, timeText } from './order-text';

export const isWorking = (o: Order): boolean => WORKING_STATUSES.includes(o.status);

export const ORDER_COLUMNS: readonly ColumnSpec[] = [
  { id: 'orderId', label: '#', num: true, size: 44, required: true },
  { id: 'time', label: 'Time', num: true, size: 72 },
  { id: 'account', label: 'Account', size: 72 },
  { id: 'side', label: 'Side', size: 46 },
  { id: 'symbol', label: 'Symbol', size: 66, required: true },
  { id: 'type', label: 'Type', size: 60 },
  { id: 'quantity', label: 'Qty', num: true, size: 56 },
  { id: 'limit', label: 'Limit', num: true, size: 70 },
  { id: 'stop', label: 'Stop', num: true, size: 70 },
  { id: 'tif', label: 'TIF', size: 56 },
  { id: 'status', label: 'Status', size: 100, required: true },
  { id: 'filled', label: 'Filled', num: true, size: 56 },
  { id: 'remaining', label: 'Remaining', num: true, size: 76 },
  { id: 'avgPrice', label: 'Avg price', num: true, size: 74 },
  { id: 'reason', label: 'Reason', size: 120 },
  { id: 'actions', label: 'Actions', size: 70, srOnly: true, required: true },
];

export type CancelOrder = (o: Order) => void;

export const orderCells = (onCancel: CancelOrder): Record<string, (o: Order) => ReactNode> => ({
  orderId: (o) => <td className="num">{o.orderId}</td>,
  time: (o) => <td className="num">{timeText(o.createdAt)}</td>,
  account: (o) => (
    <td>
      <AccountTag account={o.account} />
    </td>
  ),
  side: (o) => <td className={o.side === 'BUY' ? 'buy' : 'sell'}>{o.side}</td>,
  symbol: (o) => (
    <th scope="row" className="sym">
      {o.symbol}
    </th>
  ),
  type: (o) => <td>{TYPE_TEXT[o.type]}</td>,
  quantity: (o) => <td className="num">{formatQuantity(o.quantity)}</td>,
  limit: (o) => <td className="num">{priceOrDash(o.limitPrice)}</td>,
  stop: (o) => <td className="num">{priceOrDash(o.stopPrice)}</td>,
  tif: (o) => (
    <td className={o.tifChanged ? 'flag' : ''} title={o.tifChanged ? 'The broker changed the time in force' : undefined}>
      {o.tif}
      {o.tifChanged ? ' (changed)' : ''}
    </td>
  ),
  status: (o) => <td className={`status status-${o.status}`}>{STATUS_TEXT[o.status]}</td>,
  filled: (o) => <td className="num">{formatQuantity(o.filled)}</td>,
  remaining: (o) => <td className="num">{formatQuantity(o.remaining)}</td>,
  avgPrice: (o) => <td className="num">{priceOrDash(o.avgFillPrice)}</td>,
  reason: (o) => (
    <td className="reason" title={o.reason ?? undefined}>
      {o.reason ?? ''}
    </td>
  ),
  actions: (o) => (
    <td>
      {isWorking(o) && o.status !== 'pending-cancel' ? (
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
  ),
});
