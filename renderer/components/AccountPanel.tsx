import type { ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatMoney } from '../../shared/format';
import type { AccountValue } from '../../shared/model';
import { useAccounts } from '../stores/broker-state';
import { usePnl } from '../stores/pnl';
import type { ColumnSpec } from '../tables/column-state';
import { ColumnChooser, ModelColGroup, ModelHead, modelCells } from '../tables/ModelTable';
import { useColumnModel } from '../tables/use-column-model';
import { AccountTag } from './AccountTag';

const money = (v: number | null): string => (v === null ? '—' : formatMoney(v));
const pnlClass = (v: number | null): string => (v === null || v === 0 ? 'num' : v > 0 ? 'num pos' : 'num neg');

const COLUMNS: readonly ColumnSpec[] = [
  { id: 'account', label: 'Account', size: 80, required: true },
  { id: 'netLiquidation', label: 'Net liquidation', num: true, size: 104 },
  { id: 'dailyPnl', label: 'Daily P&L', num: true, size: 88 },
  { id: 'totalCash', label: 'Cash', num: true, size: 100 },
  { id: 'buyingPower', label: 'Buying power', num: true, size: 104 },
  { id: 'availableFunds', label: 'Available funds', num: true, size: 104 },
  { id: 'unrealizedPnl', label: 'Unrealized P&L', num: true, size: 104 },
  { id: 'realizedPnl', label: 'Realized P&L', num: true, size: 96 },
];

type MoneyKey = 'netLiquidation' | 'totalCash' | 'buyingPower' | 'availableFunds' | 'unrealizedPnl' | 'realizedPnl';
const moneyCell =
  (key: MoneyKey, pnl = false) =>
  (v: AccountValue): ReactNode => (
    <td className={pnl ? pnlClass(v[key]) : 'num'} data-col={key}>
      {money(v[key])}
    </td>
  );

/** An account row with its daily P&L (IB reqPnL), which streams apart from the account values. */
type AccountRow = AccountValue & { dailyPnl: number | null };

const CELLS: Record<string, (v: AccountRow) => ReactNode> = {
  dailyPnl: (v) => (
    <td className={pnlClass(v.dailyPnl)} data-col="dailyPnl">
      {money(v.dailyPnl)}
    </td>
  ),
  account: (v) => (
    <th scope="row">
      <AccountTag account={v.account} />
    </th>
  ),
  netLiquidation: moneyCell('netLiquidation'),
  totalCash: moneyCell('totalCash'),
  buyingPower: moneyCell('buyingPower'),
  availableFunds: moneyCell('availableFunds'),
  unrealizedPnl: moneyCell('unrealizedPnl', true),
  realizedPnl: moneyCell('realizedPnl', true),
};

export function AccountPanel() {
  const values = useAccounts(useShallow((s) => Object.values(s.byAccount).sort((a, b) => a.account.localeCompare(b.account))));
  const daily = usePnl(useShallow((s) => Object.fromEntries(Object.values(s.byAccount).map((p) => [p.account, p.daily]))));
  const model = useColumnModel('account', COLUMNS);
  return (
    <section className="panel account" aria-label="Account">
      <header className="panel-head">
        <h2>Account</h2>
        <ColumnChooser model={model} title="Account" />
      </header>
      <div className="table-wrap">
        <table className="grid-table model-table">
          <ModelColGroup model={model} />
          <ModelHead model={model} />
          <tbody>
            {values.map((v) => (
              <tr key={v.account} data-account={v.account}>
                {modelCells(model, CELLS, { ...v, dailyPnl: daily[v.account] ?? null })}
              </tr>
            ))}
          </tbody>
        </table>
        {values.length === 0 && <p className="empty">No account values yet.</p>}
      </div>
    </section>
  );
}
