// A browser-mode client for tests: the real `ws` client, collecting frames.
import { WebSocket } from 'ws';
import { WS_PATH, type ServerFrame } from '../../../shared/ipc';

export interface TestClient {
  readonly socket: WebSocket;
  readonly frames: ServerFrame[];
  /** Resolves with the first collected frame matching, waiting for it if needed. */
  next(match: (frame: ServerFrame) => boolean): Promise<ServerFrame>;
  invoke(id: number, command: string, request: unknown): Promise<ServerFrame>;
  close(): Promise<void>;
}

export function wsUrl(port: number): string {
  return `ws://127.0.0.1:${port}${WS_PATH}`;
}

/** The subprotocols the page offers: the app's and the token's (see renderer/bridge/page-token.ts). */
export function tokenProtocols(token: string): string[] {
  return ['janus.v1', `janus.token.${token}`];
}

export function connect(port: number, token: string, origin = `http://127.0.0.1:${port}`): Promise<TestClient> {
  const socket = new WebSocket(wsUrl(port), tokenProtocols(token), { origin });
  const frames: ServerFrame[] = [];
  const waiters: { match: (frame: ServerFrame) => boolean; resolve: (frame: ServerFrame) => void }[] = [];
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as ServerFrame;
    frames.push(frame);
    for (const waiter of [...waiters]) {
      if (waiter.match(frame)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(frame);
      }
    }
  });
  const client: TestClient = {
    socket,
    frames,
    next(match) {
      const found = frames.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
    invoke(id, command, request) {
      socket.send(JSON.stringify({ type: 'invoke', id, command, request }));
      return client.next((frame) => frame.type === 'result' && frame.id === id);
    },
    close() {
      if (socket.readyState === socket.CLOSED) return Promise.resolve();
      return new Promise((resolve) => {
        socket.once('close', () => resolve());
        socket.close();
      });
    },
  };
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(client));
    socket.once('error', reject);
  });
}

export interface UpgradeAnswer {
  /** 101 when accepted, else the HTTP status it was refused with; -1 on a socket error. */
  status: number;
  /** The refusal's body sentence, or the protocol the server selected when accepted. */
  text: string;
}

export interface UpgradeAttempt {
  origin?: string;
  protocols?: string[];
  headers?: Record<string, string>;
  url?: string;
}

/** Attempts an upgrade and answers how it went. */
export function tryUpgrade(port: number, attempt: UpgradeAttempt): Promise<UpgradeAnswer> {
  return new Promise((resolve) => {
    const options = { ...(attempt.origin === undefined ? {} : { origin: attempt.origin }), headers: attempt.headers ?? {} };
    const socket = new WebSocket(attempt.url ?? wsUrl(port), attempt.protocols ?? [], options);
    socket.once('open', () => {
      resolve({ status: 101, text: socket.protocol });
      socket.close();
    });
    socket.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, text: body.trim() });
        socket.terminate();
      });
    });
    socket.once('error', () => resolve({ status: -1, text: '' }));
  });
}
