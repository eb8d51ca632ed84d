// Signed JSON over HTTP(S) to Webull's OpenAPI. One request = fresh signing
// headers (nonce, timestamp) + signature; an answer that is not 2xx becomes a
// WebullApiError with Webull's error_code and message.

import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { hostHeader, type WebullEndpoints } from './endpoints';
import { signHttp, signingHeaders } from './signing';

export interface WebullCredentials {
  appKey: string;
  appSecret: string;
}

export class WebullApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'WebullApiError';
  }
}

export interface HttpCall {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
}

export interface WebullHttpOptions {
  endpoints: WebullEndpoints;
  credentials: WebullCredentials;
  now: () => number;
  timeoutMs: number;
}

function queryString(query: Record<string, string>): string {
  const pairs = Object.entries(query).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  return pairs.length === 0 ? '' : `?${pairs.join('&')}`;
}

function errorFrom(status: number, text: string): WebullApiError {
  try {
    const parsed = JSON.parse(text) as { error_code?: unknown; message?: unknown; msg?: unknown };
    const code = typeof parsed.error_code === 'string' ? parsed.error_code : `HTTP_${status}`;
    const message = typeof parsed.message === 'string' ? parsed.message : typeof parsed.msg === 'string' ? parsed.msg : text.slice(0, 200);
    return new WebullApiError(status, code, message);
  } catch {
    return new WebullApiError(status, `HTTP_${status}`, text.slice(0, 200) || `HTTP ${status}`);
  }
}

/** Webull wraps some answers as { code, msg, data }; take data when it is there. */
function unwrap(parsed: unknown): unknown {
  if (typeof parsed === 'object' && parsed !== null && 'data' in parsed && 'code' in parsed) return (parsed as { data: unknown }).data;
  return parsed;
}

export class WebullHttp {
  constructor(private readonly options: WebullHttpOptions) {}

  call(call: HttpCall): Promise<unknown> {
    const { endpoints, credentials, now, timeoutMs } = this.options;
    const query = call.query ?? {};
    const body = call.body === undefined ? null : JSON.stringify(call.body);
    const host = hostHeader(endpoints);
    const headers = signingHeaders(credentials.appKey, now(), randomUUID());
    const signature = signHttp({ path: call.path, query, body, host, headers }, credentials.appSecret);
    const send = endpoints.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(
        {
          host: endpoints.apiHost,
          port: endpoints.apiPort,
          method: call.method,
          path: `${call.path}${queryString(query)}`,
          timeout: timeoutMs,
          headers: {
            ...headers,
            host,
            'x-signature': signature,
            'x-version': 'v1',
            accept: 'application/json',
            ...(body !== null ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const status = res.statusCode ?? 0;
            if (status < 200 || status >= 300) return reject(errorFrom(status, text));
            try {
              resolve(unwrap(text === '' ? null : JSON.parse(text)));
            } catch {
              reject(new WebullApiError(status, 'BAD_JSON', `Webull answered ${call.path} with something that is not JSON`));
            }
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer from Webull to ${call.path} within ${timeoutMs / 1000} s`)));
      req.on('error', reject);
      if (body !== null) req.write(body);
      req.end();
    });
  }
}
