// Crash-safe file replacement: write a temp file in the same directory, fsync
// it, then rename over the target. A crash at any point leaves either the old
// file or the new one whole, never a torn mix.

import * as fsp from 'node:fs/promises';
import * as path from 'node:path';

/** The file-system calls an atomic write needs; injected so tests can fail any step. */
export interface AtomicFs {
  writeAndSync(file: string, data: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
  /** Best effort: makes the rename itself durable where the platform allows it. */
  syncDir(dir: string): Promise<void>;
}

export const nodeAtomicFs: AtomicFs = {
  async writeAndSync(file, data) {
    const handle = await fsp.open(file, 'w', 0o600);
    try {
      await handle.writeFile(data, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename: (from, to) => fsp.rename(from, to),
  unlink: (file) => fsp.unlink(file),
  async syncDir(dir) {
    let handle: fsp.FileHandle | undefined;
    try {
      handle = await fsp.open(dir, 'r');
      await handle.sync();
    } catch {
      // Directories cannot be opened for fsync on every platform (Windows).
    } finally {
      await handle?.close().catch(() => {});
    }
  },
};

let tempCounter = 0;

export async function writeFileAtomic(file: string, data: string, fs: AtomicFs = nodeAtomicFs): Promise<void> {
  tempCounter += 1;
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${tempCounter}.tmp`);
  try {
    await fs.writeAndSync(temp, data);
    await fs.rename(temp, file);
  } catch (error) {
    await fs.unlink(temp).catch(() => {});
    throw error;
  }
  await fs.syncDir(path.dirname(file));
}

/**
 * Serialises writes of one file and coalesces bursts: while a write is running,
 * later requests collapse into one more write of the newest data.
 */
export interface SerialFileWriter {
  write(data: string): void;
  /** Resolves when everything requested so far is on disk (or has failed and been reported). */
  flush(): Promise<void>;
}

export function createSerialFileWriter(
  file: string,
  onError: (error: unknown) => void,
  fs: AtomicFs = nodeAtomicFs,
): SerialFileWriter {
  let pending: string | null = null;
  let running: Promise<void> | null = null;

  const drain = async (): Promise<void> => {
    while (pending !== null) {
      const data = pending;
      pending = null;
      try {
        await writeFileAtomic(file, data, fs);
      } catch (error) {
        onError(error);
      }
    }
    running = null;
  };

  return {
    write(data) {
      pending = data;
      if (!running) running = drain();
    },
    async flush() {
      while (running) await running;
    },
  };
}
