// When an order needs the trader's explicit yes (settings.confirm): above the
// quantity threshold, or above the notional threshold. A market order's
// notional uses the touch price for its side; with no price at all the
// notional cannot be ruled out, so we ask.

import { formatMoney, formatQuantity } from '../../shared/format';
import type { ConfirmThresholds, OrderRequest, Quote } from '../../shared/model';
import { orderNotional } from '../../shared/order-rules';

/** The market price a market order's notional is measured with: ask for a buy, bid for a sell, else last/close. */
export function referencePrice(order: Pick<OrderRequest, 'side'>, quote: Quote | undefined): number | null {
  if (!quote) return null;
  const touch = order.side === 'BUY' ? quote.ask : quote.bid;
  return touch ?? quote.last ?? quote.close ?? null;
}

/** The reasons to ask, in words; empty = send without asking. */
export function confirmReasons(order: OrderRequest, thresholds: ConfirmThresholds, quote: Quote | undefined): string[] {
  const reasons: string[] = [];
  if (thresholds.quantityAbove !== null && order.quantity > thresholds.quantityAbove) {
    reasons.push(`Quantity ${formatQuantity(order.quantity)} is above ${formatQuantity(thresholds.quantityAbove)} shares`);
  }
  if (thresholds.notionalAbove !== null) {
    const notional = orderNotional(order, referencePrice(order, quote));
    const limit = formatMoney(thresholds.notionalAbove);
    if (notional === null) {
      reasons.push(`Notional unknown (no price for ${order.symbol}); confirmation is on above ${limit}`);
    } else if (notional > thresholds.notionalAbove) {
      reasons.push(`Notional ${formatMoney(notional)} is above ${limit}`);
    }
  }
  return reasons;
}

export const STOP_CONFIRM_TITLE = 'Stop triggers at once';
export const STOP_CONFIRM_LABEL = 'Send anyway';

export interface StopConfirmation {
  title: string;
  /** The order in words, then the warning sentence. */
  lines: string[];
  confirmLabel: string;
  /** What the trader reads when they answer no. */
  declined: string;
}

/**
 * The question before sending a stop that triggers the moment it arrives (a market order in
 * disguise), the same from the ticket and the command line; null = nothing to ask. `text` is
 * the order (or group) as the trader reads it; `warning` the stopTriggersAtOnce sentence.
 */
export function stopConfirmation(text: string, warning: string | null): StopConfirmation | null {
  if (warning === null) return null;
  return { title: STOP_CONFIRM_TITLE, lines: [text, `Warning: ${warning}`], confirmLabel: STOP_CONFIRM_LABEL, declined: `Not sent: ${text}` };
}

