// Opening a working order in the ticket to modify it (Enter on an Orders row): only where
// the shared rules allow a modify at all; otherwise their sentence says why not.

import { modifiableProblem } from '../../shared/modify';
import type { Order } from '../../shared/model';
import { orderError, useFeedback, useTicket, type Feedback } from '../stores/ui';
import { fieldsOfOrder } from './ticket-read';
import { sessionClientId } from './ticket-send';

/** The ticket field a modify most likely changes, focused once the ticket shows it. */
const FOCUS_ORDER = ['Limit price', 'Stop price', 'Trail', 'Quantity'];

function focusTicketPrice(): void {
  setTimeout(() => {
    const ticket = document.querySelector('section[aria-label="Order ticket"]');
    for (const label of FOCUS_ORDER) {
      const input = ticket?.querySelector<HTMLInputElement>(`input[aria-label="${label}"]`);
      if (input && !input.disabled) {
        input.focus();
        input.select();
        return;
      }
    }
  }, 0);
}

/** Loads `o` into the ticket in modify mode; answers the refusal when it cannot be modified. */
export function openModify(o: Order): Feedback | null {
  const problem = modifiableProblem(o, sessionClientId(o.account));
  if (problem !== null) return orderError(problem);
  if (o.type === 'foreign') return orderError(`order ${o.orderId} cannot be modified`);
  useTicket.getState().startModify({ key: o.key, orderId: o.orderId }, fieldsOfOrder({ ...o, type: o.type }));
  useFeedback.getState().show('ticket', null);
  focusTicketPrice();
  return null;
}
