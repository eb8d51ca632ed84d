// `npm run bench -- --help` lists the options and runs nothing; an unknown option is refused.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = join(__dirname, '..', '..', '..');
const bench = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'test/bench/run.ts', ...args], { cwd: repo, encoding: 'utf8', timeout: 30_000 });

describe('npm run bench options', () => {
  it('--help prints the options and exits without benchmarking', () => {
    const run = bench(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: npm run bench -- \[options\]\n {2}--json/);
    expect(run.stdout).not.toContain('bench: host ingest');
    expect(run.stderr).toBe('');
  }, 30_000);

  it('refuses an unknown option with a sentence and the usage, exit 2', () => {
    const run = bench(['--fast']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^bench: Unknown option "--fast"\.\nUsage: npm run bench --/);
  }, 30_000);

  it('refuses an option without its value, exit 2', () => {
    const run = bench(['--soak']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^bench: --soak needs a value \(DURATION\)\.\nUsage: npm run bench --/);
  }, 30_000);
});
