// The desktop app's Playwright `_electron` checks, shared by the Playwright
// spec (test/electron/app.spec.ts) and the vitest runner
// (test/integration/electron-app.test.ts), which reports them as not run,
// with the reason, where Electron's binary is not installed.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { _electron, type ElectronApplication, type Page } from '@playwright/test';
import type { JanusBridge, MenuAction, Result } from '../../shared/ipc';
import type { Snapshot } from '../../shared/model';

export const repoRoot = join(__dirname, '..', '..');

export type Availability = { binary: string } | { reason: string };

/** Where Electron's binary is (scripts/electron-binary.mjs decides), or why these checks cannot run here. */
export async function electronAvailability(): Promise<Availability> {
  const url = pathToFileURL(join(repoRoot, 'scripts', 'electron-binary.mjs')).href;
  const finder = (await import(url)) as { electronBinaryPath(): string | null };
  const binary = finder.electronBinaryPath();
  if (!binary) {
    return {
      reason:
        "Electron binary not installed (node_modules/electron/dist is absent: Electron >= 42 downloads it on first require, which needs GitHub); set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron to run them",
    };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY && !existsSync('/usr/bin/Xvfb')) {
    return { reason: 'no DISPLAY and no Xvfb to provide one' };
  }
  return { binary };
}

/** A private X display when there is none (CI): Xvfb picks a free number and tells us on fd 3. */
async function startXvfb(): Promise<{ display: string; process: ChildProcess } | null> {
  if (process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY) return null;
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1920x1080x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
  });
  const display = await new Promise<string>((resolve, reject) => {
    let text = '';
    const fd3 = xvfb.stdio[3] as NodeJS.ReadableStream;
    fd3.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(`:${text.trim()}`);
    });
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}`)));
  });
  return { display, process: xvfb };
}

export interface LaunchedApp {
  app: ElectronApplication;
  page: Page;
  dataDir: string;
  close(): Promise<void>;
}

/** Builds out/ once (main, preload, renderer) so the app under test is the current source. */
export function buildOnce(): void {
  const result = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stdout}\n${result.stderr}`);
}

export async function launchJanus(binary: string, dataDir = mkdtempSync(join(tmpdir(), 'janus-electron-'))): Promise<LaunchedApp> {
  const xvfb = await startXvfb();
  const app = await _electron.launch({
    executablePath: binary,
    args: [repoRoot, `--data-dir=${dataDir}`],
    cwd: repoRoot,
    env: { ...process.env, ...(xvfb ? { DISPLAY: xvfb.display } : {}) } as Record<string, string>,
    timeout: 60_000,
  });
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  return {
    app,
    page,
    dataDir,
    async close() {
      await app.close().catch(() => {});
      xvfb?.process.kill('SIGTERM');
    },
  };
}

export function removeDataDir(dataDir: string): void {
  rmSync(dataDir, { recursive: true, force: true });
}

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

function same(actual: unknown, expected: unknown, what: string): void {
  assert(JSON.stringify(actual) === JSON.stringify(expected), `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

/** The page's globals these checks touch (the node tsconfig has no DOM types). */
interface PageGlobals {
  janus: JanusBridge;
  __menu?: MenuAction[];
  location: { href: string };
  document: { title: string };
  open(url: string): unknown;
}

/** Each check throws with a sentence saying what was wrong. */
export const ELECTRON_CHECKS: Record<string, (launched: LaunchedApp) => Promise<void>> = {
  async 'launches one visible window titled Janus Workstation with our page'({ app, page }) {
    const windows = await app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows().map((w) => ({ visible: w.isVisible(), title: w.getTitle(), bounds: w.getBounds() })),
    );
    same(windows.length, 1, 'window count');
    const win = windows[0]!;
    assert(win.bounds.width >= 960 && win.bounds.height >= 600, `window too small: ${JSON.stringify(win.bounds)}`);
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.title === 'Janus Workstation', null, { timeout: 10_000 });
    same(page.url(), 'app://janus/index.html', 'page URL (app://, never file://)');
  },

  async 'serves only the renderer\'s own files over app://, and no file:// at all'({ page }) {
    const answers = await page.evaluate(async () => {
      const status = async (url: string) => {
        try {
          return (await fetch(url)).status;
        } catch {
          return 'blocked';
        }
      };
      return {
        index: await status('app://janus/index.html'),
        traversal: await status('app://janus/%2e%2e/%2e%2e/%2e%2e/etc/passwd'),
        missing: await status('app://janus/no-such-file.js'),
        file: await status('file:///etc/passwd'),
      };
    });
    same(answers, { index: 200, traversal: 404, missing: 404, file: 'blocked' }, 'app:// and file:// answers');
  },

  // The flags themselves are unit-tested (secureWebPreferences); here their effect on the page.
  async 'runs the renderer isolated, with no Node and only window.janus.invoke/on'({ page }) {
    const seen = await page.evaluate(() => {
      const w = globalThis as unknown as Record<string, unknown>;
      const janus = w.janus as Record<string, unknown> | undefined;
      return {
        require: typeof w.require,
        process: typeof w.process,
        module: typeof w.module,
        Buffer: typeof w.Buffer,
        janus: janus ? Object.keys(janus).sort() : null,
        invoke: typeof janus?.invoke,
        on: typeof janus?.on,
      };
    });
    same(seen, { require: 'undefined', process: 'undefined', module: 'undefined', Buffer: 'undefined', janus: ['invoke', 'on'], invoke: 'function', on: 'function' }, 'renderer globals');
  },

  async 'round-trips app.snapshot, listing the Demo SIMULATED account'({ page }) {
    const result = await page.evaluate(() => (globalThis as unknown as PageGlobals).janus.invoke('app.snapshot', {})) as Result<Snapshot>;
    assert(result.ok, `app.snapshot failed: ${JSON.stringify(result)}`);
    const demo = result.value.connections.find((c) => c.simulated);
    assert(demo, `no SIMULATED connection in ${JSON.stringify(result.value.connections)}`);
    same({ account: demo.account, simulated: demo.simulated }, { account: 'demo', simulated: true }, 'demo connection');
    const refused = await page.evaluate(() =>
      (globalThis as unknown as PageGlobals).janus.invoke('order.cancel', { account: 'demo', orderId: 'x' as unknown as number }),
    );
    assert(!refused.ok && refused.error.code === 'invalid-payload', `a malformed cancel was not refused: ${JSON.stringify(refused)}`);
  },

  async 'blocks navigation away and new windows'({ app, page }) {
    const before = page.url();
    await page.evaluate(() => {
      (globalThis as unknown as PageGlobals).location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    same(page.url(), before, 'URL after a navigation attempt');
    const opened = await page.evaluate(() => (globalThis as unknown as PageGlobals).open('https://example.com/') === null);
    same(opened, true, 'window.open blocked');
    same(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length), 1, 'window count after window.open');
  },

  async 'delivers menu picks to the renderer as menu events'({ app, page }) {
    await page.evaluate(() => {
      const w = globalThis as unknown as PageGlobals;
      w.__menu = [];
      w.janus.on('menu', (payload) => w.__menu!.push(payload.action));
    });
    await app.evaluate(({ Menu, BrowserWindow }) => {
      BrowserWindow.getAllWindows()[0]!.focus();
      Menu.getApplicationMenu()?.getMenuItemById('new-order')?.click();
    });
    await page.waitForFunction(() => ((globalThis as unknown as PageGlobals).__menu ?? []).length > 0, null, { timeout: 5_000 });
    same(await page.evaluate(() => (globalThis as unknown as PageGlobals).__menu), ['new-order'], 'menu actions received');
  },
};

export const ELECTRON_CHECK_NAMES = Object.keys(ELECTRON_CHECKS);
