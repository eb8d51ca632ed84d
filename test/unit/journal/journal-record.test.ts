import { describe, expect, it } from 'vitest';
import { formatJournalLine, parseJournalLine, type JournalEntry } from '../../../electron/journal/journal-record';

const place: JournalEntry = {
  t: 1_764_600_000_000,
  account: 'DU111',
  clientId: 7,
  orderId: 42,
  op: 'place',
  request: { account: 'DU111', side: 'BUY', symbol: 'AAPL', quantity: 100, type: 'limit', limitPrice: 190.25, tif: 'DAY' },
};

function reason(line: string): string {
  const reading = parseJournalLine(line);
  if (reading.ok) throw new Error(`expected a refusal for ${line}`);
  return reading.reason;
}

describe('journal line format', () => {
  it('reads back every entry it writes', () => {
    const entries: JournalEntry[] = [
      place,
      { ...place, op: 'modify', request: { limitPrice: 190.5 } },
      { ...place, op: 'cancel', request: {} },
      { t: 1, account: 'DU111', orderId: 42, outcome: { kind: 'status', status: 'submitted' } },
      { t: 2, account: 'DU111', orderId: 42, outcome: { kind: 'refused', sentence: 'IB refused the order: 201 Order rejected' } },
      { t: 3, account: 'DU111', orderId: 42, outcome: { kind: 'unknown' } },
      { t: 4, account: 'DU111', orderId: 42, outcome: { kind: 'perm', permId: 1_234_567 } },
    ];
    for (const entry of entries) expect(parseJournalLine(formatJournalLine(entry))).toEqual({ ok: true, entry });
  });

  it('refuses a torn line with a sentence that says so', () => {
    const full = formatJournalLine(place);
    expect(reason(full.slice(0, 30))).toBe('the line is not complete JSON (torn or corrupt)');
  });

  it('gives each malformed line its own sentence', () => {
    expect(reason('')).toBe('the line is empty');
    expect(reason('[1,2]')).toBe('the line is JSON but not an object');
    expect(reason('{"t":1}')).toBe('the line is neither a request (with "op") nor an outcome (with "outcome")');
    expect(reason(JSON.stringify({ ...place, op: 'replace' }))).toBe('"op" "replace" is not place, modify or cancel');
    expect(reason(JSON.stringify({ ...place, t: -5 }))).toBe('"t" must be a time in epoch milliseconds');
    expect(reason(JSON.stringify({ ...place, account: '' }))).toBe('"account" must be a non-empty account id');
    expect(reason(JSON.stringify({ ...place, orderId: 1.5 }))).toBe('"orderId" must be a whole number from 0 to 2147483647');
    expect(reason(JSON.stringify({ ...place, clientId: '7' }))).toBe('"clientId" must be a whole number from 0 to 2147483647');
    expect(reason(JSON.stringify({ ...place, request: 'BUY 100 AAPL' }))).toBe('"request" must be an object');
    expect(reason(JSON.stringify({ ...place, extra: 1 }))).toBe('unexpected field "extra"');
    expect(reason(JSON.stringify({ t: 1, account: 'A', orderId: 1, outcome: { kind: 'status', status: 'done' } })))
      .toBe('"outcome.status" "done" is not an order status');
    expect(reason(JSON.stringify({ t: 1, account: 'A', orderId: 1, outcome: { kind: 'refused', sentence: '' } })))
      .toBe('"outcome.sentence" must be the refusal\'s sentence');
    expect(reason(JSON.stringify({ t: 1, account: 'A', orderId: 1, outcome: 'filled' })))
      .toBe('"outcome" must be an object with a "kind"');
    expect(reason(JSON.stringify({ t: 1, account: 'A', orderId: 1, outcome: { kind: 'lost' } })))
      .toBe('"outcome" must be {kind:"status",status}, {kind:"refused",sentence}, {kind:"perm",permId} or {kind:"unknown"}');
    expect(reason(JSON.stringify({ t: 1, account: 'A', orderId: 1, outcome: { kind: 'perm', permId: 0 } })))
      .toBe('"outcome.permId" must be a whole number from 1 to 2147483647');
    expect(reason(JSON.stringify({ t: 1, account: 'A', orderId: 1, outcome: { kind: 'perm', permId: '9' } })))
      .toBe('"outcome.permId" must be a whole number from 1 to 2147483647');
    expect(reason('x'.repeat(70_000))).toBe('the line is longer than 65536 characters');
  });
});
