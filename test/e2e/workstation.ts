// A whole workstation for end-to-end tests, nothing mocked: the simulator in
// this process (so a test can stop and start it), browser mode (electron/web.ts)
// as a child process with a settings file pointing one account at the
// simulator, and the URL with its one-time token.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '../../electron/simulator';
import type { Simulator } from '../../electron/simulator/api';
import type { Settings } from '../../shared/model';

export const ACCOUNT_CODE = 'DU1000001';
export const ACCOUNT_ID = 'sim';

export interface Workstation {
  simulator: Simulator;
  url: string;
  dataDir: string;
  /**
   * kill -9 of the browser-mode process (the one holding the data folder's lock, not
   * tsx's launcher), then a fresh one on the same data folder; answers its new URL.
   */
  killAndRestartWeb(): Promise<string>;
  /** What browser mode wrote to stderr (for failure messages). */
  stderr(): string;
  close(): Promise<void>;
}

export interface WorkstationOptions {
  tickRate?: number;
  /** Positions the account holds at the start (default none). */
  startingPositions?: { symbol: string; quantity: number; avgCost: number }[];
  settings?: Partial<Settings>;
  /** Extra query parameters for the page URL (e.g. perf=1). */
  query?: string;
  /** Made-up listings ZSYN0001... the simulator adds (the benchmarks' scale section). Default 0. */
  syntheticListings?: number;
}

function waitForUrl(child: ChildProcess, stderr: () => string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`browser mode printed no URL within ${timeoutMs} ms\n${stderr()}`)), timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const m = /Janus Workstation: (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser mode exited (${String(code)}) before printing its URL\n${stderr()}`));
    });
  });
}

export async function startWorkstation(options: WorkstationOptions = {}): Promise<Workstation> {
  const simulator = await startSimulator({
    host: '127.0.0.1',
    listen: [{ port: 0, account: ACCOUNT_CODE }],
    // Ticks go only to watched symbols: 100/s keeps a short watchlist lively.
    tickRate: options.tickRate ?? 100,
    seed: 7,
    startingPositions: options.startingPositions ?? [],
    syntheticListings: options.syntheticListings ?? 0,
  });
  const port = simulator.ports[0]?.port;
  if (port === undefined) throw new Error('simulator has no port');
  const dataDir = await mkdtemp(join(tmpdir(), 'janus-e2e-'));
  const settings: Settings = {
    version: 1,
    accounts: [
      { id: ACCOUNT_ID, name: 'Sim', broker: 'ib', host: '127.0.0.1', port, clientId: 7, accountCode: ACCOUNT_CODE, enabled: true },
    ],
    defaults: { tif: 'GTC', quantity: 100, account: ACCOUNT_ID },
    risk: { maxQuantity: null, maxNotional: null, priceBandPercent: null },
    confirm: { quantityAbove: 1000, notionalAbove: null },
    watchlist: [],
    ...options.settings,
  };
  await writeFile(join(dataDir, 'settings.json'), JSON.stringify(settings, null, 2));

  let web: BrowserMode;
  try {
    web = await startBrowserMode(dataDir);
  } catch (e) {
    await simulator.close();
    throw e;
  }
  let url = web.url;
  // The token rides in the fragment, so a query goes before it: /?perf=1#token=…
  if (options.query) url = url.replace('/#', `/?${options.query}#`);

  return {
    simulator,
    url,
    dataDir,
    stderr: () => web.stderr(),
    async killAndRestartWeb() {
      const pid = Number((await readFile(join(dataDir, 'janus.lock'), 'utf8')).trim());
      if (!Number.isSafeInteger(pid) || pid <= 0) throw new Error('no browser-mode pid in the data folder lock');
      process.kill(pid, 'SIGKILL');
      await web.stop();
      web = await startBrowserMode(dataDir);
      return options.query ? web.url.replace('/#', `/?${options.query}#`) : web.url;
    },
    async close() {
      await web.stop();
      await simulator.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface BrowserMode {
  url: string;
  stderr(): string;
  stop(): Promise<void>;
}

/** `npm run web -- --port 0 --data-dir DIR`, without npm: the same entry through tsx. */
export async function startBrowserMode(dataDir: string): Promise<BrowserMode> {
  const tsx = join(process.cwd(), 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const child = spawn(process.execPath, [tsx, 'electron/web.ts', '--port', '0', '--data-dir', dataDir], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    err = (err + chunk.toString('utf8')).slice(-20_000);
  });
  const stderr = (): string => err;
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  try {
    return { url: await waitForUrl(child, stderr, 60_000), stderr, stop };
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
}

/** Browser mode on an empty data directory: the demo account on the embedded simulator. */
export async function startDemo(): Promise<{ url: string; close(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'janus-e2e-demo-'));
  const web = await startBrowserMode(dataDir);
  return {
    url: web.url,
    async close() {
      await web.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
