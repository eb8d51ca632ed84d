// The price a Webull trailing stop starts from. Webull's session carries no
// quotes, so the composition root feeds this board the host's quote batches
// (streamed by an IB account) and hands `priceOf` to the Webull broker.

import type { Instrument, Quote } from '../../shared/model';

/** Last trade, else the mid of a two-sided quote; null when neither is known. */
export function referenceOf(quote: Pick<Quote, 'last' | 'bid' | 'ask'> | undefined): number | null {
  if (!quote) return null;
  if (quote.last !== null && quote.last > 0) return quote.last;
  if (quote.bid !== null && quote.ask !== null && quote.bid > 0 && quote.ask >= quote.bid) return (quote.bid + quote.ask) / 2;
  return null;
}

export interface ReferencePrices {
  observe(batch: readonly Quote[]): void;
  priceOf(instrument: Instrument): number | null;
}

export function createReferencePrices(): ReferencePrices {
  // By symbol: the Webull session and the quote carrier may know the symbol by different ids.
  const bySymbol = new Map<string, Quote>();
  return {
    observe(batch) {
      for (const quote of batch) bySymbol.set(quote.symbol, quote);
    },
    priceOf: (instrument) => referenceOf(bySymbol.get(instrument.symbol)),
  };
}
