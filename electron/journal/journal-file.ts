// The order journal on disk: <dataDir>/journal/YYYY-MM-DD.jsonl, one file per
// New York trading day, one JSON line per entry. A request (place, modify,
// cancel) is written and fdatasync'd before append() returns: the order path
// must not send until its line is durable, so that write is synchronous.
// An outcome is written at once (the kernel holds it through a kill -9 of this
// process) but made durable off the main thread shortly after, or by the next
// request's fdatasync, whichever is first: a per-outcome fsync on the main
// thread held up the next order and the quote flushes behind it, and an outcome
// lost to a power cut is re-read from the broker at reconcile anyway.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatJournalLine, isRecord, parseJournalLine, type JournalEntry, type JournalOp } from './journal-record';

export type JournalLog = (level: 'info' | 'warn' | 'error', message: string) => void;

export interface JournalOptions {
  /** The data folder; the journal lives in its `journal/` subfolder. */
  dataDir: string;
  /** Day files kept, today included. Default 30. */
  keepDays?: number;
  /** Size at which a day file stops taking new orders. Default 64 MiB. */
  maxFileBytes?: number;
  /** Default Date.now. */
  now?: () => number;
  log?: JournalLog;
  /** How outcome lines are made durable later; default the file system's fdatasync, in libuv's pool. */
  durability?: Durability;
}

/** The two ways a line becomes durable: now, on this thread, or soon, off it. */
export interface Durability {
  syncNow(fd: number): void;
  /** Schedules an fdatasync of `fd`; calls done when it ended (an error is only logged). */
  syncSoon(fd: number, done: (error: Error | null) => void): void;
}

/** Outcomes wait at most this long for a request's fdatasync before their own. */
const OUTCOME_SYNC_DELAY_MS = 100;

export const fileDurability: Durability = {
  syncNow: (fd) => fs.fdatasyncSync(fd),
  syncSoon(fd, done) {
    setTimeout(() => fs.fdatasync(fd, (error) => done(error)), OUTCOME_SYNC_DELAY_MS).unref();
  },
};

export type AppendResult = { ok: true } | { ok: false; sentence: string };

export interface SkippedLine {
  file: string;
  /** 1-based. */
  line: number;
  reason: string;
}

export interface JournalReading {
  entries: JournalEntry[];
  skipped: SkippedLine[];
}

const DAY_FILE = /^\d{4}-\d{2}-\d{2}\.jsonl$/;
const MiB = 1024 * 1024;
/**
 * Past the cap, cancels and outcomes still go in (a cancel only lowers risk and
 * an outcome must not be lost), up to this many extra bytes; then they too stop.
 */
const CAP_RESERVE_FACTOR = 2;

const nyDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The New York calendar day of an instant, as YYYY-MM-DD: US equities trade on New York's clock. */
export function tradingDayOf(epochMs: number): string {
  return nyDay.format(new Date(epochMs));
}

export function journalDir(dataDir: string): string {
  return path.join(dataDir, 'journal');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The sentence a trader sees when a request cannot be journaled, so it is not sent. */
export function notSentSentence(op: JournalOp, reason: string): string {
  const what = op === 'place' ? 'order' : op;
  return `${what} not sent: the order journal cannot be written (${reason})`;
}

function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
}

function fsyncDir(dir: string): void {
  // Makes a new file's directory entry durable; not possible on every platform, and not fatal.
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    /* Windows cannot open a directory; the file's own fsync still holds its data. */
  }
}

export class OrderJournal {
  private readonly dir: string;
  private readonly keepDays: number;
  private readonly maxFileBytes: number;
  private readonly now: () => number;
  private readonly log: JournalLog;
  private fd: number | null = null;
  private day: string | null = null;
  private size = 0;
  private capLogged = false;
  private readonly durability: Durability;
  /** Outcome lines written since the last fdatasync of this file. */
  private unsynced = false;
  private syncScheduled = false;

  constructor(options: JournalOptions) {
    this.dir = journalDir(options.dataDir);
    this.keepDays = Math.max(1, options.keepDays ?? 30);
    this.maxFileBytes = options.maxFileBytes ?? 64 * MiB;
    this.now = options.now ?? Date.now;
    this.log = options.log ?? (() => {});
    this.durability = options.durability ?? fileDurability;
  }

  /** Appends one entry: a request durable before it returns, an outcome soon after. A refused request carries the sentence to show. */
  append(entry: JournalEntry): AppendResult {
    const line = `${formatJournalLine(entry)}\n`;
    const bytes = Buffer.byteLength(line);
    const op: JournalOp | null = isRecord(entry) ? entry.op : null;
    try {
      this.openFor(tradingDayOf(this.now()));
    } catch (error) {
      return this.refuse(op, messageOf(error));
    }
    const cap = op === 'place' || op === 'modify' ? this.maxFileBytes : this.maxFileBytes * CAP_RESERVE_FACTOR;
    if (this.size + bytes > cap) {
      if (!this.capLogged) {
        this.capLogged = true;
        this.log('error', `Order journal ${this.day}.jsonl reached its cap of ${this.maxFileBytes} bytes: new orders and modifies are refused until the next trading day; cancels and outcomes are still journaled.`);
      }
      return this.refuse(op, `today's journal file reached its cap of ${this.maxFileBytes} bytes`);
    }
    try {
      const fd = this.fd as number;
      writeAll(fd, line);
      this.size += bytes;
      if (op === null) this.syncOutcomeSoon(fd);
      else {
        this.durability.syncNow(fd);
        this.unsynced = false;
      }
      return { ok: true };
    } catch (error) {
      // The file may now end in a partial line: reopen next time, which repairs the tail.
      this.closeFile();
      return this.refuse(op, messageOf(error));
    }
  }

  close(): void {
    this.closeFile();
  }

  private syncOutcomeSoon(fd: number): void {
    this.unsynced = true;
    if (this.syncScheduled) return;
    this.syncScheduled = true;
    this.durability.syncSoon(fd, (error) => {
      this.syncScheduled = false;
      if (error && this.fd === fd) this.log('warn', `Order journal: outcomes could not be made durable (${messageOf(error)}); they are written and the next order will try again.`);
      else if (this.fd === fd && !error) this.unsynced = false;
    });
  }

  private refuse(op: JournalOp | null, reason: string): AppendResult {
    if (op === null) {
      this.log('error', `Order journal: an outcome could not be journaled (${reason}).`);
      return { ok: false, sentence: `outcome not journaled: the order journal cannot be written (${reason})` };
    }
    const sentence = notSentSentence(op, reason);
    this.log('error', sentence);
    return { ok: false, sentence };
  }

  private openFor(day: string): void {
    if (this.fd !== null && this.day === day) return;
    this.closeFile();
    fs.mkdirSync(this.dir, { recursive: true });
    const file = path.join(this.dir, `${day}.jsonl`);
    const existed = fs.existsSync(file);
    const fd = fs.openSync(file, 'a+');
    try {
      this.size = fs.fstatSync(fd).size;
      this.repairTornTail(fd, file);
    } catch (error) {
      fs.closeSync(fd);
      throw error;
    }
    if (!existed) fsyncDir(this.dir);
    this.fd = fd;
    this.day = day;
    this.capLogged = false;
    this.prune(day);
  }

  /** A torn last line (a crash mid-write) is ended, so the next entry starts on a line of its own. */
  private repairTornTail(fd: number, file: string): void {
    if (this.size === 0) return;
    const last = Buffer.alloc(1);
    fs.readSync(fd, last, 0, 1, this.size - 1);
    if (last[0] === 0x0a) return;
    this.log('warn', `Order journal ${path.basename(file)} ended in a torn line: it is closed off and will be skipped when read.`);
    writeAll(fd, '\n');
    fs.fsyncSync(fd);
    this.size += 1;
  }

  /** Keeps the newest keepDays day files; deletes only files named like a day file. */
  private prune(today: string): void {
    let names: string[];
    try {
      names = fs.readdirSync(this.dir).filter((name) => DAY_FILE.test(name) && name <= `${today}.jsonl`).sort();
    } catch (error) {
      this.log('warn', `Order journal: could not list ${this.dir} to remove old days (${messageOf(error)}).`);
      return;
    }
    for (const name of names.slice(0, Math.max(0, names.length - this.keepDays))) {
      try {
        fs.unlinkSync(path.join(this.dir, name));
        this.log('info', `Order journal: removed ${name} (older than the ${this.keepDays} days kept).`);
      } catch (error) {
        this.log('warn', `Order journal: could not remove ${name} (${messageOf(error)}).`);
      }
    }
  }

  private closeFile(): void {
    if (this.fd === null) return;
    try {
      if (this.unsynced) this.durability.syncNow(this.fd);
    } catch {
      /* Closing anyway: the lines are written; only their durability is in question. */
    }
    this.unsynced = false;
    try {
      fs.closeSync(this.fd);
    } catch {
      /* Already unusable; nothing more to flush. */
    }
    this.fd = null;
    this.day = null;
  }
}

/** Splits a journal file's text into entries; every line that does not parse is reported, none is fatal. */
export function readJournalText(text: string, file: string): JournalReading {
  const entries: JournalEntry[] = [];
  const skipped: SkippedLine[] = [];
  const lines = text.split('\n');
  // The text after the last newline is empty for a clean file, a torn line otherwise.
  const lastIndex = lines.length - 1;
  lines.forEach((line, index) => {
    if (index === lastIndex && line === '') return;
    const reading = parseJournalLine(line);
    if (reading.ok) entries.push(reading.entry);
    else skipped.push({ file, line: index + 1, reason: index === lastIndex ? `torn last line (${reading.reason})` : reading.reason });
  });
  return { entries, skipped };
}

/** Reads one day's file; a missing file is an empty day. Skipped lines are logged one by one. */
export function readJournalDay(dataDir: string, day: string, log: JournalLog = () => {}): JournalReading {
  const name = `${day}.jsonl`;
  let text: string;
  try {
    text = fs.readFileSync(path.join(journalDir(dataDir), name), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], skipped: [] };
    log('error', `Order journal ${name} could not be read (${messageOf(error)}).`);
    return { entries: [], skipped: [{ file: name, line: 0, reason: `the file could not be read (${messageOf(error)})` }] };
  }
  const reading = readJournalText(text, name);
  for (const skip of reading.skipped) log('warn', `Order journal ${skip.file} line ${skip.line} skipped: ${skip.reason}.`);
  return reading;
}

/** The day files present, oldest first. */
export function listJournalDays(dataDir: string): string[] {
  try {
    return fs.readdirSync(journalDir(dataDir)).filter((name) => DAY_FILE.test(name)).sort().map((name) => name.slice(0, 10));
  } catch {
    return [];
  }
}
