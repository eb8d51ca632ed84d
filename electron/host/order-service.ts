// The last check before an order leaves: account known and ready, symbol
// resolved, order rules and risk limits against the current quote, price band,
// the rate guard. Any refusal answers `order-refused` with the exact reason the
// trader reads after "Order Error: ". Nothing is ever queued for later.

import { err, ok, type Result } from '../../shared/ipc';
import type { Order, OrderRequest, Quote, RiskLimits } from '../../shared/model';
import { describeOrder } from '../../shared/describe-order';
import { formatMoney } from '../../shared/format';
import { checkPriceBand, notionalPrice, validateOrder } from '../../shared/order-rules';
import { orderKey, type OrderBook } from './order-book';
import { createRateGuard } from './rate-guard';
import type { QuoteBook } from './quote-book';
import type { SessionManager } from './session-manager';
import type { SymbolRegistry } from './symbol-registry';

export interface OrderService {
  place(request: OrderRequest): Promise<Result<{ key: string; orderId: number }>>;
  cancel(account: string, orderId: number): Result<null>;
  cancelAll(account?: string): Result<{ requested: number }>;
}

export interface OrderServiceDeps {
  sessions: SessionManager;
  symbols: SymbolRegistry;
  quotes: QuoteBook;
  orders: OrderBook;
  risk(): RiskLimits;
  publishOrder(order: Order): void;
  log(level: 'info' | 'warn' | 'error', account: string, message: string): void;
  /** The rate guard's clock (wall time: a stuck key repeats in real seconds). Default Date.now. */
  now?(): number;
}

const refuse = <T>(message: string): Result<T> => err('order-refused', message);

/** The price a market order would trade at: the far side, else the last trade. */
export function referencePrice(side: OrderRequest['side'], quote: Quote | undefined): number | null {
  if (!quote) return null;
  const far = side === 'BUY' ? quote.ask : quote.bid;
  if (far !== null && far > 0) return far;
  return quote.last !== null && quote.last > 0 ? quote.last : null;
}

/** An account cancel-all could not reach, and why. */
interface NotSent {
  account: string;
  why: string;
  working: number;
}

const plural = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

/** The Order Error of a cancel-all that missed accounts: where nothing was sent, and what was. */
export function cancelAllNotSent(missed: readonly NotSent[], sent: ReadonlyArray<{ account: string; count: number }>): string {
  const where = missed
    .map((m) => `"${m.account}" (${m.why}${m.working > 0 ? `, ${plural(m.working, 'working order')} there` : ''})`)
    .join(', ');
  const done = sent.length === 0
    ? 'nothing was cancelled'
    : `cancels sent on ${sent.map((s) => `"${s.account}" for ${plural(s.count, 'order')}`).join(', ')}`;
  return `cancel all not sent to ${where} — ${done}`;
}

export function createOrderService(deps: OrderServiceDeps): OrderService {
  const rateGuard = createRateGuard();
  const now = deps.now ?? Date.now;
  const notReady = (account: string): string => `account "${account}" is not connected — orders are refused, never queued`;

  return {
    async place(request) {
      const managed = deps.sessions.get(request.account);
      if (!managed) return refuse(`unknown account "${request.account}"`);
      if (!managed.session || !managed.state.readyForOrders) return refuse(notReady(request.account));
      const resolved = await deps.symbols.resolve(request.symbol, managed.session);
      if (!resolved.ok) return refuse(resolved.error.message);
      const instrument = resolved.value;

      // The lookup may have taken seconds: look again, the session may have dropped.
      const current = deps.sessions.get(request.account);
      if (!current?.session || current.session !== managed.session || !current.state.readyForOrders) {
        return refuse(notReady(request.account));
      }
      const order: OrderRequest = { ...request, symbol: instrument.symbol };
      const quote = deps.quotes.peek(instrument.conId);
      const risk = deps.risk();
      const reference = referencePrice(order.side, quote);
      const invalid = validateOrder(order, {
        minTick: instrument.minTick,
        maxQuantity: risk.maxQuantity,
        maxNotional: risk.maxNotional,
        referencePrice: reference,
      });
      if (invalid !== null) return refuse(invalid);
      // A market order with no quote has no notional: the limit would be skipped silently.
      if (risk.maxNotional !== null && notionalPrice(order, reference) === null) {
        return refuse(
          `no quote for ${order.symbol} to value this market order against the ${formatMoney(risk.maxNotional)} notional limit — open a quote for ${order.symbol} first`,
        );
      }
      if (risk.priceBandPercent !== null) {
        const band = checkPriceBand(
          order,
          { bid: quote?.bid ?? null, ask: quote?.ask ?? null, last: quote?.last ?? null },
          risk.priceBandPercent,
        );
        if (band !== null) return refuse(band);
      }

      // Checked and recorded with no await in between, so concurrent places cannot all slip through.
      const flooded = rateGuard.check(request.account, now(), risk);
      if (flooded !== null) return refuse(flooded);
      let orderId: number;
      try {
        orderId = current.session.placeOrder(order, instrument);
      } catch (error) {
        return refuse(error instanceof Error ? error.message : String(error));
      }
      rateGuard.record(request.account, now());
      const row = deps.orders.placed(order, orderId, instrument.conId, current.spec.clientId);
      if (row) deps.publishOrder(row);
      deps.log('info', request.account, `sent order ${orderId}: ${describeOrder(order)}`);
      return ok({ key: orderKey(request.account, orderId), orderId });
    },

    cancel(account, orderId) {
      const managed = deps.sessions.get(account);
      if (!managed) return err('unknown-account', `unknown account "${account}"`);
      const row = deps.orders.get(account, orderId);
      if (!row || !deps.orders.working(account).some((o) => o.orderId === orderId)) {
        return err('not-found', `order ${orderId} is not a working order of ${account}`);
      }
      if (!managed.session || !managed.state.readyForOrders) {
        return err('not-connected', `account "${account}" is not connected — cancel of order ${orderId} not sent`);
      }
      try {
        managed.session.cancelOrder(orderId);
      } catch (error) {
        return err('broker-error', error instanceof Error ? error.message : String(error));
      }
      deps.log('info', account, `cancel requested for order ${orderId}`);
      return ok(null);
    },

    cancelAll(account) {
      const targets = account === undefined ? deps.sessions.list() : [deps.sessions.get(account)];
      if (account !== undefined && targets[0] === undefined) return err('unknown-account', `unknown account "${account}"`);
      const sent: Array<{ account: string; count: number }> = [];
      const missed: NotSent[] = [];
      for (const managed of targets) {
        if (!managed) continue;
        const id = managed.spec.id;
        const working = deps.orders.working(id).length;
        if (!managed.session || !managed.state.readyForOrders) {
          // A disabled account with nothing working is not a miss; one that should be up is.
          if (working > 0 || managed.spec.enabled || account !== undefined) missed.push({ account: id, why: 'not connected', working });
          continue;
        }
        let count: number;
        try {
          count = managed.session.cancelAll();
        } catch (error) {
          const why = error instanceof Error ? error.message : String(error);
          deps.log('error', id, `cancel all failed: ${why}`);
          missed.push({ account: id, why, working });
          continue;
        }
        sent.push({ account: id, count });
        deps.log('info', id, `cancel all: ${plural(count, 'order')} cancelled`);
      }
      const requested = sent.reduce((sum, s) => sum + s.count, 0);
      if (missed.length === 0) return ok({ requested });
      const message = cancelAllNotSent(missed, sent);
      for (const m of missed) deps.log('warn', m.account, `cancel all not sent: ${m.why}`);
      return err('not-connected', message);
    },
  };
}
