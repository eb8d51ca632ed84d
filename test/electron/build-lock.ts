// Tests that rebuild out/ (packaging, Electron app) must not overlap: one
// build deletes out/main while the other packs or launches it. Vitest runs
// files in parallel, so they share this cross-process lock (a directory: mkdir
// is atomic). A lock left by a crashed run is taken over after ten minutes.
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const STALE_MS = 10 * 60_000;

function lockPath(repo: string): string {
  return join(tmpdir(), `janus-build-lock-${createHash('sha256').update(repo).digest('hex').slice(0, 16)}`);
}

/** Waits for the repo's build lock; returns its release function. */
export async function acquireBuildLock(repo: string, timeoutMs = 5 * 60_000): Promise<() => void> {
  const path = lockPath(repo);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(path);
      return () => rmSync(path, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    try {
      if (Date.now() - statSync(path).mtimeMs > STALE_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // Released between our two calls: try again.
    }
    if (Date.now() > deadline) throw new Error(`another test has held the build lock ${path} for too long`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
