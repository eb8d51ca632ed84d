// npm run bench [-- --json] [-- --quick] [-- --only host|ui|scale] [-- --market-view]
// [-- --soak 30m] [-- --scale-symbols N]
// (`-- --help` lists them). Every figure from every benchmark, each measured
// against its baseline in the same run (raw @stoqey/ib decoding for the host;
// the 16.7 ms frame for the UI; the page's WebSocket round trip for keystroke
// to wire; the queued places' drain time for cancel-all). Figures are
// reported, never asserted.

import { existsSync } from 'node:fs';
import { runCancelBacklogBench } from './cancel-backlog';
import { runPlaceToWireBench } from './place-to-wire';
import { runQuoteWaitBench } from './quote-wait';
import { runSoak } from './soak';
import { prefixed } from './stats';
import { runHostBench } from './host-ingest';
import { benchUsage, parseBenchArgs, type BenchSection } from './options';
import { benchSymbols } from './symbols';
import { runUiBench } from './ui-frames';

type Figures = Record<string, number>;


async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  if (!args.ok) {
    process.stderr.write(`bench: ${args.message}\n${benchUsage()}\n`);
    process.exit(2);
  }
  if ('help' in args) {
    process.stdout.write(`${benchUsage()}\n`);
    return;
  }
  const { json, quick, only, marketView, soakMs, scaleSymbols } = args.options;
  const log = (line: string): void => {
    // With --json, stdout carries exactly one JSON object; progress goes to stderr.
    (json ? process.stderr : process.stdout).write(`${line}\n`);
  };

  const result: Record<string, Figures | Record<string, string>> = {};
  const notRun: Record<string, string> = {};
  const chromium = existsSync('/usr/bin/chromium');
  const noChromium = 'Chromium is not installed at /usr/bin/chromium (apt-get install chromium)';
  const timing = quick ? { seconds: 4, warmupSeconds: 2 } : {};
  const wants = (section: BenchSection): boolean => soakMs === undefined && (only === undefined || only === section);

  if (soakMs !== undefined) {
    log(`bench: memory soak for ${soakMs / 60_000} min ...`);
    if (chromium) result.soak = await runSoak({ durationMs: soakMs, log });
    else notRun.soak = noChromium;
  }
  if (wants('host')) {
    log('bench: host ingest and order round trip ...');
    const host = await runHostBench({ quick });
    log('bench: cancel-all behind a backlog of queued orders ...');
    const cancel = await runCancelBacklogBench({ orders: quick ? 200 : 1000 });
    log('bench: the wait in the host quote window, 200 symbols at 5,000 ticks/s ...');
    const wait = await runQuoteWaitBench({ quick });
    log('bench: order.place to the wire in the host, with the order journal and without ...');
    result.host = { ...host, ...cancel, ...wait, ...(await runPlaceToWireBench({ quick })) };
  }
  if (wants('ui')) {
    if (chromium) {
      // A trader's screens, not a 4000 px page: the Quotes panel scrolls, and
      // rows out of sight cost nothing, so the window size decides the figure.
      log('bench: UI frames, tick-to-screen and keystroke-to-wire in Chromium, 1600x1000 ...');
      result.ui = await runUiBench({ ...timing, viewportWidth: 1600, viewportHeight: 1000, keystrokes: quick ? 20 : 200 });
      log('bench: UI frames and tick-to-screen in Chromium, 2560x1440 ...');
      result.uiLarge = await runUiBench({ ...timing, viewportWidth: 2560, viewportHeight: 1440 });
      if (marketView) {
        log('bench: UI with Chart, Depth and Time & sales on one symbol at 50 ticks/s, 1600x1000 ...');
        result.uiMarketView = await runUiBench({ ...timing, viewportWidth: 1600, viewportHeight: 1000, marketView: true });
      }
    } else {
      notRun.ui = noChromium;
    }
  }
  if (wants('scale')) {
    // The simulator's own symbols first, then its synthetic listings ZSYN0001... (symbols.ts).
    const symbols = benchSymbols(scaleSymbols);
    log(`bench: host ingest at ${symbols.length} symbols ...`);
    const scale: Figures = prefixed('host', await runHostBench({ quick, symbols, ingestOnly: true }));
    if (chromium) {
      log(`bench: UI frames at ${symbols.length} symbols in Chromium, 1600x1000 ...`);
      Object.assign(scale, prefixed('ui', await runUiBench({ ...timing, symbols: symbols.length, viewportWidth: 1600, viewportHeight: 1000 })));
    } else {
      notRun.scaleUi = noChromium;
    }
    result.scale = scale;
  }
  if (Object.keys(notRun).length > 0) result.notRun = notRun;

  if (json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  for (const [section, figures] of Object.entries(result)) {
    log(`\n${section}`);
    for (const [key, value] of Object.entries(figures as Record<string, unknown>)) log(`  ${key.padEnd(28)} ${String(value)}`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
