// One path for every order, whichever entry point typed it: resolve the
// symbol, run the shared rules with the instrument's tick, ask for
// confirmation above the thresholds, send, then watch the order so an IB
// rejection that arrives later is shown where the trader typed it. Every
// refusal on the way reads "Order Error: <reason>" with the exact reason.

import type { JanusBridge } from '../../shared/ipc';
import type { Instrument, OrderRequest } from '../../shared/model';
import { describeOrder } from '../../shared/command-line';
import { useInstruments, useOrders, useSettings } from '../stores/broker-state';
import { useQuotes } from '../stores/quotes';
import { orderError, useConfirm, useFeedback, type Origin } from '../stores/ui';
import { settleWatchedOrder } from '../stores/wire';
import { confirmReasons } from './confirm-policy';
import { checkOrder } from './rules';

export type SubmitOutcome = 'sent' | 'refused' | 'not-confirmed';

export async function resolveInstrument(
  bridge: JanusBridge,
  symbol: string,
): Promise<{ ok: true; instrument: Instrument } | { ok: false; reason: string }> {
  const known = useInstruments.getState().bySymbol[symbol];
  if (known) return { ok: true, instrument: known };
  const result = await bridge.invoke('symbol.resolve', { symbol });
  if (!result.ok) return { ok: false, reason: result.error.message };
  useInstruments.getState().add(result.value);
  return { ok: true, instrument: result.value };
}

export async function submitOrder(bridge: JanusBridge, order: OrderRequest, origin: Origin): Promise<SubmitOutcome> {
  const feedback = useFeedback.getState();
  const refuse = (reason: string): SubmitOutcome => {
    feedback.show(origin, orderError(reason));
    return 'refused';
  };

  const resolved = await resolveInstrument(bridge, order.symbol);
  if (!resolved.ok) return refuse(resolved.reason);
  // Route with the registry's spelling of the symbol (e.g. "BRK B").
  const routed: OrderRequest = { ...order, symbol: resolved.instrument.symbol };

  const settings = useSettings.getState().settings;
  const quote = useQuotes.getState().bySymbol[routed.symbol];
  const problem = checkOrder(routed, resolved.instrument, settings, quote);
  if (problem) return refuse(problem);

  if (settings) {
    const reasons = confirmReasons(routed, settings.confirm, quote);
    if (reasons.length > 0) {
      const yes = await useConfirm.getState().ask('Confirm order', [describeOrder(routed), ...reasons], 'Confirm');
      if (!yes) {
        feedback.show(origin, { kind: 'info', text: `Not sent: ${describeOrder(routed)}` });
        return 'not-confirmed';
      }
    }
  }

  const result = await bridge.invoke('order.place', { order: routed });
  if (!result.ok) return refuse(result.error.message);
  feedback.show(origin, { kind: 'info', text: `Sent #${result.value.orderId}: ${describeOrder(routed)}` });
  feedback.watch(result.value.key, origin);
  // The order's own events may have beaten the reply here.
  const already = useOrders.getState().byKey[result.value.key];
  if (already) settleWatchedOrder(already);
  return 'sent';
}
