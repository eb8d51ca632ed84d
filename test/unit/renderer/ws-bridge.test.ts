import { describe, expect, it } from 'vitest';
import { createWsBridge, parseServerFrame, wsUrlFromLocation, type BridgeTimers, type LinkStatus, type SocketLike } from '../../../renderer/bridge/ws-bridge';
import type { ClientFrame } from '../../../shared/ipc';
import { order } from './fake-bridge';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: ClientFrame[] = [];
  closed = false;
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string): void {
    this.sent.push(JSON.parse(data) as ClientFrame);
  }
  close(): void {
    this.closed = true;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(frame: unknown): void {
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
  }
  drop(): void {
    this.readyState = 3;
    this.onclose?.({});
  }
}

class FakeTimers implements BridgeTimers {
  time = 1_000_000;
  private next = 1;
  private timers = new Map<number, { at: number; fn: () => void }>();
  now = (): number => this.time;
  setTimeout = (fn: () => void, ms: number): number => {
    const id = this.next++;
    this.timers.set(id, { at: this.time + ms, fn });
    return id;
  };
  clearTimeout = (id: number): void => {
    this.timers.delete(id);
  };
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].fn();
    }
    this.time = until;
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const timers = new FakeTimers();
  const bridge = createWsBridge({
    url: 'ws://127.0.0.1:5000/ws?token=t',
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    timers,
    backoffMs: [100, 400, 1000],
    invokeTimeoutMs: 5000,
  });
  const statuses: LinkStatus[] = [];
  bridge.onLinkStatus((s) => statuses.push(s));
  let opens = 0;
  bridge.onOpen(() => opens++);
  bridge.start();
  const last = (): FakeSocket => {
    const s = sockets[sockets.length - 1];
    if (!s) throw new Error('no socket');
    return s;
  };
  return { sockets, timers, bridge, statuses, opens: () => opens, last };
}

describe('WebSocket bridge', () => {
  it('builds the socket URL from the page host, with no token in it', () => {
    expect(wsUrlFromLocation({ protocol: 'http:', host: '127.0.0.1:5000' }, '/ws')).toBe('ws://127.0.0.1:5000/ws');
    expect(wsUrlFromLocation({ protocol: 'https:', host: 'h:1' }, '/ws')).toBe('wss://h:1/ws');
  });

  it('sends an invoke frame and resolves with the matching result', async () => {
    const t = setup();
    t.last().open();
    const pending = t.bridge.invoke('order.cancel', { account: 'demo', orderId: 42 });
    const frame = t.last().sent[0];
    expect(frame).toEqual({ type: 'invoke', id: 1, command: 'order.cancel', request: { account: 'demo', orderId: 42 } });
    t.last().receive({ type: 'result', id: 1, result: { ok: false, error: { code: 'not-found', message: 'no working order 42' } } });
    expect(await pending).toEqual({ ok: false, error: { code: 'not-found', message: 'no working order 42' } });
  });

  it('delivers events to their listeners and drops garbage without throwing', () => {
    const t = setup();
    t.last().open();
    const seen: number[] = [];
    t.bridge.on('order', (o) => seen.push(o.orderId));
    t.last().receive('not json');
    t.last().receive({ type: 'event', event: 'nonsense', payload: {} });
    t.last().receive({ type: 'result', id: 99 });
    t.last().receive({ type: 'event', event: 'order', payload: order({ orderId: 5 }) });
    expect(seen).toEqual([5]);
  });

  it('refuses commands at once while the link is down, never queueing them', async () => {
    const t = setup();
    const r = await t.bridge.invoke('order.cancelAll', {});
    expect(r).toEqual({ ok: false, error: { code: 'internal', message: 'UI link lost: not connected to the workstation host' } });
    expect(t.last().sent).toEqual([]);
  });

  it('fails pending commands when the link drops, then reconnects with backoff and signals open again', async () => {
    const t = setup();
    t.last().open();
    expect(t.opens()).toBe(1);
    const pending = t.bridge.invoke('app.snapshot', {});
    t.last().drop();
    const r = await pending;
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toBe('UI link lost before the host answered; check the Orders panel before retrying');
    expect(t.bridge.linkStatus()).toMatchObject({ state: 'down', failures: 1, retryAt: t.timers.time + 100 });

    t.timers.advance(99);
    expect(t.sockets).toHaveLength(1);
    t.timers.advance(1);
    expect(t.sockets).toHaveLength(2);
    // The second attempt fails too: the wait grows.
    t.last().drop();
    expect(t.bridge.linkStatus()).toMatchObject({ state: 'down', failures: 2, retryAt: t.timers.time + 400 });
    t.timers.advance(400);
    expect(t.sockets).toHaveLength(3);
    t.last().open();
    expect(t.opens()).toBe(2);
    expect(t.bridge.linkStatus()).toEqual({ state: 'open', retryAt: null, failures: 0, reason: null });
  });

  it('times out a command the host never answers', async () => {
    const t = setup();
    t.last().open();
    const pending = t.bridge.invoke('symbol.resolve', { symbol: 'AAPL' });
    t.timers.advance(5000);
    expect(await pending).toEqual({ ok: false, error: { code: 'timeout', message: 'symbol.resolve: no answer from the workstation host in 5 s' } });
  });

  it('parses frames strictly', () => {
    expect(parseServerFrame(42)).toEqual({ error: 'frame is not text' });
    expect(parseServerFrame('{"type":"result","id":1,"result":{"ok":false,"error":{}}}')).toEqual({ error: 'error result without a message' });
    expect(parseServerFrame('{"type":"hello"}')).toEqual({ error: 'unknown frame type hello' });
  });
});
