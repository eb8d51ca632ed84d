// Checks a request's signature the way Webull's signature doc describes it,
// written here independently of the adapter's signer so a mismatch between
// the two shows up as a refused request. Also the freshness rules Webull
// implies (timestamp near now, nonce used once); their exact windows are not
// documented (unverified against Webull): 5 minutes here.

import { createHash, createHmac } from 'node:crypto';

export const SIGNED_HEADERS = ['x-app-key', 'x-timestamp', 'x-signature-algorithm', 'x-signature-version', 'x-signature-nonce'] as const;
const FRESH_MS = 5 * 60_000;

export interface AuthFailure {
  status: 403;
  error_code: string;
  message: string;
}

function encode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

function hmac(text: string, secret: string): string {
  return createHmac('sha1', secret + '&').update(text, 'utf8').digest('base64');
}

export function expectedHttpSignature(path: string, query: [string, string][], headers: Record<string, string>, body: string, secret: string): string {
  const params: Record<string, string> = {};
  for (const name of [...SIGNED_HEADERS, 'host']) params[name] = headers[name] ?? '';
  for (const [k, v] of query) params[k] = params[k] === undefined ? v : `${params[k]}&${v}`;
  const pairs = Object.keys(params).sort().map((k) => `${k}=${params[k]}`);
  let text = `${path}&${pairs.join('&')}`;
  if (body.length > 0) text += '&' + createHash('md5').update(body, 'utf8').digest('hex').toUpperCase();
  return hmac(encode(text), secret);
}

export function expectedGrpcSignature(headers: Record<string, string>, requestBytes: Uint8Array, secret: string): string {
  const pairs = [...SIGNED_HEADERS].sort().map((k) => `${k}=${headers[k] ?? ''}`);
  return hmac(encode(`${pairs.join('=')}&${createHash('md5').update(requestBytes).digest('hex')}`), secret);
}

/** Timestamps must be `YYYY-MM-DDThh:mm:ssZ` and within five minutes; nonces once per window. */
export class Freshness {
  private readonly seen = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  check(headers: Record<string, string>): AuthFailure | null {
    for (const name of SIGNED_HEADERS) {
      if (!headers[name]) return { status: 403, error_code: 'INVALID_SIGNATURE', message: `missing header ${name}` };
    }
    if (headers['x-signature-algorithm'] !== 'HMAC-SHA1') return { status: 403, error_code: 'INVALID_SIGNATURE', message: `unsupported x-signature-algorithm ${headers['x-signature-algorithm']}` };
    const stamp = headers['x-timestamp'] ?? '';
    const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(stamp) ? Date.parse(stamp) : NaN;
    const now = this.now();
    if (!Number.isFinite(at) || Math.abs(now - at) > FRESH_MS) return { status: 403, error_code: 'INVALID_TIMESTAMP', message: `x-timestamp ${stamp} is not within 5 minutes of the server's clock` };
    for (const [nonce, t] of this.seen) if (now - t > FRESH_MS) this.seen.delete(nonce);
    const nonce = headers['x-signature-nonce'] ?? '';
    if (this.seen.has(nonce)) return { status: 403, error_code: 'DUPLICATE_NONCE', message: `x-signature-nonce ${nonce} was already used` };
    this.seen.set(nonce, now);
    return null;
  }
}
