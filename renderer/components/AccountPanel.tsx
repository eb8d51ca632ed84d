import { useShallow } from 'zustand/react/shallow';
import { formatMoney } from '../../shared/format';
import { useAccounts } from '../stores/broker-state';
import { AccountTag } from './AccountTag';

const money = (v: number | null): string => (v === null ? '—' : formatMoney(v));
const pnlClass = (v: number | null): string => (v === null || v === 0 ? 'num' : v > 0 ? 'num pos' : 'num neg');

export function AccountPanel() {
  const values = useAccounts(useShallow((s) => Object.values(s.byAccount).sort((a, b) => a.account.localeCompare(b.account))));
  return (
    <section className="panel account" aria-label="Account">
      <header className="panel-head">
        <h2>Account</h2>
      </header>
      <div className="table-wrap">
        <table className="grid-table">
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col" className="num">Net liquidation</th>
              <th scope="col" className="num">Cash</th>
              <th scope="col" className="num">Buying power</th>
              <th scope="col" className="num">Available funds</th>
              <th scope="col" className="num">Unrealized P&amp;L</th>
              <th scope="col" className="num">Realized P&amp;L</th>
            </tr>
          </thead>
          <tbody>
            {values.map((v) => (
              <tr key={v.account} data-account={v.account}>
                <th scope="row">
                  <AccountTag account={v.account} />
                </th>
                <td className="num" data-col="netLiquidation">{money(v.netLiquidation)}</td>
                <td className="num" data-col="totalCash">{money(v.totalCash)}</td>
                <td className="num" data-col="buyingPower">{money(v.buyingPower)}</td>
                <td className="num" data-col="availableFunds">{money(v.availableFunds)}</td>
                <td className={pnlClass(v.unrealizedPnl)} data-col="unrealizedPnl">{money(v.unrealizedPnl)}</td>
                <td className={pnlClass(v.realizedPnl)} data-col="realizedPnl">{money(v.realizedPnl)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {values.length === 0 && <p className="empty">No account values yet.</p>}
      </div>
    </section>
  );
}
