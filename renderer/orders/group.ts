// Brackets and OCA exits, from whichever entry point: resolve the symbol, run the
// shared group rules with the instrument's tick and the risk limits, ask for
// confirmation above the thresholds (on the entry, or the exit's size), send
// `order.placeGroup` (a single order goes through submitOrder / `order.place`),
// then watch every leg so a late IB rejection shows where it was typed.

import type { JanusBridge } from '../../shared/ipc';
import { describeGroup } from '../../shared/describe-order';
import type { OrderGroup } from '../../shared/model';
import { legsOf, mapLegs } from '../../shared/order-group';
import { validateGroup } from '../../shared/order-group-rules';
import { useOrders, useSettings } from '../stores/broker-state';
import { useQuotes } from '../stores/quotes';
import { orderError, useConfirm, useFeedback, type Origin } from '../stores/ui';
import { settleWatchedOrder } from '../stores/wire';
import { confirmReasons, referencePrice } from './confirm-policy';
import { resolveInstrument, submitOrder, type SubmitOutcome } from './submit';


export async function submitGroup(bridge: JanusBridge, group: OrderGroup, origin: Origin): Promise<SubmitOutcome> {
  if (group.kind === 'single') return submitOrder(bridge, group.order, origin);
  const feedback = useFeedback.getState();
  const refuse = (reason: string): SubmitOutcome => {
    feedback.show(origin, orderError(reason));
    return 'refused';
  };
  const [first] = legsOf(group);
  if (!first) return refuse('an order group needs at least one order');
  const resolved = await resolveInstrument(bridge, first.symbol);
  if (!resolved.ok) return refuse(resolved.reason);
  const routed = mapLegs(group, (leg) => ({ ...leg, symbol: resolved.instrument.symbol }));
  const settings = useSettings.getState().settings;
  const quote = useQuotes.getState().bySymbol[resolved.instrument.symbol];
  const reference = referencePrice(first, quote);
  const problem = validateGroup(routed, {
    minTick: resolved.instrument.minTick,
    maxQuantity: settings?.risk.maxQuantity ?? null,
    maxNotional: settings?.risk.maxNotional ?? null,
    referencePrice: reference,
    reference: reference === null ? null : { name: first.side === 'BUY' ? 'ask' : 'bid', price: reference },
  });
  if (problem) return refuse(problem);
  const text = describeGroup(routed);
  if (settings) {
    const reasons = confirmReasons(first, settings.confirm, quote);
    if (reasons.length > 0) {
      const yes = await useConfirm.getState().ask('Confirm order', [text, ...reasons], 'Confirm');
      if (!yes) {
        feedback.show(origin, { kind: 'info', text: `Not sent: ${text}` });
        return 'not-confirmed';
      }
    }
  }
  const result = await bridge.invoke('order.placeGroup', { group: routed });
  if (!result.ok) return refuse(result.error.message);
  feedback.show(origin, { kind: 'info', text: `Sent ${result.value.orderIds.map((id) => `#${id}`).join(', ')}: ${text}` });
  for (const key of result.value.keys) {
    feedback.watch(key, origin);
    // The order's own events may have beaten the reply here.
    const already = useOrders.getState().byKey[key];
    if (already) settleWatchedOrder(already);
  }
  return 'sent';
}
