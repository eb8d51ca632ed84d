// Optional bracket children on a new order: a take-profit limit and a stop-loss stop on the
// other side, one cancelling the other. Either alone makes a bracket.

import { useSettings } from '../stores/broker-state';
import { useTicket } from '../stores/ui';
import { bracketLack } from './broker-lack';
import { allowsBracket } from './ticket-read';

export function TicketBracketFields() {
  const type = useTicket((s) => s.fields.type);
  const takeProfit = useTicket((s) => s.fields.takeProfit);
  const stopLoss = useTicket((s) => s.fields.stopLoss);
  const set = useTicket((s) => s.set);
  const account = useTicket((s) => s.fields.account);
  const lack = useSettings((s) => bracketLack(s.settings, account));
  if (!allowsBracket(type)) return null;
  // The account's broker takes no brackets (Webull): say so instead of offering the fields.
  if (lack) return <p className="muted ticket-note" role="note" aria-label="Bracket">{lack}</p>;
  return (
    <>
      <label className="bracket">
        <span>Take profit</span>
        <input aria-label="Take profit" className="num" inputMode="decimal" placeholder="optional" value={takeProfit} autoComplete="off" onChange={(e) => set({ takeProfit: e.target.value })} />
      </label>
      <label className="bracket">
        <span>Stop loss</span>
        <input aria-label="Stop loss" className="num" inputMode="decimal" placeholder="optional" value={stopLoss} autoComplete="off" onChange={(e) => set({ stopLoss: e.target.value })} />
      </label>
    </>
  );
}
