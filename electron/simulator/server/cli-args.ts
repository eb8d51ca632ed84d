// Command-line options of `npm run simulator`, parsed purely so they can be tested.

import type { SimulatorListen, SimulatorOptions } from '../api';
import { MAX_SYNTHETIC_LISTINGS, syntheticCountProblem } from '../exchange/universe-synthetic';

export const CLI_HELP = `Janus IB Gateway simulator (speaks the TWS API, server version 193)

Usage: npm run simulator -- [options]

  --port N[:ACCOUNT][,N[:ACCOUNT]...]  Listen on port N serving ACCOUNT (repeatable).
                                      Without ACCOUNT the port serves --account.
                                      Default: one port, 4002.
  --account CODE                      Account for ports given without one (default DU1000001).
  --host ADDRESS                      Interface to listen on (default 127.0.0.1).
  --seed N                            Random-walk seed; same seed, same quotes (default 1).
  --tick-rate N                       Total ticks per second across subscribed symbols (default 50; 0 = still).
  --cash N                            Starting cash per account (default 1000000).
  --max-msg-rate N                    Client messages per second before error 100 (default 50).
  --synthetic-symbols N               Add N made-up live listings ZSYN0001... (0-9999, default 0)
                                      after the simulator's own symbols, for scale runs.
  --clock demo|real                   demo (default): starts at 10:00 New York on a weekday and runs
                                      in real time, so orders trade at any hour; real: the wall clock
                                      (pre-market 04:00, open 09:30, close 16:00, after hours to 20:00 NY).
  --help                              This text.

Examples:
  npm run simulator -- --port 4002
  npm run simulator -- --port 4002:DU111,4003:DU222 --tick-rate 2000
  npm run simulator -- --port 4002 --port 4003 --account DU555
  npm run simulator -- --port 4002 --clock real`;

export type CliParse = { kind: 'help' } | { kind: 'run'; options: SimulatorOptions } | { kind: 'error'; message: string };

function number(flag: string, text: string | undefined, min: number, integer: boolean): number | string {
  if (text === undefined || text.startsWith('--')) return `${flag} needs a value`;
  const value = Number(text);
  if (!Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
    return `${flag} must be ${integer ? 'an integer' : 'a number'} >= ${min}, got ${JSON.stringify(text)}`;
  }
  return value;
}

export function parseCliArgs(argv: readonly string[]): CliParse {
  const ports: Array<{ port: number; account: string | null }> = [];
  const options: SimulatorOptions = {};
  let account = 'DU1000001';
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i] ?? '';
    const value = argv[i + 1];
    const numeric = (min: number, integer: boolean): number | null => {
      const parsed = number(flag, value, min, integer);
      if (typeof parsed === 'string') throw new CliError(parsed);
      i += 1;
      return parsed;
    };
    try {
      switch (flag) {
        case '--help':
        case '-h':
          return { kind: 'help' };
        case '--port': {
          if (value === undefined || value.startsWith('--')) throw new CliError('--port needs a value');
          i += 1;
          for (const part of value.split(',')) {
            const match = /^(\d{1,5})(?::([A-Za-z0-9]+))?$/.exec(part.trim());
            const port = Number(match?.[1]);
            if (!match || port > 65535) throw new CliError(`--port: expected N or N:ACCOUNT, got ${JSON.stringify(part)}`);
            ports.push({ port, account: match[2] ?? null });
          }
          break;
        }
        case '--account':
          if (value === undefined || !/^[A-Za-z0-9]+$/.test(value)) throw new CliError(`--account needs an account code, got ${JSON.stringify(value ?? '')}`);
          account = value;
          i += 1;
          break;
        case '--host':
          if (value === undefined || value.startsWith('--')) throw new CliError('--host needs a value');
          options.host = value;
          i += 1;
          break;
        case '--seed':
          options.seed = numeric(0, true) ?? 1;
          break;
        case '--tick-rate':
          options.tickRate = numeric(0, false) ?? 0;
          break;
        case '--cash':
          options.startingCash = numeric(0, false) ?? 0;
          break;
        case '--max-msg-rate':
          options.maxMessagesPerSecond = numeric(1, true) ?? 50;
          break;
        case '--synthetic-symbols': {
          const count = numeric(0, true) ?? 0;
          const problem = syntheticCountProblem(count);
          if (problem) throw new CliError(`--synthetic-symbols must be from 0 to ${MAX_SYNTHETIC_LISTINGS}, got ${JSON.stringify(value)}`);
          options.syntheticListings = count;
          break;
        }
        case '--clock':
          if (value !== 'demo' && value !== 'real') throw new CliError(`--clock must be demo or real, got ${JSON.stringify(value ?? '')}`);
          options.clock = value;
          i += 1;
          break;
        default:
          throw new CliError(`Unknown option ${JSON.stringify(flag)} (see --help)`);
      }
    } catch (error) {
      if (error instanceof CliError) return { kind: 'error', message: error.message };
      throw error;
    }
  }
  const listen: SimulatorListen[] = (ports.length > 0 ? ports : [{ port: 4002, account: null }]).map((p) => ({ port: p.port, account: p.account ?? account }));
  const seen = new Set<number>();
  for (const l of listen) {
    if (l.port !== 0 && seen.has(l.port)) return { kind: 'error', message: `Port ${l.port} is given twice` };
    seen.add(l.port);
  }
  options.listen = listen;
  return { kind: 'run', options };
}

class CliError extends Error {}
