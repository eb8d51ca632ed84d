// The ticket's live preview: what Send would do, in the one order description, with the
// shared rules' sentence when they already refuse it, and a warning line when a stop
// would trigger at once. Pure: the caller hands over the stores' values.

import { describeGroup } from '../../shared/describe-order';
import { applyModification } from '../../shared/modify';
import type { Instrument, Order, OrderGroup, OrderRequest, Quote, Settings } from '../../shared/model';
import { validateGroup, type GroupContext } from '../../shared/order-group-rules';
import { stopTriggersAtOnce } from '../../shared/stop-warning';
import { previewProblem } from '../orders/rules';
import type { ModifyRead, TicketRead } from './ticket-read';

export interface TicketPreview {
  text: string;
  /** True when Send would go ahead (no refusal in sight). */
  ok: boolean;
  /** A stop that triggers at once: shown as its own line, and asked about before sending. */
  warning: string | null;
}

export interface PreviewInputs {
  instrument: Instrument | undefined;
  settings: Settings | null;
  quote: Quote | undefined;
}

const notReady = (read: { reason: string; incomplete: boolean }): TicketPreview => ({
  text: read.incomplete ? `… ${read.reason}` : read.reason,
  ok: false,
  warning: null,
});

/** The rules' context for a group: the tick, the risk limits and, for a market entry, the touch. */
export function groupContext(entry: OrderRequest, inputs: PreviewInputs): GroupContext {
  const { instrument, settings, quote } = inputs;
  const buy = entry.side === 'BUY';
  const touch = quote ? (buy ? quote.ask : quote.bid) : null;
  const name = buy ? 'ask' : 'bid';
  return {
    minTick: instrument?.minTick ?? 0,
    maxQuantity: settings?.risk.maxQuantity ?? null,
    maxNotional: settings?.risk.maxNotional ?? null,
    reference: touch !== null && touch > 0 ? { name, price: touch } : { missing: `no ${name} for ${entry.symbol} yet` },
  };
}

/** The order (a bracket's entry) whose stop could trigger at once. */
export const entryOf = (group: OrderGroup): OrderRequest | undefined =>
  group.kind === 'single' ? group.order : group.kind === 'bracket' ? group.entry : group.legs[0];

export function previewNewOrder(read: TicketRead, inputs: PreviewInputs): TicketPreview {
  if (!read.ok) return notReady(read);
  const entry = entryOf(read.group);
  if (!entry) return { text: describeGroup(read.group), ok: false, warning: null };
  const problem =
    read.group.kind === 'single'
      ? previewProblem(entry, inputs.instrument, inputs.settings)
      : validateGroup(read.group, groupContext(entry, inputs));
  const text = describeGroup(read.group);
  return {
    text: problem ? `${text} — ${problem}` : text,
    ok: problem === null,
    warning: stopTriggersAtOnce(entry, inputs.quote),
  };
}

export type ModifyPreview = TicketPreview & { request?: OrderRequest };

/** `MODIFY #42 BUY AAPL LMT: lmt 187.50 → 187.60`, or why the modify would be refused. */
export function previewModify(order: Order | undefined, orderId: number, clientId: number, read: ModifyRead, inputs: PreviewInputs): ModifyPreview {
  if (!read.ok) return notReady(read);
  const outcome = applyModification(order, read.changes, {
    clientId,
    orderId,
    minTick: inputs.instrument?.minTick ?? 0,
    maxQuantity: inputs.settings?.risk.maxQuantity ?? null,
    maxNotional: inputs.settings?.risk.maxNotional ?? null,
  });
  if (!outcome.ok) return { text: outcome.reason, ok: false, warning: null };
  return { text: outcome.preview, ok: true, warning: stopTriggersAtOnce(outcome.request, inputs.quote), request: outcome.request };
}
