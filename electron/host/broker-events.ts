// What a broker session reports, applied to the host's books and published:
// one listener per account (the session manager handles status itself).

import type { LogLevel } from '../../shared/model';
import type { BrokerListener, BrokerSession } from './broker';
import { mergeCompletedOrder, rowByPermId } from './completed-orders';
import type { EventBus } from './event-bus';
import type { OrderBook } from './order-book';
import type { PnlBook } from './pnl-book';
import type { Portfolio } from './portfolio';
import type { QuoteBook } from './quote-book';
import type { StreamBook } from './stream-book';

export interface BrokerEventDeps {
  bus: EventBus;
  orderBook: OrderBook;
  portfolio: Portfolio;
  pnlBook: PnlBook;
  quoteBook: Pick<QuoteBook, 'onTick' | 'onQuoteMode'>;
  streamBook: Pick<StreamBook, 'onBars' | 'onDepth' | 'onPrint' | 'onStatus'>;
  log(level: LogLevel, account: string, code: number | null, text: string): void;
  /** The account's session, for symbol lookups of what the broker mentions. */
  sessionOf(account: string): BrokerSession | null;
  /** Look up a symbol the registry does not know yet. */
  learn(symbol: string, session: BrokerSession): void;
  /** When the account's current connection came up: older working orders may have closed meanwhile. */
  connectedAt(account: string): number;
}

export function brokerListenerFor(deps: BrokerEventDeps, account: string): Omit<BrokerListener, 'onStatus'> {
  const { bus, orderBook, portfolio, quoteBook, log } = deps;
  const learn = (symbol: string): void => {
    const session = deps.sessionOf(account);
    if (session) deps.learn(symbol, session);
  };
  return {
    onTick: quoteBook.onTick,
    onQuoteMode: quoteBook.onQuoteMode,
    onBars: deps.streamBook.onBars,
    onDepth: deps.streamBook.onDepth,
    onPrint: deps.streamBook.onPrint,
    onStreamStatus: deps.streamBook.onStatus,
    onOrder: (update) => {
      const row = orderBook.apply({ ...update, account });
      bus.emit('order', row);
      learn(row.symbol);
    },
    onFill: (fill) => {
      bus.emit('fill', portfolio.applyFill({ ...fill, account }));
      if (fill.orderId <= 0) return;
      const done = portfolio.executed(account, fill.orderId);
      // A fill whose order has no row of its own attaches to the row recovered by permId.
      const rowId = orderBook.get(account, fill.orderId) ? fill.orderId : rowByPermId(orderBook, account, fill.permId)?.orderId;
      if (rowId === undefined) return;
      const row = orderBook.applyExecutions(account, rowId, done.quantity, done.avgPrice);
      if (row) bus.emit('order', row);
    },
    onPosition: (position) => {
      const row = portfolio.applyPosition({ ...position, account });
      bus.emit('position', row);
      if (row.quantity !== 0) learn(row.symbol);
    },
    onAccount: (values) => bus.emit('account', portfolio.applyAccount({ ...values, account })),
    onPnl: (update) => bus.emit('pnl', deps.pnlBook.apply(account, update)),
    onCompletedOrder: (completed) => {
      const row = mergeCompletedOrder(orderBook, portfolio.fills(), account, completed);
      bus.emit('order', row);
      learn(row.symbol);
    },
    onLog: (level, code, text) => log(level, account, code, text),
    onOpenOrdersEnd: (openOrderIds) => {
      for (const row of orderBook.retireMissing(account, openOrderIds, deps.connectedAt(account))) {
        bus.emit('order', row);
        log('warn', account, null, `order ${row.orderId} (${row.side} ${row.quantity} ${row.symbol}) is ${row.reason ?? 'no longer open'}`);
      }
    },
  };
}
