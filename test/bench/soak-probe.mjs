// Loaded into browser mode's host process by the soak benchmark (through
// NODE_OPTIONS=--import): every JANUS_SOAK_PROBE_MS it collects garbage and
// appends one JSON line { at, rss, heapUsed } to JANUS_SOAK_PROBE_FILE.
// Measurement only; the app never loads it.
import { appendFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const file = process.env.JANUS_SOAK_PROBE_FILE;
const every = Number(process.env.JANUS_SOAK_PROBE_MS ?? '60000');
// tsx's launcher inherits NODE_OPTIONS too; only the process running web.ts is the host.
if (file && (process.argv[1] ?? '').endsWith('web.ts')) {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc');
  const sample = () => {
    gc();
    const { rss, heapUsed } = process.memoryUsage();
    appendFileSync(file, `${JSON.stringify({ at: Date.now(), pid: process.pid, rss, heapUsed })}\n`);
  };
  setInterval(sample, every).unref();
  sample();
}
