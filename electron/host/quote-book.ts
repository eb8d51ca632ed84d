// Market-data subscriptions, reference-counted per renderer (clientId) and per
// symbol: the broker hears subscribe/unsubscribe only on 0 <-> 1 transitions,
// and a renderer that goes away releases everything it held. Ticks land in a
// mutable quote per conId and are batched by the coalescer.
//
// Each held symbol streams from exactly one session, its carrier: IB counts
// market-data lines per session (100 by default) and a second stream would
// only deliver every tick twice. The carrier is the first ready session in
// preference (settings) order when the symbol is first held; it moves to the
// first ready session when its carrier stops being ready, and stays put when
// none is (the adapter re-requests its own subscriptions when it comes back).
// It never moves back on its own: a move costs a fresh snapshot for nothing.
// A session whose broker declares `capabilities.quotes === false` (Webull) is
// never a carrier: it is left out of the ready list before anything is asked.

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
  /**
   * The sessions that may stream now (connected and ready), most preferred
   * first. Symbols whose carrier is not among them move to the first that
   * accepts them; symbols without a carrier are picked up.
   */
  setReadySessions(ready: readonly BrokerSession[]): void;
  /** A session going away for good: it stops carrying, its symbols move to a ready one. */
  detachSession(session: BrokerSession): void;
  /** The session streaming conId now, or null (none ready, or not held). */
  carrierOf(conId: number): BrokerSession | null;
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
  /** The one session this symbol is subscribed on; null while none is ready. */
  carrier: BrokerSession | null;
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

/** False only when the session's broker declares it streams no quotes. */
export function carriesQuotes(session: BrokerSession): boolean {
  return session.capabilities?.quotes !== false;
}

type SessionErrorHandler = (error: unknown, session: BrokerSession, symbol: string) => void;

/** Which session carries each held symbol: the ready list and the moves between sessions. */
interface Carriage {
  /** Moves the symbol to the first ready session that accepts it (none when none does). */
  carry(holding: Holding): void;
  /** Stops the symbol's stream on its carrier. */
  release(holding: Holding): void;
  setReady(next: readonly BrokerSession[], holdings: Iterable<Holding>): void;
  detach(session: BrokerSession, holdings: Iterable<Holding>): void;
}

function createCarriage(onSessionError: SessionErrorHandler | undefined): Carriage {
  let ready: readonly BrokerSession[] = [];

  /** False when the session refused: the caller decides where the symbol goes instead. */
  const tell = (session: BrokerSession, instrument: Instrument, subscribe: boolean): boolean => {
    try {
      if (subscribe) session.subscribeQuotes(instrument);
      else session.unsubscribeQuotes(instrument.conId);
      return true;
    } catch (error) {
      onSessionError?.(error, session, instrument.symbol);
      return false;
    }
  };

  const release = (holding: Holding): void => {
    const carrier = holding.carrier;
    holding.carrier = null;
    if (carrier) tell(carrier, holding.instrument, false);
  };

  const carry = (holding: Holding): void => {
    release(holding);
    for (const session of ready) {
      if (tell(session, holding.instrument, true)) {
        holding.carrier = session;
        return;
      }
    }
  };

  const sameSessions = (a: readonly BrokerSession[], b: readonly BrokerSession[]): boolean =>
    a.length === b.length && a.every((session, i) => session === b[i]);

  return {
    carry,
    release,
    setReady(all, holdings) {
      const next = all.filter(carriesQuotes);
      if (sameSessions(ready, next)) return;
      ready = next;
      if (ready.length === 0) return; // a carrier that is down keeps its symbols until another session is up
      for (const holding of holdings) {
        if (holding.carrier === null || !ready.includes(holding.carrier)) carry(holding);
      }
    },
    detach(session, holdings) {
      ready = ready.filter((s) => s !== session);
      for (const holding of holdings) if (holding.carrier === session) carry(holding);
    },
  };
}

export function createQuoteBook(options: {
  scheduler: Scheduler;
  flushMs?: number;
  emit(batch: Quote[]): void;
  /** A session refused a (un)subscribe: the others and the book carry on. */
  onSessionError?: SessionErrorHandler;
}): QuoteBook {
  const { scheduler } = options;
  const byConId = new Map<number, Holding>();
  const carriage = createCarriage(options.onSessionError);
  const coalescer = createQuoteCoalescer({ scheduler, flushMs: options.flushMs, emit: options.emit });

  const drop = (holding: Holding): void => {
    byConId.delete(holding.instrument.conId);
    holding.live.active = false;
    carriage.release(holding);
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
          carrier: null,
        };
        byConId.set(instrument.conId, holding);
        carriage.carry(holding);
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
    setReadySessions: (next) => carriage.setReady(next, byConId.values()),
    detachSession: (session) => carriage.detach(session, byConId.values()),
    carrierOf: (conId) => byConId.get(conId)?.carrier ?? null,
    peek: (conId) => byConId.get(conId)?.live.quote,
    quotes: () => [...byConId.values()].map((h) => ({ ...h.live.quote })),
    stop() {
      coalescer.stop();
    },
  };
}
