// The ticket's title: "Order ticket", or "Modify #N" while it edits a working order.

import { useTicket } from '../stores/ui';

export function TicketModifyHeader() {
  const modify = useTicket((s) => s.modify);
  return (
    <header className="panel-head">
      <h2>{modify ? `Modify #${modify.orderId}` : 'Order ticket'}</h2>
      <span className="hint">{modify ? 'Enter sends the modify · Esc leaves modify' : 'B / S side · Enter send · Esc clear'}</span>
    </header>
  );
}
