// Browser mode's access token. One random token per run is printed in the
// start-up link; the first page load carries it as ?token=, and the server
// answers with an HttpOnly, SameSite=Strict cookie so the page's own assets and
// a reload of a URL without the query still work. The cookie name includes the
// port because cookies are shared across ports of one host.
import { randomBytes, timingSafeEqual } from 'node:crypto';

export function newAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenCookieName(port: number): string {
  return `janus_token_${port}`;
}

export function tokenCookie(port: number, token: string): string {
  return `${tokenCookieName(port)}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}

/** The value of one cookie in a Cookie header, or null. */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** Constant-time comparison, so the token cannot be guessed byte by byte from timings. */
export function tokenMatches(candidate: string | null | undefined, token: string): boolean {
  if (typeof candidate !== 'string') return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface PresentedToken {
  /** From the URL's ?token=. */
  query: string | null;
  /** From this port's cookie. */
  cookie: string | null;
}

export function presentedToken(url: URL, cookieHeader: string | undefined, port: number): PresentedToken {
  return { query: url.searchParams.get('token'), cookie: readCookie(cookieHeader, tokenCookieName(port)) };
}

export function isAuthorized(presented: PresentedToken, token: string): boolean {
  return tokenMatches(presented.query, token) || tokenMatches(presented.cookie, token);
}
