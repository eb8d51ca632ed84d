// A margin check's answer (IB what-if) as the lines TWS's Check Margin shows:
// margin change and after, equity with loan value after, the commission, and
// IB's reason when margin would not suffice. Pure.

import { lackSentence } from '../../shared/broker-features';
import { formatMoney } from '../../shared/format';
import { accountBroker } from './broker-lack';
import type { Settings, WhatIfPreview } from '../../shared/model';

export interface WhatIfLine {
  label: string;
  text: string;
}

const money = (v: number | null): string => (v === null ? '—' : formatMoney(v));
const signed = (v: number | null): string => (v === null ? '—' : `${v > 0 ? '+' : ''}${formatMoney(v)}`);

function commissionText(p: WhatIfPreview): string {
  const { commission, minCommission, maxCommission } = p;
  // formatMoney writes dollars; another currency is named after the figure.
  const unit = p.currency === 'USD' || p.currency === '' ? '' : ` ${p.currency}`;
  const range = minCommission !== null && maxCommission !== null && minCommission !== maxCommission
    ? ` (${formatMoney(minCommission)} – ${formatMoney(maxCommission)})` : '';
  if (commission !== null) return `${formatMoney(commission)}${unit}${range}`;
  if (minCommission !== null && maxCommission !== null) {
    return minCommission === maxCommission ? `${formatMoney(minCommission)}${unit}` : `${formatMoney(minCommission)} – ${formatMoney(maxCommission)}${unit}`;
  }
  return '—';
}

export function whatIfLines(p: WhatIfPreview): WhatIfLine[] {
  const lines: WhatIfLine[] = [
    { label: 'Initial margin', text: `${signed(p.initMarginChange)} → ${money(p.initMarginAfter)}` },
    { label: 'Maintenance margin', text: `${signed(p.maintMarginChange)} → ${money(p.maintMarginAfter)}` },
    { label: 'Equity with loan after', text: money(p.equityWithLoanAfter) },
    { label: 'Commission', text: commissionText(p) },
  ];
  if (p.warning !== null) lines.push({ label: 'Margin would not suffice', text: p.warning });
  return lines;
}

/**
 * Why an account gets no margin check: its broker declares none (Webull). Null when it may
 * ask; an account settings do not list (the embedded demo) is IB.
 */
export function whatIfLack(settings: Settings | null, account: string): string | null {
  return lackSentence(accountBroker(settings, account), 'whatIf');
}
