// Market-view streams (bars, depth, tape), keyed and reference-counted per
// renderer like the quote book: the broker hears subscribe/unsubscribe only on
// 0 <-> 1, each stream is carried by one session (the first ready one that
// offers streams), moves when its carrier stops being ready, and the adapter
// re-requests it after a reconnect or data loss. Everything the broker reports
// is coalesced per window: bars merged by time, depth as the whole book,
// prints appended.

import { mergeBars, type Bar, type BarsEvent, type DepthBook, type DepthEvent, type Print, type StreamStatusEvent, type TapeEvent } from '../../shared/market-view';
import type { BrokerSession, BrokerStream, Scheduler, TimerHandle } from './broker';

/** Bars kept per stream for renderers that open the same chart later. */
export const MAX_HOST_BARS = 5_000;
/**
 * A bars stream nobody holds any more stays open this long: a chart tab hidden and
 * shown again gets its history at once instead of asking IB again (an identical
 * historical request within 15 s is refused with 162). Depth and tape close at once:
 * IB allows only three depth lines.
 */
export const BARS_LINGER_MS = 20_000;
/** Prints kept per window: a flood beyond this keeps the newest. */
const MAX_PRINTS_PER_WINDOW = 2_000;

export interface StreamEmit {
  bars(event: BarsEvent): void;
  depth(event: DepthEvent): void;
  tape(event: TapeEvent): void;
  status(event: StreamStatusEvent): void;
}

export interface StreamBook {
  /** Adds one hold; answers the key. */
  subscribe(clientId: string, stream: BrokerStream): string;
  /** Drops one hold; false when this client held no such stream. */
  unsubscribe(clientId: string, key: string): boolean;
  releaseClient(clientId: string): void;
  setReadySessions(ready: readonly BrokerSession[]): void;
  detachSession(session: BrokerSession): void;
  onBars(key: string, bars: Bar[], replace: boolean): void;
  onDepth(key: string, book: DepthBook): void;
  onPrint(key: string, print: Print): void;
  onStatus(key: string, status: Pick<StreamStatusEvent, 'state' | 'code' | 'message'>): void;
  /** Keys held now (tests, snapshot). */
  keys(): string[];
  stop(): void;
}

interface Held {
  stream: BrokerStream;
  holders: Map<string, number>;
  carrier: BrokerSession | null;
  bars: Bar[];
  /** Live bars since the last flush, or the whole series when `replace`. */
  pendingBars: Bar[];
  replace: boolean;
  depth: DepthBook | null;
  depthDirty: boolean;
  prints: Print[];
  /** Set while a stream nobody holds lingers before it closes. */
  closing: TimerHandle | null;
}

function carries(session: BrokerSession): boolean {
  return typeof session.subscribeStream === 'function';
}

export interface StreamBookOptions {
  scheduler: Scheduler;
  flushMs?: number;
  /** How long an unheld bars stream stays open (default BARS_LINGER_MS). */
  barsLingerMs?: number;
  emit: StreamEmit;
  onSessionError?: (error: unknown, session: BrokerSession, key: string) => void;
}

function statusOf(emit: StreamEmit, h: Held, status: Pick<StreamStatusEvent, 'state' | 'code' | 'message'>): void {
  emit.status({ key: h.stream.key, symbol: h.stream.instrument.symbol, ...status });
}

/** Sends one stream's coalesced window: bars, the whole depth book, the prints. */
function emitWindow(emit: StreamEmit, h: Held): void {
  const { key, instrument } = h.stream;
  if (h.pendingBars.length > 0 || h.replace) {
    emit.bars({ key, symbol: instrument.symbol, conId: instrument.conId, barSize: h.stream.barSize ?? '1 min', replace: h.replace, bars: h.replace ? h.bars.slice() : h.pendingBars });
    h.pendingBars = [];
    h.replace = false;
  }
  if (h.depthDirty && h.depth) {
    h.depthDirty = false;
    emit.depth({ key, symbol: instrument.symbol, conId: instrument.conId, bids: h.depth.bids.map((l) => ({ ...l })), asks: h.depth.asks.map((l) => ({ ...l })) });
  }
  if (h.prints.length > 0) {
    emit.tape({ key, symbol: instrument.symbol, conId: instrument.conId, prints: h.prints });
    h.prints = [];
  }
}

/** The broker's bars into the stream: a replace resets the series, live bars merge by time. */
function takeBars(h: Held, bars: Bar[], replace: boolean): void {
  if (replace) {
    h.bars = bars.slice(-MAX_HOST_BARS);
    h.pendingBars = [];
    h.replace = true;
  } else {
    h.bars = mergeBars(h.bars, bars, MAX_HOST_BARS);
    if (!h.replace) h.pendingBars = mergeBars(h.pendingBars, bars, MAX_HOST_BARS);
  }
}

function takeDepth(h: Held, book: DepthBook): void {
  h.depth = book;
  h.depthDirty = true;
}

/** A flood beyond MAX_PRINTS_PER_WINDOW keeps the newest. */
function takePrint(h: Held, print: Print): void {
  h.prints.push(print);
  if (h.prints.length > MAX_PRINTS_PER_WINDOW) h.prints.splice(0, h.prints.length - MAX_PRINTS_PER_WINDOW);
}

/** Coalesces what the broker reports per window; a window overdue is flushed from the data path itself (as quotes). */
function createFlushWindow(scheduler: Scheduler, flushMs: number, emitOne: (h: Held) => void) {
  const dirty = new Set<Held>();
  let timer: TimerHandle | null = null;
  let windowStart = 0;
  const flush = (): void => {
    if (timer !== null) scheduler.clear(timer);
    timer = null;
    for (const h of dirty) emitOne(h);
    dirty.clear();
  };
  return {
    mark(h: Held): void {
      const now = scheduler.now();
      if (timer !== null && now - windowStart >= flushMs) flush();
      dirty.add(h);
      if (timer === null) {
        windowStart = now;
        timer = scheduler.setTimeout(flush, flushMs);
      }
    },
    forget: (h: Held): boolean => dirty.delete(h),
    stop(): void {
      if (timer !== null) scheduler.clear(timer);
      timer = null;
      dirty.clear();
    },
  };
}

/** Which ready session carries each stream: the first that offers streams and takes it. */
function createCarriers(options: StreamBookOptions) {
  let ready: readonly BrokerSession[] = [];
  const tell = (session: BrokerSession, h: Held, subscribe: boolean): boolean => {
    try {
      if (subscribe) session.subscribeStream?.(h.stream);
      else session.unsubscribeStream?.(h.stream.key);
      return true;
    } catch (error) {
      options.onSessionError?.(error, session, h.stream.key);
      return false;
    }
  };
  const release = (h: Held): void => {
    const carrier = h.carrier;
    h.carrier = null;
    if (carrier) tell(carrier, h, false);
  };
  const carry = (h: Held): void => {
    release(h);
    for (const session of ready) {
      if (carries(session) && tell(session, h, true)) {
        h.carrier = session;
        return;
      }
    }
    statusOf(options.emit, h, { state: 'waiting', code: null, message: ready.length === 0 ? 'waiting for a connected account' : 'no connected account offers this stream' });
  };
  return {
    carry,
    release,
    /** New ready sessions: streams whose carrier is gone move. */
    setReady(next: readonly BrokerSession[], streams: Iterable<Held>): void {
      const same = next.length === ready.length && next.every((s, i) => s === ready[i]);
      if (same) return;
      ready = [...next];
      if (ready.length === 0) return;
      for (const h of streams) if (h.carrier === null || !ready.includes(h.carrier)) carry(h);
    },
    detach(session: BrokerSession, streams: Iterable<Held>): void {
      ready = ready.filter((s) => s !== session);
      for (const h of streams) if (h.carrier === session) carry(h);
    },
  };
}

function newHeld(stream: BrokerStream): Held {
  return { stream, holders: new Map(), carrier: null, bars: [], pendingBars: [], replace: false, depth: null, depthDirty: false, prints: [], closing: null };
}

export function createStreamBook(options: StreamBookOptions): StreamBook {
  const { scheduler, emit } = options;
  const held = new Map<string, Held>();
  const carriers = createCarriers(options);
  const window = createFlushWindow(scheduler, options.flushMs ?? 16, (h) => emitWindow(emit, h));

  const drop = (h: Held): void => {
    if (h.closing !== null) scheduler.clear(h.closing);
    h.closing = null;
    held.delete(h.stream.key);
    window.forget(h);
    carriers.release(h);
  };

  const unheld = (h: Held): void => {
    const linger = h.stream.kind === 'bars' ? (options.barsLingerMs ?? BARS_LINGER_MS) : 0;
    if (linger <= 0) drop(h);
    else if (h.closing === null) h.closing = scheduler.setTimeout(() => drop(h), linger);
  };

  /** The held stream a broker report is for, marked for the next window. */
  const report = (key: string, apply: (h: Held) => void): void => {
    const h = held.get(key);
    if (!h) return;
    apply(h);
    window.mark(h);
  };

  return {
    subscribe(clientId, stream) {
      let h = held.get(stream.key);
      if (!h) {
        h = newHeld(stream);
        held.set(stream.key, h);
        carriers.carry(h);
      } else {
        if (h.closing !== null) scheduler.clear(h.closing);
        h.closing = null;
        // A second panel on the same stream (or one shown again): send it what is known now.
        if (h.bars.length > 0) h.replace = true;
        if (h.depth) h.depthDirty = true;
        if (h.replace || h.depthDirty) window.mark(h);
      }
      h.holders.set(clientId, (h.holders.get(clientId) ?? 0) + 1);
      return stream.key;
    },
    unsubscribe(clientId, key) {
      const h = held.get(key);
      const count = h?.holders.get(clientId);
      if (!h || count === undefined) return false;
      if (count > 1) h.holders.set(clientId, count - 1);
      else h.holders.delete(clientId);
      if (h.holders.size === 0) unheld(h);
      return true;
    },
    releaseClient(clientId) {
      for (const h of [...held.values()]) if (h.holders.delete(clientId) && h.holders.size === 0) unheld(h);
    },
    setReadySessions: (next) => carriers.setReady(next, held.values()),
    detachSession: (session) => carriers.detach(session, held.values()),
    onBars: (key, bars, replace) => report(key, (h) => takeBars(h, bars, replace)),
    onDepth: (key, book) => report(key, (h) => takeDepth(h, book)),
    onPrint: (key, print) => report(key, (h) => takePrint(h, print)),
    onStatus(key, status) {
      const h = held.get(key);
      if (h) statusOf(emit, h, status);
    },
    keys: () => [...held.keys()],
    stop() {
      for (const h of held.values()) if (h.closing !== null) scheduler.clear(h.closing);
      window.stop();
    },
  };
}
