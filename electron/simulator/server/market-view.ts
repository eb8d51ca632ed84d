// Builds the market-view part of the simulator: the live streams and the
// request context the account ports use.

import type { SimulatorOptions } from '../api';
import type { RestingSize } from '../exchange/depth-book';
import type { Exchange, UniverseEntry } from '../exchange/types';
import type { ContractQuery } from '../wire/requests';
import { DEFAULT_MAX_DEPTH_REQUESTS, type MarketViewContext } from './market-view-requests';
import { MarketViewStreams } from './market-view-streams';

const RESTS_ON_BOOK = new Set(['LMT', 'STP LMT', 'TRAIL LIMIT']);

/** Working limit orders on conId across every account, as depth-book sizes. */
function restingOrders(exchange: Exchange, accounts: readonly string[], conId: number): RestingSize[] {
  const resting: RestingSize[] = [];
  for (const account of accounts) {
    for (const order of exchange.openOrders(account)) {
      if (order.conId !== conId || order.status !== 'Submitted' || order.lmtPrice === null || order.remaining <= 0) continue;
      if (!RESTS_ON_BOOK.has(order.orderType.toUpperCase())) continue;
      if (order.orderType.toUpperCase() !== 'LMT' && !order.triggered) continue;
      resting.push({ side: order.action, price: order.lmtPrice, remaining: order.remaining });
    }
  }
  return resting;
}

export function createMarketView(
  exchange: Exchange,
  options: SimulatorOptions,
  accounts: readonly string[],
  now: () => number,
  resolve: (contract: ContractQuery) => UniverseEntry[],
): { streams: MarketViewStreams; context: MarketViewContext } {
  const seed = options.seed ?? 1;
  const streams = new MarketViewStreams({
    seed,
    exchange,
    now,
    resting: (conId) => restingOrders(exchange, accounts, conId),
  });
  return {
    streams,
    context: {
      streams,
      seed,
      maxDepthRequests: options.maxDepthRequests ?? DEFAULT_MAX_DEPTH_REQUESTS,
      now,
      quoteLast: (conId) => exchange.quote(conId)?.last,
      resolve,
    },
  };
}
