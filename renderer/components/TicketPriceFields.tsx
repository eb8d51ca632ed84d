// The ticket's order type and the prices it needs: stop, limit, trail (amount or %), and
// the Outside RTH box (limit and stop-limit only; disabled with the reason otherwise).

import type { OrderType } from '../../shared/model';
import { useTicket } from '../stores/ui';
import { OUTSIDE_RTH_TITLE, allowsOutsideRth, needsLimit, needsStop, needsTrail } from './ticket-read';

export const TICKET_TYPES: { value: OrderType; label: string }[] = [
  { value: 'market', label: 'Market' },
  { value: 'limit', label: 'Limit' },
  { value: 'stop', label: 'Stop' },
  { value: 'stop-limit', label: 'Stop limit' },
  { value: 'trailing', label: 'Trailing stop' },
];

function PriceInput({ label, caption, value, onChange }: { label: string; caption: string; value: string; onChange(v: string): void }) {
  return (
    <label>
      <span>{caption}</span>
      <input aria-label={label} className="num" inputMode="decimal" value={value} autoComplete="off" onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

/** `modifying`: the type is the order's own (a modify cannot change it), and so is Outside RTH. */
export function TicketPriceFields({ modifying }: { modifying: boolean }) {
  const fields = useTicket((s) => s.fields);
  const set = useTicket((s) => s.set);
  const rthAllowed = allowsOutsideRth(fields.type);
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
      <label className="check" title={rthAllowed ? undefined : OUTSIDE_RTH_TITLE}>
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
