import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startWebullSimulator, SIM_RATE_LIMITS, type WebullSimulator } from '../../../electron/simulator/webull';
import { webullEndpoints } from '../../../electron/webull/endpoints';
import { EventStream } from '../../../electron/webull/events';
import { WebullApiError, WebullHttp } from '../../../electron/webull/http-client';
import { WEBULL_RATE_LIMITS } from '../../../electron/webull/rate-limit';
import { signHttp, signingHeaders } from '../../../electron/webull/signing';
import type { WebullSession } from '../../../electron/webull';
import { AAPL, session, until } from './harness';

let sim: WebullSimulator;
const open: WebullSession[] = [];
const KEY = { appKey: 'key-us', appSecret: 'secret-us', accounts: ['WB1'], gtc: true };

beforeAll(async () => {
  // The documented limits, on both sides.
  sim = await startWebullSimulator({ keys: [KEY], limits: SIM_RATE_LIMITS, pingMs: 200 });
});
afterEach(() => {
  for (const s of open.splice(0)) s.disconnect();
});
afterAll(async () => {
  await sim.close();
});

function http(secret = KEY.appSecret): WebullHttp {
  return new WebullHttp({ endpoints: webullEndpoints('127.0.0.1', sim.httpPort, 'us'), credentials: { appKey: KEY.appKey, appSecret: secret }, now: Date.now, timeoutMs: 2000 });
}

/** A hand-signed POST whose body can be changed after signing. */
function rawPost(path: string, signedBody: string, sentBody: string, nonce: string): Promise<{ status: number; body: string }> {
  const host = `127.0.0.1:${sim.httpPort}`;
  const headers = signingHeaders(KEY.appKey, Date.now(), nonce);
  const signature = signHttp({ path, query: {}, body: signedBody, host, headers }, KEY.appSecret);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: sim.httpPort, method: 'POST', path, headers: { ...headers, host, 'x-signature': signature, 'content-type': 'application/json' } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(sentBody);
  });
}

describe('signatures', () => {
  it('refuses a connect signed with the wrong secret, in the words Webull gave', async () => {
    const { session: s } = session(sim.httpPort, { id: 'wb', accountCode: 'WB1', appKey: 'key-us', appSecret: 'not-the-secret' });
    open.push(s);
    await expect(s.connect()).rejects.toThrow('Webull refused app key key-us: the signature does not match the request');
    expect(s.isConnected()).toBe(false);
  });

  it('refuses a body changed after signing, and a nonce used twice', async () => {
    const body = JSON.stringify({ account_id: 'WB1', client_order_id: 'nope' });
    const tampered = await rawPost('/trade/order/cancel', body, body.replace('nope', 'nop3'), 'nonce-a');
    expect(tampered).toEqual({ status: 403, body: JSON.stringify({ error_code: 'INVALID_SIGNATURE', message: 'the signature does not match the request' }) });
    const first = await rawPost('/trade/order/cancel', body, body, 'nonce-b');
    expect(first.status).toBe(400);
    const replay = await rawPost('/trade/order/cancel', body, body, 'nonce-b');
    expect(replay).toEqual({ status: 403, body: JSON.stringify({ error_code: 'DUPLICATE_NONCE', message: 'x-signature-nonce nonce-b was already used' }) });
  });

  it('refuses an event stream signed with the wrong secret', async () => {
    const stream = new EventStream(webullEndpoints('127.0.0.1', sim.httpPort, 'us'), { appKey: KEY.appKey, appSecret: 'wrong' }, Date.now);
    const ended = await new Promise<string>((resolve) => stream.open(['WB1'], { ready: () => resolve('ready'), alive: () => {}, orderEvent: () => {}, ended: resolve }));
    expect(ended).toBe('Webull refused the event stream: authentication error (check the app key and secret): the signature does not match the request');
  });
});

describe('rate limits', () => {
  it('the simulator refuses a second place within one second with TOO_MANY_REQUESTS', async () => {
    const client = http();
    const place = (id: string) => client.call({ method: 'POST', path: '/trade/order/place', body: {
      account_id: 'WB1',
      stock_order: { client_order_id: id, side: 'BUY', tif: 'GTC', extended_hours_trading: false, instrument_id: '265598', order_type: 'LIMIT', limit_price: '10', qty: '1' },
    } });
    await place('raw-1');
    const second = await place('raw-2').catch((e: unknown) => e);
    expect(second).toBeInstanceOf(WebullApiError);
    expect(second).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS', message: 'rate limit of /trade/order/place exceeded' });
  });

  it('the client holds orders to the documented pace (none refused by Webull) and refuses once its queue is full', async () => {
    await new Promise((r) => setTimeout(r, 1100));
    const { session: s, rec } = session(sim.httpPort, { id: 'wb', accountCode: 'WB1', appKey: KEY.appKey, appSecret: KEY.appSecret }, { rateLimits: WEBULL_RATE_LIMITS, refreshMs: 60_000 });
    open.push(s);
    await s.connect();
    await s.lookupSymbol('AAPL');
    const ids = [1, 2, 3, 4, 5].map((n) => s.placeOrder({ account: 'wb', symbol: 'AAPL', side: 'BUY', quantity: n, type: 'limit', limitPrice: 10, tif: 'GTC' }, AAPL));
    await until(() => ids.every((id) => ['submitted', 'rejected'].includes(String(rec.rows.get(id)?.status))), 'all five settled', 8000);
    const rejected = ids.filter((id) => rec.rows.get(id)?.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect(rec.rows.get(rejected[0] ?? -1)?.reason).toBe('Webull allows 1 order placement per second and 3 already wait — not sent');
    expect(ids.filter((id) => rec.rows.get(id)?.status === 'submitted')).toHaveLength(4);
    expect(rec.logs.join('\n')).not.toContain('TOO_MANY_REQUESTS');
  }, 15_000);
});
