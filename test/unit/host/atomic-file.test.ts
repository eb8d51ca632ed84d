import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSerialFileWriter, nodeAtomicFs, writeFileAtomic, type AtomicFs } from '../../../electron/host/atomic-file';
import { createHostLog } from '../../../electron/host/log';

describe('atomic file writes', () => {
  it('replaces the file whole and leaves no temp file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'janus-atomic-'));
    const file = join(dir, 'settings.json');
    await writeFile(file, 'old');
    await writeFileAtomic(file, 'new');
    expect(await readFile(file, 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  it('leaves the previous file untouched when the rename never happens', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'janus-atomic-'));
    const file = join(dir, 'settings.json');
    await writeFile(file, '{"version":1,"old":true}');
    const crashing: AtomicFs = { ...nodeAtomicFs, rename: async () => { throw new Error('power cut'); } };
    await expect(writeFileAtomic(file, '{"version":1,"new":true}', crashing)).rejects.toThrow('power cut');
    expect(await readFile(file, 'utf8')).toBe('{"version":1,"old":true}');
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  it('serialises bursts into the newest content and reports failures without throwing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'janus-atomic-'));
    const file = join(dir, 'symbols.json');
    const written: string[] = [];
    const recording: AtomicFs = { ...nodeAtomicFs, writeAndSync: async (f, data) => { written.push(data); await nodeAtomicFs.writeAndSync(f, data); } };
    const errors: unknown[] = [];
    const writer = createSerialFileWriter(file, (e) => errors.push(e), recording);
    writer.write('1');
    writer.write('2');
    writer.write('3');
    await writer.flush();
    expect(written).toEqual(['1', '3']);
    expect(await readFile(file, 'utf8')).toBe('3');
    const failing = createSerialFileWriter(join(dir, 'missing-dir', 'x.json'), (e) => errors.push(e));
    failing.write('x');
    await failing.flush();
    expect(errors).toHaveLength(1);
  });
});

describe('host log', () => {
  it('keeps the last N entries with increasing seq and hands each one on', () => {
    const seen: number[] = [];
    const log = createHostLog({ capacity: 3, now: () => 42, onEntry: (e) => seen.push(e.seq) });
    for (let i = 1; i <= 5; i += 1) log.add('info', 'host', null, `m${i}`);
    log.add('error', 'paper', 201, 'Order rejected - reason: no shares');
    expect(log.entries().map((e) => [e.seq, e.message])).toEqual([[4, 'm4'], [5, 'm5'], [6, 'Order rejected - reason: no shares']]);
    expect(log.entries()[2]).toEqual({ seq: 6, time: 42, level: 'error', source: 'paper', code: 201, message: 'Order rejected - reason: no shares' });
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
