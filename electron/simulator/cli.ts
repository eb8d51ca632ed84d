// `npm run simulator -- --port 4002`: run the simulator until SIGINT/SIGTERM.

import { parseCliArgs, CLI_HELP } from './server/cli-args';
import { startSimulator } from './simulator';
import { DEMO_WEBULL_KEY, startWebullSimulator, type WebullSimulator } from './webull';

/** `--webull PORT` (a Webull OpenAPI simulator beside the IB one) taken out of the IB simulator's arguments. */
function takeWebullPort(args: string[]): { rest: string[]; port: number | null; error: string | null } {
  const at = args.indexOf('--webull');
  if (at < 0) return { rest: args, port: null, error: null };
  const value = args[at + 1] ?? '';
  const port = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(port >= 0 && port <= 65534)) return { rest: args, port: null, error: `--webull needs a port from 0 to 65534 (its event stream takes the next one), got "${value}"` };
  return { rest: [...args.slice(0, at), ...args.slice(at + 2)], port, error: null };
}

async function main(): Promise<void> {
  const webull = takeWebullPort(process.argv.slice(2));
  if (webull.error) {
    console.error(`simulator: ${webull.error}`);
    process.exitCode = 2;
    return;
  }
  const parsed = parseCliArgs(webull.rest);
  if (parsed.kind === 'help') {
    console.log(CLI_HELP);
    console.log('  --webull PORT                       Also serve a Webull OpenAPI simulator: HTTP on PORT, its gRPC events on PORT+1.');
    return;
  }
  if (parsed.kind === 'error') {
    console.error(`simulator: ${parsed.message}`);
    process.exitCode = 2;
    return;
  }
  const simulator = await startSimulator(parsed.options, { log: (message) => console.error(`simulator: ${message}`) });
  for (const { port, account } of simulator.ports) {
    console.log(`IB Gateway simulator listening on ${simulator.host}:${port} for account ${account} (server version 193)`);
  }
  let webullSim: WebullSimulator | null = null;
  if (webull.port !== null) {
    webullSim = await startWebullSimulator({ host: simulator.host, port: webull.port, ticksPerSecond: 20, log: (message) => console.error(`webull simulator: ${message}`) });
    console.log(
      `Webull OpenAPI simulator listening on ${webullSim.host}:${webullSim.httpPort} (events on ${webullSim.grpcPort}) for account ${DEMO_WEBULL_KEY.accounts[0] ?? ''}, app key ${DEMO_WEBULL_KEY.appKey}, app secret ${DEMO_WEBULL_KEY.appSecret}`,
    );
  }
  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    console.error(`simulator: ${signal}, closing`);
    Promise.all([simulator.close(), webullSim?.close()]).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`simulator: close failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`simulator: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
