// IB's order status strings (research §7) -> the app's OrderStatus.

import type { OrderStatus } from '../../../shared/model';

/**
 * null = a status that says nothing new (IB's "Unknown" or an unrecognised
 * string): keep whatever the order showed before rather than guess.
 */
export function mapIbOrderStatus(status: string | undefined, filled: number, remaining: number): OrderStatus | null {
  const partial = filled > 0 && remaining > 0;
  switch (status) {
    case 'ApiPending':
    case 'PendingSubmit':
      return partial ? 'partially-filled' : 'pending-submit';
    case 'PreSubmitted':
      return partial ? 'partially-filled' : 'pre-submitted';
    case 'Submitted':
      return partial ? 'partially-filled' : 'submitted';
    // A cancel is not final until confirmed: it can still fill (research §7).
    case 'PendingCancel':
      return 'pending-cancel';
    case 'ApiCancelled':
    case 'Cancelled':
      return 'cancelled';
    case 'Filled':
      return 'filled';
    case 'Inactive':
      return 'inactive';
    default:
      return null;
  }
}

const CANCEL_PREFIX = /^\s*Order Canceled\s*-\s*reason:\s*/i;

/**
 * IB's 202 text as the order's reason: `Order Canceled - reason:` carries nothing after the
 * colon for a cancel the trader asked for (the status already says Cancelled: null), and IB's
 * own words when it cancelled the order itself, kept without the prefix.
 */
export function ibCancelReason(text: string): string | null {
  const reason = text.replace(CANCEL_PREFIX, '').trim();
  return reason === '' ? null : reason;
}
