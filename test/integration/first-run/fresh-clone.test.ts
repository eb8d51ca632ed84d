// README's first command on a fresh clone of this repository (committed files
// only, no out/), on a machine where Electron's binary cannot be downloaded:
// `npm start` builds, tries Electron's installer, says why the desktop app
// cannot start and serves the workstation in the browser instead; `npm run web`
// builds and serves it too. SIGTERM to npm stops every process either started.
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../shared/model';
import { connect } from '../transport/ws-client';
import { alive, descendants } from './processes';

const repo = join(__dirname, '..', '..', '..');
const work = mkdtempSync(join(tmpdir(), 'janus-first-run-'));
const clone = join(work, 'clone');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Electron's download made impossible, and no browser, whatever the machine has installed. */
function offlineEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) {
    // The outer `npm test` run's settings (npm_config_*, npm_lifecycle_*) are not a new user's.
    if (/^npm_/i.test(name) || /^ELECTRON_/.test(name) || name === 'DISPLAY' || name === 'WAYLAND_DISPLAY') delete env[name];
  }
  const nowhere = 'http://127.0.0.1:1/';
  return {
    ...env,
    // A dist folder with no executable: the shared node_modules/electron is never used or written to.
    ELECTRON_OVERRIDE_DIST_PATH: join(work, 'no-electron'),
    ELECTRON_MIRROR: nowhere,
    npm_config_electron_mirror: nowhere,
    electron_config_cache: join(work, 'electron-cache'),
    ELECTRON_GET_NO_PROGRESS: '1',
    JANUS_NO_BROWSER: '1',
    npm_config_update_notifier: 'false',
  };
}

interface Run {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

const started: Run[] = [];

function runNpm(args: string[]): Run {
  // Its own process group, so a failed test can still stop everything it started.
  const child = spawn(npm, args, { cwd: clone, env: offlineEnv(), detached: true });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const run = { child, stdout: () => stdout, stderr: () => stderr, exited };
  started.push(run);
  return run;
}

async function printedUrl(run: Run): Promise<URL> {
  const line = /^Janus Workstation: (http\S+)$/m;
  await expect.poll(() => line.test(run.stdout()), { timeout: 90_000, interval: 100 }).toBe(true);
  return new URL(line.exec(run.stdout())![1]!);
}

/** The page at the printed URL over HTTP, and the demo account through its WebSocket. */
async function expectWorkstationAt(url: URL): Promise<void> {
  const page = await fetch(url);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('<title>Janus Workstation</title>');
  expect(html).toContain('<div id="root"></div>');

  // The token travels in the query or the fragment, depending on the transport's version.
  const token = url.searchParams.get('token') ?? new URLSearchParams(url.hash.slice(1)).get('token');
  expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  const client = await connect(Number(url.port), token!);
  const reply = await client.invoke(1, 'app.snapshot', {});
  expect(reply.type === 'result' && reply.result.ok).toBe(true);
  const snapshot = (reply as { result: { value: Snapshot } }).result.value;
  expect(snapshot.connections[0]).toMatchObject({ account: 'demo', simulated: true });
  await client.close();
}

/** SIGTERM to npm, as a process manager sends it: npm and everything under it exit. */
async function expectSigtermStopsAll(run: Run): Promise<void> {
  const pid = run.child.pid!;
  const tree = descendants(pid);
  expect(tree.length).toBeGreaterThan(0);
  process.kill(pid, 'SIGTERM');
  await run.exited;
  await expect.poll(() => tree.filter(alive), { timeout: 15_000, interval: 100 }).toEqual([]);
}

beforeAll(() => {
  execFileSync('git', ['clone', '--quiet', '--no-hardlinks', repo, clone], { stdio: 'ignore' });
  // The dependencies without `npm install`: the same packages, read only.
  symlinkSync(join(repo, 'node_modules'), join(clone, 'node_modules'), 'junction');
  mkdirSync(join(work, 'no-electron'));
}, 60_000);

afterAll(() => {
  for (const run of started) {
    try {
      process.kill(-run.child.pid!, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  rmSync(work, { recursive: true, force: true });
});

describe('a fresh clone where Electron cannot be downloaded', () => {
  it('npm start builds, says why in one sentence, and serves the workstation in the browser', async () => {
    const run = runNpm(['start', '--', '--port', '0', '--data-dir', join(work, 'data-start')]);
    const url = await printedUrl(run);
    expect(url.hostname).toBe('127.0.0.1');
    const stderr = run.stderr();
    expect(stderr).toContain('Janus Workstation: building the app first (out/main/main.js is missing).');
    expect(stderr).toContain("Janus Workstation: Electron's binary is not installed yet; fetching it once with Electron's installer.");
    expect(stderr).toMatch(
      /^Janus Workstation: Electron's binary could not be downloaded \([^\n]+\), so the desktop app cannot start here; starting browser mode instead\.$/m,
    );
    await expectWorkstationAt(url);
    await expectSigtermStopsAll(run);
  }, 150_000);

  it('npm run web builds what is missing and serves the workstation', async () => {
    rmSync(join(clone, 'out'), { recursive: true, force: true });
    const run = runNpm(['run', 'web', '--', '--port', '0', '--data-dir', join(work, 'data-web')]);
    const url = await printedUrl(run);
    expect(run.stderr()).toContain('Janus Workstation: building the app first (out/main/main.js is missing).');
    // Browser mode's stdout is its one line (after npm's own banner).
    expect(run.stdout().split('\n').filter((line) => line.startsWith('Janus Workstation:'))).toHaveLength(1);
    await expectWorkstationAt(url);
    await expectSigtermStopsAll(run);
  }, 150_000);
});
