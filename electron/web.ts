// Browser mode: `npm run web -- --port 0 --data-dir DIR`. The same host and UI
// as the desktop app, served on 127.0.0.1 with a one-time token. Prints exactly
// one line on stdout (the link to open); everything else goes to stderr.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppCore } from './app-composition';
import type { WsServer } from './transport/ws-server';
import { defaultUserDataDir, parseWebArgs, startupLine, WEB_USAGE } from './transport/web-options';

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));

function fail(message: string, code: number): never {
  process.stderr.write(`Janus Workstation: ${message}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  const args = parseWebArgs(process.argv.slice(2), {
    dataDir: defaultUserDataDir({ platform: process.platform, env: process.env, homeDir: homedir() }),
    rendererDir: join(repoRoot, 'out', 'renderer'),
  });
  if (!args.ok) fail(`${args.message}\n${WEB_USAGE}`, 2);
  if ('help' in args) {
    process.stdout.write(`${WEB_USAGE}\n`);
    return;
  }
  const { port, dataDir, rendererDir } = args.options;
  if (!existsSync(join(rendererDir, 'index.html'))) {
    fail(`the browser UI is not built (${join(rendererDir, 'index.html')} is missing); run \`npm run build\` first, then \`npm run web\` again.`, 1);
  }

  // A bug in one handler or socket must not take the trader's session down with it.
  process.on('uncaughtException', (error) => process.stderr.write(`Janus Workstation: unexpected error (continuing): ${error.stack ?? error.message}\n`));
  process.on('unhandledRejection', (reason) => process.stderr.write(`Janus Workstation: unhandled rejection (continuing): ${String(reason)}\n`));

  let core: AppCore | null = null;
  let server: WsServer | null = null;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      process.stderr.write(`Janus Workstation: ${signal} again, exiting now.\n`);
      process.exit(1);
    }
    stopping = true;
    process.stderr.write(`Janus Workstation: ${signal}, shutting down.\n`);
    try {
      await server?.close();
      await core?.stop();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  // Loaded only now, so a mistyped option or a missing build is answered at once.
  const [{ formatLogEntry, startAppCore }, { startWsServer }] = await Promise.all([
    import('./app-composition'),
    import('./transport/ws-server'),
  ]);
  try {
    core = await startAppCore({
      dataDir,
      logger: (entry) => {
        if (entry.level === 'warn' || entry.level === 'error') process.stderr.write(`${formatLogEntry(entry)}\n`);
      },
      onFault: (command, error) => process.stderr.write(`Janus Workstation: ${command} failed: ${error instanceof Error ? error.stack : String(error)}\n`),
    });
    if (stopping) return;
    server = await startWsServer({
      host: core.host,
      dispatch: core.dispatch,
      staticDir: rendererDir,
      port,
      log: (level, message) => {
        if (level !== 'info') process.stderr.write(`Janus Workstation: ${message}\n`);
      },
    });
  } catch (error) {
    await core?.stop().catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    if (error instanceof Error && error.name === 'DataDirLockedError') fail(reason.replace(/^Janus Workstation is/, 'it is'), 1);
    fail(port !== 0 && /EADDRINUSE/.test(reason) ? `port ${port} is already in use; pick another with --port.` : `could not start: ${reason}`, 1);
  }
  if (stopping) return void (await server.close());
  process.stdout.write(`${startupLine(server.url)}\n`);
}

void main();
