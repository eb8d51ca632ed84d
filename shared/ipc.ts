// The contract between main and renderer: every command (renderer -> main) with
// its request and result, every event (main -> renderer) with its payload.
// Preload, WebSocket transport, host dispatcher and renderer bridge are all typed
// from these two maps, so adding a command is one entry here plus its handler.

import type {
  AccountValue,
  ConnectionState,
  Fill,
  Instrument,
  LogEntry,
  Order,
  OrderRequest,
  Position,
  Quote,
  Settings,
  Snapshot,
} from './model';

export type ErrorCode =
  | 'invalid-payload'
  | 'unknown-command'
  | 'order-refused'
  | 'not-connected'
  | 'unknown-account'
  | 'symbol-unknown'
  | 'symbol-ambiguous'
  | 'timeout'
  | 'not-found'
  | 'broker-error'
  | 'settings-invalid'
  | 'internal';

export interface AppError {
  code: ErrorCode;
  /** A sentence a trader can act on; shown verbatim (e.g. after "Order Error: "). */
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = <T = never>(code: ErrorCode, message: string): Result<T> => ({
  ok: false,
  error: { code, message },
});

export interface Commands {
  /** Full state for a renderer that just (re)connected. */
  'app.snapshot': { request: Record<string, never>; result: Snapshot };
  /** Final validation in main, then send. Answers the broker's order id. */
  'order.place': { request: { order: OrderRequest }; result: { key: string; orderId: number } };
  'order.cancel': { request: { account: string; orderId: number }; result: null };
  /** Cancel every working order of one account, or of all accounts when account is absent. */
  'order.cancelAll': { request: { account?: string }; result: { requested: number } };
  /** Resolve a typed symbol through the registry (cache, then broker). */
  'symbol.resolve': { request: { symbol: string }; result: Instrument };
  /** Reference-counted per renderer: the quote streams while any panel holds it. */
  'quotes.subscribe': { request: { symbol: string }; result: Instrument };
  'quotes.unsubscribe': { request: { symbol: string }; result: null };
  'watchlist.set': { request: { symbols: string[] }; result: string[] };
  'settings.get': { request: Record<string, never>; result: Settings };
  /** Replace the settings as a whole; refused with a reason when invalid. */
  'settings.update': { request: { settings: Settings }; result: Settings };
  'session.connect': { request: { account: string }; result: null };
  'session.disconnect': { request: { account: string }; result: null };
  /** A Webull account's app secret: kept by the host's secret store, never in settings or echoed back. */
  'secret.set': { request: { account: string; secret: string }; result: null };
}

/** An application-menu item the user picked (desktop app only; browser mode has no menu). */
export type MenuAction = 'focus-command-line' | 'new-order' | 'cancel-all';

export interface Events {
  connection: ConnectionState;
  /** One batch per coalescing window: the latest quote of every symbol that ticked. */
  quotes: Quote[];
  order: Order;
  fill: Fill;
  position: Position;
  account: AccountValue;
  log: LogEntry;
  settings: Settings;
  /** Sent by the Electron shell, not the host: the renderer performs the action as if keyed. */
  menu: { action: MenuAction };
}

export type CommandName = keyof Commands;
export type EventName = keyof Events;
export type CommandRequest<C extends CommandName> = Commands[C]['request'];
export type CommandResult<C extends CommandName> = Commands[C]['result'];
export type EventPayload<E extends EventName> = Events[E];

/** Every command name, for transports and tests that must cover them all. */
export const COMMAND_NAMES = [
  'app.snapshot',
  'order.place',
  'order.cancel',
  'order.cancelAll',
  'symbol.resolve',
  'quotes.subscribe',
  'quotes.unsubscribe',
  'watchlist.set',
  'settings.get',
  'settings.update',
  'session.connect',
  'session.disconnect',
  'secret.set',
] as const satisfies readonly CommandName[];

export const EVENT_NAMES = [
  'connection',
  'quotes',
  'order',
  'fill',
  'position',
  'account',
  'log',
  'settings',
  'menu',
] as const satisfies readonly EventName[];

/** What the renderer sees as window.janus, whichever transport is behind it. */
export interface JanusBridge {
  invoke<C extends CommandName>(command: C, request: CommandRequest<C>): Promise<Result<CommandResult<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Who sent a command: lets the host release a renderer's quote subscriptions when it goes away. */
export interface CommandContext {
  clientId: string;
}

/** The host's side of the contract, implemented once and served by every transport. */
export type CommandHandlers = {
  [C in CommandName]: (request: CommandRequest<C>, context: CommandContext) => Promise<Result<CommandResult<C>>>;
};

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** What a transport needs from the host. */
export interface HostPort {
  handlers: CommandHandlers;
  /** Subscribe to every event; returns the unsubscribe function. */
  onEvent(listener: EventListener): () => void;
  /** A renderer went away: drop what it held (quote subscriptions). */
  releaseClient(clientId: string): void;
}

// Browser mode: the same contract over one WebSocket at WS_PATH?token=TOKEN.
export const WS_PATH = '/ws';

export type ClientFrame = { type: 'invoke'; id: number; command: string; request: unknown };

export type ServerFrame =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; event: EventName; payload: unknown };
