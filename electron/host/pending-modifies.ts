// Modifies the journaled session sent and IB has not answered yet. A modify's
// fate is unknown when the link closes before IB's answer: the order's row says
// so (its reason) until IB reports the order again, rather than silently
// showing the old or the new price. Used by journaled-broker.ts, which sees
// every modify leave and every update come back.

import { formatPrice } from '../../shared/format';
import type { OrderRequest } from '../../shared/model';
import type { BrokerOrderUpdate } from './broker';

/** What a modify asked for, in the words of the order's columns: `qty 200, lmt 187.60`. */
export function modifyAsked(request: OrderRequest): string {
  const parts = [`qty ${request.quantity}`];
  if (request.limitPrice !== undefined) parts.push(`lmt ${formatPrice(request.limitPrice)}`);
  if (request.stopPrice !== undefined) parts.push(`stp ${formatPrice(request.stopPrice)}`);
  return parts.join(', ');
}

/** The row's reason while nobody knows whether IB applied a modify. */
export function modifyFateUnknown(asked: string): string {
  return `modify fate unknown: the link closed before IB answered (asked ${asked}); the row shows IB's last report until IB reports the order again`;
}

/**
 * Modifies sent and not yet answered. IB answers a modify with the order's openOrder (its
 * values, changed or not) or an error (104, 105, 201...). When the link closes first, nobody
 * knows which values IB holds: the row says so until IB reports the order again, rather than
 * silently showing the old or the new price.
 */
export class PendingModifies {
  /** Sent and unanswered: order id -> what was asked. */
  private readonly sent = new Map<number, string>();
  /** Rows showing 'modify fate unknown', by order id. */
  private readonly unknown = new Set<number>();

  constructor(private readonly account: string) {}

  modifySent(orderId: number, request: OrderRequest): void {
    this.sent.set(orderId, modifyAsked(request));
  }

  /** Rewrites an update from the broker, as IB's answer settles a pending or unknown modify. */
  answer(update: BrokerOrderUpdate): BrokerOrderUpdate {
    const { orderId } = update;
    // An openOrder carries the order's values; a reason is IB's refusal (or the adapter's 'not sent').
    const values = update.quantity !== undefined;
    if (values || (typeof update.reason === 'string' && update.reason.length > 0)) this.sent.delete(orderId);
    if (!values || !this.unknown.delete(orderId)) return update;
    return update.reason === undefined ? { ...update, reason: null } : update;
  }

  /** A completed order (after a restart) is IB's final word on the order's values. */
  completed(orderId: number | undefined): boolean {
    return orderId !== undefined && this.unknown.delete(orderId);
  }

  /** The link closed: every unanswered modify's fate is unknown; the updates say so. */
  linkLost(): BrokerOrderUpdate[] {
    const updates: BrokerOrderUpdate[] = [];
    for (const [orderId, asked] of this.sent) {
      this.unknown.add(orderId);
      updates.push({ account: this.account, orderId, reason: modifyFateUnknown(asked) });
    }
    this.sent.clear();
    return updates;
  }
}
