// Keystroke -> wire: from the Enter keydown on the command line (or a hotkey's
// keydown) to the PLACE_ORDER frame arriving at the simulator, one order at a
// time, beside the baseline of the page's own WebSocket round trip to the host.
//
// Two clocks: the keydown's event.timeStamp in Chromium and the moment the
// simulator's exchange announces the order in this process (it does so while
// handling the PLACE_ORDER frame). Both are read as timeOrigin + now; their
// offset is measured by round trips to the page (stats.clockOffset), and its
// error is reported beside the figures.

import { appendFileSync, closeSync, fsyncSync, openSync, rmSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Page } from '@playwright/test';
import type { Simulator } from '../../electron/simulator/api';
import { clockOffset, percentile, round, type ClockProbe } from './stats';

/**
 * Runs before the app's scripts: keeps the app's WebSocket reachable so the
 * baseline rides the very socket orders ride, records when each order.place
 * leaves the page, and records the keydowns the benchmark presses (capture
 * phase on window: before any app handler).
 */
export const KEY_PROBE_SCRIPT = `(() => {
  const Native = window.WebSocket;
  window.__benchSockets = [];
  window.WebSocket = class extends Native {
    constructor(...args) { super(...args); window.__benchSockets.push(this); }
    send(data) {
      if (typeof data === 'string' && data.includes('"order.place"')) window.__benchSends.push(performance.timeOrigin + performance.now());
      return super.send(data);
    }
  };
  window.__benchSends = [];
  window.__benchKeys = [];
  window.__benchDispatch = [];
  window.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' && e.key !== 'F6') return;
    window.__benchKeys.push(performance.timeOrigin + e.timeStamp);
    // When the page got to run its first handler: the gap from the key is input queueing, not app code.
    window.__benchDispatch.push(performance.timeOrigin + performance.now());
  }, true);
})()`;

export interface KeystrokeOptions {
  /** Orders typed on the command line; as many again by hotkey. */
  orders: number;
  /** A symbol in the watchlist with a live quote. */
  symbol: string;
  /** Pause after each order reached the wire: stays under the IB client's 40 messages/s. */
  gapMs?: number;
  /** The workstation's data folder (where the order journal fsyncs before every send). */
  dataDir?: string;
}

/** Filesystem magic numbers (statfs f_type) that keep data in memory: an fsync there costs nothing. */
const MEMORY_FILESYSTEMS = new Set([0x01021994 /* tmpfs */, 0x858458f6 /* ramfs */]);

/**
 * The disk under the journal, measured in the journal's own folder: `count` appends of one
 * line, each fsync'd, as the journal does before an order leaves. The share of keystroke to
 * wire no code of ours can remove, and whether this run's folder was on a real disk at all.
 */
export function fsyncProbe(dir: string, count: number): { p50: number; p99: number; onMemoryFs: boolean } {
  const file = join(dir, 'bench-fsync-probe.txt');
  const fd = openSync(file, 'a');
  const times: number[] = [];
  try {
    for (let i = 0; i < count; i += 1) {
      const t0 = performance.now();
      appendFileSync(fd, `{"probe":${i}}\n`);
      fsyncSync(fd);
      times.push(performance.now() - t0);
    }
  } finally {
    closeSync(fd);
    rmSync(file, { force: true });
  }
  return { p50: percentile(times, 50), p99: percentile(times, 99), onMemoryFs: MEMORY_FILESYSTEMS.has(statfsSync(dir).type) };
}

const nodeNow = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Page clock minus ours, from 30 round trips to the page. */
async function pageClockOffset(page: Page): Promise<{ offsetMs: number; errorMs: number }> {
  const probes: ClockProbe[] = [];
  for (let i = 0; i < 30; i += 1) {
    const sentAt = nodeNow();
    const theirs = (await page.evaluate('performance.timeOrigin + performance.now()')) as number;
    probes.push({ sentAt, theirs, receivedAt: nodeNow() });
  }
  return clockOffset(probes);
}

/** Round trips of a `settings.get` invoke over the app's own socket, measured in the page. */
async function socketRoundTrips(page: Page, count: number): Promise<number[]> {
  return (await page.evaluate(`(async () => {
    const socket = window.__benchSockets.filter((s) => s.readyState === WebSocket.OPEN).pop();
    if (!socket) throw new Error('no open WebSocket in the page');
    const times = [];
    for (let i = 0; i < ${count}; i += 1) {
      // Ids far above the bridge's own counter: its dispatch ignores answers it did not ask for.
      const id = 2_000_000_000 + i;
      const t0 = performance.now();
      await new Promise((resolve) => {
        const onMessage = (ev) => {
          if (typeof ev.data === 'string' && ev.data.includes('"id":' + id + ',')) {
            socket.removeEventListener('message', onMessage);
            resolve();
          }
        };
        socket.addEventListener('message', onMessage);
        socket.send(JSON.stringify({ type: 'invoke', id, command: 'settings.get', request: {} }));
      });
      times.push(performance.now() - t0);
    }
    return times;
  })()`)) as number[];
}

/**
 * quotes.subscribe for each symbol over the app's own socket (the scale section's symbols beyond
 * one watchlist): the host counts them for this page, and their quotes reach it like the rest.
 */
export async function subscribeOverPageSocket(page: Page, symbols: readonly string[]): Promise<void> {
  if (symbols.length === 0) return;
  const refused = (await page.evaluate(`(async () => {
    const socket = window.__benchSockets.filter((s) => s.readyState === WebSocket.OPEN).pop();
    if (!socket) throw new Error('no open WebSocket in the page');
    const symbols = ${JSON.stringify(symbols)};
    const refused = [];
    await Promise.all(symbols.map((symbol, i) => new Promise((resolve) => {
      const id = 1_500_000_000 + i;
      const onMessage = (ev) => {
        if (typeof ev.data !== 'string' || !ev.data.includes('"id":' + id + ',')) return;
        socket.removeEventListener('message', onMessage);
        if (!JSON.parse(ev.data).result.ok) refused.push(symbol + ': ' + ev.data);
        resolve();
      };
      socket.addEventListener('message', onMessage);
      socket.send(JSON.stringify({ type: 'invoke', id, command: 'quotes.subscribe', request: { symbol } }));
    })));
    return refused;
  })()`)) as string[];
  if (refused.length > 0) throw new Error(`quotes.subscribe refused ${refused.length} symbols, e.g. ${refused[0] ?? ''}`);
}

interface ToWire {
  /** Keydown to PLACE_ORDER at the simulator. */
  total: number[];
  /** Keydown to the order.place frame leaving the page: the renderer's share. */
  inPage: number[];
  /** Keydown (the event's timestamp) to the page's first listener running: input queueing. */
  toHandler: number[];
  /** How far apart the two clocks may be in `total`. */
  clockErrorMs: number;
}

/** Presses `press` `count` times; each time waits for the order to reach the simulator. Latencies in ms. */
async function ordersToWire(page: Page, simulator: Simulator, count: number, gapMs: number, press: () => Promise<void>): Promise<ToWire> {
  const arrivals: number[] = [];
  let arrived: (() => void) | null = null;
  const seen = new Set<number>();
  const noop = (): void => undefined;
  const off = simulator.exchange.addListener({
    onTick: noop,
    onExecution: noop,
    onPosition: noop,
    onAccount: noop,
    onOrder(order) {
      if (seen.has(order.orderId)) return;
      seen.add(order.orderId);
      arrivals.push(nodeNow());
      arrived?.();
    },
  });
  try {
    const clock = await pageClockOffset(page);
    await page.evaluate('window.__benchKeys.length = 0; window.__benchSends.length = 0; window.__benchDispatch.length = 0');
    for (let i = 0; i < count; i += 1) {
      const before = arrivals.length;
      const reached = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`keystroke-wire: order ${i + 1} did not reach the simulator within 10 s`)), 10_000);
        arrived = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      await press();
      await reached.catch(async (error: unknown) => {
        // Say what the trader saw: the command line's answer to the line.
        const said = await page
          .getByRole('region', { name: 'Command line' })
          .getByLabel('Command line message')
          .textContent({ timeout: 1000 })
          .catch(() => null);
        throw new Error(`${error instanceof Error ? error.message : String(error)}; the command line said: ${JSON.stringify(said)}`);
      });
      arrived = null;
      if (arrivals.length !== before + 1) throw new Error(`keystroke-wire: ${arrivals.length - before} orders reached the simulator for one key`);
      await sleep(gapMs);
    }
    const [keys, sends, dispatched] = (await page.evaluate('[window.__benchKeys, window.__benchSends, window.__benchDispatch]')) as [number[], number[], number[]];
    if (keys.length !== count || sends.length !== count) throw new Error(`keystroke-wire: ${keys.length} keydowns and ${sends.length} order.place frames recorded for ${count} orders`);
    return {
      total: keys.map((key, i) => (arrivals[i] ?? Number.NaN) + clock.offsetMs - key),
      inPage: keys.map((key, i) => (sends[i] ?? Number.NaN) - key),
      toHandler: keys.map((key, i) => (dispatched[i] ?? Number.NaN) - key),
      clockErrorMs: clock.errorMs,
    };
  } finally {
    off();
  }
}

export async function measureKeystrokeToWire(page: Page, simulator: Simulator, options: KeystrokeOptions): Promise<Record<string, number>> {
  const gapMs = options.gapMs ?? 30;
  const conId = simulator.exchange.findBySymbol(options.symbol)[0]?.conId ?? 0;
  const bid = simulator.exchange.quote(conId)?.bid ?? Number.NaN;
  if (!(bid > 0)) throw new Error(`keystroke-wire: no bid for ${options.symbol}`);
  // Half the market: the order rests, nothing fills, every order is a new PLACE_ORDER.
  const line = `buy 1 ${options.symbol} ${(Math.round(bid * 50) / 100).toFixed(2)} day`;
  const input = page.getByRole('region', { name: 'Command line' }).getByRole('textbox', { name: 'Command' });

  const baseline = await socketRoundTrips(page, options.orders);
  const disk = options.dataDir === undefined ? null : fsyncProbe(options.dataDir, options.orders);
  const typed = await ordersToWire(page, simulator, options.orders, gapMs, async () => {
    await input.fill(line);
    await input.press('Enter');
  });
  // F6 is "buy {qty} {symbol} bid" in the default keymap: {qty} is the ticket's quantity (1, so
  // 200 resting orders stay inside the account's buying power), {symbol} the selected quote row.
  const row = page.getByRole('region', { name: 'Quotes' }).getByRole('row', { name: `Quote ${options.symbol}` });
  await row.click();
  await page.getByRole('region', { name: 'Order ticket' }).getByRole('textbox', { name: 'Quantity' }).fill('1');
  await row.click();
  const hotkey = await ordersToWire(page, simulator, options.orders, gapMs, () => page.keyboard.press('F6'));
  return {
    keystrokeOrders: typed.total.length,
    keystrokeToWireP50Ms: round(percentile(typed.total, 50)),
    keystrokeToWireP99Ms: round(percentile(typed.total, 99)),
    /** The first order after the page loaded is among them; the max says whether one order stood out. */
    keystrokeToWireMaxMs: round(Math.max(...typed.total)),
    /** The renderer's share: keydown to the order.place frame leaving the page. */
    keystrokeInPageP50Ms: round(percentile(typed.inPage, 50)),
    keystrokeInPageP99Ms: round(percentile(typed.inPage, 99)),
    hotkeyToWireP50Ms: round(percentile(hotkey.total, 50)),
    hotkeyToWireP99Ms: round(percentile(hotkey.total, 99)),
    hotkeyToWireMaxMs: round(Math.max(...hotkey.total)),
    hotkeyInPageP50Ms: round(percentile(hotkey.inPage, 50)),
    hotkeyInPageP99Ms: round(percentile(hotkey.inPage, 99)),
    /** Of the renderer's share, the wait before the page's first key listener ran (the main thread busy or the key held by the browser). */
    keystrokeToHandlerP50Ms: round(percentile(typed.toHandler, 50)),
    hotkeyToHandlerP50Ms: round(percentile(hotkey.toHandler, 50)),
    hotkeyToHandlerP99Ms: round(percentile(hotkey.toHandler, 99)),
    ...(disk === null
      ? {}
      : {
          /** One journal line appended and fsync'd in the data folder: the disk's share of each order. */
          journalFsyncP50Ms: round(disk.p50),
          journalFsyncP99Ms: round(disk.p99),
          /** 1 when the data folder is on tmpfs/ramfs, where that share is missing from the figures. */
          dataDirOnMemoryFs: disk.onMemoryFs ? 1 : 0,
        }),
    /** What the host adds after the page: keystroke to wire minus the renderer's share. */
    keystrokeAfterPageP50Ms: round(percentile(typed.total.map((t, i) => t - (typed.inPage[i] ?? 0)), 50)),
    keystrokeAfterPageP99Ms: round(percentile(typed.total.map((t, i) => t - (typed.inPage[i] ?? 0)), 99)),
    wsRoundTripP50Ms: round(percentile(baseline, 50)),
    wsRoundTripP99Ms: round(percentile(baseline, 99)),
    keystrokeToWireP99OverWsRoundTripP99: round(percentile(typed.total, 99) / percentile(baseline, 99)),
    /** Half the shortest page round trip: how far the two clocks may be apart. */
    keystrokeClockErrorMs: round(Math.max(typed.clockErrorMs, hotkey.clockErrorMs), 3),
  };
}
