// The installer contents, checked offline: scripts/build.mjs, then
// electron-builder's unpacked Linux target against a stub Electron
// distribution (no download; the result is not runnable, but its app.asar is
// exactly what every installer ships).
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireBuildLock } from '../electron/build-lock';

const repo = join(__dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'janus-pack-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface AsarNode {
  files?: Record<string, AsarNode>;
  size?: number;
}

/** File paths in an asar archive: a pickled JSON header (4-byte LE sizes) followed by the data. */
function asarFiles(archive: Buffer): Map<string, number> {
  const jsonLength = archive.readUInt32LE(12);
  const header = JSON.parse(archive.subarray(16, 16 + jsonLength).toString('utf8')) as AsarNode;
  const files = new Map<string, number>();
  const walk = (node: AsarNode, prefix: string) => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const path = prefix ? `${prefix}/${name}` : name;
      if (child.files) walk(child, path);
      else files.set(path, child.size ?? 0);
    }
  };
  walk(header, '');
  return files;
}

// The fuse wire as Electron binaries carry it: a sentinel, the wire version
// (1), its length, then one byte per fuse ('0' off, '1' on) in FuseV1Options
// order, here Electron's defaults. electron-builder flips it like a real binary.
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_NAMES = [
  'runAsNode', 'enableCookieEncryption', 'enableNodeOptionsEnvironmentVariable', 'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation', 'onlyLoadAppFromAsar', 'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const;
const DEFAULT_FUSES = '10110001';

function fuseWire(binary: Buffer): Record<string, boolean> {
  const at = binary.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length;
  expect(at).toBeGreaterThanOrEqual(FUSE_SENTINEL.length);
  expect([binary[at], binary[at + 1]]).toEqual([1, FUSE_NAMES.length]);
  return Object.fromEntries(FUSE_NAMES.map((name, i) => [name, binary[at + 2 + i] === 0x31]));
}

function stubElectronDist(): string {
  const dist = join(work, 'electron-stub');
  mkdirSync(join(dist, 'resources'), { recursive: true });
  const script = '#!/bin/sh\necho "stub Electron for packaging tests" >&2\nexit 1\n';
  const wire = Buffer.concat([Buffer.from(FUSE_SENTINEL), Buffer.from([1, FUSE_NAMES.length]), Buffer.from(DEFAULT_FUSES)]);
  writeFileSync(join(dist, 'electron'), Buffer.concat([Buffer.from(script), wire, Buffer.from('\n')]));
  chmodSync(join(dist, 'electron'), 0o755);
  writeFileSync(join(dist, 'LICENSE'), 'Stub licence for packaging tests.\n');
  writeFileSync(join(dist, 'LICENSES.chromium.html'), '<!doctype html><title>stub</title>\n');
  writeFileSync(join(dist, 'version'), '45.4.1');
  return dist;
}

// Never reach the network: no code signing discovery, no update checks, no publishing.
const offlineEnv = {
  ...process.env,
  CSC_IDENTITY_AUTO_DISCOVERY: 'false',
  ELECTRON_BUILDER_DISABLE_UPDATE_CHECK: 'true',
  ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
  CI: process.env.CI ?? 'true',
};

describe('packaging', () => {
  it('builds, then packs main, preload and renderer (and nothing from test/) into app.asar', async () => {
    const release = await acquireBuildLock(repo);
    try {
      buildAndPack();
    } finally {
      release();
    }
  }, 300_000);
});

/** scripts/build.mjs, then electron-builder's unpacked Linux target; checks what app.asar holds. */
function buildAndPack(): void {
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repo, encoding: 'utf8', env: offlineEnv });
  expect(build.status, `build output:\n${build.stdout}\n${build.stderr}`).toBe(0);
  expect(build.stdout).toContain('build: renderer -> out/renderer/');
  // A sandboxed preload may require only 'electron': the bundle must hold everything else.
  const preload = readFileSync(join(repo, 'out', 'preload', 'preload.js'), 'utf8');
  expect([...new Set([...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]))]).toEqual(['electron']);

  const output = join(work, 'dist');
  const pack = spawnSync(
    process.execPath,
    [
      join(repo, 'node_modules', 'electron-builder', 'cli.js'),
      '--linux', 'dir', '--x64', '--publish', 'never',
      `-c.electronDist=${stubElectronDist()}`,
      `-c.directories.output=${output}`,
    ],
    { cwd: repo, encoding: 'utf8', env: offlineEnv },
  );
  expect(pack.status, `electron-builder output:\n${pack.stdout}\n${pack.stderr}`).toBe(0);

  const unpacked = join(output, 'linux-unpacked');
  const files = asarFiles(readFileSync(join(unpacked, 'resources', 'app.asar')));
  const names = [...files.keys()];
  for (const required of ['out/main/main.js', 'out/preload/preload.js', 'out/renderer/index.html', 'package.json']) {
    expect(names).toContain(required);
    expect(files.get(required)).toBeGreaterThan(0);
  }
  expect(names.some((name) => name.startsWith('out/renderer/assets/') && name.endsWith('.js'))).toBe(true);
  expect(names.filter((name) => name.startsWith('test/') || name.includes('/test/'))).toEqual([]);
  expect(names.filter((name) => name.includes('node_modules/') || name.endsWith('.map') || name.endsWith('.ts'))).toEqual([]);
  // The executable carries the product's name; the shipped page carries its CSP.
  const binary = readFileSync(join(unpacked, 'janus-workstation'));
  expect(binary.toString('utf8')).toContain('stub Electron');
  // electron-builder.yml's fuses are flipped in the shipped binary.
  expect(fuseWire(binary)).toEqual({
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    loadBrowserProcessSpecificV8Snapshot: false,
    grantFileProtocolExtraPrivileges: false,
  });
  expect(readFileSync(join(repo, 'out', 'renderer', 'index.html'), 'utf8')).toContain("connect-src 'none'");
}
