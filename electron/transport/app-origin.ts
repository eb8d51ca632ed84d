// Which page is "our app": the only pages whose IPC and WebSocket traffic the
// host accepts. Pure, so the rules are tested without Electron or sockets.

export interface AppLocation {
  /** URL of the renderer's index.html: app://janus/index.html (a file:// URL is read the same way). */
  indexUrl?: string;
  /** Origin of the Vite dev server during development (e.g. http://localhost:5173). */
  devServerUrl?: string;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

const INDEX_SCHEMES = ['app:', 'file:'];

/**
 * True when a frame at `url` is our renderer: the exact index.html (any
 * query or hash) or a page of the dev server origin. Anything else — another
 * file, another origin, about:blank, a data: URL — is foreign.
 */
export function isTrustedAppUrl(url: string, app: AppLocation): boolean {
  const frame = parse(url);
  if (!frame) return false;
  if (app.indexUrl) {
    const index = parse(app.indexUrl);
    if (index && INDEX_SCHEMES.includes(index.protocol) && frame.protocol === index.protocol && frame.host === index.host) {
      if (decodeURIComponent(frame.pathname) === decodeURIComponent(index.pathname)) return true;
    }
  }
  if (app.devServerUrl) {
    const dev = parse(app.devServerUrl);
    if (dev && (dev.protocol === 'http:' || dev.protocol === 'https:') && frame.origin === dev.origin) return true;
  }
  return false;
}

/** The Origin values a browser on our own page sends: http://127.0.0.1:PORT or http://localhost:PORT. */
export function loopbackOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

/** True when a WebSocket upgrade's Origin header is our own page's origin. */
export function isAllowedWsOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return false;
  return loopbackOrigins(port).includes(origin.toLowerCase());
}
