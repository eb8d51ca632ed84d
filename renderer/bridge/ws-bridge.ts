// Browser mode's bridge: the JanusBridge contract over one WebSocket
// (ClientFrame up, ServerFrame down). It reconnects with backoff, reports the
// link's state for the "UI link lost" banner, and tells its owner after every
// (re)connect so the whole state is re-fetched with app.snapshot.
//
// Commands are never queued while the link is down: an order typed during an
// outage is refused at once, not sent minutes later behind the trader's back.

import {
  EVENT_NAMES,
  err,
  type CommandName,
  type CommandRequest,
  type CommandResult,
  type EventName,
  type JanusBridge,
  type Result,
  type ServerFrame,
} from '../../shared/ipc';
import { createEventFanout, createPendingCalls, listenerSet } from './bridge-calls';

/** The part of the browser's WebSocket this bridge uses (a fake in tests). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}

export type SocketFactory = (url: string) => SocketLike;

export interface BridgeTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): number;
  clearTimeout(handle: number): void;
}

export type LinkState = 'connecting' | 'open' | 'down';

export interface LinkStatus {
  state: LinkState;
  /** Epoch ms of the next connect attempt while down. */
  retryAt: number | null;
  /** Failed attempts since the link was last open. */
  failures: number;
  /** Why the link is down, in words. */
  reason: string | null;
}

export interface WsBridgeOptions {
  url: string;
  createSocket: SocketFactory;
  timers: BridgeTimers;
  /** Backoff steps in ms; the last one repeats. */
  backoffMs?: readonly number[];
  /** An invoke with no answer after this long fails with a timeout. */
  invokeTimeoutMs?: number;
}

export interface WsBridge extends JanusBridge {
  /** Called after every successful (re)connect. */
  onOpen(listener: () => void): () => void;
  onLinkStatus(listener: (status: LinkStatus) => void): () => void;
  linkStatus(): LinkStatus;
  /** Start connecting (idempotent). */
  start(): void;
  /** Close for good: no more reconnects. */
  stop(): void;
}

const OPEN = 1;
const DEFAULT_BACKOFF = [250, 500, 1000, 2000, 4000, 5000] as const;
const eventNames: ReadonlySet<string> = new Set(EVENT_NAMES);

/** Parses one server frame; null (and a reason) when the bytes are not a frame we know. */
export function parseServerFrame(data: unknown): { frame: ServerFrame } | { error: string } {
  if (typeof data !== 'string') return { error: 'frame is not text' };
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return { error: 'frame is not JSON' };
  }
  if (typeof value !== 'object' || value === null) return { error: 'frame is not an object' };
  const frame = value as Record<string, unknown>;
  if (frame.type === 'result') {
    const result = frame.result as Record<string, unknown> | null | undefined;
    if (typeof frame.id !== 'number' || typeof result !== 'object' || result === null || typeof result.ok !== 'boolean') {
      return { error: 'result frame without id or result' };
    }
    if (result.ok === false) {
      const e = result.error as Record<string, unknown> | null | undefined;
      if (typeof e !== 'object' || e === null || typeof e.message !== 'string') {
        return { error: 'error result without a message' };
      }
    }
    return { frame: { type: 'result', id: frame.id, result: result as Result<unknown> } };
  }
  if (frame.type === 'event') {
    if (typeof frame.event !== 'string' || !eventNames.has(frame.event)) return { error: `unknown event ${String(frame.event)}` };
    return { frame: { type: 'event', event: frame.event as EventName, payload: frame.payload } };
  }
  return { error: `unknown frame type ${String(frame.type)}` };
}

/** The link's state and who watches it. */
function createLinkStatus() {
  const listeners = listenerSet<(s: LinkStatus) => void>();
  let status: LinkStatus = { state: 'down', retryAt: null, failures: 0, reason: 'not started' };
  return {
    get: (): LinkStatus => status,
    set(next: LinkStatus): void {
      status = next;
      for (const l of listeners.each()) l(status);
    },
    on: listeners.add,
  };
}

/** One server frame to its place: an answer to its call, an event to its listeners. */
function dispatchFrame(data: unknown, calls: ReturnType<typeof createPendingCalls>, events: ReturnType<typeof createEventFanout>): void {
  const parsed = parseServerFrame(data);
  if ('error' in parsed) {
    // A bad frame is dropped, never thrown: one garbled message must not take the UI down.
    console.warn(`Janus bridge: dropped a frame (${parsed.error})`);
    return;
  }
  const frame = parsed.frame;
  if (frame.type === 'result') calls.answer(frame.id, frame.result);
  else events.deliver(frame.event, frame.payload);
}

/**
 * Wires one socket's events. `current()` says whether it is still the bridge's socket: a
 * replaced one is ignored. Close and error both end it, once.
 */
function wireSocket(s: SocketLike, current: () => boolean, on: { open(): void; message(data: unknown): void; gone(): void }): void {
  let closed = false;
  s.onopen = () => {
    if (current()) on.open();
  };
  s.onmessage = (ev) => {
    if (current()) on.message(ev.data);
  };
  const onGone = (): void => {
    if (closed || !current()) return;
    closed = true;
    on.gone();
  };
  s.onclose = onGone;
  s.onerror = onGone;
}

export function createWsBridge(options: WsBridgeOptions): WsBridge {
  const { url, createSocket, timers } = options;
  const backoff = options.backoffMs ?? DEFAULT_BACKOFF;
  const calls = createPendingCalls(timers, options.invokeTimeoutMs ?? 15_000);
  const events = createEventFanout();
  const openListeners = listenerSet<() => void>();
  const link = createLinkStatus();
  const setStatus = link.set;
  let socket: SocketLike | null = null;
  let stopped = true;
  let retryTimer: number | null = null;

  const scheduleRetry = (reason: string): void => {
    if (stopped) return;
    const failures = link.get().failures + 1;
    const delay = backoff[Math.min(failures - 1, backoff.length - 1)] ?? 5000;
    setStatus({ state: 'down', retryAt: timers.now() + delay, failures, reason });
    retryTimer = timers.setTimeout(() => {
      retryTimer = null;
      connect();
    }, delay);
  };

  function connect(): void {
    if (stopped) return;
    setStatus({ ...link.get(), state: 'connecting', retryAt: null });
    let s: SocketLike;
    try {
      s = createSocket(url);
    } catch (e) {
      scheduleRetry(e instanceof Error ? e.message : 'cannot open the link');
      return;
    }
    socket = s;
    wireSocket(s, () => socket === s, {
      open() {
        setStatus({ state: 'open', retryAt: null, failures: 0, reason: null });
        for (const l of openListeners.each()) l();
      },
      message: (data) => dispatchFrame(data, calls, events),
      gone() {
        socket = null;
        calls.failAll('UI link lost before the host answered; check the Orders panel before retrying');
        scheduleRetry('connection to the workstation host closed');
      },
    });
  }

  return {
    invoke<C extends CommandName>(command: C, request: CommandRequest<C>): Promise<Result<CommandResult<C>>> {
      const s = socket;
      if (!s || s.readyState !== OPEN || link.get().state !== 'open') {
        return Promise.resolve(err('internal', 'UI link lost: not connected to the workstation host'));
      }
      return calls.call(command, request, (text) => s.send(text));
    },
    on: events.on,
    onOpen: openListeners.add,
    onLinkStatus: link.on,
    linkStatus: link.get,
    start() {
      if (!stopped) return;
      stopped = false;
      connect();
    },
    stop() {
      stopped = true;
      if (retryTimer !== null) timers.clearTimeout(retryTimer);
      retryTimer = null;
      const s = socket;
      socket = null;
      calls.failAll('UI link closed');
      s?.close();
      setStatus({ state: 'down', retryAt: null, failures: 0, reason: 'closed' });
    },
  };
}

/** ws(s)://<page host>/ws: the token goes in the handshake's subprotocols, never in the URL. */
export function wsUrlFromLocation(location: { protocol: string; host: string }, path: string): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${path}`;
}
