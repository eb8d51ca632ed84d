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

export function wsUrl(port: number, token: string): string {
  return `ws://127.0.0.1:${port}${WS_PATH}?token=${encodeURIComponent(token)}`;
}

export function connect(port: number, token: string, origin = `http://127.0.0.1:${port}`): Promise<TestClient> {
  const socket = new WebSocket(wsUrl(port, token), { origin });
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

/** Attempts an upgrade and answers the HTTP status it was refused with (or 101 when accepted). */
export function upgradeStatus(url: string, origin: string | undefined): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, origin === undefined ? {} : { origin });
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('error', () => resolve(-1));
  });
}
