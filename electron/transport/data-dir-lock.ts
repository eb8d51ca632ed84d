// One host per data folder. Two hosts on the same settings would run the same
// accounts with the same client ids (IB refuses the second, and the two
// reconnect timers would fight), so the desktop app and browser mode both take
// this lock: a file holding the owner's pid, taken over when that process is gone.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'janus.lock';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
  ) {
    super(
      `Janus Workstation is already running with the data folder ${dataDir} (process ${ownerPid}); ` +
        'close that one first, or start this one with another --data-dir.',
    );
    this.name = 'DataDirLockedError';
  }
}

export type IsAlive = (pid: number) => boolean;

export const processIsAlive: IsAlive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else — still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Takes the lock for `pid`; returns its release. Throws DataDirLockedError when a live process holds it. */
export function lockDataDir(dataDir: string, pid = process.pid, isAlive: IsAlive = processIsAlive): () => void {
  const file = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      try {
        writeSync(fd, `${pid}\n`);
      } finally {
        closeSync(fd);
      }
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let owner: number;
    try {
      owner = Number.parseInt(readFileSync(file, 'utf8'), 10);
    } catch {
      continue; // released meanwhile: try again
    }
    if (Number.isSafeInteger(owner) && owner > 0 && owner !== pid && isAlive(owner)) throw new DataDirLockedError(dataDir, owner);
    // Left by a process that is gone (or unreadable): take it over.
    rmSync(file, { force: true });
  }
  throw new Error(`Could not take the lock ${file}: it keeps changing hands.`);
}
