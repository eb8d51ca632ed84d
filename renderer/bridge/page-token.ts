// Browser mode's token on the page side. The start-up link carries it in the
// fragment (#token=…); on load it moves into sessionStorage (per origin, port
// included, so a reload keeps working and no other local server sees it) and
// leaves the address bar. It is presented on the WebSocket upgrade as a
// subprotocol, since a browser WebSocket cannot set headers or use a cookie
// that would not also go to every other port of 127.0.0.1.

/** Must match electron/transport/access-token.ts (checked by a unit test). */
export const WS_APP_PROTOCOL = 'janus.v1';
export const TOKEN_PROTOCOL_PREFIX = 'janus.token.';
export const TOKEN_STORAGE_KEY = 'janus.token';

/** The token in a location hash such as `#token=abc`, or null. */
export function tokenFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const token = params.get('token');
  return token && /^[A-Za-z0-9_-]+$/.test(token) ? token : null;
}

/** The address without the token: the hash loses `token`, and is dropped when nothing else is left. */
export function addressWithoutToken(location: { pathname: string; search: string; hash: string }): string {
  const params = new URLSearchParams(location.hash.startsWith('#') ? location.hash.slice(1) : location.hash);
  params.delete('token');
  const rest = params.toString();
  return `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`;
}

/** The subprotocols a page offers: the app's, which the server answers with, and the token's. */
export function wsProtocols(token: string | null): string[] {
  return token ? [WS_APP_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${token}`] : [WS_APP_PROTOCOL];
}

export interface PageTokenWindow {
  location: { pathname: string; search: string; hash: string };
  history: { replaceState(data: unknown, unused: string, url?: string): void };
  sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
}

/**
 * Takes the token from the address bar into sessionStorage, clears it from the
 * address bar, and answers the token to present (null when the page was opened
 * without one: the upgrade is then refused and the UI shows the link down).
 */
export function takePageToken(win: PageTokenWindow): string | null {
  const fromHash = tokenFromHash(win.location.hash);
  if (fromHash) {
    try {
      win.sessionStorage.setItem(TOKEN_STORAGE_KEY, fromHash);
    } catch {
      // Storage disabled: the token still works for this page load, only not after a reload.
    }
    win.history.replaceState(null, '', addressWithoutToken(win.location));
    return fromHash;
  }
  try {
    return win.sessionStorage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    return null;
  }
}
