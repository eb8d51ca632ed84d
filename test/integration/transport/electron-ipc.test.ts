import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, EVENT_NAMES } from '../../../shared/ipc';
import { isTrustedAppUrl } from '../../../electron/transport/app-origin';
import { createDispatcher } from '../../../electron/transport/dispatcher';
import {
  serveOverElectronIpc,
  type IpcInvokeEventLike,
  type IpcMainLike,
  type WebContentsLike,
} from '../../../electron/transport/electron-ipc';
import { commandChannel, eventChannel } from '../../../electron/transport/ipc-channels';
import { createEchoHost, EVENT_PAYLOADS, VALID_REQUESTS } from './echo-host';

const INDEX_URL = 'file:///opt/Janus%20Workstation/resources/app.asar/out/renderer/index.html';

/** ipcMain as Electron's: one handler per channel, invoked with (event, ...args). */
class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: IpcInvokeEventLike, ...args: unknown[]) => unknown>();

  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** What ipcRenderer.invoke(channel, request) does on the main side. */
  async invoke(channel: string, event: IpcInvokeEventLike, request: unknown): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, request);
  }
}

class FakeWebContents implements WebContentsLike {
  readonly sent: { channel: string; payload: unknown }[] = [];
  destroyed = false;
  constructor(readonly id: number) {}
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, payload: args[0] });
  }
}

function fromFrame(id: number, url: string, parent: unknown = null): IpcInvokeEventLike {
  return { sender: { id }, senderFrame: { url, parent } };
}

function setup() {
  const host = createEchoHost();
  const ipcMain = new FakeIpcMain();
  const windows = [new FakeWebContents(1), new FakeWebContents(2)];
  const warnings: string[] = [];
  const server = serveOverElectronIpc({
    ipcMain,
    host,
    dispatch: createDispatcher(host),
    isTrustedUrl: (url) => isTrustedAppUrl(url, { indexUrl: INDEX_URL }),
    targets: () => windows,
    log: (_level, message) => warnings.push(message),
  });
  return { host, ipcMain, windows, warnings, server };
}

describe('Electron IPC transport', () => {
  it('handles a channel for every command and round-trips each to the host', async () => {
    const { host, ipcMain } = setup();
    expect([...ipcMain.handlers.keys()]).toEqual(COMMAND_NAMES.map(commandChannel));
    for (const command of COMMAND_NAMES) {
      const result = await ipcMain.invoke(commandChannel(command), fromFrame(3, `${INDEX_URL}#/`), VALID_REQUESTS[command]);
      expect(result).toEqual({ ok: true, value: { echo: command, request: VALID_REQUESTS[command], clientId: 'electron:3' } });
    }
    expect(host.calls.map((call) => call.command)).toEqual([...COMMAND_NAMES]);
  });

  it('delivers every event on its channel to every live window, skipping destroyed ones', () => {
    const { host, windows } = setup();
    windows[1]!.destroyed = true;
    for (const event of EVENT_NAMES) host.emit(event, EVENT_PAYLOADS[event]);
    expect(windows[0]!.sent).toEqual(EVENT_NAMES.map((event) => ({ channel: eventChannel(event), payload: EVENT_PAYLOADS[event] })));
    expect(windows[1]!.sent).toEqual([]);
  });

  it('keeps delivering to other windows when one throws on send', () => {
    const { host, windows, warnings } = setup();
    windows[0]!.send = () => {
      throw new Error('An object could not be cloned.');
    };
    host.emit('order', EVENT_PAYLOADS.order);
    expect(windows[1]!.sent).toEqual([{ channel: 'janus:evt:order', payload: EVENT_PAYLOADS.order }]);
    expect(warnings).toEqual(['Could not deliver order to window 1: An object could not be cloned.']);
  });

  it('refuses a malformed payload naming the field, without calling the host', async () => {
    const { host, ipcMain } = setup();
    const bad = { order: { ...VALID_REQUESTS['order.place'].order, quantity: 'lots' } };
    expect(await ipcMain.invoke('janus:cmd:order.place', fromFrame(1, INDEX_URL), bad)).toEqual({
      ok: false, error: { code: 'invalid-payload', message: 'order.quantity: expected a number, got "lots"' },
    });
    expect(await ipcMain.invoke('janus:cmd:order.cancel', fromFrame(1, INDEX_URL), { account: 'main', orderId: -1 })).toMatchObject({
      ok: false, error: { code: 'invalid-payload' },
    });
    expect(host.calls).toEqual([]);
  });

  it('refuses commands from a foreign page, a sub-frame or a vanished frame, and never reaches the host', async () => {
    const { host, ipcMain, warnings } = setup();
    const place = (event: IpcInvokeEventLike) => ipcMain.invoke('janus:cmd:order.place', event, VALID_REQUESTS['order.place']);
    await expect(place(fromFrame(1, 'https://evil.example/'))).rejects.toThrow('Refused: the page https://evil.example/ is not Janus Workstation.');
    await expect(place(fromFrame(1, 'file:///tmp/other.html'))).rejects.toThrow('is not Janus Workstation');
    await expect(place(fromFrame(1, INDEX_URL, { url: INDEX_URL }))).rejects.toThrow('may not send commands');
    await expect(place({ sender: { id: 1 }, senderFrame: null })).rejects.toThrow('Refused: the sending frame is gone.');
    expect(host.calls).toEqual([]);
    expect(warnings).toHaveLength(4);
    expect(warnings[0]).toBe('IPC order.place refused: the page https://evil.example/ is not Janus Workstation.');
  });

  it('releases a renderer\'s client id, and on close removes every handler and event forwarding', () => {
    const { host, ipcMain, windows, server } = setup();
    server.releaseRenderer(2);
    expect(host.released).toEqual(['electron:2']);
    server.close();
    expect(ipcMain.handlers.size).toBe(0);
    host.emit('fill', EVENT_PAYLOADS.fill);
    expect(windows[0]!.sent).toEqual([]);
  });
});
