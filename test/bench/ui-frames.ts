// UI benchmark (run with tsx):  npx tsx test/bench/ui-frames.ts [--quick] [--json]
//
// The real UI in Chromium, fed by browser mode from the simulator at a fixed
// tick rate with a full watchlist on screen. Measures, from inside the page
// (window.__janusPerf, present only with ?perf=1):
//   - frame times: requestAnimationFrame deltas, p50/p99 (16.7 ms = 60 fps);
//   - tick-to-screen latency: Date.now() when a row wrote a quote into its
//     cells (inside the frame that paints it) minus quote.updatedAt (when the
//     host received the newest tick in it), p50/p99; and the same to the
//     quote's arrival in the page (arrivalP50Ms/P99Ms: the host's window, the
//     WebSocket and the parse; the rest is the wait for the next frame).
//   - with `keystrokes`, after the frames and with the ticks still flowing:
//     keystroke (and hotkey) to wire, see keystroke-wire.ts.
// The simulator runs in this process; browser mode is a child process.
//
// The Quotes panel scrolls at every viewport (it gets ~2/5 of the page height:
// roughly 15 rows at 1600x1000, 23 at 2560x1440, 67 at the 1600x4000 default),
// and rows out of sight (beyond a 200 px margin) write nothing, so
// quotesPaintedPerSecond counts rows in sight only. Compare viewports with
// --viewport=1600x1000 / 2560x1440; --trace=FILE records a devtools.timeline
// trace of the measured seconds for finding where a frame goes.

import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import { startWorkstation } from '../e2e/workstation';
import { openMarketView, type MarketViewRun } from './market-view-setup';
import { KEY_PROBE_SCRIPT, measureKeystrokeToWire, subscribeOverPageSocket } from './keystroke-wire';
import { percentile, round } from './stats';
import { benchSymbols, syntheticNeeded } from './symbols';

export interface UiBenchOptions {
  /**
   * Symbols on screen. Default 200, capped by the live, unambiguous symbols
   * the simulator lists (the result's `symbols` says how many were used).
   */
  symbols?: number;
  /** Total ticks per second from the simulator. Default 5000. */
  ticksPerSecond?: number;
  /** Measured seconds (after warm-up). Default 10. */
  seconds?: number;
  warmupSeconds?: number;
  /** Page height in CSS px; the default fits every row on screen. */
  viewportHeight?: number;
  /** Page width in CSS px. Default 1600. */
  viewportWidth?: number;
  /** Write a Chrome trace (devtools.timeline) of the measured seconds to this file. */
  tracePath?: string;
  /**
   * Chart, Depth and Time & sales open on the first symbol, which gets another
   * `marketViewTicksPerSecond` (default 50) ticks of its own beside the watchlist's.
   */
  marketView?: boolean;
  marketViewTicksPerSecond?: number;
  /**
   * After the frames: this many orders typed on the command line and as many
   * by hotkey, keystroke to wire, with the ticks still flowing. Default 0.
   */
  keystrokes?: number;
}

interface PerfTake {
  latencies: number[];
  arrivals: number[];
  frames: number[];
}

// What DevTools' Performance panel records: enough to split frame time into script, style, layout, paint, raster and compositing.
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc', 'gpu', 'viz'];

/** Symbols one watchlist holds (shared/schema.ts). */
const WATCHLIST_MAX = 500;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function runUiBench(options: UiBenchOptions = {}): Promise<Record<string, number>> {
  const wanted = options.symbols ?? 200;
  const ticksPerSecond = options.ticksPerSecond ?? 5000;
  const seconds = options.seconds ?? 10;
  const warmup = options.warmupSeconds ?? 3;
  const symbols = benchSymbols(wanted);

  // Quiet while the page loads and subscribes; full rate once every row is on screen.
  // The rate guard (5 orders/s, 60/min) would refuse the keystroke benchmark's 200 orders in a row.
  const risk = { maxQuantity: null, maxNotional: null, priceBandPercent: null, maxOrdersPerSecond: null, maxOrdersPerMinute: null };
  // One watchlist holds 500 symbols (settings' cap); beyond that the page subscribes the rest
  // over its own socket, as a second watchlist panel would, so the host and the page carry them all.
  const watchlist = symbols.slice(0, WATCHLIST_MAX);
  const ws = await startWorkstation({ tickRate: 0, settings: { watchlist, risk }, query: 'perf=1', syntheticListings: syntheticNeeded(symbols.length) });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    // bypassCSP: waitForFunction evaluates its string predicates with eval, which the app's CSP forbids.
    const viewport = { width: options.viewportWidth ?? 1600, height: options.viewportHeight ?? 4000 };
    const page = await browser.newPage({ viewport, bypassCSP: true });
    const keystrokes = options.keystrokes ?? 0;
    const beyondWatchlist = symbols.slice(WATCHLIST_MAX);
    if (keystrokes > 0 || beyondWatchlist.length > 0) await page.addInitScript(KEY_PROBE_SCRIPT);
    await page.goto(ws.url);
    await page.waitForFunction(`document.querySelectorAll('.qt-row[data-symbol]').length >= ${watchlist.length}`, undefined, { timeout: 60_000 });
    await subscribeOverPageSocket(page, beyondWatchlist);
    ws.simulator.setTickRate(ticksPerSecond);
    // Rows scrolled out of the Quotes area write nothing (renderer/components/row-visibility.ts):
    // wait until every row in sight shows a bid.
    await page.waitForFunction(
      `(() => {
        const area = document.querySelector('.quotes .table-wrap').getBoundingClientRect();
        const inSight = [...document.querySelectorAll('.qt-row[data-symbol]')].filter((row) => {
          const r = row.getBoundingClientRect();
          return r.bottom > area.top && r.top < area.bottom;
        });
        return inSight.length > 0 && inSight.every((row) => row.querySelector('[data-col="bid"]').textContent !== '—');
      })()`,
      undefined,
      { timeout: 60_000 },
    );
    const marketView: MarketViewRun | null = options.marketView ? await openMarketView(page, ws.simulator, symbols[0] ?? 'AAPL', options.marketViewTicksPerSecond ?? 50) : null;
    await sleep(warmup * 1000);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const metrics = async (): Promise<Map<string, number>> =>
      new Map((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    const before = await metrics();
    if (options.tracePath) await browser.startTracing(page, { path: options.tracePath, categories: TRACE_CATEGORIES });
    await page.evaluate('window.__janusPerf.take(); window.__janusPerf.start()');
    await sleep(seconds * 1000);
    const take = (await page.evaluate('(() => { window.__janusPerf.stop(); return window.__janusPerf.take(); })()')) as PerfTake;
    if (options.tracePath) await browser.stopTracing();
    const after = await metrics();
    // Share of wall time the renderer's main thread spent on each kind of work.
    const busy = (name: string): number => round((((after.get(name) ?? 0) - (before.get(name) ?? 0)) / seconds) * 100, 1);
    const keys = keystrokes > 0 ? await measureKeystrokeToWire(page, ws.simulator, { orders: keystrokes, symbol: symbols[0] ?? 'AAPL', dataDir: ws.dataDir }) : {};
    ws.simulator.setTickRate(0);
    const market = marketView ? await marketView.finish() : {};
    const frames = take.frames.slice(1);
    return {
      ...keys,
      symbols: symbols.length,
      watchlistRows: watchlist.length,
      viewportWidth: viewport.width,
      viewportHeight: viewport.height,
      ticksPerSecond,
      seconds,
      frames: frames.length,
      fps: round(frames.length / seconds, 1),
      frameP50Ms: round(percentile(frames, 50)),
      frameP99Ms: round(percentile(frames, 99)),
      frameMaxMs: round(Math.max(...frames)),
      quotesPaintedPerSecond: round(take.latencies.length / seconds, 0),
      latencyP50Ms: round(percentile(take.latencies, 50)),
      latencyP99Ms: round(percentile(take.latencies, 99)),
      // Tick to screen in frames of this run (the baseline beside it): robust to a loaded machine.
      latencyP99InFrames: round(percentile(take.latencies, 99) / percentile(frames, 50)),
      // The first part of tick to screen: host window + WebSocket + parse, to the page's receipt.
      arrivalP50Ms: round(percentile(take.arrivals, 50)),
      arrivalP99Ms: round(percentile(take.arrivals, 99)),
      mainThreadScriptPct: busy('ScriptDuration'),
      mainThreadStylePct: busy('RecalcStyleDuration'),
      mainThreadLayoutPct: busy('LayoutDuration'),
      mainThreadTaskPct: busy('TaskDuration'),
      // Frame times on a shared machine mean little without the load beside them.
      loadAverage1m: round(loadavg()[0] ?? 0),
      ...market,
    };
  } finally {
    await browser.close();
    await ws.close();
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  // --viewport=WIDTHxHEIGHT (e.g. 1600x1000, 2560x1440), --trace=FILE, --keystrokes=N.
  const flag = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const size = /^(\d+)x(\d+)$/.exec(flag('viewport') ?? '');
  const result = await runUiBench({
    ...(quick ? { seconds: 3, warmupSeconds: 1 } : {}),
    ...(size ? { viewportWidth: Number(size[1]), viewportHeight: Number(size[2]) } : {}),
    ...(flag('trace') ? { tracePath: flag('trace') } : {}),
    ...(args.includes('--market-view') ? { marketView: true } : {}),
    ...(flag('keystrokes') ? { keystrokes: Number(flag('keystrokes')) } : {}),
  });
  if (args.includes('--json')) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  process.stdout.write(
    [
      `UI frames: ${result.symbols} symbols on a ${result.viewportWidth}x${result.viewportHeight} page, ${result.ticksPerSecond} ticks/s from the simulator, ${result.seconds} s`,
      `  frames      ${result.fps} fps, p50 ${result.frameP50Ms} ms, p99 ${result.frameP99Ms} ms, max ${result.frameMaxMs} ms`,
      `  tick->screen p50 ${result.latencyP50Ms} ms, p99 ${result.latencyP99Ms} ms (${result.quotesPaintedPerSecond} quotes painted/s); to the page p50 ${result.arrivalP50Ms} ms, p99 ${result.arrivalP99Ms} ms`,
      `  main thread busy ${result.mainThreadTaskPct}% (script ${result.mainThreadScriptPct}%, style ${result.mainThreadStylePct}%, layout ${result.mainThreadLayoutPct}%)`,
      `  machine load average (1 min) ${result.loadAverage1m}`,
      ...(result.marketViewTicksPerSecond !== undefined
        ? [`  market view: Chart, Depth, Time & sales at ${result.marketViewTicksPerSecond} ticks/s; JS heap ${result.marketViewHeapStartMb} -> ${result.marketViewHeapEndMb} MB; ${result.marketViewTapeRows} tape rows`]
        : []),
      '',
    ].join('\n'),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    process.stderr.write(`ui-frames: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
