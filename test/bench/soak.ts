// Memory soak: `npm run bench -- --soak 30m`. Browser mode with 200 symbols
// ticking at 5,000 ticks/s in Chromium and an order a second typed on the
// command line (market buy, then market sell: the position stays flat, the
// Orders and Fills tables grow as a trader's day does). Every sample reads the
// host's RSS and heap after GC (test/bench/soak-probe.mjs, loaded into browser
// mode's process) and the page's JS heap after GC and DOM node count (CDP).
// Reports the growth from minute 5 (warm-up: JIT, caches, first rows) to the end,
// and the growth per order placed in that time (the Orders and Fills tables keep
// every row of the day, so some growth per order is history, not a leak).

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type CDPSession } from '@playwright/test';
import { startWorkstation } from '../e2e/workstation';
import { growthPercent, round, type SoakSample } from './stats';
import { benchSymbols } from './symbols';

export interface SoakOptions {
  durationMs: number;
  symbols?: number;
  ticksPerSecond?: number;
  /** Progress lines (one per sample). */
  log?: (line: string) => void;
}

// An order a second is the rate guard's 60 a minute exactly: off, so a slow second never refuses one.
const SOAK_RISK = { maxQuantity: null, maxNotional: null, priceBandPercent: null, maxOrdersPerSecond: null, maxOrdersPerMinute: null };
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const MB = 1024 * 1024;

/** The probe's newest sample: at most a quarter of the sampling interval old. */
async function hostMemory(probeFile: string): Promise<{ rss: number; heapUsed: number }> {
  const lines = (await readFile(probeFile, 'utf8').catch(() => '')).trim().split('\n').filter(Boolean);
  const last = lines[lines.length - 1];
  if (last === undefined) throw new Error('soak: the host process wrote no memory sample (is soak-probe.mjs loading?)');
  return JSON.parse(last) as { rss: number; heapUsed: number };
}

async function pageMemory(cdp: CDPSession): Promise<{ jsHeap: number; domNodes: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  const metrics = new Map((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  return { jsHeap: metrics.get('JSHeapUsedSize') ?? Number.NaN, domNodes: metrics.get('Nodes') ?? Number.NaN };
}

export async function runSoak(options: SoakOptions): Promise<Record<string, number>> {
  const log = options.log ?? (() => undefined);
  const minutes = options.durationMs / 60_000;
  // One sample a minute; a short soak (a check that it works) samples more often.
  const sampleEveryMs = Math.min(60_000, options.durationMs / 6);
  const fromMinute = Math.min(5, minutes / 2);
  const symbols = benchSymbols(options.symbols ?? 200);
  const ticksPerSecond = options.ticksPerSecond ?? 5000;

  const probeDir = await mkdtemp(join(tmpdir(), 'janus-soak-'));
  const probeFile = join(probeDir, 'host-memory.jsonl');
  const probe = fileURLToPath(new URL('./soak-probe.mjs', import.meta.url));
  const saved = { options: process.env.NODE_OPTIONS, file: process.env.JANUS_SOAK_PROBE_FILE, ms: process.env.JANUS_SOAK_PROBE_MS };
  Object.assign(process.env, { NODE_OPTIONS: `${saved.options ?? ''} --import ${probe}`.trim(), JANUS_SOAK_PROBE_FILE: probeFile, JANUS_SOAK_PROBE_MS: String(Math.max(1000, sampleEveryMs / 4)) });
  const ws = await startWorkstation({ tickRate: 0, settings: { watchlist: symbols, confirm: { quantityAbove: null, notionalAbove: null }, risk: SOAK_RISK } }).finally(() => {
    for (const [key, value] of [['NODE_OPTIONS', saved.options], ['JANUS_SOAK_PROBE_FILE', saved.file], ['JANUS_SOAK_PROBE_MS', saved.ms]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(ws.url);
    await page.waitForFunction(`document.querySelectorAll('.qt-row[data-symbol]').length >= ${symbols.length}`, undefined, { timeout: 60_000 });
    ws.simulator.setTickRate(ticksPerSecond);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const input = page.getByRole('region', { name: 'Command line' }).getByRole('textbox', { name: 'Command' });
    const symbol = symbols[0] ?? 'AAPL';

    const samples: SoakSample[] = [];
    const ordersAt: number[] = [];
    const start = Date.now();
    let orders = 0;
    const sample = async (): Promise<void> => {
      const host = await hostMemory(probeFile);
      const pageMem = await pageMemory(cdp);
      const minute = (Date.now() - start) / 60_000;
      samples.push({ minute, values: { hostRss: host.rss, hostHeap: host.heapUsed, rendererHeap: pageMem.jsHeap, rendererDomNodes: pageMem.domNodes } });
      ordersAt.push(orders);
      log(
        `soak: minute ${minute.toFixed(1)}: host RSS ${(host.rss / MB).toFixed(1)} MB, heap ${(host.heapUsed / MB).toFixed(1)} MB; ` +
          `page heap ${(pageMem.jsHeap / MB).toFixed(1)} MB, ${pageMem.domNodes} DOM nodes; ${orders} orders`,
      );
    };
    let nextSample = start;
    while (Date.now() - start < options.durationMs) {
      if (Date.now() >= nextSample) {
        await sample();
        nextSample += sampleEveryMs;
        continue;
      }
      const t0 = Date.now();
      // Typed key by key, as a trader does: Playwright's fill() leaves one DOM node behind per call
      // (measured: 100 fills, +100 nodes; 100 typed lines, +8), which read as the app's growth.
      await input.focus();
      await page.keyboard.press('Escape');
      await page.keyboard.type(`${orders % 2 === 0 ? 'buy' : 'sell'} 1 ${symbol}`);
      await page.keyboard.press('Enter');
      orders += 1;
      await sleep(Math.max(0, 1000 - (Date.now() - t0)));
    }
    await sample();
    ws.simulator.setTickRate(0);
    const growth = growthPercent(samples, fromMinute);
    const firstIndex = samples.findIndex((s) => s.minute >= fromMinute);
    const first = samples[firstIndex]?.values ?? {};
    // Orders and fills are kept on screen all day: growth per order tells history from a leak.
    const ordersInRange = orders - (ordersAt[firstIndex] ?? orders);
    const last = samples[samples.length - 1]?.values ?? {};
    const perOrder = (name: string): number => ((last[name] ?? Number.NaN) - (first[name] ?? Number.NaN)) / ordersInRange;
    const pct = (name: string): number => round(growth[name] ?? Number.NaN, 1);
    return {
      soakMinutes: round(minutes, 1),
      soakSymbols: symbols.length,
      soakTicksPerSecond: ticksPerSecond,
      soakOrders: orders,
      soakSamples: samples.length,
      soakGrowthFromMinute: round(fromMinute, 1),
      hostRssStartMB: round((first.hostRss ?? Number.NaN) / MB),
      hostRssEndMB: round((last.hostRss ?? Number.NaN) / MB),
      hostRssGrowthPct: pct('hostRss'),
      hostHeapStartMB: round((first.hostHeap ?? Number.NaN) / MB),
      hostHeapEndMB: round((last.hostHeap ?? Number.NaN) / MB),
      hostHeapGrowthPct: pct('hostHeap'),
      rendererHeapStartMB: round((first.rendererHeap ?? Number.NaN) / MB),
      rendererHeapEndMB: round((last.rendererHeap ?? Number.NaN) / MB),
      rendererHeapGrowthPct: pct('rendererHeap'),
      rendererDomNodesStart: first.rendererDomNodes ?? Number.NaN,
      rendererDomNodesEnd: last.rendererDomNodes ?? Number.NaN,
      rendererDomNodesGrowthPct: pct('rendererDomNodes'),
      rendererDomNodesPerOrder: round(perOrder('rendererDomNodes'), 1),
      rendererHeapKBPerOrder: round(perOrder('rendererHeap') / 1024, 2),
      hostHeapKBPerOrder: round(perOrder('hostHeap') / 1024, 2),
      loadAverage1m: round(loadavg()[0] ?? 0),
    };
  } finally {
    await browser.close();
    await ws.close();
    await rm(probeDir, { recursive: true, force: true });
  }
}
