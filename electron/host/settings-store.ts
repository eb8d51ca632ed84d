// settings.json in the data directory: validated on load, written atomically.
// A file that cannot be read or fails validation is moved aside (never
// deleted: it may hold the trader's accounts) and defaults load.

import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import type { Settings } from '../../shared/model';
import { defaultSettings, parseSettings } from '../../shared/schema';
import { createSerialFileWriter, nodeAtomicFs, type AtomicFs } from './atomic-file';

export const SETTINGS_FILE = 'settings.json';

export interface SettingsStore {
  get(): Settings;
  /** Replaces the settings (already validated) and schedules the write. */
  set(settings: Settings): void;
  flush(): Promise<void>;
}

export interface SettingsStoreOptions {
  dataDir: string;
  now: () => number;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  fs?: AtomicFs;
}

/** `settings.json.corrupt-2026-11-24T08-15-00-123Z`: sortable and valid on every file system. */
export function corruptBackupName(file: string, time: number): string {
  return `${file}.corrupt-${new Date(time).toISOString().replace(/[:.]/g, '-')}`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function openSettingsStore(options: SettingsStoreOptions): Promise<SettingsStore> {
  const file = path.join(options.dataDir, SETTINGS_FILE);
  await fsp.mkdir(options.dataDir, { recursive: true });
  const writer = createSerialFileWriter(
    file,
    (error) => options.error(`could not save ${SETTINGS_FILE}: ${describe(error)}`),
    options.fs ?? nodeAtomicFs,
  );

  let current: Settings = defaultSettings();
  let problem: string | null = null;
  try {
    const text = await fsp.readFile(file, 'utf8');
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      problem = `it is not valid JSON (${describe(error)})`;
    }
    if (problem === null) {
      const parsed = parseSettings(raw);
      if (parsed.ok) current = parsed.value;
      else problem = `it does not pass validation (${parsed.error.message})`;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      options.info(`no ${SETTINGS_FILE} in ${options.dataDir} yet; starting with defaults`);
    } else {
      problem = `it could not be read (${describe(error)})`;
    }
  }

  if (problem !== null) {
    const backup = corruptBackupName(file, options.now());
    try {
      await fsp.rename(file, backup);
      options.warn(`${SETTINGS_FILE} was unusable: ${problem}; moved it aside as ${path.basename(backup)} and loaded defaults`);
    } catch (error) {
      options.error(
        `${SETTINGS_FILE} was unusable: ${problem}; could not move it aside (${describe(error)}); loaded defaults`,
      );
    }
  }

  return {
    get: () => current,
    set(settings) {
      current = settings;
      writer.write(`${JSON.stringify(settings, null, 2)}\n`);
    },
    flush: () => writer.flush(),
  };
}
