// Browser mode: `npm run web -- --port 0 --data-dir DIR`. The same host and UI
// as the desktop app, served on 127.0.0.1 with a one-time token. Prints exactly
// one line on stdout (the link to open); everything else goes to stderr. Builds
// the UI first when it is missing or stale (scripts/build-state.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppCore } from './app-composition';
import type { WsServer } from './transport/ws-server';
import { defaultUserDataDir, parseWebArgs, startupLine, WEB_USAGE } from './transport/web-options';

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
const defaultRendererDir = join(repoRoot, 'out', 'renderer');

// A closed stdout or stderr (`npm run web | head -3`) must neither crash nor
// spin the process: once a stream fails, nothing more is written to it.
const closed = new WeakSet<NodeJS.WriteStream>();
function say(stream: NodeJS.WriteStream, text: string): void {
  if (closed.has(stream) || stream.destroyed) return;
  try {
    stream.write(text);
  } catch {
    closed.add(stream);
  }
}
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => closed.add(stream));

/** Each distinct unexpected error is logged once, so a failure in a loop cannot flood the log. */
const reported = new Set<string>();
function reportUnexpected(kind: string, text: string): void {
  if (reported.has(text)) return;
  if (reported.size < 100) reported.add(text);
  say(process.stderr, `Janus Workstation: ${kind} (continuing): ${text}\n`);
}

/**
 * Under npm a `sh -c` sits between npm and us, and dash does not pass npm's
 * SIGTERM on: when our parent is gone, stop as if it had reached us.
 */
function stopWhenOrphaned(stop: () => void): void {
  if (!process.env.npm_lifecycle_event) return;
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    stop();
  }, 500);
  timer.unref();
}

function fail(message: string, code: number): never {
  say(process.stderr, `Janus Workstation: ${message}\n`);
  process.exit(code);
}

/** The default UI is built here when missing or stale; a --renderer-dir given by the user is served as it is. */
function ensureUi(rendererDir: string): void {
  if (rendererDir === defaultRendererDir) {
    const build = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'build-state.mjs')], { cwd: repoRoot, stdio: ['ignore', 2, 2] });
    if (build.status !== 0) fail('the browser UI could not be built (see above); fix the error, then run `npm run web` again.', 1);
  }
  if (!existsSync(join(rendererDir, 'index.html'))) {
    fail(`the browser UI is not built (${join(rendererDir, 'index.html')} is missing); run \`npm run build\` first, then \`npm run web\` again.`, 1);
  }
}

async function main(): Promise<void> {
  const args = parseWebArgs(process.argv.slice(2), {
    dataDir: defaultUserDataDir({ platform: process.platform, env: process.env, homeDir: homedir() }),
    rendererDir: defaultRendererDir,
  });
  if (!args.ok) fail(`${args.message}\n${WEB_USAGE}`, 2);
  if ('help' in args) {
    say(process.stdout, `${WEB_USAGE}\n`);
    return;
  }
  const { port, dataDir, rendererDir } = args.options;
  ensureUi(rendererDir);

  // A bug in one handler or socket must not take the trader's session down with it.
  process.on('uncaughtException', (error) => reportUnexpected('unexpected error', error.stack ?? error.message));
  process.on('unhandledRejection', (reason) => reportUnexpected('unhandled rejection', reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)));

  let core: AppCore | null = null;
  let server: WsServer | null = null;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      say(process.stderr, `Janus Workstation: ${signal} again, exiting now.\n`);
      process.exit(1);
    }
    stopping = true;
    say(process.stderr, `Janus Workstation: ${signal}, shutting down.\n`);
    // A shutdown that hangs (a socket that never closes) must not keep the process alive.
    setTimeout(() => {
      say(process.stderr, 'Janus Workstation: shutdown took over 5 s, exiting now.\n');
      process.exit(1);
    }, 5000).unref();
    try {
      await server?.close();
      await core?.stop();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  stopWhenOrphaned(() => void shutdown('SIGTERM (its parent process is gone)'));

  // Loaded only now, so a mistyped option or a missing build is answered at once.
  const [{ formatLogEntry, startAppCore }, { startWsServer }] = await Promise.all([
    import('./app-composition'),
    import('./transport/ws-server'),
  ]);
  try {
    core = await startAppCore({
      dataDir,
      logger: (entry) => {
        if (entry.level === 'warn' || entry.level === 'error') say(process.stderr, `${formatLogEntry(entry)}\n`);
      },
      onFault: (command, error) => say(process.stderr, `Janus Workstation: ${command} failed: ${error instanceof Error ? error.stack : String(error)}\n`),
    });
    if (stopping) return;
    server = await startWsServer({
      host: core.host,
      dispatch: core.dispatch,
      staticDir: rendererDir,
      port,
      log: (level, message) => {
        if (level !== 'info') say(process.stderr, `Janus Workstation: ${message}\n`);
      },
    });
  } catch (error) {
    await core?.stop().catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    if (error instanceof Error && error.name === 'DataDirLockedError') fail(reason.replace(/^Janus Workstation is/, 'it is'), 1);
    fail(port !== 0 && /EADDRINUSE/.test(reason) ? `port ${port} is already in use; pick another with --port.` : `could not start: ${reason}`, 1);
  }
  if (stopping) return void (await server.close());
  say(process.stdout, `${startupLine(server.url)}\n`);
}

void main();
