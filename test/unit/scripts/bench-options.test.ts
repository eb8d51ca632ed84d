// `npm run bench` options: every option listed by --help, anything else refused.
import { describe, expect, it } from 'vitest';
import { BENCH_OPTIONS, benchUsage, parseBenchArgs } from '../../bench/options';

describe('parseBenchArgs', () => {
  it('runs everything by default', () => {
    expect(parseBenchArgs([])).toEqual({ ok: true, options: { json: false, quick: false, only: undefined, marketView: false } });
  });

  it('reads every option, also in --opt=value form', () => {
    expect(parseBenchArgs(['--json', '--quick', '--only', 'ui'])).toEqual({ ok: true, options: { json: true, quick: true, only: 'ui', marketView: false } });
    expect(parseBenchArgs(['--only=host'])).toEqual({ ok: true, options: { json: false, quick: false, only: 'host', marketView: false } });
  });

  it('adds the market-view run with --market-view', () => {
    expect(parseBenchArgs(['--only', 'ui', '--market-view'])).toEqual({ ok: true, options: { json: false, quick: false, only: 'ui', marketView: true } });
  });

  it('answers --help and -h before anything runs', () => {
    expect(parseBenchArgs(['--quick', '--help'])).toEqual({ ok: true, help: true });
    expect(parseBenchArgs(['-h'])).toEqual({ ok: true, help: true });
  });

  it('refuses unknown options and bad values with a sentence', () => {
    expect(parseBenchArgs(['--soak'])).toEqual({ ok: false, message: 'Unknown option "--soak".' });
    expect(parseBenchArgs(['quick'])).toEqual({ ok: false, message: 'Unknown option "quick".' });
    expect(parseBenchArgs(['--only', 'gpu'])).toEqual({ ok: false, message: '--only needs one of host, ui, got "gpu".' });
    expect(parseBenchArgs(['--only'])).toEqual({ ok: false, message: '--only needs a value (host|ui).' });
    expect(parseBenchArgs(['--only', '--json'])).toEqual({ ok: false, message: '--only needs a value (host|ui).' });
    expect(parseBenchArgs(['--json=yes'])).toEqual({ ok: false, message: '--json takes no value, got "--json=yes".' });
  });
});

describe('benchUsage', () => {
  it('lists every option of the table and --help', () => {
    const usage = benchUsage();
    expect(usage.split('\n')[0]).toBe('Usage: npm run bench -- [options]');
    for (const spec of BENCH_OPTIONS) expect(usage).toMatch(new RegExp(`^  ${spec.name}\\b.*${spec.help.slice(0, 20)}`, 'm'));
    expect(usage).toContain('  --only host|ui  run one section');
    expect(usage).toMatch(/^ {2}--help +print this list and exit$/m);
  });
});
