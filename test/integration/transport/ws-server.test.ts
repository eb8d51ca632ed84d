import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tcpConnect, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_NAMES, EVENT_NAMES, type ServerFrame } from '../../../shared/ipc';
import type { Quote } from '../../../shared/model';
import { createDispatcher } from '../../../electron/transport/dispatcher';
import { REFUSED_HOST, REFUSED_ORIGIN, REFUSED_TOKEN } from '../../../electron/transport/upgrade-gate';
import { startWsServer, type WsServer } from '../../../electron/transport/ws-server';
import { createEchoHost, EVENT_PAYLOADS, VALID_REQUESTS, type EchoHost } from './echo-host';
import { connect, tokenProtocols, tryUpgrade, wsUrl, type TestClient } from './ws-client';

interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

// As scripts/build.mjs leaves it: Electron's CSP meta tag (no network) in the page.
const INDEX_HTML =
  '<!doctype html><html><head>\n    <meta http-equiv="Content-Security-Policy" content="default-src \'none\'; connect-src \'none\'">' +
  '<script type="module" src="./assets/app.js"></script></head><body></body></html>';

let staticDir: string;
let host: EchoHost;
let server: WsServer;
const clients: TestClient[] = [];

async function client(): Promise<TestClient> {
  const c = await connect(server.port, server.token);
  clients.push(c);
  return c;
}

beforeAll(() => {
  staticDir = mkdtempSync(join(tmpdir(), 'janus-ws-'));
  writeFileSync(join(staticDir, 'index.html'), INDEX_HTML);
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log("janus");');
  writeFileSync(join(staticDir, '.secret'), 'nope');
});

afterAll(() => rmSync(staticDir, { recursive: true, force: true }));

const serverLog: string[] = [];

async function startServer(limits: { quoteBufferLimit?: number; maxBufferedBytes?: number } = {}): Promise<void> {
  host = createEchoHost();
  serverLog.length = 0;
  server = await startWsServer({ host, dispatch: createDispatcher(host), staticDir, ...limits, log: (level, message) => serverLog.push(`${level}: ${message}`) });
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await server.close();
});

describe('WebSocket transport: commands and events', () => {
  it('round-trips every command to the host and answers its Result', async () => {
    await startServer();
    const c = await client();
    let id = 1;
    for (const command of COMMAND_NAMES) {
      const frame = await c.invoke(id, command, VALID_REQUESTS[command]);
      expect(frame).toEqual({
        type: 'result',
        id,
        result: { ok: true, value: { echo: command, request: VALID_REQUESTS[command], clientId: 'ws:1' } },
      });
      id += 1;
    }
    expect(host.calls.map((call) => call.command)).toEqual([...COMMAND_NAMES]);
  });

  it('delivers every event to every connected page', async () => {
    await startServer();
    const [a, b] = [await client(), await client()];
    for (const event of EVENT_NAMES) host.emit(event, EVENT_PAYLOADS[event]);
    for (const c of [a, b]) {
      for (const event of EVENT_NAMES) {
        const frame = await c.next((f) => f.type === 'event' && f.event === event);
        expect(frame).toEqual({ type: 'event', event, payload: EVENT_PAYLOADS[event] });
      }
      expect(c.frames.map((f) => (f.type === 'event' ? f.event : 'result'))).toEqual([...EVENT_NAMES]);
    }
  });

  it('refuses a malformed payload naming the field, without calling the host', async () => {
    await startServer();
    const c = await client();
    const bad = { order: { ...VALID_REQUESTS['order.place'].order, quantity: 'lots' } };
    const frame = await c.invoke(5, 'order.place', bad);
    expect(frame).toEqual({
      type: 'result', id: 5, result: { ok: false, error: { code: 'invalid-payload', message: 'order.quantity: expected a number, got "lots"' } },
    });
    const missing = await c.invoke(6, 'order.cancel', { account: 'main' });
    expect(missing).toEqual({
      type: 'result', id: 6, result: { ok: false, error: { code: 'invalid-payload', message: 'orderId: expected a number, got nothing' } },
    });
    expect(host.calls).toEqual([]);
  });

  it('answers unknown commands and malformed frames with an error and keeps serving', async () => {
    await startServer();
    const c = await client();
    expect(await c.invoke(1, 'orders.delete_everything', {})).toEqual({
      type: 'result', id: 1, result: { ok: false, error: { code: 'unknown-command', message: 'Unknown command "orders.delete_everything".' } },
    });
    c.socket.send('{this is not json');
    expect(await c.next((f) => f.type === 'result' && f.id === -1)).toEqual({
      type: 'result', id: -1, result: { ok: false, error: { code: 'invalid-payload', message: 'Malformed frame: not valid JSON.' } },
    });
    c.socket.send(JSON.stringify({ type: 'subscribe', id: 9, command: 'x' }));
    expect(await c.next((f) => f.type === 'result' && f.id === 9)).toEqual({
      type: 'result', id: 9, result: { ok: false, error: { code: 'invalid-payload', message: 'Malformed frame: "type" must be "invoke", got "subscribe".' } },
    });
    c.socket.send(Buffer.from([1, 2, 3]), { binary: true });
    await c.next((f) => f.type === 'result' && f.id === -1 && !f.result.ok && f.result.error.message.includes('binary'));
    expect(host.calls).toEqual([]);
    const after = await c.invoke(10, 'settings.get', {});
    expect(after.type === 'result' && after.result.ok).toBe(true);
  });

  it('releases a page\'s client id in the host when its socket closes', async () => {
    await startServer();
    const c = await client();
    await c.invoke(1, 'quotes.subscribe', { symbol: 'AAPL' });
    await c.close();
    await expect.poll(() => host.released).toEqual(['ws:1']);
    expect(server.clientCount()).toBe(0);
  });

  it('stops listening to host events once closed', async () => {
    await startServer();
    expect(host.listenerCount()).toBe(1);
    await server.close();
    expect(host.listenerCount()).toBe(0);
  });
});

/** Writes raw bytes to the server and answers whatever it sends back before closing. */
function raw(port: number, bytes: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = tcpConnect(port, '127.0.0.1', () => socket.end(bytes));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('close', () => resolve(answer));
    socket.on('error', () => resolve(answer));
  });
}

describe('WebSocket transport: access control', () => {
  it('survives garbage and half-formed upgrades, then serves a real page normally', async () => {
    await startServer();
    const { port, token } = server;
    const host = `Host: 127.0.0.1:${port}\r\nSec-WebSocket-Protocol: janus.v1, janus.token.${token}\r\n`;
    expect(await raw(port, 'garbage\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    const upgrade = `Upgrade: websocket\r\nConnection: Upgrade\r\nOrigin: http://127.0.0.1:${port}\r\n`;
    // Right token and origin, but no Sec-WebSocket-Key: ws answers 400 itself.
    expect(await raw(port, `GET /ws HTTP/1.1\r\n${host}${upgrade}\r\n`)).toMatch(/^HTTP\/1\.1 400/);
    expect(await raw(port, `GET /elsewhere HTTP/1.1\r\n${host}${upgrade}Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`)).toMatch(/^HTTP\/1\.1 404/);
    const c = await client();
    const answer = await c.invoke(1, 'settings.get', {});
    expect(answer.type === 'result' && answer.result.ok).toBe(true);
  });


  it('serves the page (which holds no secret) without the token, with a strict CSP and no cookie', async () => {
    await startServer();
    const { port } = server;
    const page = await get(port, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script type="module" src="./assets/app.js"></script>');
    // The page's own meta policy now allows this server's WebSocket (Electron's would block it).
    expect(page.body.match(/Content-Security-Policy/g)).toHaveLength(1);
    expect(page.body).toContain(`connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`);
    expect(page.headers['content-length']).toBe(String(Buffer.byteLength(page.body)));
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain(`connect-src 'self' ws://127.0.0.1:${port}`);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['set-cookie']).toBeUndefined();
    const asset = await get(port, '/assets/app.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.body).toBe('console.log("janus");');
    expect(asset.headers['set-cookie']).toBeUndefined();
    expect((await get(port, '/.secret')).status).toBe(404);
    expect((await get(port, '/missing.js')).status).toBe(404);
    expect((await get(port, '/favicon.ico')).status).toBe(204);
    expect((await get(port, '/ws')).status).toBe(426);
  });

  it('refuses a foreign Host header (DNS rebinding) for pages and upgrades, even with the token', async () => {
    await startServer();
    const { port, token } = server;
    expect((await get(port, '/', { Host: `evil.example:${port}` })).status).toBe(403);
    const upgrade = await tryUpgrade(port, { origin: `http://127.0.0.1:${port}`, protocols: tokenProtocols(token), headers: { Host: `evil.example:${port}` } });
    expect(upgrade).toEqual({ status: 403, text: REFUSED_HOST });
  });

  it('refuses WebSocket upgrades without the token, with a wrong one, or with it only in a cookie or the query', async () => {
    await startServer();
    const { port, token } = server;
    const origin = `http://127.0.0.1:${port}`;
    const refused = { status: 403, text: REFUSED_TOKEN };
    expect(await tryUpgrade(port, { origin })).toEqual(refused);
    expect(await tryUpgrade(port, { origin, protocols: ['janus.v1'] })).toEqual(refused);
    expect(await tryUpgrade(port, { origin, protocols: tokenProtocols('wrong') })).toEqual(refused);
    expect(await tryUpgrade(port, { origin, protocols: tokenProtocols(`${token}x`) })).toEqual(refused);
    expect(await tryUpgrade(port, { origin, protocols: ['janus.v1'], headers: { Cookie: `janus_token_${port}=${token}; janus_token=${token}` } })).toEqual(refused);
    expect(await tryUpgrade(port, { origin, protocols: ['janus.v1'], url: `${wsUrl(port)}?token=${token}` })).toEqual(refused);
    expect(host.calls).toEqual([]);
  });

  it('serves a socket that presents the token in its subprotocols, answering janus.v1 (never the token)', async () => {
    await startServer();
    const { port, token } = server;
    expect(await tryUpgrade(port, { origin: `http://127.0.0.1:${port}`, protocols: tokenProtocols(token) })).toEqual({ status: 101, text: 'janus.v1' });
    const c = await client();
    expect(c.socket.protocol).toBe('janus.v1');
    const answer = await c.invoke(1, 'settings.get', {});
    expect(answer.type === 'result' && answer.result.ok).toBe(true);
  });

  it('refuses WebSocket upgrades from a foreign or missing Origin, even with the token', async () => {
    await startServer();
    const { port, token } = server;
    const protocols = tokenProtocols(token);
    const refused = { status: 403, text: REFUSED_ORIGIN };
    expect(await tryUpgrade(port, { protocols, origin: 'https://evil.example' })).toEqual(refused);
    expect(await tryUpgrade(port, { protocols, origin: `http://127.0.0.1:${port + 1}` })).toEqual(refused);
    expect(await tryUpgrade(port, { protocols })).toEqual(refused);
    expect(await tryUpgrade(port, { protocols, origin: `http://localhost:${port}` })).toEqual({ status: 101, text: 'janus.v1' });
    expect(host.calls).toEqual([]);
  });
});

describe('WebSocket transport: backpressure', () => {
  function quote(symbol: string, last: number): Quote {
    return { ...EVENT_PAYLOADS.quotes[0]!, symbol, last, updatedAt: last };
  }

  it('merges quote batches for a stalled page but delivers every log/order event, and the latest quotes after', async () => {
    await startServer({ quoteBufferLimit: 0 });
    const c = await client();
    const raw = (c.socket as unknown as { _socket: Socket })._socket;
    raw.pause();
    const big = 'x'.repeat(64 * 1024);
    const LOGS = 120; // ~7.5 MB: more than loopback's socket buffers hold
    for (let seq = 1; seq <= LOGS; seq++) host.emit('log', { ...EVENT_PAYLOADS.log, seq, message: big });
    const BATCHES = 50;
    for (let n = 1; n <= BATCHES; n++) {
      host.emit('quotes', n % 2 === 0 ? [quote('AAPL', n)] : [quote('AAPL', n), quote('MSFT', 1000 + n)]);
    }
    raw.resume();
    await c.next((f) => f.type === 'event' && f.event === 'quotes' && (f.payload as Quote[]).some((q) => q.symbol === 'AAPL' && q.last === BATCHES));
    const events = c.frames.filter((f): f is Extract<ServerFrame, { type: 'event' }> => f.type === 'event');
    const logs = events.filter((f) => f.event === 'log').map((f) => (f.payload as { seq: number }).seq);
    expect(logs).toEqual(Array.from({ length: LOGS }, (_, i) => i + 1));
    const batches = events.filter((f) => f.event === 'quotes').map((f) => f.payload as Quote[]);
    expect(batches.length).toBeLessThan(BATCHES);
    // The latest price of each symbol reached the page, even MSFT which last ticked in batch 49.
    const latest = new Map<string, number | null>();
    for (const batch of batches) for (const q of batch) latest.set(q.symbol, q.last);
    expect(Object.fromEntries(latest)).toEqual({ AAPL: BATCHES, MSFT: 1000 + BATCHES - 1 });
  });

  it('cuts off a page that stops reading instead of queueing without bound, and releases it', async () => {
    await startServer({ maxBufferedBytes: 256 * 1024 });
    const c = await client();
    const raw = (c.socket as unknown as { _socket: Socket })._socket;
    raw.pause();
    const big = 'x'.repeat(64 * 1024);
    for (let seq = 1; seq <= 200 && server.clientCount() > 0; seq++) host.emit('log', { ...EVENT_PAYLOADS.log, seq, message: big });
    await expect.poll(() => host.released).toEqual(['ws:1']);
    expect(server.clientCount()).toBe(0);
    expect(serverLog.some((line) => line.startsWith('warn: WebSocket ws:1 is not reading'))).toBe(true);
    raw.resume(); // let the client see the cut-off so it can close
    await c.close();
  });

  it('keeps serving when an event cannot be serialised', async () => {
    await startServer();
    const c = await client();
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => host.emit('log', circular as never)).not.toThrow();
    expect(serverLog).toEqual([expect.stringMatching(/^error: Could not broadcast log: Converting circular structure to JSON/)]);
    host.emit('fill', EVENT_PAYLOADS.fill);
    expect(await c.next((f) => f.type === 'event' && f.event === 'fill')).toEqual({ type: 'event', event: 'fill', payload: EVENT_PAYLOADS.fill });
  });
});
