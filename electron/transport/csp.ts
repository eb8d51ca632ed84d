// The renderer's Content-Security-Policy, one definition for both shells: the
// Electron window (header + meta tag) and browser mode (HTTP header).
//
// Scripts only from the app itself; no eval, no inline script, no remote
// anything. Inline *styles* are allowed because React style props and grid
// libraries set them; they cannot run code.

export interface CspOptions {
  /** Browser mode: the WebSocket origins the page may connect to. Omit in Electron (no network at all). */
  webSocketOrigins?: readonly string[];
  /** For a <meta> tag, which cannot carry frame-ancestors (browsers ignore it there and warn). */
  forMeta?: boolean;
  /** Development against the Vite dev server only: its React refresh preamble is an inline script. */
  devInlineScripts?: boolean;
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  const connect = options.webSocketOrigins && options.webSocketOrigins.length > 0
    ? ["'self'", ...options.webSocketOrigins].join(' ')
    : "'none'";
  return [
    "default-src 'none'",
    options.devInlineScripts ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${connect}`,
    "base-uri 'none'",
    "form-action 'none'",
    ...(options.forMeta ? [] : ["frame-ancestors 'none'"]),
    "object-src 'none'",
  ].join('; ');
}

const CSP_META = /<meta\s+http-equiv=["']?Content-Security-Policy["']?[^>]*>\s*/gi;

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/**
 * The page with exactly one CSP meta tag carrying `policy`: existing CSP meta
 * tags are replaced (two would both apply, the stricter winning), otherwise
 * the tag goes first in <head> so it covers everything after it.
 */
export function withCspMeta(html: string, policy: string): string {
  const tag = `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(policy)}">`;
  const stripped = html.replace(CSP_META, '');
  const head = /<head(\s[^>]*)?>/i.exec(stripped);
  if (!head) return `${tag}\n${stripped}`;
  const at = head.index + head[0].length;
  return `${stripped.slice(0, at)}\n    ${tag}${stripped.slice(at)}`;
}

/** ws:// origins matching the page's http:// origins on the same port. */
export function webSocketOriginsFor(port: number): string[] {
  return [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`];
}
