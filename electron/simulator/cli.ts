// `npm run simulator -- --port 4002`: run the simulator until SIGINT/SIGTERM.

import { parseCliArgs, CLI_HELP } from './server/cli-args';
import { DEMO_STARTING_POSITIONS } from './demo-portfolio';
import { startSimulator } from './simulator';

async function main(): Promise<void> {
  const parsed = parseCliArgs(process.argv.slice(2));
  if (parsed.kind === 'help') {
    console.log(CLI_HELP);
    return;
  }
  if (parsed.kind === 'error') {
    console.error(`simulator: ${parsed.message}`);
    process.exitCode = 2;
    return;
  }
  const simulator = await startSimulator({ startingPositions: DEMO_STARTING_POSITIONS, ...parsed.options }, { log: (message) => console.error(`simulator: ${message}`) });
  for (const { port, account } of simulator.ports) {
    console.log(`IB Gateway simulator listening on ${simulator.host}:${port} for account ${account} (server version 193)`);
  }
  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    console.error(`simulator: ${signal}, closing`);
    simulator.close().then(
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
