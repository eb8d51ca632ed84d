import { useShallow } from 'zustand/react/shallow';
import { formatMoney, formatPrice, formatQuantity } from '../../shared/format';
import { useFills } from '../stores/broker-state';
import { AccountTag } from './AccountTag';
import { timeText } from './order-text';

export function FillsPanel() {
  const fills = useFills(useShallow((s) => Object.values(s.byExecId).sort((a, b) => b.time - a.time).slice(0, 500)));
  return (
    <section className="panel fills" aria-label="Fills">
      <header className="panel-head">
        <h2>Fills</h2>
      </header>
      <div className="table-wrap">
        <table className="grid-table">
          <thead>
            <tr>
              <th scope="col" className="num">Time</th>
              <th scope="col">Account</th>
              <th scope="col">Side</th>
              <th scope="col">Symbol</th>
              <th scope="col" className="num">Qty</th>
              <th scope="col" className="num">Price</th>
              <th scope="col" className="num">Order</th>
              <th scope="col">Exchange</th>
              <th scope="col" className="num">Commission</th>
            </tr>
          </thead>
          <tbody>
            {fills.map((f) => (
              <tr key={f.execId} data-exec-id={f.execId}>
                <td className="num">{timeText(f.time)}</td>
                <td>
                  <AccountTag account={f.account} />
                </td>
                <td className={f.side === 'BUY' ? 'buy' : 'sell'}>{f.side}</td>
                <th scope="row" className="sym">
                  {f.symbol}
                </th>
                <td className="num">{formatQuantity(f.quantity)}</td>
                <td className="num">{formatPrice(f.price)}</td>
                <td className="num">{f.orderId}</td>
                <td>{f.exchange}</td>
                <td className="num">{f.commission === null ? '—' : formatMoney(f.commission)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {fills.length === 0 && <p className="empty">No fills today.</p>}
      </div>
    </section>
  );
}
