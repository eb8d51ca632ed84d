// `npm run bench` options: one table, so --help lists every option and a new
// one (e.g. --soak) is one entry plus its field in BenchOptions. Pure.

import { parseDuration } from './stats';

export type BenchSection = 'host' | 'ui' | 'scale';

export interface BenchOptions {
  /** stdout carries exactly one JSON object; progress goes to stderr. */
  json: boolean;
  /** Shorter runs: a smoke check of the figures, not a measurement. */
  quick: boolean;
  /** Run one section only; undefined runs them all. */
  only: BenchSection | undefined;
  /** Also run the UI with Chart, Depth and Time & sales open on one symbol ticking 50/s. */
  marketView: boolean;
  /** Run the memory soak (and nothing else) for this long; undefined: no soak. */
  soakMs: number | undefined;
  /** Subscribed symbols in the scale section. */
  scaleSymbols: number;
}

export const DEFAULT_SCALE_SYMBOLS = 1000;
/** The simulator's synthetic listings stop at ZSYN9999. */
export const MAX_SCALE_SYMBOLS = 10_000;

interface OptionSpec {
  name: string;
  /** Placeholder for the option's value; absent for a flag. */
  value?: string;
  help: string;
  /** Applies the option; returns the sentence that refuses a bad value, or null. */
  apply(options: BenchOptions, value: string): string | null;
}

const SECTIONS: readonly BenchSection[] = ['host', 'ui', 'scale'];

export const BENCH_OPTIONS: readonly OptionSpec[] = [
  {
    name: '--json',
    help: 'print one JSON object on stdout (progress goes to stderr)',
    apply: (options) => ((options.json = true), null),
  },
  {
    name: '--quick',
    help: 'shorter runs, to check the benchmarks work (figures are rough)',
    apply: (options) => ((options.quick = true), null),
  },
  {
    name: '--market-view',
    help: 'add the UI run with Chart, Depth and Time & sales open on one symbol ticking 50/s beside 200 quote rows',
    apply: (options) => ((options.marketView = true), null),
  },
  {
    name: '--only',
    value: SECTIONS.join('|'),
    help: 'run one section: host (ingest, order round trip, place to wire with and without the journal, cancel-all behind a backlog, the wait in the quote window), ui (frames, tick to screen, keystroke to wire in Chromium) or scale (ingest and frames at --scale-symbols)',
    apply: (options, value) => {
      const section = SECTIONS.find((candidate) => candidate === value);
      if (section === undefined) return `--only needs one of ${SECTIONS.join(', ')}, got "${value}".`;
      options.only = section;
      return null;
    },
  },
  {
    name: '--soak',
    value: 'DURATION',
    help: 'instead of the sections: 200 symbols at 5,000 ticks/s and an order a second for DURATION (30m, 90s, 1h), sampling memory every minute',
    apply: (options, value) => {
      const duration = parseDuration(value);
      if (!duration.ok) return `--soak: ${duration.message}`;
      options.soakMs = duration.ms;
      return null;
    },
  },
  {
    name: '--scale-symbols',
    value: 'N',
    help: `subscribed symbols in the scale section (default ${DEFAULT_SCALE_SYMBOLS}): the simulator's ~300, then its synthetic ZSYN0001...; past 500 (one watchlist) the page subscribes the rest over its socket`,
    apply: (options, value) => {
      const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
      if (!(n >= 1 && n <= MAX_SCALE_SYMBOLS)) return `--scale-symbols needs a whole number from 1 to ${MAX_SCALE_SYMBOLS}, got "${value}".`;
      options.scaleSymbols = n;
      return null;
    },
  },
];

export function benchUsage(): string {
  const left = (spec: OptionSpec): string => (spec.value ? `${spec.name} ${spec.value}` : spec.name);
  const width = Math.max('--help'.length, ...BENCH_OPTIONS.map((spec) => left(spec).length)) + 2;
  return [
    'Usage: npm run bench -- [options]',
    ...BENCH_OPTIONS.map((spec) => `  ${left(spec).padEnd(width)}${spec.help}`),
    `  ${'--help'.padEnd(width)}print this list and exit`,
  ].join('\n');
}

export type BenchArgs = { ok: true; options: BenchOptions } | { ok: true; help: true } | { ok: false; message: string };

/** Reads the options (also `--opt=value`); anything unknown is refused. */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const options: BenchOptions = {
    json: false,
    quick: false,
    only: undefined,
    marketView: false,
    soakMs: undefined,
    scaleSymbols: DEFAULT_SCALE_SYMBOLS,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') return { ok: true, help: true };
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    const spec = BENCH_OPTIONS.find((candidate) => candidate.name === name);
    if (spec === undefined) return { ok: false, message: `Unknown option "${arg}".` };
    let value = '';
    if (spec.value !== undefined) {
      const given = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (given === undefined || given === '' || given.startsWith('--')) return { ok: false, message: `${name} needs a value (${spec.value}).` };
      value = given;
    } else if (eq >= 0) {
      return { ok: false, message: `${name} takes no value, got "${arg}".` };
    }
    const refused = spec.apply(options, value);
    if (refused !== null) return { ok: false, message: refused };
  }
  return { ok: true, options };
}
