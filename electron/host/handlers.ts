// Every command of shared/ipc.ts. Payloads arrive schema-checked by the
// transport, but accounts and symbols may still be unknown: each case answers
// a specific error. A handler never throws; a bug answers `internal`.

import { COMMAND_NAMES, err, ok, type CommandContext, type CommandHandlers, type Result } from '../../shared/ipc';
import type { Settings, Snapshot } from '../../shared/model';
import { normalizeSymbol } from '../../shared/symbols';
import { createKeyedSerial } from './keyed-serial';
import type { OrderService } from './order-service';
import type { QuoteBook } from './quote-book';
import type { SessionManager } from './session-manager';
import type { SymbolRegistry } from './symbol-registry';

export interface HandlerDeps {
  snapshot(): Snapshot;
  orders: OrderService;
  symbols: SymbolRegistry;
  quotes: QuoteBook;
  sessions: SessionManager;
  settings(): Settings;
  /** Validate, persist, publish and reconcile sessions. */
  updateSettings(settings: unknown): Promise<Result<Settings>>;
  /** Keep a Webull account's app secret (never in settings) and connect it. */
  setSecret(account: string, secret: string): Promise<Result<null>>;
}

type LooseHandler = (request: unknown, context: CommandContext) => Promise<Result<unknown>>;

/** Catches what a handler throws and answers `internal` with the message. */
function guardAll(handlers: CommandHandlers): CommandHandlers {
  const guarded: Record<string, LooseHandler> = {};
  for (const name of COMMAND_NAMES) {
    const handler = handlers[name] as unknown as LooseHandler;
    guarded[name] = async (request, context) => {
      try {
        return await handler(request, context);
      } catch (error) {
        return err('internal', `${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
  }
  return guarded as unknown as CommandHandlers;
}

/** One client's quote commands for one symbol, keyed so they apply in order. */
function quoteKey(clientId: string, symbol: string): string {
  const n = normalizeSymbol(symbol);
  return `${clientId}\u0000${n.ok ? n.symbol : symbol}`;
}

export function createHandlers(deps: HandlerDeps): CommandHandlers {
  const inOrder = createKeyedSerial();
  return guardAll({
    'app.snapshot': async () => ok(deps.snapshot()),
    'order.place': async ({ order }) => deps.orders.place(order),
    'order.cancel': async ({ account, orderId }) => deps.orders.cancel(account, orderId),
    'order.cancelAll': async ({ account }) => deps.orders.cancelAll(account),
    'symbol.resolve': async ({ symbol }) =>
      deps.symbols.resolve(symbol, deps.sessions.lookupSession()),
    'quotes.subscribe': ({ symbol }, context) =>
      inOrder(quoteKey(context.clientId, symbol), async () => {
        const resolved = await deps.symbols.resolve(symbol, deps.sessions.lookupSession());
        if (!resolved.ok) return resolved;
        deps.quotes.subscribe(context.clientId, resolved.value);
        return resolved;
      }),
    'quotes.unsubscribe': ({ symbol }, context) =>
      inOrder(quoteKey(context.clientId, symbol), async () => {
        const n = normalizeSymbol(symbol);
        if (!n.ok) return err('symbol-unknown', n.reason);
        if (!deps.quotes.unsubscribe(context.clientId, n.symbol)) return err('not-found', `"${n.symbol}" is not subscribed`);
        return ok(null);
      }),
    'watchlist.set': async ({ symbols }) => {
      const list: string[] = [];
      for (const input of symbols) {
        const n = normalizeSymbol(input);
        if (!n.ok) return err('invalid-payload', `watchlist: ${n.reason}`);
        if (!list.includes(n.symbol)) list.push(n.symbol);
      }
      const updated = await deps.updateSettings({ ...deps.settings(), watchlist: list });
      if (!updated.ok) return updated;
      const session = deps.sessions.lookupSession();
      if (session) deps.symbols.prefetch(list, session);
      return ok(updated.value.watchlist);
    },
    'settings.get': async () => ok(deps.settings()),
    'settings.update': async ({ settings }) => deps.updateSettings(settings),
    'session.connect': async ({ account }) => deps.sessions.connect(account),
    'session.disconnect': async ({ account }) => deps.sessions.disconnect(account),
    'secret.set': async ({ account, secret }) => deps.setSecret(account, secret),
  });
}
