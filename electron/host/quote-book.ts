// Market-data subscriptions, reference-counted per renderer (clientId) and per
// symbol: the broker hears subscribe/unsubscribe only on 0 <-> 1 transitions,
// and a renderer that goes away releases everything it held. Ticks land in a
// mutable quote per conId and are batched by the coalescer.

import type { Instrument, Quote, QuoteField } from '../../shared/model';
import type { BrokerSession, Scheduler } from './broker';
import { createQuoteCoalescer, type LiveQuote } from './quote-coalescer';

export interface QuoteBook {
  /** Adds one hold of `instrument` for this client. */
  subscribe(clientId: string, instrument: Instrument): void;
  /** Drops one hold; false when this client held no such symbol. */
  unsubscribe(clientId: string, symbol: string): boolean;
  releaseClient(clientId: string): void;
  onTick(conId: number, field: QuoteField, value: number): void;
  onQuoteMode(conId: number, delayed: boolean): void;
  /** A new session streams every symbol that is held now. */
  attachSession(session: BrokerSession): void;
  detachSession(session: BrokerSession): void;
  /** Latest quote for a held conId (not a copy: read, do not keep). */
  peek(conId: number): Quote | undefined;
  /** Copies of every held quote. */
  quotes(): Quote[];
  stop(): void;
}

interface Holding {
  instrument: Instrument;
  live: LiveQuote;
  /** clientId -> number of holds (several panels of one renderer). */
  holders: Map<string, number>;
}

function emptyQuote(instrument: Instrument): Quote {
  return {
    symbol: instrument.symbol,
    conId: instrument.conId,
    bid: null,
    ask: null,
    last: null,
    bidSize: null,
    askSize: null,
    lastSize: null,
    high: null,
    low: null,
    open: null,
    close: null,
    volume: null,
    delayed: false,
    updatedAt: 0,
  };
}

export function createQuoteBook(options: {
  scheduler: Scheduler;
  flushMs?: number;
  emit(batch: Quote[]): void;
  /** A session refused a (un)subscribe: the others and the book carry on. */
  onSessionError?(error: unknown, session: BrokerSession, symbol: string): void;
}): QuoteBook {
  const { scheduler } = options;
  const byConId = new Map<number, Holding>();
  const sessions = new Set<BrokerSession>();
  const coalescer = createQuoteCoalescer({ scheduler, flushMs: options.flushMs, emit: options.emit });

  const tell = (session: BrokerSession, instrument: Instrument, subscribe: boolean): void => {
    try {
      if (subscribe) session.subscribeQuotes(instrument);
      else session.unsubscribeQuotes(instrument.conId);
    } catch (error) {
      options.onSessionError?.(error, session, instrument.symbol);
    }
  };

  const drop = (holding: Holding): void => {
    byConId.delete(holding.instrument.conId);
    holding.live.active = false;
    for (const session of sessions) tell(session, holding.instrument, false);
  };

  const findBySymbol = (symbol: string): Holding | undefined => {
    for (const holding of byConId.values()) if (holding.instrument.symbol === symbol) return holding;
    return undefined;
  };

  return {
    subscribe(clientId, instrument) {
      let holding = byConId.get(instrument.conId);
      if (!holding) {
        holding = {
          instrument,
          live: { quote: emptyQuote(instrument), dirty: false, active: true },
          holders: new Map(),
        };
        byConId.set(instrument.conId, holding);
        for (const session of sessions) tell(session, instrument, true);
      }
      holding.holders.set(clientId, (holding.holders.get(clientId) ?? 0) + 1);
    },
    unsubscribe(clientId, symbol) {
      const holding = findBySymbol(symbol);
      const count = holding?.holders.get(clientId);
      if (!holding || count === undefined) return false;
      if (count > 1) holding.holders.set(clientId, count - 1);
      else holding.holders.delete(clientId);
      if (holding.holders.size === 0) drop(holding);
      return true;
    },
    releaseClient(clientId) {
      for (const holding of [...byConId.values()]) {
        if (!holding.holders.delete(clientId)) continue;
        if (holding.holders.size === 0) drop(holding);
      }
    },
    onTick(conId, field, value) {
      const holding = byConId.get(conId);
      if (!holding) return;
      const quote = holding.live.quote;
      const now = scheduler.now();
      quote[field] = value;
      quote.updatedAt = now;
      coalescer.mark(holding.live, now);
    },
    onQuoteMode(conId, delayed) {
      const holding = byConId.get(conId);
      if (!holding || holding.live.quote.delayed === delayed) return;
      holding.live.quote.delayed = delayed;
      coalescer.mark(holding.live, scheduler.now());
    },
    attachSession(session) {
      if (sessions.has(session)) return;
      sessions.add(session);
      for (const holding of byConId.values()) tell(session, holding.instrument, true);
    },
    detachSession(session) {
      sessions.delete(session);
    },
    peek: (conId) => byConId.get(conId)?.live.quote,
    quotes: () => [...byConId.values()].map((h) => ({ ...h.live.quote })),
    stop() {
      coalescer.stop();
    },
  };
}
