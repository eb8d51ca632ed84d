import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, LOCK_FILE, lockDataDir } from '../../../electron/transport/data-dir-lock';

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'janus-lock-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('lockDataDir', () => {
  it('writes the owner pid and removes the file on release', () => {
    const dir = dataDir();
    const release = lockDataDir(dir, 4242, () => true);
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe('4242\n');
    release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('refuses a second host while the first is alive, saying what to do', () => {
    const dir = dataDir();
    lockDataDir(dir, 4242, () => true);
    let thrown: unknown;
    try {
      lockDataDir(dir, 5151, (pid) => pid === 4242);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DataDirLockedError);
    expect((thrown as Error).message).toBe(
      `Janus Workstation is already running with the data folder ${dir} (process 4242); close that one first, or start this one with another --data-dir.`,
    );
  });

  it('takes over a lock left by a process that is gone, or a damaged lock file', () => {
    const dir = dataDir();
    writeFileSync(join(dir, LOCK_FILE), '4242\n');
    lockDataDir(dir, 5151, () => false)();
    writeFileSync(join(dir, LOCK_FILE), 'garbage');
    lockDataDir(dir, 5151, () => true);
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe('5151\n');
  });
});
