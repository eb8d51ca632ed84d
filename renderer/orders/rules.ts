// The shared order rules with what the renderer knows: the resolved
// instrument's tick, the risk limits from settings and the current quote.
// Main runs the same rules again before anything leaves; checking here means
// the trader reads the reason before a round trip.

import type { Instrument, OrderRequest, Quote, Settings } from '../../shared/model';
import { checkPriceBand, validateOrder } from '../../shared/order-rules';
import { referencePrice } from './confirm-policy';

export function checkOrder(order: OrderRequest, instrument: Instrument | undefined, settings: Settings | null, quote: Quote | undefined): string | null {
  const problem = validateOrder(order, {
    minTick: instrument?.minTick ?? 0,
    priceIncrements: instrument?.priceIncrements,
    maxQuantity: settings?.risk.maxQuantity ?? null,
    maxNotional: settings?.risk.maxNotional ?? null,
    referencePrice: referencePrice(order, quote),
  });
  if (problem) return problem;
  const band = settings?.risk.priceBandPercent ?? null;
  if (band !== null && quote) return checkPriceBand(order, { bid: quote.bid, ask: quote.ask, last: quote.last }, band);
  return null;
}

/**
 * What the rules already say about an order being typed, for the live
 * preview: tick and risk limits with the instrument when it is resolved. The
 * market-dependent checks wait for Send (they would need the ticking quote).
 */
export function previewProblem(order: OrderRequest, instrument: Instrument | undefined, settings: Settings | null): string | null {
  if (!instrument) return null;
  return checkOrder(order, instrument, settings, undefined);
}
