// Browser mode: the host over HTTP + one WebSocket per page, on 127.0.0.1 only.
// Serves the built renderer (it holds no secret, so pages need no token) and
// upgrades WS_PATH. An upgrade needs the run's token in Sec-WebSocket-Protocol,
// our Host and our own Origin (see upgrade-gate.ts); no cookie is set or read.
// Commands go through the same dispatcher as Electron IPC; events are
// broadcast to every socket.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { EVENT_NAMES, WS_PATH, type EventName, type HostPort, type ServerFrame } from '../../shared/ipc';
import type { Quote } from '../../shared/model';
import { newAccessToken, pageUrl, selectProtocol } from './access-token';
import { contentSecurityPolicy, webSocketOriginsFor, withCspMeta } from './csp';
import type { Dispatcher } from './dispatch';
import { errorFrame, readClientFrame, resultFrame } from './frames';
import { QuoteBacklog } from './quote-backlog';
import { contentTypeOf, resolveStaticPath } from './static-files';
import { isOurHostHeader, upgradeRefusal } from './upgrade-gate';

export interface WsServerOptions {
  host: Pick<HostPort, 'onEvent' | 'releaseClient'>;
  dispatch: Dispatcher;
  /** Directory of the built renderer (out/renderer); null serves no pages (API only). */
  staticDir: string | null;
  /** 0 = any free port. Default 0. */
  port?: number;
  /** Default: a fresh random token. */
  token?: string;
  /** Bytes queued on a socket above which quote batches are merged, not sent. Default 1 MiB. */
  quoteBufferLimit?: number;
  /** Largest frame a client may send. Default 1 MiB. */
  maxFrameBytes?: number;
  /**
   * Bytes queued on a socket at which the page is cut off (it reconnects and
   * takes a fresh snapshot) rather than letting one stuck tab grow the host's
   * memory without bound. Default 64 MiB.
   */
  maxBufferedBytes?: number;
  log?(level: 'info' | 'warn' | 'error', message: string): void;
}

export interface WsServer {
  readonly port: number;
  readonly token: string;
  /** The link a user opens: http://127.0.0.1:PORT/#token=TOKEN (the fragment never reaches a server). */
  readonly url: string;
  clientCount(): number;
  close(): Promise<void>;
}

const BIND_HOST = '127.0.0.1';
const MiB = 1024 * 1024;

interface Client {
  readonly id: string;
  readonly socket: WebSocket;
  readonly quotes: QuoteBacklog;
}

const FORBIDDEN_TEXT = 'Forbidden: open Janus Workstation at 127.0.0.1 with the link printed when it started.\n';

function securityHeaders(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // Belt and braces: the token lives in the fragment, which a Referer never carries anyway.
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function plain(res: ServerResponse, status: number, text: string): void {
  securityHeaders(res);
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found' };

function refuseUpgrade(socket: Socket, status: number, sentence: string): void {
  const body = Buffer.from(`${sentence}\n`);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${body.length}\r\n\r\n${body.toString()}`,
  );
}

export async function startWsServer(options: WsServerOptions): Promise<WsServer> {
  const token = options.token ?? newAccessToken();
  const quoteBufferLimit = options.quoteBufferLimit ?? MiB;
  const maxBufferedBytes = options.maxBufferedBytes ?? 64 * MiB;
  const log = options.log ?? (() => {});
  const clients = new Set<Client>();
  let nextClient = 1;
  let port = 0;
  let csp = '';
  let metaCsp = '';

  const http = createServer((req, res) => {
    void serveHttp(req, res).catch((error: unknown) => {
      log('error', `HTTP ${req.url ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) plain(res, 500, 'Internal error.\n');
      else res.destroy();
    });
  });

  async function serveHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isOurHostHeader(req.headers.host, port)) return plain(res, 403, FORBIDDEN_TEXT);
    const url = new URL(req.url ?? '/', `http://${BIND_HOST}:${port}`);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return plain(res, 405, 'Method not allowed.\n');
    }
    if (url.pathname === WS_PATH) return plain(res, 426, 'Upgrade to WebSocket required.\n');
    if (options.staticDir === null) return plain(res, 404, 'Not found.\n');
    const file = resolveStaticPath(options.staticDir, url.pathname);
    if (file === null) return plain(res, 404, 'Not found.\n');
    let size: number;
    try {
      const info = await stat(file);
      if (!info.isFile()) return plain(res, 404, 'Not found.\n');
      size = info.size;
    } catch {
      // Browsers ask for /favicon.ico on their own; the page declares its icons, so answer quietly.
      if (url.pathname === '/favicon.ico') {
        securityHeaders(res);
        return void res.writeHead(204, { 'Cache-Control': 'no-cache' }).end();
      }
      return plain(res, 404, 'Not found.\n');
    }
    const type = contentTypeOf(file);
    securityHeaders(res);
    const headers: Record<string, string | number> = { 'Content-Type': type, 'Cache-Control': 'no-cache' };
    if (type.startsWith('text/html')) {
      // The build puts Electron's CSP meta tag in the page (no network at all);
      // here the page's meta must allow this server's WebSocket, like the header.
      const body = Buffer.from(withCspMeta(await readFile(file, 'utf8'), metaCsp));
      headers['Content-Security-Policy'] = csp;
      headers['Cache-Control'] = 'no-store';
      headers['Content-Length'] = body.length;
      res.writeHead(200, headers);
      return void res.end(req.method === 'HEAD' ? undefined : body);
    }
    headers['Content-Length'] = size;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') return void res.end();
    await new Promise<void>((resolvePipe, rejectPipe) => {
      const stream = createReadStream(file);
      stream.on('error', rejectPipe);
      res.on('close', () => resolvePipe());
      stream.pipe(res);
    });
  }

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxFrameBytes ?? MiB,
    handleProtocols: (protocols) => selectProtocol(protocols),
  });

  http.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const refusal = upgradeRefusal(
      { url: req.url, host: req.headers.host, origin: req.headers.origin, protocols: req.headers['sec-websocket-protocol'] },
      port,
      token,
    );
    if (refusal) {
      if (refusal.log) log('warn', refusal.log);
      return refuseUpgrade(socket, refusal.status, refusal.sentence);
    }
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws));
  });

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

  await new Promise<void>((resolveListen, rejectListen) => {
    http.once('error', rejectListen);
    http.listen(options.port ?? 0, BIND_HOST, () => {
      http.off('error', rejectListen);
      resolveListen();
    });
  });
  port = (http.address() as AddressInfo).port;
  csp = contentSecurityPolicy({ webSocketOrigins: webSocketOriginsFor(port) });
  metaCsp = contentSecurityPolicy({ webSocketOrigins: webSocketOriginsFor(port), forMeta: true });

  let closing: Promise<void> | null = null;
  return {
    port,
    token,
    url: pageUrl(BIND_HOST, port, token),
    clientCount: () => clients.size,
    close() {
      closing ??= (async () => {
        unsubscribe();
        for (const client of clients) client.socket.close(1001, 'Janus Workstation is shutting down');
        await new Promise<void>((resolveWss) => wss.close(() => resolveWss()));
        for (const client of clients) client.socket.terminate();
        http.closeAllConnections();
        await new Promise<void>((resolveHttp) => http.close(() => resolveHttp()));
      })();
      return closing;
    },
  };
}
