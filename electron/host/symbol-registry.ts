// Symbol -> Instrument, resolved once through a broker session's contract
// details and kept in symbols.json so a restart needs no lookups. Lookups are
// shared per symbol and paced (at most `maxInFlight` at once) so a watchlist of
// 200 symbols never floods the gateway.

import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { err, ok, type Result } from '../../shared/ipc';
import type { Instrument } from '../../shared/model';
import { normalizeSymbol } from '../../shared/symbols';
import { createSerialFileWriter, nodeAtomicFs, type AtomicFs } from './atomic-file';
import type { BrokerSession, Scheduler } from './broker';

export const SYMBOLS_FILE = 'symbols.json';
export const DEFAULT_LOOKUP_TIMEOUT_MS = 5000;
export const DEFAULT_MAX_LOOKUPS_IN_FLIGHT = 4;

export interface SymbolRegistry {
  /** The cached instrument for user text, if it normalises and is known. */
  cached(input: string): Instrument | undefined;
  byConId(conId: number): Instrument | undefined;
  all(): Instrument[];
  /** Cache first, then one shared, paced lookup through `session`. Never rejects. */
  resolve(input: string, session: BrokerSession | null): Promise<Result<Instrument>>;
  /** Resolve every unknown symbol in the background; failures are logged, not thrown. */
  prefetch(symbols: Iterable<string>, session: BrokerSession): void;
  flush(): Promise<void>;
}

export interface SymbolRegistryOptions {
  dataDir: string;
  scheduler: Scheduler;
  log(level: 'info' | 'warn' | 'error', message: string): void;
  timeoutMs?: number;
  maxInFlight?: number;
  fs?: AtomicFs;
}

export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

function isInstrument(value: unknown): value is Instrument {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.symbol === 'string' &&
    typeof v.conId === 'number' &&
    Number.isInteger(v.conId) &&
    v.conId > 0 &&
    v.secType === 'STK' &&
    v.exchange === 'SMART' &&
    v.currency === 'USD' &&
    typeof v.primaryExchange === 'string' &&
    typeof v.minTick === 'number' &&
    v.minTick >= 0 &&
    typeof v.longName === 'string' &&
    (v.priceIncrements === undefined || isRule(v.priceIncrements))
  );
}

/** A cached market rule: levels with a finite low edge and a positive increment. */
function isRule(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.every((l: unknown) => {
      const level = l as Record<string, unknown> | null;
      return typeof level === 'object' && level !== null && typeof level.lowEdge === 'number' && Number.isFinite(level.lowEdge) &&
        typeof level.increment === 'number' && level.increment > 0;
    })
  );
}

const TIMED_OUT = Symbol('timed out');

/** What symbols.json holds; unreadable entries are skipped (and looked up again) with one warning. */
async function readSymbolCache(file: string, log: SymbolRegistryOptions['log']): Promise<Instrument[]> {
  const found: Instrument[] = [];
  try {
    const raw: unknown = JSON.parse(await fsp.readFile(file, 'utf8'));
    const list = Array.isArray(raw) ? raw : [];
    let skipped = Array.isArray(raw) ? 0 : 1;
    for (const item of list) {
      if (isInstrument(item)) found.push({ ...item });
      else skipped += 1;
    }
    if (skipped > 0) log('warn', `${SYMBOLS_FILE}: ignored ${skipped} unreadable entr${skipped === 1 ? 'y' : 'ies'}; they will be looked up again`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      log('warn', `${SYMBOLS_FILE} could not be read (${error instanceof Error ? error.message : String(error)}); symbols will be looked up again`);
    }
  }
  return found;
}

/**
 * Pacing: a slot is held from request to answer (or our timeout). With a
 * slot free the request goes out synchronously, without waiting a turn.
 */
function createLookupSlots(maxInFlight: number): { acquire(): Promise<void> | null; release(): void } {
  const waiting: Array<() => void> = [];
  let active = 0;
  return {
    acquire() {
      if (active < maxInFlight) {
        active += 1;
        return null;
      }
      return new Promise((resolve) => waiting.push(resolve));
    },
    release() {
      const next = waiting.shift();
      if (next) next();
      else active -= 1;
    },
  };
}

/** The broker's matches for a symbol -> the one instrument, or why there is none. Pure. */
function pickInstrument(symbol: string, matches: readonly Instrument[]): Result<Instrument> {
  const unique = [...new Map(matches.map((i) => [i.conId, i])).values()];
  const only = unique[0];
  if (only === undefined) return err('symbol-unknown', `unknown symbol "${symbol}": IB has no US stock by that name`);
  if (unique.length > 1) {
    const list = unique.map((i) => `${i.primaryExchange} conId ${i.conId}`).join(', ');
    return err('symbol-ambiguous', `"${symbol}" is ambiguous: ${unique.length} US stocks match (${list}); refusing it`);
  }
  return ok({ ...only, symbol });
}

/** One contract-details request, bounded by our own timeout as well as the session's. */
async function askBroker(
  session: BrokerSession,
  symbol: string,
  scheduler: Scheduler,
  timeoutMs: number,
  log: SymbolRegistryOptions['log'],
): Promise<Result<Instrument[]>> {
  let timer: ReturnType<Scheduler['setTimeout']> | null = null;
  try {
    const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = scheduler.setTimeout(() => resolve(TIMED_OUT), timeoutMs);
    });
    const request = session.lookupSymbol(symbol, timeoutMs);
    let answer: Instrument[] | typeof TIMED_OUT;
    try {
      answer = await Promise.race([request, timeout]);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (/time(d)?\s*out|within/i.test(message)) answer = TIMED_OUT;
      else return err('broker-error', `contract details for "${symbol}" failed: ${message}`);
    }
    if (answer === TIMED_OUT) {
      request.catch(() => {}); // a late rejection must not become unhandled
      const message = `no answer for ${symbol} contract details within ${formatSeconds(timeoutMs)}`;
      log('warn', message);
      return err('timeout', message);
    }
    return ok(answer);
  } finally {
    if (timer) scheduler.clear(timer);
  }
}

export async function openSymbolRegistry(options: SymbolRegistryOptions): Promise<SymbolRegistry> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_LOOKUP_TIMEOUT_MS;
  const maxInFlight = Math.max(1, options.maxInFlight ?? DEFAULT_MAX_LOOKUPS_IN_FLIGHT);
  const file = path.join(options.dataDir, SYMBOLS_FILE);
  const bySymbol = new Map<string, Instrument>();
  const byConId = new Map<number, Instrument>();
  const inFlight = new Map<string, Promise<Result<Instrument>>>();

  const remember = (instrument: Instrument): void => {
    bySymbol.set(instrument.symbol, instrument);
    byConId.set(instrument.conId, instrument);
  };

  for (const instrument of await readSymbolCache(file, options.log)) remember(instrument);

  const writer = createSerialFileWriter(
    file,
    (error) => options.log('error', `could not save ${SYMBOLS_FILE}: ${error instanceof Error ? error.message : String(error)}`),
    options.fs ?? nodeAtomicFs,
  );
  const persist = (): void => writer.write(`${JSON.stringify([...bySymbol.values()], null, 2)}\n`);

  const slots = createLookupSlots(maxInFlight);

  const lookup = async (symbol: string, session: BrokerSession): Promise<Result<Instrument>> => {
    const turn = slots.acquire();
    if (turn) await turn;
    try {
      const asked = await askBroker(session, symbol, options.scheduler, timeoutMs, options.log);
      if (!asked.ok) return asked;
      const picked = pickInstrument(symbol, asked.value);
      if (!picked.ok) {
        options.log('warn', picked.error.message);
        return picked;
      }
      const instrument = picked.value;
      remember(instrument);
      persist();
      return ok(instrument);
    } finally {
      slots.release();
    }
  };

  const registry: SymbolRegistry = {
    cached(input) {
      const n = normalizeSymbol(input);
      return n.ok ? bySymbol.get(n.symbol) : undefined;
    },
    byConId: (conId) => byConId.get(conId),
    all: () => [...bySymbol.values()],
    resolve(input, session) {
      const n = normalizeSymbol(input);
      if (!n.ok) return Promise.resolve(err('symbol-unknown', n.reason));
      const symbol = n.symbol;
      const known = bySymbol.get(symbol);
      if (known) return Promise.resolve(ok(known));
      const running = inFlight.get(symbol);
      if (running) return running;
      if (!session) return Promise.resolve(err('not-connected', `no connected account to look up "${symbol}"`));
      const promise = lookup(symbol, session).catch((error: unknown) =>
        err<Instrument>('internal', `looking up "${symbol}" failed: ${error instanceof Error ? error.message : String(error)}`),
      );
      inFlight.set(symbol, promise);
      void promise.finally(() => inFlight.delete(symbol));
      return promise;
    },
    prefetch(symbols, session) {
      for (const input of new Set(symbols)) {
        if (registry.cached(input)) continue;
        // Failures are already logged by lookup where a trader needs to see them.
        void registry.resolve(input, session);
      }
    },
    flush: () => writer.flush(),
  };
  return registry;
}
