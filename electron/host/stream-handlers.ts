// The market-view commands: a panel holds a stream (bars of a bar size, depth,
// tape) of a symbol as typed; the symbol is resolved like quotes are, and the
// stream is keyed by conId so two spellings of one symbol share one stream.

import { err, ok, type CommandHandlers } from '../../shared/ipc';
import { streamKey, type StreamRequest } from '../../shared/market-view';
import type { Instrument } from '../../shared/model';
import type { BrokerStream } from './broker';
import { createKeyedSerial } from './keyed-serial';
import type { SessionManager } from './session-manager';
import type { StreamBook } from './stream-book';
import type { SymbolRegistry } from './symbol-registry';

export interface StreamHandlerDeps {
  readonly symbols: SymbolRegistry;
  sessions: SessionManager;
  streams: StreamBook;
}

export function brokerStreamFor(request: StreamRequest, instrument: Instrument): BrokerStream {
  return request.kind === 'bars'
    ? { key: streamKey('bars', instrument.conId, request.barSize), kind: 'bars', instrument, barSize: request.barSize }
    : { key: streamKey(request.kind, instrument.conId), kind: request.kind, instrument };
}

/** One client's commands for one stream as typed, in arrival order (an unsubscribe never overtakes its subscribe). */
function orderKey(clientId: string, stream: StreamRequest): string {
  return `${clientId}\u0000${stream.kind}\u0000${stream.symbol.trim().toUpperCase()}\u0000${stream.kind === 'bars' ? stream.barSize : ''}`;
}

export function createStreamHandlers(deps: StreamHandlerDeps): Pick<CommandHandlers, 'stream.subscribe' | 'stream.unsubscribe'> {
  const serial = createKeyedSerial();
  return {
    'stream.subscribe': ({ stream }, context) => serial(orderKey(context.clientId, stream), async () => {
      const resolved = await deps.symbols.resolve(stream.symbol, deps.sessions.lookupSession());
      if (!resolved.ok) return resolved;
      const key = deps.streams.subscribe(context.clientId, brokerStreamFor(stream, resolved.value));
      return ok({ key, instrument: resolved.value });
    }),
    'stream.unsubscribe': ({ stream }, context) => serial(orderKey(context.clientId, stream), async () => {
      const resolved = await deps.symbols.resolve(stream.symbol, deps.sessions.lookupSession());
      if (!resolved.ok) return resolved;
      const key = brokerStreamFor(stream, resolved.value).key;
      if (!deps.streams.unsubscribe(context.clientId, key)) return err('not-found', `${key} is not subscribed`);
      return ok(null);
    }),
  };
}
