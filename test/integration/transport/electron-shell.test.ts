// electron/main.ts run in plain Node against a recording fake of Electron's
// API (the real binary cannot be installed here; test/electron covers the real
// thing where it can). The host behind it is real, with the demo simulator.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { COMMAND_NAMES, type Result } from '../../../shared/ipc';
import type { Snapshot } from '../../../shared/model';
import { commandChannel } from '../../../electron/transport/ipc-channels';
import { secureWebPreferences } from '../../../electron/transport/window-options';
import { fake, FakeBrowserWindow, FakeWebContents, type MenuTemplateItem } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const repo = join(__dirname, '..', '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'janus-shell-'));
const indexHtml = join(repo, 'out', 'renderer', 'index.html');
const trustedFrame = (id = 1) => ({ sender: { id }, senderFrame: { url: 'app://janus/index.html', parent: null } });
const signalListeners = new Map<string, unknown[]>();
let window: FakeBrowserWindow;

/** As ipcRenderer.invoke sees it: a handler's throw becomes a rejection. */
async function invoke(channel: string, event: unknown, request: unknown): Promise<unknown> {
  const handler = fake.ipcMainHandlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler(event, request);
}

function findItem(items: MenuTemplateItem[], id: string): MenuTemplateItem | undefined {
  for (const item of items) {
    if (item.id === id) return item;
    const inner = item.submenu && findItem(item.submenu, id);
    if (inner) return inner;
  }
  return undefined;
}

beforeAll(async () => {
  for (const signal of ['SIGINT', 'SIGTERM', 'uncaughtException', 'unhandledRejection']) signalListeners.set(signal, process.listeners(signal as 'SIGINT'));
  fake.app.appPath = repo;
  process.argv.push(`--data-dir=${dataDir}`);
  await import('../../../electron/main');
  fake.app.makeReady();
  // startShell runs after whenReady: wait for the window it opens once the host is up.
  for (let waited = 0; FakeBrowserWindow.all.length === 0; waited += 20) {
    if (waited > 20_000 || fake.app.exitCode !== null) throw new Error(`the shell did not open a window (exit code ${fake.app.exitCode})`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  window = FakeBrowserWindow.all[0]!;
}, 30_000);

afterAll(() => {
  // main.ts hooks process signals; give this test worker its own back.
  for (const [signal, before] of signalListeners) {
    for (const listener of process.listeners(signal as 'SIGINT')) {
      if (!before.includes(listener)) process.off(signal as 'SIGINT', listener);
    }
  }
  process.argv.splice(process.argv.indexOf(`--data-dir=${dataDir}`), 1);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('Electron shell (main.ts against a fake Electron)', () => {
  it('takes the single-instance lock and keeps its data in --data-dir', () => {
    expect(fake.app.lockRequested).toBe(true);
    expect(fake.app.getPath('userData')).toBe(dataDir);
    expect(fake.app.name).toBe('Janus Workstation');
  });

  it('opens one sandboxed, isolated window on the built page', () => {
    expect(window.options.webPreferences).toEqual(secureWebPreferences(join(repo, 'out', 'preload', 'preload.js')));
    expect(window.options).toMatchObject({ title: 'Janus Workstation', minWidth: 960, minHeight: 600, show: false, width: 1440, height: 900 });
    // From app://janus, not file:// (where the CSP's 'self' would admit any local file).
    expect(window.loaded).toEqual({ url: 'app://janus/index.html' });
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
  });

  it('denies permissions, sets the CSP header and blocks remote requests', () => {
    let granted: boolean | null = null;
    fake.permissionRequest!({}, 'media', (value) => (granted = value));
    expect(granted).toBe(false);
    expect(fake.permissionCheck!()).toBe(false);
    let headers: Record<string, string[]> = {};
    fake.headersReceived!({ responseHeaders: { 'X-Other': ['1'] } }, (response) => (headers = response.responseHeaders));
    expect(headers['X-Other']).toEqual(['1']);
    expect(headers['Content-Security-Policy']?.[0]).toContain("connect-src 'none'");
    const cancelled = (url: string) => {
      let cancel: boolean | null = null;
      fake.beforeRequest!({ url }, (response) => (cancel = response.cancel));
      return cancel;
    };
    expect(cancelled('https://example.com/tracker.js')).toBe(true);
    expect(cancelled('http://127.0.0.1:9999/')).toBe(true);
    expect(cancelled('app://janus/assets/app.js')).toBe(false);
    expect(cancelled(pathToFileURL(indexHtml).href)).toBe(true);
    expect(cancelled('file:///etc/passwd')).toBe(true);
  });

  it('registers app:// as a secure standard scheme before ready, and answers 404 outside the renderer', async () => {
    expect(fake.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    const handler = fake.protocolHandlers.get('app');
    expect(handler).toBeDefined();
    for (const url of ['app://janus/../../etc/passwd', 'app://janus/%2e%2e/%2e%2e/package.json', 'app://janus//etc/passwd', 'app://other/index.html']) {
      expect((await handler!({ url })).status, url).toBe(404);
    }
  });

  it('trusts IPC only from the app:// page, not from a file:// page', async () => {
    const fromFile = { sender: { id: 1 }, senderFrame: { url: pathToFileURL(indexHtml).href, parent: null } };
    await expect(invoke('janus:cmd:app.snapshot', fromFile, {})).rejects.toThrow(`Refused: the page ${pathToFileURL(indexHtml).href} is not Janus Workstation.`);
  });

  it('blocks navigation, redirects, webviews and new windows in every web contents', () => {
    const contents = new FakeWebContents();
    fake.app.emit('web-contents-created', {}, contents);
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const prevent = vi.fn();
      contents.emit(event, { preventDefault: prevent }, 'https://example.com/');
      expect(prevent, event).toHaveBeenCalledOnce();
    }
    expect(contents.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('serves every command over IPC to the real host, with the demo SIMULATED account', async () => {
    expect([...fake.ipcMainHandlers.keys()].sort()).toEqual(COMMAND_NAMES.map(commandChannel).sort());
    const result = (await invoke('janus:cmd:app.snapshot', trustedFrame(window.webContents.id), {})) as Result<Snapshot>;
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.connections).toEqual([expect.objectContaining({ account: 'demo', simulated: true })]);
    await expect(invoke('janus:cmd:app.snapshot', { sender: { id: 9 }, senderFrame: { url: 'https://evil.example/', parent: null } }, {}))
      .rejects.toThrow('Refused: the page https://evil.example/ is not Janus Workstation.');
    // Host events reach the window: the demo session's connection states.
    await expect.poll(() => window.webContents.sent.filter((s) => s.channel === 'janus:evt:connection').length, { timeout: 10_000 }).toBeGreaterThan(0);
  });

  it('has a Trade menu whose items reach the renderer as menu events', () => {
    const template = fake.menuTemplate!;
    expect(template.map((item) => item.label ?? item.role)).toEqual(['&File', 'editMenu', '&Trade', '&View', 'windowMenu']);
    expect(findItem(template, 'focus-command-line')).toMatchObject({ label: 'Focus Command Line', accelerator: 'F2' });
    findItem(template, 'cancel-all')!.click!();
    expect(window.webContents.sent.at(-1)).toEqual({ channel: 'janus:evt:menu', payload: { action: 'cancel-all' } });
  });

  it('remembers the window bounds on close', () => {
    window.emit('close');
    const saved = JSON.parse(readFileSync(join(dataDir, 'window-state.json'), 'utf8')) as unknown;
    expect(saved).toEqual({ x: 40, y: 30, width: 1440, height: 900, maximized: false });
  });

  it('on quit, removes the IPC handlers and holds the quit until the host has stopped', async () => {
    let willQuit = 0;
    fake.app.on('will-quit', () => (willQuit += 1));
    fake.app.quit();
    expect(fake.ipcMainHandlers.size).toBe(0);
    expect(willQuit).toBe(0);
    await expect.poll(() => willQuit, { timeout: 10_000 }).toBe(1);
    expect(fake.app.quitCalls).toBe(2);
    // Once stopped, a later quit goes straight through (no second shutdown).
    fake.app.quit();
    expect(willQuit).toBe(2);
  });
});
