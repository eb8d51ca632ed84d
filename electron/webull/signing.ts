// Webull OpenAPI request signing, as pure functions (docs: "Signature",
// developer.webull.com/api-doc/develop/auth and /apis/docs/authentication/signature).
// The client signs with these and the simulator verifies with the same code,
// so a test that refuses a bad signature proves both sides agree on the text.

import { createHash, createHmac } from 'node:crypto';

export const SIGN_ALGORITHM = 'HMAC-SHA1';
export const SIGN_VERSION = '1.0';

/** The headers that take part in the signature (besides `host`). */
export interface SigningHeaders {
  'x-app-key': string;
  'x-timestamp': string;
  'x-signature-algorithm': string;
  'x-signature-version': string;
  'x-signature-nonce': string;
}

export interface HttpToSign {
  /** Request path without the query, e.g. `/trade/order/place`. */
  path: string;
  /** Query parameters, not URL-encoded. */
  query: Readonly<Record<string, string>>;
  /** The exact JSON text sent as the body; null for none. */
  body: string | null;
  /** `host` or `host:port` exactly as the Host header carries it. */
  host: string;
  headers: SigningHeaders;
}

/** `YYYY-MM-DDThh:mm:ssZ` in UTC, the form the docs require. */
export function webullTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function signingHeaders(appKey: string, epochMs: number, nonce: string): SigningHeaders {
  return {
    'x-app-key': appKey,
    'x-timestamp': webullTimestamp(epochMs),
    'x-signature-algorithm': SIGN_ALGORITHM,
    'x-signature-version': SIGN_VERSION,
    'x-signature-nonce': nonce,
  };
}

/**
 * Every character but letters, digits and `-._~` as %XX (RFC 3986
 * unreserved); encodeURIComponent leaves `!'()*` alone, so those are added.
 */
export function percentEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Query params and signing headers in one map; a key in both keeps both values joined by `&`. */
function signParams(headers: SigningHeaders, host: string, query: Readonly<Record<string, string>>): Map<string, string> {
  const params = new Map<string, string>(Object.entries(headers));
  params.set('host', host);
  for (const [key, value] of Object.entries(query)) {
    const before = params.get(key);
    params.set(key, before === undefined ? value : `${before}&${value}`);
  }
  return params;
}

function sortedPairs(params: Map<string, string>): string[] {
  return [...params.keys()].sort().map((key) => `${key}=${params.get(key) ?? ''}`);
}

/** path & sorted k=v pairs & UPPER(md5(body)), then percent-encoded: the text HMAC signs. */
export function httpStringToSign(request: HttpToSign): string {
  let text = `${request.path}&${sortedPairs(signParams(request.headers, request.host, request.query)).join('&')}`;
  if (request.body !== null && request.body !== '') {
    text += `&${createHash('md5').update(request.body, 'utf8').digest('hex').toUpperCase()}`;
  }
  return percentEncode(text);
}

/** base64(HMAC-SHA1(app_secret + "&", string to sign)). */
export function hmacSignature(stringToSign: string, appSecret: string): string {
  return createHmac('sha1', `${appSecret}&`).update(stringToSign, 'utf8').digest('base64');
}

export function signHttp(request: HttpToSign, appSecret: string): string {
  return hmacSignature(httpStringToSign(request), appSecret);
}

/**
 * The gRPC subscribe call is signed in its metadata. The docs do not describe
 * it; this follows what Webull's SDK sends (unverified against Webull): the
 * sorted k=v pairs of the signing headers joined by `=`, then `&` and the
 * lower-case md5 of the serialized SubscribeRequest, percent-encoded.
 */
export function grpcStringToSign(headers: SigningHeaders, requestBytes: Uint8Array): string {
  const pairs = sortedPairs(new Map<string, string>(Object.entries(headers)));
  const digest = createHash('md5').update(requestBytes).digest('hex');
  return percentEncode(`${pairs.join('=')}&${digest}`);
}

export function signGrpc(headers: SigningHeaders, requestBytes: Uint8Array, appSecret: string): string {
  return hmacSignature(grpcStringToSign(headers, requestBytes), appSecret);
}
