// electron/preload.ts against a recording fake of contextBridge/ipcRenderer.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { JanusBridge } from '../../../shared/ipc';

type Handler = (event: unknown, payload: unknown) => void;

const bridge = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as { channel: string; request: unknown }[],
  listeners: new Map<string, Set<(event: unknown, payload: unknown) => void>>(),
  invokeAnswer: null as null | ((channel: string) => Promise<unknown>),
}));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => bridge.exposed.set(key, api),
  },
  ipcRenderer: {
    invoke: (channel: string, request: unknown) => {
      bridge.invoked.push({ channel, request });
      return bridge.invokeAnswer ? bridge.invokeAnswer(channel) : Promise.resolve({ ok: true, value: channel });
    },
    on: (channel: string, listener: Handler) => {
      const set = bridge.listeners.get(channel) ?? new Set();
      set.add(listener);
      bridge.listeners.set(channel, set);
    },
    removeListener: (channel: string, listener: Handler) => bridge.listeners.get(channel)?.delete(listener),
  },
}));

let janus: JanusBridge;

function emit(channel: string, payload: unknown): void {
  const senderLeak = { sender: { send: () => 'ipcRenderer leaked' } };
  for (const listener of bridge.listeners.get(channel) ?? []) listener(senderLeak, payload);
}

beforeAll(async () => {
  await import('../../../electron/preload');
  janus = bridge.exposed.get('janus') as JanusBridge;
});

describe('preload', () => {
  it('exposes only window.janus, with only invoke and on', () => {
    expect([...bridge.exposed.keys()]).toEqual(['janus']);
    expect(Object.keys(janus).sort()).toEqual(['invoke', 'on']);
  });

  it('invokes a command on its channel with the request as given', async () => {
    expect(await janus.invoke('order.cancel', { account: 'main', orderId: 42 })).toEqual({ ok: true, value: 'janus:cmd:order.cancel' });
    expect(bridge.invoked.at(-1)).toEqual({ channel: 'janus:cmd:order.cancel', request: { account: 'main', orderId: 42 } });
  });

  it('answers an unknown command itself, without reaching main', async () => {
    const before = bridge.invoked.length;
    const result = await (janus.invoke as (c: string, r: unknown) => Promise<unknown>)('fs.readFile', { path: '/etc/passwd' });
    expect(result).toEqual({ ok: false, error: { code: 'unknown-command', message: 'Unknown command "fs.readFile".' } });
    expect(bridge.invoked.length).toBe(before);
  });

  it('turns a failed IPC call into an internal error Result instead of a rejection', async () => {
    bridge.invokeAnswer = () => Promise.reject(new Error('An object could not be cloned.'));
    try {
      expect(await janus.invoke('settings.get', {})).toEqual({
        ok: false,
        error: { code: 'internal', message: 'The settings.get command could not reach the app: An object could not be cloned.' },
      });
    } finally {
      bridge.invokeAnswer = null;
    }
  });

  it('forwards event payloads without the IPC event object, and unsubscribes', () => {
    const seen: unknown[][] = [];
    const off = janus.on('fill', (...args: unknown[]) => seen.push(args));
    emit('janus:evt:fill', { execId: 'E1' });
    expect(seen).toEqual([[{ execId: 'E1' }]]);
    off();
    emit('janus:evt:fill', { execId: 'E2' });
    expect(seen).toHaveLength(1);
    expect(bridge.listeners.get('janus:evt:fill')?.size).toBe(0);
  });

  it('refuses to subscribe to an unknown event', () => {
    expect(() => (janus.on as (e: string, l: () => void) => () => void)('ipc-internal', () => {})).toThrow('Unknown event "ipc-internal".');
  });
});
