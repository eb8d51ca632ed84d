// The chaos test's world: the simulator in this process (so it outlives the
// web process), browser mode as a child process that can be killed with
// SIGKILL and started again on the same data folder, a seeded random source,
// the simulator's ground truth, and readers for the UI's tables.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startSimulator } from '../../electron/simulator';
import type { Simulator } from '../../electron/simulator/api';
import type { SimOrder } from '../../electron/simulator/exchange/types';
import type { Settings } from '../../shared/model';
import { readAllRowsSettled } from './table-reader';

export const CHAOS_ACCOUNT = 'sim';
export const CHAOS_CODE = 'DU1000001';

/** mulberry32: small, seeded, the same sequence on every machine. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface WebProcess {
  url: string;
  kill(): Promise<void>;
  stop(): Promise<void>;
  stderr(): string;
}

/** Browser mode on `dataDir`, started the way `npm run web` starts it. */
export async function startWeb(dataDir: string): Promise<WebProcess> {
  const tsx = join(process.cwd(), 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const child: ChildProcess = spawn(process.execPath, [tsx, 'electron/web.ts', '--port', '0', '--data-dir', dataDir], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => void (err = (err + chunk.toString('utf8')).slice(-20_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`browser mode printed no URL within 60 s\n${err}`)), 60_000);
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
      reject(new Error(`browser mode exited (${String(code)}) before printing its URL\n${err}`));
    });
  });
  const gone = (): boolean => child.exitCode !== null || child.signalCode !== null;
  return {
    url,
    stderr: () => err,
    async kill() {
      if (!gone()) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (gone()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface ChaosWorld {
  simulator: Simulator;
  dataDir: string;
  /** Every order the simulator has reported, latest state per order id. */
  simOrders: Map<number, SimOrder>;
}

export async function startChaosWorld(seed: number): Promise<ChaosWorld> {
  const simulator = await startSimulator({ host: '127.0.0.1', listen: [{ port: 0, account: CHAOS_CODE }], tickRate: 0, seed });
  const simOrders = new Map<number, SimOrder>();
  const noop = (): void => {};
  simulator.exchange.addListener({
    onTick: noop,
    onExecution: noop,
    onPosition: noop,
    onAccount: noop,
    onOrder: (order) => {
      if (order.account === CHAOS_CODE) simOrders.set(order.orderId, { ...order });
    },
  });
  const port = simulator.ports[0]?.port ?? 0;
  const dataDir = await mkdtemp(join(tmpdir(), 'janus-chaos-'));
  const settings = {
    version: 1,
    accounts: [{ id: CHAOS_ACCOUNT, name: 'Sim', broker: 'ib', host: '127.0.0.1', port, clientId: 7, accountCode: CHAOS_CODE, enabled: true }],
    defaults: { tif: 'GTC', quantity: 100, account: CHAOS_ACCOUNT },
    // No rate guard: the soak types 100 lines a minute, past the default 60 orders a minute.
    risk: { maxQuantity: null, maxNotional: null, priceBandPercent: null, maxOrdersPerSecond: null, maxOrdersPerMinute: null },
    confirm: { quantityAbove: 100_000, notionalAbove: null },
    watchlist: [],
  } satisfies Partial<Settings>;
  await writeFile(join(dataDir, 'settings.json'), JSON.stringify(settings, null, 2));
  return { simulator, dataDir, simOrders };
}

export type UiRow = Record<string, string>;

/** Every row of the tables a selector finds, as header -> cell text. */
export async function readTable(page: Page, selector: string): Promise<UiRow[]> {
  // Virtualized tables draw only the rows on screen: read each one whole, scrolling.
  const tables = page.locator(selector);
  const rows: UiRow[] = [];
  for (let i = 0; i < (await tables.count()); i++) rows.push(...(await readAllRowsSettled(tables.nth(i))).map((r) => r.cells));
  return rows;
}
