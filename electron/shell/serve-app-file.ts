// The app:// handler's answer, apart from Electron so it runs in plain Node:
// the renderer file a request names, with its MIME type and the app's CSP, or
// 404 for anything else (traversal, absolute paths, other hosts, missing files).
import { readFile, stat } from 'node:fs/promises';
import { resolveAppRequest } from './app-protocol';

export interface AppFileServerOptions {
  rendererDir: string;
  /** The Content-Security-Policy every page and asset carries. */
  csp: string;
  log(level: 'warn', message: string): void;
}

export function appFileServer(options: AppFileServerOptions): (url: string) => Promise<Response> {
  const notFound = (url: string, reason: string): Response => {
    options.log('warn', `app:// refused ${url}: ${reason}`);
    return new Response('Not found.\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  };
  return async (url) => {
    const target = resolveAppRequest(options.rendererDir, url);
    if (!target.ok) return notFound(url, target.reason);
    try {
      if (!(await stat(target.file)).isFile()) return notFound(url, 'not a file');
      const body = await readFile(target.file);
      return new Response(body, {
        status: 200,
        headers: {
          'Content-Type': target.contentType,
          'Content-Security-Policy': options.csp,
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'no-cache',
        },
      });
    } catch {
      return notFound(url, 'no such file');
    }
  };
}
