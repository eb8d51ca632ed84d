// The margin check before sending (IB what-if, TWS's "Check Margin"): the same
// first checks as an order (account ready, symbol resolved, order rules), then
// the broker's answer. Nothing is placed, queued or journaled.

import { err, ok, type Result } from '../../shared/ipc';
import type { OrderRequest, WhatIfPreview } from '../../shared/model';
import { validateOrder } from '../../shared/order-rules';
import { referencePrice } from './order-service';
import type { QuoteBook } from './quote-book';
import type { SessionManager } from './session-manager';
import type { SymbolRegistry } from './symbol-registry';

export interface WhatIfService {
  check(request: OrderRequest): Promise<Result<WhatIfPreview>>;
}

export interface WhatIfDeps {
  sessions: SessionManager;
  symbols: SymbolRegistry;
  quotes: Pick<QuoteBook, 'peek'>;
}

const refuse = <T>(message: string): Result<T> => err('order-refused', message);

export function createWhatIfService(deps: WhatIfDeps): WhatIfService {
  return {
    async check(request) {
      const managed = deps.sessions.get(request.account);
      if (!managed) return refuse(`unknown account "${request.account}"`);
      const notReady = `account "${request.account}" is not connected — no margin check`;
      if (!managed.session || !managed.state.readyForOrders) return refuse(notReady);
      const resolved = await deps.symbols.resolve(request.symbol, managed.session);
      if (!resolved.ok) return refuse(resolved.error.message);
      const instrument = resolved.value;
      const session = deps.sessions.get(request.account)?.session;
      if (!session || session !== managed.session) return refuse(notReady);
      if (!session.whatIf) return refuse(`the broker of account "${request.account}" offers no margin check`);
      const order: OrderRequest = { ...request, symbol: instrument.symbol };
      const invalid = validateOrder(order, {
        minTick: instrument.minTick,
        priceIncrements: instrument.priceIncrements,
        maxQuantity: null,
        maxNotional: null,
        referencePrice: referencePrice(order.side, deps.quotes.peek(instrument.conId)),
      });
      if (invalid !== null) return refuse(invalid);
      try {
        const figures = await session.whatIf(order, instrument);
        return ok({ account: request.account, symbol: instrument.symbol, ...figures });
      } catch (error) {
        return refuse(error instanceof Error ? error.message : String(error));
      }
    },
  };
}
