// The renderer's Content-Security-Policy, one definition for both shells: the
// Electron window (header + meta tag) and browser mode (HTTP header).
//
// Scripts only from the app itself; no eval, no inline script, no remote
// anything. Inline *styles* are allowed because React style props and grid
// libraries set them; they cannot run code.

export interface CspOptions {
  /** Browser mode: the WebSocket origins the page may connect to. Omit in Electron (no network at all). */
  webSocketOrigins?: readonly string[];
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  const connect = options.webSocketOrigins && options.webSocketOrigins.length > 0
    ? ["'self'", ...options.webSocketOrigins].join(' ')
    : "'none'";
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${connect}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** ws:// origins matching the page's http:// origins on the same port. */
export function webSocketOriginsFor(port: number): string[] {
  return [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`];
}
