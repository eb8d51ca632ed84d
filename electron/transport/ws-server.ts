// Browser mode: the host over HTTP + one WebSocket per page, on 127.0.0.1 only.
// Serves the built renderer (it holds no secret, so pages need no token) and
// upgrades WS_PATH. An upgrade needs the run's token in Sec-WebSocket-Protocol,
// our Host and our own Origin (see upgrade-gate.ts); no cookie is set or read.
// Commands go through the same dispatcher as Electron IPC; events are
// broadcast to every socket.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import type { HostPort } from '../../shared/ipc';
import { newAccessToken, pageUrl, selectProtocol } from './access-token';
import { contentSecurityPolicy, webSocketOriginsFor } from './csp';
import type { Dispatcher } from './dispatch';
import { BIND_HOST, plain, servePage, type PageContext } from './page-server';
import { createClientHub } from './ws-clients';
import { upgradeRefusal } from './upgrade-gate';

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

const MiB = 1024 * 1024;

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
  const log = options.log ?? (() => {});
  const hub = createClientHub({
    host: options.host,
    dispatch: options.dispatch,
    quoteBufferLimit: options.quoteBufferLimit ?? MiB,
    maxBufferedBytes: options.maxBufferedBytes ?? 64 * MiB,
    log,
  });
  // Known once listening; the page's CSP names this port.
  const page: PageContext = { port: 0, staticDir: options.staticDir, csp: '', metaCsp: '' };

  const http = createServer((req, res) => {
    void servePage(req, res, page).catch((error: unknown) => {
      log('error', `HTTP ${req.url ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) plain(res, 500, 'Internal error.\n');
      else res.destroy();
    });
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxFrameBytes ?? MiB,
    handleProtocols: (protocols) => selectProtocol(protocols),
  });

  http.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const refusal = upgradeRefusal(
      { url: req.url, host: req.headers.host, origin: req.headers.origin, protocols: req.headers['sec-websocket-protocol'] },
      page.port,
      token,
    );
    if (refusal) {
      if (refusal.log) log('warn', refusal.log);
      return refuseUpgrade(socket, refusal.status, refusal.sentence);
    }
    wss.handleUpgrade(req, socket, head, (ws) => hub.accept(ws));
  });

  await new Promise<void>((resolveListen, rejectListen) => {
    http.once('error', rejectListen);
    http.listen(options.port ?? 0, BIND_HOST, () => {
      http.off('error', rejectListen);
      resolveListen();
    });
  });
  const port = (http.address() as AddressInfo).port;
  page.port = port;
  page.csp = contentSecurityPolicy({ webSocketOrigins: webSocketOriginsFor(port) });
  page.metaCsp = contentSecurityPolicy({ webSocketOrigins: webSocketOriginsFor(port), forMeta: true });

  let closing: Promise<void> | null = null;
  return {
    port,
    token,
    url: pageUrl(BIND_HOST, port, token),
    clientCount: () => hub.clients().size,
    close() {
      closing ??= (async () => {
        hub.unsubscribe();
        for (const client of hub.clients()) client.socket.close(1001, 'Janus Workstation is shutting down');
        await new Promise<void>((resolveWss) => wss.close(() => resolveWss()));
        for (const client of hub.clients()) client.socket.terminate();
        http.closeAllConnections();
        await new Promise<void>((resolveHttp) => http.close(() => resolveHttp()));
      })();
      return closing;
    },
  };
}
