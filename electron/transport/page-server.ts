// Browser mode's plain HTTP: the built renderer's files, GET and HEAD only, for
// our own Host header; the page carries a CSP that allows this server's WebSocket.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { WS_PATH } from '../../shared/ipc';
import { withCspMeta } from './csp';
import { contentTypeOf, resolveStaticPath } from './static-files';
import { isOurHostHeader } from './upgrade-gate';

export const BIND_HOST = '127.0.0.1';

/** What serving a page needs to know about the server it runs in. */
export interface PageContext {
  port: number;
  /** Directory of the built renderer; null serves no pages (API only). */
  staticDir: string | null;
  csp: string;
  metaCsp: string;
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

export function plain(res: ServerResponse, status: number, text: string): void {
  securityHeaders(res);
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

export async function servePage(req: IncomingMessage, res: ServerResponse, page: PageContext): Promise<void> {
  const { port, staticDir } = page;
  if (!isOurHostHeader(req.headers.host, port)) return plain(res, 403, FORBIDDEN_TEXT);
  const url = new URL(req.url ?? '/', `http://${BIND_HOST}:${port}`);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return plain(res, 405, 'Method not allowed.\n');
  }
  if (url.pathname === WS_PATH) return plain(res, 426, 'Upgrade to WebSocket required.\n');
  if (staticDir === null) return plain(res, 404, 'Not found.\n');
  const file = resolveStaticPath(staticDir, url.pathname);
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
    const body = Buffer.from(withCspMeta(await readFile(file, 'utf8'), page.metaCsp));
    headers['Content-Security-Policy'] = page.csp;
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
