// Browser mode's WebSocket clients: one per page, commands in through the
// dispatcher, the host's events out to every page. Quotes are merged while a
// socket is congested; a page that stops reading is cut off (it reconnects and
// takes a fresh snapshot) rather than growing the host's memory.
import type { RawData, WebSocket } from 'ws';
import { EVENT_NAMES, type EventName, type HostPort, type ServerFrame } from '../../shared/ipc';
import type { Quote } from '../../shared/model';
import type { Dispatcher } from './dispatch';
import { errorFrame, readClientFrame, resultFrame } from './frames';
import { QuoteBacklog } from './quote-backlog';

export interface ClientHubOptions {
  host: Pick<HostPort, 'onEvent' | 'releaseClient'>;
  dispatch: Dispatcher;
  /** Bytes queued on a socket above which quote batches are merged, not sent. */
  quoteBufferLimit: number;
  /** Bytes queued on a socket at which the page is cut off. */
  maxBufferedBytes: number;
  log(level: 'info' | 'warn' | 'error', message: string): void;
}

export interface ClientHub {
  /** A socket the upgrade gate let in. */
  accept(socket: WebSocket): void;
  clients(): ReadonlySet<Client>;
  /** Stops broadcasting the host's events. */
  unsubscribe(): void;
}

export interface Client {
  readonly id: string;
  readonly socket: WebSocket;
  readonly quotes: QuoteBacklog;
}

export function createClientHub(options: ClientHubOptions): ClientHub {
  const { quoteBufferLimit, maxBufferedBytes, log } = options;
  const clients = new Set<Client>();
  let nextClient = 1;

  function send(client: Client, text: string): void {
    if (client.socket.readyState !== client.socket.OPEN) return;
    if (client.socket.bufferedAmount > maxBufferedBytes) {
      log('warn', `WebSocket ${client.id} is not reading (${client.socket.bufferedAmount} bytes queued): disconnecting it; it will reconnect and resynchronise.`);
      client.socket.terminate();
      return;
    }
    client.socket.send(text, (error) => {
      if (error) return;
      // A write finished: if quotes were held back and the socket has drained, send them now.
      if (!client.quotes.isEmpty && client.socket.bufferedAmount <= quoteBufferLimit) {
        const held = client.quotes.drain();
        if (held) send(client, JSON.stringify({ type: 'event', event: 'quotes', payload: held } satisfies ServerFrame));
      }
    });
  }

  function sendFrame(client: Client, frame: ServerFrame): void {
    send(client, JSON.stringify(frame));
  }

  function accept(socket: WebSocket): void {
    const client: Client = { id: `ws:${nextClient++}`, socket, quotes: new QuoteBacklog() };
    clients.add(client);
    socket.on('message', (data: RawData, isBinary: boolean) => onMessage(client, data, isBinary));
    socket.on('error', (error) => log('warn', `WebSocket ${client.id}: ${error.message}`));
    socket.on('close', () => {
      clients.delete(client);
      try {
        options.host.releaseClient(client.id);
      } catch (error) {
        log('error', `Releasing ${client.id} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  }

  function onMessage(client: Client, data: RawData, isBinary: boolean): void {
    if (isBinary) return sendFrame(client, errorFrame(null, 'Malformed frame: expected text, got binary.'));
    const text = Array.isArray(data)
      ? Buffer.concat(data).toString('utf8')
      : Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(new Uint8Array(data)).toString('utf8');
    const reading = readClientFrame(text);
    if (!reading.ok) return sendFrame(client, errorFrame(reading.id, reading.message));
    const { id, command, request } = reading.frame;
    void options.dispatch(command, request, { clientId: client.id }).then((result) => sendFrame(client, resultFrame(id, result)));
  }

  const knownEvents: ReadonlySet<string> = new Set(EVENT_NAMES);
  function broadcast(event: EventName, payload: unknown): void {
    if (!knownEvents.has(event) || clients.size === 0) return;
    if (event === 'quotes') {
      for (const client of clients) {
        const congested = client.socket.bufferedAmount > quoteBufferLimit;
        const batch = client.quotes.offer(payload as Quote[], congested);
        if (batch) sendFrame(client, { type: 'event', event: 'quotes', payload: batch });
      }
      return;
    }
    // Serialised once for every client; never dropped.
    const text = JSON.stringify({ type: 'event', event, payload } satisfies ServerFrame);
    for (const client of clients) send(client, text);
  }

  const unsubscribe = options.host.onEvent((event: EventName, payload) => {
    // This runs inside the host's emit: a fault here must not reach the host.
    try {
      broadcast(event, payload);
    } catch (error) {
      log('error', `Could not broadcast ${event}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });

  return { accept, clients: () => clients, unsubscribe };
}
