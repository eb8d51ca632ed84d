// The ticket's order type and the prices it needs: stop, limit, trail (amount or %), and
// the Outside RTH box (limit and stop-limit only; disabled with the reason otherwise).

import type { KeyboardEvent } from 'react';
import type { OrderType } from '../../shared/model';
import { normalizeSymbol } from '../../shared/symbols';
import { stepPrice } from '../orders/price-step';
import { useInstruments, useSettings } from '../stores/broker-state';
import { outsideRthLack } from './broker-lack';
import { useTicket } from '../stores/ui';
import { OUTSIDE_RTH_TITLE, allowsOutsideRth, needsLimit, needsStop, needsTrail } from './ticket-read';

export const TICKET_TYPES: { value: OrderType; label: string }[] = [
  { value: 'market', label: 'Market' },
  { value: 'limit', label: 'Limit' },
  { value: 'stop', label: 'Stop' },
  { value: 'stop-limit', label: 'Stop limit' },
  { value: 'trailing', label: 'Trailing stop' },
];

/** ArrowUp / ArrowDown in a price field: one tick of the instrument's market rule at that price. */
function useTickStep(value: string, onChange: (v: string) => void): (e: KeyboardEvent<HTMLInputElement>) => void {
  const symbol = useTicket((s) => s.fields.symbol);
  const typed = normalizeSymbol(symbol);
  const instrument = useInstruments((s) => (typed.ok ? s.bySymbol[typed.symbol] : undefined));
  return (e) => {
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
    const next = stepPrice(value, e.key === 'ArrowUp' ? 1 : -1, instrument);
    if (next === null) return;
    e.preventDefault();
    onChange(next);
  };
}

function PriceInput({ label, caption, value, onChange }: { label: string; caption: string; value: string; onChange(v: string): void }) {
  const step = useTickStep(value, onChange);
  return (
    <label>
      <span>{caption}</span>
      <input aria-label={label} className="num" inputMode="decimal" value={value} autoComplete="off" onKeyDown={step} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

/** `modifying`: the type is the order's own (a modify cannot change it), and so is Outside RTH. */
export function TicketPriceFields({ modifying }: { modifying: boolean }) {
  const fields = useTicket((s) => s.fields);
  const set = useTicket((s) => s.set);
  // The broker may narrow it further (Webull: limit orders only), with its own sentence.
  const rthLack = useSettings((s) => (allowsOutsideRth(fields.type) ? outsideRthLack(s.settings, fields.account, fields.type) : OUTSIDE_RTH_TITLE));
  const rthAllowed = rthLack === null;
  return (
    <>
      <label>
        <span>Type</span>
        <select aria-label="Order type" value={fields.type} disabled={modifying} onChange={(e) => set({ type: e.target.value as OrderType })}>
          {TICKET_TYPES.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </select>
      </label>
      {needsStop(fields.type) && <PriceInput label="Stop price" caption="Stop" value={fields.stop} onChange={(stop) => set({ stop })} />}
      {needsLimit(fields.type) && <PriceInput label="Limit price" caption="Limit" value={fields.limit} onChange={(limit) => set({ limit })} />}
      {needsTrail(fields.type) && (
        <>
          <PriceInput label="Trail" caption="Trail" value={fields.trail} onChange={(trail) => set({ trail })} />
          <label>
            <span>Trail by</span>
            <select aria-label="Trail by" value={fields.trailUnit} onChange={(e) => set({ trailUnit: e.target.value === 'percent' ? 'percent' : 'amount' })}>
              <option value="amount">$ amount</option>
              <option value="percent">% of price</option>
            </select>
          </label>
        </>
      )}
      <label className="check" title={rthLack ?? undefined}>
        <input
          type="checkbox"
          aria-label="Outside RTH"
          checked={rthAllowed && fields.outsideRth}
          disabled={!rthAllowed || modifying}
          onChange={(e) => set({ outsideRth: e.target.checked })}
        />
        <span>Outside RTH</span>
      </label>
    </>
  );
}
