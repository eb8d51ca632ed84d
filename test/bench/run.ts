// npm run bench [-- --json] [-- --quick] [-- --only host|ui] (`-- --help` lists them)
// Every figure from every benchmark, each measured against its baseline in the
// same run (raw @stoqey/ib decoding for the host; the 16.7 ms frame for the UI).
// Figures are reported, never asserted.

import { existsSync } from 'node:fs';
import { runCancelBacklogBench } from './cancel-backlog';
import { runHostBench } from './host-ingest';
import { benchUsage, parseBenchArgs } from './options';
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
  const { json, quick, only } = args.options;
  const log = (line: string): void => {
    // With --json, stdout carries exactly one JSON object; progress goes to stderr.
    (json ? process.stderr : process.stdout).write(`${line}\n`);
  };

  const result: { host?: Figures; ui?: Figures; uiLarge?: Figures; notRun?: Record<string, string> } = {};
  if (only === undefined || only === 'host') {
    log('bench: host ingest and order round trip ...');
    result.host = await runHostBench({ quick });
    log('bench: cancel-all behind a backlog of queued orders ...');
    result.host = { ...result.host, ...(await runCancelBacklogBench({ orders: quick ? 200 : 1000 })) };
  }
  if (only === undefined || only === 'ui') {
    if (existsSync('/usr/bin/chromium')) {
      // A trader's screens, not a 4000 px page: the Quotes panel scrolls, and
      // rows out of sight cost nothing, so the window size decides the figure.
      const timing = quick ? { seconds: 4, warmupSeconds: 2 } : {};
      log('bench: UI frames, tick-to-screen and keystroke-to-wire in Chromium, 1600x1000 ...');
      result.ui = await runUiBench({ ...timing, viewportWidth: 1600, viewportHeight: 1000, keystrokes: quick ? 20 : 200 });
      log('bench: UI frames and tick-to-screen in Chromium, 2560x1440 ...');
      result.uiLarge = await runUiBench({ ...timing, viewportWidth: 2560, viewportHeight: 1440 });
    } else {
      result.notRun = { ui: 'Chromium is not installed at /usr/bin/chromium (apt-get install chromium)' };
    }
  }

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
