// npm start: build what is missing or stale, then open the desktop app. Where
// Electron's binary is missing, Electron's own installer fetches it first;
// where that cannot work, one sentence says so and browser mode starts instead
// (same host, demo simulator and UI), opening the system's browser when there
// is one. Ctrl+C or SIGTERM stops everything started here.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './build-state.mjs';
import { electronBinaryPath } from './electron-binary.mjs';
import { browserCommand, desktopDecision, installerReason, startupUrl } from './first-run.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);

/** Electron's install.js: progress on a terminal; elsewhere its output is summed up in our sentence. */
function runElectronInstaller() {
  let installer;
  try {
    installer = createRequire(import.meta.url).resolve('electron/install.js');
  } catch {
    return { ok: false, reason: 'the electron package is not installed; run `npm install`' };
  }
  const onTerminal = Boolean(process.stderr.isTTY);
  const result = spawnSync(process.execPath, [installer], {
    cwd: root,
    stdio: ['ignore', 'inherit', onTerminal ? 'inherit' : 'pipe'],
    encoding: 'utf8',
  });
  if (result.status === 0) return { ok: true };
  return { ok: false, reason: onTerminal ? undefined : installerReason(result.stderr ?? '') };
}

/** The desktop app's executable, fetching it first when it is missing; null: use browser mode. */
function desktopBinary() {
  const facts = {
    binaryPresent: electronBinaryPath() !== null,
    skipDownload: Boolean(process.env.ELECTRON_SKIP_BINARY_DOWNLOAD),
    nodeVersion: process.version,
  };
  let decision = desktopDecision(facts);
  if (decision.next === 'download') {
    process.stderr.write(`${decision.sentence}\n`);
    const outcome = runElectronInstaller();
    const binaryPresent = electronBinaryPath() !== null;
    decision = desktopDecision({ ...facts, binaryPresent, download: binaryPresent ? undefined : { ok: false, reason: outcome.reason } });
  }
  if (decision.next === 'launch') return electronBinaryPath();
  process.stderr.write(`${decision.sentence}\n`);
  return null;
}

/** Stops `child` with us: Ctrl+C and SIGTERM go to it, and its exit is ours. */
function supervise(child) {
  let stopping = false;
  const stop = (signal) => {
    // A second signal while stopping: the user means it.
    if (stopping) child.kill('SIGKILL');
    stopping = true;
    child.kill(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal));
  process.on('SIGHUP', () => stop('SIGTERM'));
  stopWhenOrphaned(() => stop('SIGTERM'));
  child.on('error', (error) => {
    process.stderr.write(`Janus Workstation: could not start ${child.spawnfile}: ${error.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

/**
 * Under npm a `sh -c` sits between npm and us, and dash does not pass npm's
 * SIGTERM on: when our parent is gone, stop as if it had reached us.
 */
function stopWhenOrphaned(stop) {
  if (!process.env.npm_lifecycle_event) return;
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    stop();
  }, 500);
  timer.unref();
}

function openBrowser(url) {
  const how = browserCommand({ platform: process.platform, env: process.env, url });
  if (!how.open) return;
  // No browser (xdg-open missing or failing) is not an error: the URL is printed.
  const opener = spawn(how.command, how.args, { stdio: 'ignore', detached: true });
  opener.on('error', () => {});
  opener.unref();
}

function startBrowserMode() {
  const web = spawn(process.execPath, ['--import', 'tsx', join(root, 'electron', 'web.ts'), ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  supervise(web);
  // A closed stdout (`npm start | head`) must not stop the workstation.
  process.stdout.on('error', () => {});
  createInterface({ input: web.stdout }).on('line', (line) => {
    process.stdout.write(`${line}\n`);
    const url = startupUrl(line);
    if (url) openBrowser(url);
  });
}

if (!ensureBuilt(root)) {
  process.stderr.write('Janus Workstation: the build failed (see above), so nothing was started.\n');
  process.exit(1);
}
const binary = desktopBinary();
if (binary) supervise(spawn(binary, [root, ...args], { cwd: root, stdio: 'inherit' }));
else startBrowserMode();
