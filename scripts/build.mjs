// npm run build: bundles the Electron main process and the preload with
// esbuild, builds the renderer with Vite, then puts the CSP meta tag into the
// built page. Exits non-zero on any failure.
//
//   out/main/main.js        platform node, CJS, every dependency bundled but electron
//   out/preload/preload.js  one CJS file (a sandboxed preload cannot require relative files)
//   out/renderer/           vite.config.mts (owned by the renderer)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'out');
const started = Date.now();

function step(message) {
  process.stdout.write(`build: ${message}\n`);
}

function fail(message) {
  process.stderr.write(`build failed: ${message}\n`);
  process.exit(1);
}

// Electron 45 runs Node 22+ and Chromium 142+.
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};

async function bundleMain() {
  rmSync(join(out, 'main'), { recursive: true, force: true });
  await build({
    ...common,
    entryPoints: { main: 'electron/main.ts' },
    outdir: join(out, 'main'),
    // ws's optional native speed-ups: it falls back to JS when they are absent.
    external: ['electron', 'bufferutil', 'utf-8-validate'],
  });
  step('main -> out/main/main.js');
}

async function bundlePreload() {
  rmSync(join(out, 'preload'), { recursive: true, force: true });
  await build({
    ...common,
    entryPoints: { preload: 'electron/preload.ts' },
    outdir: join(out, 'preload'),
    target: 'chrome142',
    external: ['electron'],
  });
  step('preload -> out/preload/preload.js');
}

function buildRenderer() {
  if (!existsSync(join(root, 'vite.config.mts'))) {
    step('renderer skipped: vite.config.mts does not exist yet');
    return false;
  }
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', 'vite.config.mts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) fail(`vite build exited with ${result.status ?? result.signal}`);
  step('renderer -> out/renderer/');
  return true;
}

/** The renderer's CSP, from the same module the shells use (bundled on the fly: it is TypeScript). */
async function loadCsp() {
  const result = await build({
    entryPoints: [join(root, 'electron/transport/csp.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    logLevel: 'warning',
  });
  const code = result.outputFiles[0]?.text ?? '';
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

async function addCspMeta() {
  const page = join(out, 'renderer', 'index.html');
  if (!existsSync(page)) fail(`${page} was not produced by the renderer build`);
  const { contentSecurityPolicy, withCspMeta } = await loadCsp();
  writeFileSync(page, withCspMeta(readFileSync(page, 'utf8'), contentSecurityPolicy({ forMeta: true })));
  step('renderer index.html: CSP meta tag');
}

/**
 * Marks a complete build, dated when it started: a source saved while the
 * build ran is newer than the stamp, so `npm start` rebuilds next time
 * (scripts/build-state.mjs).
 */
function writeStamp() {
  const stamp = join(out, '.build-stamp');
  writeFileSync(stamp, `${new Date(started).toISOString()}\n`);
  utimesSync(stamp, new Date(started), new Date(started));
}

try {
  rmSync(join(out, '.build-stamp'), { force: true });
  await Promise.all([bundleMain(), bundlePreload()]);
  if (buildRenderer()) {
    await addCspMeta();
    writeStamp();
  }
  step(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
