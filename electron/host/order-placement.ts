// The last check before an order group leaves, and the send: account known and
// ready, its broker able to take the group, symbol resolved, the shared order
// and group rules with the instrument's tick, risk limits and price band
// against the current quote, an exit against the position. Any refusal answers
// `order-refused` with the sentence the trader reads after "Order Error: ".
// Nothing is ever queued for later.

import { err, ok, type Result } from '../../shared/ipc';
import type { Instrument, Order, OrderGroup, OrderRequest, Position, Quote, RiskLimits } from '../../shared/model';
import { describeGroup } from '../../shared/describe-order';
import { formatMoney } from '../../shared/format';
import type { PlaceGroupResult } from '../../shared/order-commands';
import { validateGroup } from '../../shared/order-group-rules';
import { checkPriceBand, notionalPrice } from '../../shared/order-rules';
import { BROKER_LABEL } from '../../shared/broker-features';
import { legsOf, mapLegs } from '../../shared/order-group';
import { capabilityProblem, exitProblem } from './order-checks';
import { orderKey, type OrderBook } from './order-book';
import type { QuoteBook } from './quote-book';
import type { RateGuard } from './rate-guard';
import type { ManagedSession, SessionManager } from './session-manager';
import type { SymbolRegistry } from './symbol-registry';

export interface PlacementDeps {
  sessions: SessionManager;
  symbols: SymbolRegistry;
  quotes: QuoteBook;
  orders: OrderBook;
  positions(): Position[];
  risk(): RiskLimits;
  publishOrder(order: Order): void;
  log(level: 'info' | 'warn' | 'error', account: string, message: string): void;
  /** Orders per second / minute per account (Settings › risk); every order and modify that leaves counts. */
  rateGuard: RateGuard;
  /** The rate guard's clock (wall time). */
  now(): number;
}

export interface PlaceOptions {
  /**
   * A flatten's closing order: risk limits, the price band and the rate guard never keep a
   * trader in a position (a repeated flatten sends nothing while its close is working).
   */
  closing?: boolean;
}

export const refuse = <T>(message: string): Result<T> => err('order-refused', message);

export const notReady = (account: string): string => `account "${account}" is not connected — orders are refused, never queued`;

/** The price a market order would trade at: the far side, else the last trade. */
export function referencePrice(side: OrderRequest['side'], quote: Quote | undefined): number | null {
  if (!quote) return null;
  const far = side === 'BUY' ? quote.ask : quote.bid;
  if (far !== null && far > 0) return far;
  return quote.last !== null && quote.last > 0 ? quote.last : null;
}

/** The signed shares `account` holds in `conId` (0 when flat or unknown). */
export function heldShares(positions: readonly Position[], account: string, conId: number): number {
  return positions.find((p) => p.account === account && p.conId === conId)?.quantity ?? 0;
}

/** The account's session when it may take orders now, or the sentence why not. */
export function readySession(sessions: SessionManager, account: string): ManagedSession | string {
  const managed = sessions.get(account);
  if (!managed) return `unknown account "${account}"`;
  if (!managed.session || !managed.state.readyForOrders) return notReady(account);
  return managed;
}

/** Risk limits, notional and price band of every leg against the quote; null when all pass. */
function riskProblem(group: OrderGroup, instrument: Instrument, quote: Quote | undefined, risk: RiskLimits, options: PlaceOptions): string | null {
  const entry = legsOf(group)[0];
  if (!entry) return 'an order group needs at least one order';
  const reference = referencePrice(entry.side, quote);
  const limits = options.closing ? {} : { maxQuantity: risk.maxQuantity, maxNotional: risk.maxNotional };
  const context = { minTick: instrument.minTick, priceIncrements: instrument.priceIncrements, referencePrice: reference, ...limits };
  const invalid = validateGroup(group, { ...context, reference: reference === null ? null : { name: entry.side === 'BUY' ? 'ask' : 'bid', price: reference } });
  if (invalid !== null) return invalid;
  if (options.closing) return null;
  for (const leg of legsOf(group)) {
    // A market order with no quote has no notional: the limit would be skipped silently.
    if (risk.maxNotional !== null && notionalPrice(leg, referencePrice(leg.side, quote)) === null) {
      return `no quote for ${leg.symbol} to value this market order against the ${formatMoney(risk.maxNotional)} notional limit — open a quote for ${leg.symbol} first`;
    }
    if (risk.priceBandPercent !== null) {
      const band = checkPriceBand(leg, { bid: quote?.bid ?? null, ask: quote?.ask ?? null, last: quote?.last ?? null }, risk.priceBandPercent);
      if (band !== null) return band;
    }
  }
  return null;
}

export function createGroupPlacer(deps: PlacementDeps): (group: OrderGroup, options?: PlaceOptions) => Promise<Result<PlaceGroupResult>> {
  return async (group, options = {}) => {
    const first = legsOf(group)[0];
    if (!first) return refuse('an order group needs at least one order');
    const account = first.account;
    if (legsOf(group).some((leg) => leg.account !== account || leg.symbol !== first.symbol)) {
      return refuse('every order of a group must be for one account and one symbol');
    }
    const managed = readySession(deps.sessions, account);
    if (typeof managed === 'string') return refuse(managed);
    const lacking = capabilityProblem(group, managed.capabilities, account, BROKER_LABEL[managed.spec.broker] ?? managed.spec.broker);
    if (lacking) return refuse(lacking);
    const session = managed.session;
    if (!session) return refuse(notReady(account));
    const resolved = await deps.symbols.resolve(first.symbol, session);
    if (!resolved.ok) return refuse(resolved.error.message);
    const instrument = resolved.value;

    // The lookup may have taken seconds: look again, the session may have dropped.
    const now = deps.sessions.get(account);
    if (!now?.session || now.session !== session || !now.state.readyForOrders) return refuse(notReady(account));
    const routed = mapLegs(group, (leg) => ({ ...leg, symbol: instrument.symbol }));
    const problem =
      riskProblem(routed, instrument, deps.quotes.peek(instrument.conId), deps.risk(), options) ??
      exitProblem(routed, heldShares(deps.positions(), account, instrument.conId));
    if (problem !== null) return refuse(problem);

    // Checked and recorded with no await in between, so concurrent places cannot all slip through.
    const flooded = options.closing ? null : deps.rateGuard.check(account, deps.now(), deps.risk());
    if (flooded !== null) return refuse(flooded);
    let orderIds: number[];
    try {
      orderIds = session.placeGroup(routed, instrument);
    } catch (error) {
      return refuse(error instanceof Error ? error.message : String(error));
    }
    // One line or hotkey is one action, whatever its legs: the guard stops a stuck key or a
    // runaway macro, and a bracket counted three times would refuse the trader's next line.
    deps.rateGuard.record(account, deps.now());
    legsOf(routed).forEach((leg, i) => {
      const orderId = orderIds[i];
      if (orderId === undefined) return;
      const row = deps.orders.placed(leg, orderId, instrument.conId, now.spec.clientId);
      if (row) deps.publishOrder(row);
    });
    deps.log('info', account, `sent order${orderIds.length === 1 ? '' : 's'} ${orderIds.join(', ')}: ${describeGroup(routed)}`);
    return ok({ keys: orderIds.map((id) => orderKey(account, id)), orderIds });
  };
}
