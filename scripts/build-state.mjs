// Builds out/ when it is missing or older than the sources: the file-system
// half of buildDecision (scripts/first-run.mjs). Cheap: one stat per source
// file, no hashing. Also runnable: `node scripts/build-state.mjs` builds if
// needed and sends every line to stderr (browser mode keeps stdout for its URL).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDecision } from './first-run.mjs';

export const BUILD_STAMP = join('out', '.build-stamp');
export const BUILD_OUTPUTS = [join('out', 'main', 'main.js'), join('out', 'preload', 'preload.js'), join('out', 'renderer', 'index.html')];
// Everything scripts/build.mjs reads.
const SOURCE_DIRS = ['electron', 'shared', 'renderer'];
const SOURCE_FILES = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.base.json', 'tsconfig.web.json', 'vite.config.mts', join('scripts', 'build.mjs')];

function newestIn(root, dir, best) {
  let entries;
  try {
    entries = readdirSync(join(root, dir), { withFileTypes: true });
  } catch {
    return best;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) best = newestIn(root, path, best);
    else if (entry.isFile()) best = newer(root, path, best);
  }
  return best;
}

function newer(root, path, best) {
  try {
    const mtimeMs = statSync(join(root, path)).mtimeMs;
    return best === null || mtimeMs > best.mtimeMs ? { path, mtimeMs } : best;
  } catch {
    return best;
  }
}

/** The facts buildDecision needs, read from `root`. */
export function readBuildFacts(root) {
  let newest = null;
  for (const dir of SOURCE_DIRS) newest = newestIn(root, dir, newest);
  for (const file of SOURCE_FILES) newest = newer(root, file, newest);
  const stamp = join(root, BUILD_STAMP);
  return {
    missing: BUILD_OUTPUTS.filter((output) => !existsSync(join(root, output))),
    stampMs: existsSync(stamp) ? statSync(stamp).mtimeMs : null,
    newest: newest && { path: relative(root, join(root, newest.path)), mtimeMs: newest.mtimeMs },
  };
}

const LOCK_STALE_MS = 10 * 60_000;

/**
 * The repository's build lock, shared with the tests that rebuild out/
 * (test/electron/build-lock.ts): two browser-mode processes started together
 * on a stale tree must not delete each other's out/. Waits synchronously.
 */
function takeBuildLock(root) {
  const path = join(tmpdir(), `janus-build-lock-${createHash('sha256').update(resolve(root)).digest('hex').slice(0, 16)}`);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      mkdirSync(path);
      return () => rmSync(path, { recursive: true, force: true });
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    try {
      if (Date.now() - statSync(path).mtimeMs > LOCK_STALE_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // Released between the two calls: try again.
    }
    if (Date.now() > deadline) return () => {};
    Atomics.wait(pause, 0, 0, 200);
  }
}

/**
 * Runs scripts/build.mjs when out/ is missing or stale. `toStderr` sends the
 * build's output to stderr. Returns false when the build failed.
 */
export function ensureBuilt(root, { toStderr = false } = {}) {
  if (!buildDecision(readBuildFacts(root)).build) return true;
  const release = takeBuildLock(root);
  try {
    // Another process may have built while we waited.
    const decision = buildDecision(readBuildFacts(root));
    if (!decision.build) return true;
    process.stderr.write(`${decision.sentence}\n`);
    const result = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], {
      cwd: root,
      stdio: ['ignore', toStderr ? 2 : 'inherit', 'inherit'],
    });
    return result.status === 0;
  } finally {
    release();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  process.exit(ensureBuilt(root, { toStderr: true }) ? 0 : 1);
}
