// The host's log: a bounded ring of LogEntry (what a fresh renderer gets in its
// snapshot), each entry also pushed as a `log` event and to the app's logger.

import type { LogEntry, LogLevel } from '../../shared/model';

export interface HostLog {
  add(level: LogLevel, source: string, code: number | null, message: string): LogEntry;
  /** Oldest first. */
  entries(): LogEntry[];
}

export interface HostLogOptions {
  capacity?: number;
  now: () => number;
  onEntry: (entry: LogEntry) => void;
}

export const DEFAULT_LOG_CAPACITY = 2000;

export function createHostLog(options: HostLogOptions): HostLog {
  const capacity = Math.max(1, options.capacity ?? DEFAULT_LOG_CAPACITY);
  const ring: LogEntry[] = [];
  let start = 0;
  let seq = 0;
  return {
    add(level, source, code, message) {
      seq += 1;
      const entry: LogEntry = { seq, time: options.now(), level, source, code, message };
      if (ring.length < capacity) ring.push(entry);
      else {
        ring[start] = entry;
        start = (start + 1) % capacity;
      }
      options.onEntry(entry);
      return entry;
    },
    entries() {
      return ring.length < capacity ? ring.slice() : [...ring.slice(start), ...ring.slice(0, start)];
    },
  };
}
