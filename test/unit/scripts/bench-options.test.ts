// `npm run bench` options: every option listed by --help, anything else refused.
import { describe, expect, it } from 'vitest';
import { BENCH_OPTIONS, benchUsage, parseBenchArgs } from '../../bench/options';

const DEFAULTS = { json: false, quick: false, only: undefined, marketView: false, soakMs: undefined, scaleSymbols: 1000 };

describe('parseBenchArgs', () => {
  it('runs everything by default', () => {
    expect(parseBenchArgs([])).toEqual({ ok: true, options: { ...DEFAULTS } });
  });

  it('reads every option, also in --opt=value form', () => {
    expect(parseBenchArgs(['--json', '--quick', '--only', 'ui'])).toEqual({ ok: true, options: { ...DEFAULTS, json: true, quick: true, only: 'ui' } });
    expect(parseBenchArgs(['--only=host'])).toEqual({ ok: true, options: { ...DEFAULTS, only: 'host' } });
    expect(parseBenchArgs(['--only', 'scale', '--scale-symbols', '500'])).toEqual({ ok: true, options: { ...DEFAULTS, only: 'scale', scaleSymbols: 500 } });
    expect(parseBenchArgs(['--soak', '30m', '--json'])).toEqual({ ok: true, options: { ...DEFAULTS, json: true, soakMs: 1_800_000 } });
    expect(parseBenchArgs(['--soak=90s'])).toEqual({ ok: true, options: { ...DEFAULTS, soakMs: 90_000 } });
  });

  it('adds the market-view run with --market-view', () => {
    expect(parseBenchArgs(['--only', 'ui', '--market-view'])).toEqual({ ok: true, options: { ...DEFAULTS, only: 'ui', marketView: true } });
  });

  it('answers --help and -h before anything runs', () => {
    expect(parseBenchArgs(['--quick', '--help'])).toEqual({ ok: true, help: true });
    expect(parseBenchArgs(['-h'])).toEqual({ ok: true, help: true });
  });

  it('refuses unknown options and bad values with a sentence', () => {
    expect(parseBenchArgs(['--fast'])).toEqual({ ok: false, message: 'Unknown option "--fast".' });
    expect(parseBenchArgs(['--soak'])).toEqual({ ok: false, message: '--soak needs a value (DURATION).' });
    expect(parseBenchArgs(['--soak', '30'])).toEqual({ ok: false, message: '--soak: "30" is not a duration: write a number and s, m or h (90s, 30m, 1h).' });
    expect(parseBenchArgs(['--scale-symbols', '1e3'])).toEqual({ ok: false, message: '--scale-symbols needs a whole number from 1 to 10000, got "1e3".' });
    expect(parseBenchArgs(['--scale-symbols', '10001'])).toEqual({ ok: false, message: '--scale-symbols needs a whole number from 1 to 10000, got "10001".' });
    expect(parseBenchArgs(['quick'])).toEqual({ ok: false, message: 'Unknown option "quick".' });
    expect(parseBenchArgs(['--only', 'gpu'])).toEqual({ ok: false, message: '--only needs one of host, ui, scale, got "gpu".' });
    expect(parseBenchArgs(['--only'])).toEqual({ ok: false, message: '--only needs a value (host|ui|scale).' });
    expect(parseBenchArgs(['--only', '--json'])).toEqual({ ok: false, message: '--only needs a value (host|ui|scale).' });
    expect(parseBenchArgs(['--json=yes'])).toEqual({ ok: false, message: '--json takes no value, got "--json=yes".' });
  });
});

describe('benchUsage', () => {
  it('lists every option of the table and --help', () => {
    const usage = benchUsage();
    expect(usage.split('\n')[0]).toBe('Usage: npm run bench -- [options]');
    for (const spec of BENCH_OPTIONS) expect(usage).toMatch(new RegExp(`^  ${spec.name}\\b.*${spec.help.slice(0, 20)}`, 'm'));
    expect(usage).toMatch(/^ {2}--only host\|ui\|scale +run one section/m);
    expect(usage).toMatch(/^ {2}--soak DURATION +instead of the sections/m);
    expect(usage).toMatch(/^ {2}--scale-symbols N +subscribed symbols/m);
    expect(usage).toMatch(/^ {2}--help +print this list and exit$/m);
  });
});
