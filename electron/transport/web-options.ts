// Browser mode's command line and default data folder. Pure, so both are
// tested without starting anything.
import { posix, win32 } from 'node:path';

export const PRODUCT_NAME = 'Janus Workstation';

export interface WebOptions {
  /** 0 = any free port. */
  port: number;
  /** Where settings, the symbol cache and logs live. */
  dataDir: string;
  /** The built renderer to serve. */
  rendererDir: string;
}

export type WebArgs = { ok: true; options: WebOptions } | { ok: true; help: true } | { ok: false; message: string };

export const WEB_USAGE = [
  'Usage: npm run web -- [--port N] [--data-dir DIR] [--renderer-dir DIR]',
  '  --port N           listen on 127.0.0.1:N (default 0: any free port)',
  `  --data-dir DIR     settings and caches (default: the desktop app's folder, shared with it)`,
  '  --renderer-dir DIR the built UI to serve (default out/renderer, made by `npm run build`)',
].join('\n');

export interface PlatformInfo {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
}

/**
 * The folder Electron's app.getPath('userData') answers for this app, so
 * browser mode and the desktop app share settings: appData + product name.
 */
export function defaultUserDataDir({ platform, env, homeDir }: PlatformInfo): string {
  // The target platform's path rules, not the running one's: pure and the same everywhere.
  if (platform === 'win32') return win32.join(env.APPDATA || win32.join(homeDir, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return posix.join(homeDir, 'Library', 'Application Support', PRODUCT_NAME);
  return posix.join(env.XDG_CONFIG_HOME || posix.join(homeDir, '.config'), PRODUCT_NAME);
}

function parsePort(text: string | undefined): number | null {
  if (text === undefined || !/^\d{1,5}$/.test(text)) return null;
  const port = Number(text);
  return port <= 65535 ? port : null;
}

/** Reads `--port N --data-dir DIR --renderer-dir DIR` (also `--opt=value`). */
export function parseWebArgs(argv: readonly string[], defaults: { dataDir: string; rendererDir: string }): WebArgs {
  const options: WebOptions = { port: 0, dataDir: defaults.dataDir, rendererDir: defaults.rendererDir };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') return { ok: true, help: true };
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    const takeValue = (): string | undefined => (eq >= 0 ? arg.slice(eq + 1) : argv[++i]);
    switch (name) {
      case '--port': {
        const value = takeValue();
        const port = parsePort(value);
        if (port === null) return { ok: false, message: `--port needs a number from 0 to 65535, got ${value === undefined ? 'nothing' : `"${value}"`}.` };
        options.port = port;
        break;
      }
      case '--data-dir':
      case '--renderer-dir': {
        const value = takeValue();
        if (value === undefined || value === '' || value.startsWith('--')) return { ok: false, message: `${name} needs a folder path.` };
        if (name === '--data-dir') options.dataDir = value;
        else options.rendererDir = value;
        break;
      }
      default:
        return { ok: false, message: `Unknown option "${arg}".` };
    }
  }
  return { ok: true, options };
}

/** The one line browser mode prints: what the user opens. */
export function startupLine(url: string): string {
  return `${PRODUCT_NAME}: ${url}`;
}
