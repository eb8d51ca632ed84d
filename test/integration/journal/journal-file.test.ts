import * as fs from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  OrderJournal,
  fileDurability,
  listJournalDays,
  readJournalDay,
  tradingDayOf,
  type Durability,
  type JournalLog,
} from '../../../electron/journal/journal-file';
import type { JournalEntry } from '../../../electron/journal/journal-record';

// 2026-12-01 15:00 New York (EST, UTC-5).
const T0 = Date.UTC(2026, 11, 1, 20, 0, 0);
const DAY_MS = 24 * 3600 * 1000;

function place(orderId: number): JournalEntry {
  return { t: T0, account: 'DU111', clientId: 7, orderId, op: 'place', request: { side: 'BUY', symbol: 'AAPL', quantity: 100, type: 'market', tif: 'DAY' } };
}

let dataDir: string;
let logs: string[];
const log: JournalLog = (level, message) => logs.push(`${level}: ${message}`);

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'janus-journal-'));
  logs = [];
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('trading day', () => {
  it("follows New York's calendar, not UTC's", () => {
    expect(tradingDayOf(Date.UTC(2026, 11, 2, 3, 0))).toBe('2026-12-01'); // 22:00 in New York
    expect(tradingDayOf(Date.UTC(2026, 11, 2, 5, 0))).toBe('2026-12-02'); // 00:00 in New York
    expect(tradingDayOf(Date.UTC(2026, 6, 1, 3, 59))).toBe('2026-06-30'); // EDT, UTC-4
  });
});

describe('OrderJournal', () => {
  it('appends one line per entry under <dataDir>/journal/YYYY-MM-DD.jsonl and reads them back', () => {
    const journal = new OrderJournal({ dataDir, now: () => T0, log });
    const outcome: JournalEntry = { t: T0 + 5, account: 'DU111', orderId: 1, outcome: { kind: 'status', status: 'submitted' } };
    expect(journal.append(place(1))).toEqual({ ok: true });
    expect(journal.append(outcome)).toEqual({ ok: true });
    journal.close();
    const text = fs.readFileSync(join(dataDir, 'journal', '2026-12-01.jsonl'), 'utf8');
    expect(text.split('\n')).toHaveLength(3);
    expect(readJournalDay(dataDir, '2026-12-01', log)).toEqual({ entries: [place(1), outcome], skipped: [] });
  });

  it('skips a torn last line and a line of garbage in the middle, reporting each with its line number', () => {
    const journal = new OrderJournal({ dataDir, now: () => T0, log });
    journal.append(place(1));
    journal.close();
    const file = join(dataDir, 'journal', '2026-12-01.jsonl');
    fs.appendFileSync(file, 'garbage \u0000 not json\n');
    fs.appendFileSync(file, `${JSON.stringify(place(2))}\n`);
    fs.appendFileSync(file, JSON.stringify(place(3)).slice(0, 40));
    const reading = readJournalDay(dataDir, '2026-12-01', log);
    expect(reading.entries).toEqual([place(1), place(2)]);
    expect(reading.skipped).toEqual([
      { file: '2026-12-01.jsonl', line: 2, reason: 'the line is not complete JSON (torn or corrupt)' },
      { file: '2026-12-01.jsonl', line: 4, reason: 'torn last line (the line is not complete JSON (torn or corrupt))' },
    ]);
    expect(logs).toEqual([
      'warn: Order journal 2026-12-01.jsonl line 2 skipped: the line is not complete JSON (torn or corrupt).',
      'warn: Order journal 2026-12-01.jsonl line 4 skipped: torn last line (the line is not complete JSON (torn or corrupt)).',
    ]);
  });

  it('closes off a torn tail on reopening, so the next entry is not glued to it', () => {
    const file = join(dataDir, 'journal', '2026-12-01.jsonl');
    fs.mkdirSync(join(dataDir, 'journal'));
    fs.writeFileSync(file, `${JSON.stringify(place(1))}\n${JSON.stringify(place(2)).slice(0, 25)}`);
    const journal = new OrderJournal({ dataDir, now: () => T0, log });
    expect(journal.append(place(3))).toEqual({ ok: true });
    journal.close();
    expect(logs).toEqual(['warn: Order journal 2026-12-01.jsonl ended in a torn line: it is closed off and will be skipped when read.']);
    const reading = readJournalDay(dataDir, '2026-12-01');
    expect(reading.entries).toEqual([place(1), place(3)]);
    expect(reading.skipped.map((s) => s.line)).toEqual([2]);
  });

  it('rotates at the New York day change and keeps only the newest days', () => {
    let now = T0;
    const journal = new OrderJournal({ dataDir, keepDays: 2, now: () => now, log });
    fs.mkdirSync(join(dataDir, 'journal'), { recursive: true });
    fs.writeFileSync(join(dataDir, 'journal', 'notes.txt'), 'not a day file');
    for (let day = 0; day < 4; day++) {
      now = T0 + day * DAY_MS;
      expect(journal.append(place(day + 1))).toEqual({ ok: true });
    }
    journal.close();
    expect(listJournalDays(dataDir)).toEqual(['2026-12-03', '2026-12-04']);
    expect(fs.existsSync(join(dataDir, 'journal', 'notes.txt'))).toBe(true);
    expect(readJournalDay(dataDir, '2026-12-04').entries).toEqual([place(4)]);
    expect(logs).toContain('info: Order journal: removed 2026-12-01.jsonl (older than the 2 days kept).');
  });

  it('at its size cap refuses new orders with a sentence, still journals cancels and outcomes, and logs once', () => {
    const one = Buffer.byteLength(`${JSON.stringify(place(1))}\n`);
    const journal = new OrderJournal({ dataDir, maxFileBytes: one * 2, now: () => T0, log });
    expect(journal.append(place(1))).toEqual({ ok: true });
    expect(journal.append(place(2))).toEqual({ ok: true });
    expect(journal.append(place(3))).toEqual({
      ok: false,
      sentence: `order not sent: the order journal cannot be written (today's journal file reached its cap of ${one * 2} bytes)`,
    });
    expect(journal.append({ ...place(3), op: 'modify' })).toMatchObject({ ok: false, sentence: expect.stringMatching(/^modify not sent: /) as string });
    expect(journal.append({ ...place(1), op: 'cancel', request: {} })).toEqual({ ok: true });
    expect(journal.append({ t: T0, account: 'DU111', orderId: 1, outcome: { kind: 'status', status: 'cancelled' } })).toEqual({ ok: true });
    journal.close();
    expect(logs.filter((line) => line.includes('new orders and modifies are refused until the next trading day'))).toHaveLength(1);
    expect(readJournalDay(dataDir, '2026-12-01').entries.map((e) => e.orderId)).toEqual([1, 2, 1, 1]);
  });

  it('refuses the order with the reason when the journal folder cannot be created', () => {
    fs.writeFileSync(join(dataDir, 'journal'), 'a file where the folder should be');
    const journal = new OrderJournal({ dataDir, now: () => T0, log });
    const result = journal.append(place(1));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.sentence).toMatch(/^order not sent: the order journal cannot be written \(EEXIST: file already exists, mkdir .*journal'\)$/);
    expect(logs).toHaveLength(1);
  });
});

describe('durability', () => {
  function recording(): { calls: string[]; durability: Durability; finishSoon: (error?: Error) => void } {
    const calls: string[] = [];
    let pending: ((error: Error | null) => void) | null = null;
    return {
      calls,
      durability: {
        syncNow: () => calls.push('now'),
        syncSoon: (_fd, done) => {
          calls.push('soon');
          pending = done;
        },
      },
      finishSoon: (error) => {
        const done = pending;
        pending = null;
        done?.(error ?? null);
      },
    };
  }
  const outcome = (orderId: number): JournalEntry => ({ t: T0, account: 'DU111', orderId, outcome: { kind: 'status', status: 'filled' } });

  it('makes a request durable before append returns, and an outcome later, off the order path, once per burst', () => {
    const { calls, durability, finishSoon } = recording();
    const journal = new OrderJournal({ dataDir, now: () => T0, log, durability });
    expect(journal.append(place(1))).toEqual({ ok: true });
    expect(calls).toEqual(['now']);
    journal.append(outcome(1));
    journal.append(outcome(2));
    expect(calls).toEqual(['now', 'soon']); // one deferred sync for the burst, none on the order path
    // Written at once: a reader (or a restart after kill -9) sees both outcomes before the deferred sync.
    expect(readJournalDay(dataDir, tradingDayOf(T0)).entries).toHaveLength(3);
    finishSoon();
    journal.append(outcome(3));
    expect(calls).toEqual(['now', 'soon', 'soon']);
    journal.close();
  });

  it('syncs outcomes still waiting when the file closes, and logs a deferred sync that failed', () => {
    const { calls, durability, finishSoon } = recording();
    const journal = new OrderJournal({ dataDir, now: () => T0, log, durability });
    journal.append(outcome(1));
    finishSoon(new Error('EIO: i/o error'));
    expect(logs).toContain('warn: Order journal: outcomes could not be made durable (EIO: i/o error); they are written and the next order will try again.');
    journal.close();
    expect(calls).toEqual(['soon', 'now']);
  });

  it('the default durability really fdatasyncs: a journal used with it reads back every line', async () => {
    const journal = new OrderJournal({ dataDir, now: () => T0, log, durability: fileDurability });
    journal.append(place(1));
    journal.append(outcome(1));
    await new Promise((resolve) => setTimeout(resolve, 250));
    journal.close();
    expect(readJournalDay(dataDir, tradingDayOf(T0)).entries.map((e) => e.orderId)).toEqual([1, 1]);
    expect(logs).toEqual([]);
  });
});
