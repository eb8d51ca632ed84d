import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { httpStringToSign, percentEncode, signHttp, signingHeaders, webullTimestamp } from '../../../electron/webull/signing';
import { RateGate, RateLimitedError, windowHasRoom } from '../../../electron/webull/rate-limit';
import { ManualScheduler } from '../../helpers/manual-scheduler';

describe('signing', () => {
  const headers = signingHeaders('key1', Date.UTC(2023, 6, 16, 19, 23, 51, 456), 'n-1');

  it('stamps time as YYYY-MM-DDThh:mm:ssZ in UTC', () => {
    expect(webullTimestamp(Date.UTC(2023, 6, 16, 19, 23, 51, 456))).toBe('2023-07-16T19:23:51Z');
    expect(headers['x-timestamp']).toBe('2023-07-16T19:23:51Z');
  });

  it('builds path & sorted params (query merged with signing headers and host) & UPPER(md5(body)), percent-encoded', () => {
    const body = '{"account_id":"A1"}';
    const md5 = createHash('md5').update(body).digest('hex').toUpperCase();
    const plain =
      `/trade/order/place&a1=webull&host=api.webull.com&q1=y y&x-app-key=key1&x-signature-algorithm=HMAC-SHA1` +
      `&x-signature-nonce=n-1&x-signature-version=1.0&x-timestamp=2023-07-16T19:23:51Z&${md5}`;
    const text = httpStringToSign({ path: '/trade/order/place', query: { q1: 'y y', a1: 'webull' }, body, host: 'api.webull.com', headers });
    expect(text).toBe(percentEncode(plain));
    expect(text).toContain('%2Ftrade%2Forder%2Fplace%26a1%3Dwebull');
  });

  it('leaves the body out when there is none', () => {
    const text = httpStringToSign({ path: '/account/balance', query: { account_id: 'A1' }, body: null, host: 'h', headers });
    expect(decodeURIComponent(text).endsWith('x-timestamp=2023-07-16T19:23:51Z')).toBe(true);
  });

  it('signs with HMAC-SHA1 keyed by secret + "&", base64', () => {
    const request = { path: '/p', query: {}, body: null, host: 'h', headers };
    expect(signHttp(request, 's3cret')).toBe(createHmac('sha1', 's3cret&').update(httpStringToSign(request)).digest('base64'));
    expect(signHttp(request, 'other')).not.toBe(signHttp(request, 's3cret'));
  });

  it('percent-encodes everything but letters, digits and -._~', () => {
    expect(percentEncode("a-b._~!*'() /&=")).toBe('a-b._~%21%2A%27%28%29%20%2F%26%3D');
  });
});

/** Lets answered requests settle (their answers restart the window). */
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('RateGate', () => {
  it('admits up to max per window', () => {
    expect(windowHasRoom([0], 999, { max: 1, perMs: 1000 })).toBe(false);
    expect(windowHasRoom([0], 1000, { max: 1, perMs: 1000 })).toBe(true);
  });

  it('holds a request until the window has room, and refuses once the queue is full', async () => {
    const clock = new ManualScheduler(0);
    const gate = new RateGate(clock, { place: { max: 1, perMs: 1000 } } as never, 2);
    const started: string[] = [];
    const task = (name: string) => () => {
      started.push(name);
      return Promise.resolve(name);
    };
    const first = gate.run('place', task('a'));
    const second = gate.run('place', task('b'));
    const third = gate.run('place', task('c'));
    await expect(gate.run('place', task('d'))).rejects.toEqual(
      new RateLimitedError('Webull allows 1 order placement per second and 2 already wait — not sent'),
    );
    expect(started).toEqual(['a']);
    clock.advance(999);
    await flush();
    expect(started).toEqual(['a']);
    clock.advance(1);
    await flush();
    expect(started).toEqual(['a', 'b']);
    clock.advance(1000);
    await flush();
    expect(started).toEqual(['a', 'b', 'c']);
    await expect(Promise.all([first, second, third])).resolves.toEqual(['a', 'b', 'c']);
  });

  it('counts a request in flight as sent now: the next waits a full window after its answer', async () => {
    const clock = new ManualScheduler(0);
    const gate = new RateGate(clock, { place: { max: 1, perMs: 1000 } } as never, 3);
    let answer: () => void = () => {};
    const started: string[] = [];
    void gate.run('place', () => {
      started.push('slow');
      return new Promise<void>((resolve) => (answer = resolve));
    });
    void gate.run('place', () => {
      started.push('next');
      return Promise.resolve();
    });
    clock.advance(1500);
    await flush();
    expect(started).toEqual(['slow']);
    answer();
    await flush();
    clock.advance(999);
    await flush();
    expect(started).toEqual(['slow']);
    clock.advance(1);
    await flush();
    expect(started).toEqual(['slow', 'next']);
  });

  it('refuses what still waits when drained, and never starts it later', async () => {
    const clock = new ManualScheduler(0);
    const gate = new RateGate(clock, { cancel: { max: 1, perMs: 1000 } } as never, 3);
    let runs = 0;
    const task = () => {
      runs++;
      return Promise.resolve();
    };
    void gate.run('cancel', task);
    const waiting = gate.run('cancel', task);
    gate.drain('account wb disconnected — not sent');
    await expect(waiting).rejects.toThrow('account wb disconnected — not sent');
    clock.advance(5000);
    expect(runs).toBe(1);
  });
});
