// A modify: the shared rules (applyModification) on the host's order row with
// this session's client id, then the broker re-sends the whole order with the
// same id. IB's answer (new values, or 104/105/10147/10148/161) reaches the row.

import { err, ok, type Result } from '../../shared/ipc';
import { applyModification } from '../../shared/modify';
import type { ModifyOrderRequest, ModifyOrderResult } from '../../shared/order-commands';
import { orderKey } from './order-book';
import { readySession, referencePrice, refuse, type PlacementDeps } from './order-placement';

export function createModifier(deps: PlacementDeps): (request: ModifyOrderRequest) => Promise<Result<ModifyOrderResult>> {
  return async ({ account, orderId, changes }) => {
    const known = deps.sessions.get(account);
    if (!known) return err('unknown-account', `unknown account "${account}"`);
    if (known.capabilities && !known.capabilities.modify) {
      return refuse(`account "${account}"'s broker cannot modify orders: cancel and send a new one`);
    }
    const managed = readySession(deps.sessions, account);
    if (typeof managed === 'string') return refuse(`account "${account}" is not connected — modify not sent`);
    const session = managed.session;
    const row = deps.orders.get(account, orderId);
    if (!session || !row) return refuse(`order ${orderId} is not known in account "${account}"`);
    const resolved = await deps.symbols.resolve(row.symbol, session);
    if (!resolved.ok) return refuse(resolved.error.message);
    const instrument = resolved.value;
    const risk = deps.risk();
    // Read the row again: a fill may have landed during the lookup.
    const current = deps.orders.get(account, orderId);
    const outcome = applyModification(current, changes, {
      clientId: managed.spec.clientId,
      orderId,
      minTick: instrument.minTick,
      maxQuantity: risk.maxQuantity,
      maxNotional: risk.maxNotional,
      referencePrice: current ? referencePrice(current.side, deps.quotes.peek(instrument.conId)) : null,
    });
    if (!outcome.ok) return refuse(outcome.reason);
    const still = deps.sessions.get(account);
    if (!still?.session || still.session !== session || !still.state.readyForOrders) {
      return refuse(`account "${account}" is not connected — modify not sent`);
    }
    // A modify is an order message too: a stuck key must not flood IB with them.
    const flooded = deps.rateGuard.check(account, deps.now(), risk);
    if (flooded !== null) return refuse(flooded);
    try {
      session.modifyOrder(orderId, { ...outcome.request, symbol: instrument.symbol }, instrument);
    } catch (error) {
      return refuse(error instanceof Error ? error.message : String(error));
    }
    deps.rateGuard.record(account, deps.now());
    deps.log('info', account, `sent ${outcome.preview}`);
    return ok({ key: orderKey(account, orderId), orderId });
  };
}
