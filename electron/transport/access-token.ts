// Browser mode's access token. One random token per run rides in the start-up
// link's fragment (http://127.0.0.1:PORT/#token=…), which never reaches a
// server, a log or a Referer. The page keeps it in sessionStorage and presents
// it on the WebSocket upgrade as a subprotocol. No cookie: browsers send
// 127.0.0.1 cookies to every port, so any other local server would get it.
import { randomBytes, timingSafeEqual } from 'node:crypto';

/** The subprotocol the server answers with, so the token is never echoed back. */
export const WS_APP_PROTOCOL = 'janus.v1';
/** The subprotocol that carries the token: `janus.token.<token>`. */
export const TOKEN_PROTOCOL_PREFIX = 'janus.token.';

export function newAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The link a user opens; the token is in the fragment only. */
export function pageUrl(host: string, port: number, token: string): string {
  return `http://${host}:${port}/#token=${token}`;
}

/** Constant-time comparison, so the token cannot be guessed byte by byte from timings. */
export function tokenMatches(candidate: string | null | undefined, token: string): boolean {
  if (typeof candidate !== 'string') return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token offered in a Sec-WebSocket-Protocol list (as `ws` hands it over, or the raw header), or null. */
export function tokenFromProtocols(protocols: Iterable<string> | string | undefined): string | null {
  if (protocols === undefined) return null;
  const list = typeof protocols === 'string' ? protocols.split(',') : [...protocols];
  for (const raw of list) {
    const protocol = raw.trim();
    if (protocol.startsWith(TOKEN_PROTOCOL_PREFIX)) return protocol.slice(TOKEN_PROTOCOL_PREFIX.length);
  }
  return null;
}

/** True when the upgrade's Sec-WebSocket-Protocol header carries this run's token. */
export function isAuthorizedUpgrade(protocolHeader: string | undefined, token: string): boolean {
  return tokenMatches(tokenFromProtocols(protocolHeader), token);
}

/**
 * ws's handleProtocols: answer with our app protocol when the page offered it,
 * never with the token's protocol (the response must not carry the secret).
 */
export function selectProtocol(protocols: ReadonlySet<string>): string | false {
  return protocols.has(WS_APP_PROTOCOL) ? WS_APP_PROTOCOL : false;
}
