// What the desktop app and browser mode share: the host (with the embedded
// simulator as the demo gateway when no account is configured) and the
// dispatcher every transport serves. main.ts and web.ts add only their shell.
// This is the one composition root: the only place that picks broker
// implementations (the host knows just the Broker seam).
import { mkdir } from 'node:fs/promises';
import type { LogEntry } from '../shared/model';
import { createHost, MemorySecretStore, type DemoGateway, type Host, type SecretStore } from './host';
import { ibBroker } from './ib';
import { createWebullBroker } from './webull';
import { startSimulator } from './simulator/simulator';
import { lockDataDir } from './transport/data-dir-lock';
import { createDispatcher } from './transport/dispatcher';
import type { Dispatcher } from './transport/dispatch';

export interface AppCoreOptions {
  /** Settings, symbol cache and logs. Created when missing. */
  dataDir: string;
  /** Start the embedded simulator when no account is configured. Default true. */
  demo?: boolean;
  /** Receives every host log entry (the shell decides where they go). */
  logger?: (entry: LogEntry) => void;
  /** A command handler threw: the caller got `internal`, this gets the details. */
  onFault?: (command: string, error: unknown) => void;
  /** Webull app secrets: safeStorage in the desktop app; memory (this run only) by default. */
  secrets?: SecretStore;
}

export interface AppCore {
  readonly host: Host;
  readonly dispatch: Dispatcher;
  /** Stops the host (sessions, demo gateway) and flushes what it persists. Safe to call twice. */
  stop(): Promise<void>;
}

/** The demo gateway: a simulator on a free loopback port, one paper account. */
export function simulatorDemo(): { start(): Promise<DemoGateway> } {
  return {
    async start() {
      const simulator = await startSimulator({ host: '127.0.0.1', listen: [{ port: 0, account: 'DU1000001' }] });
      const listening = simulator.ports[0];
      if (!listening) {
        await simulator.close();
        throw new Error('the simulator started without a listening port');
      }
      return {
        host: simulator.host,
        port: listening.port,
        accountCode: listening.account,
        stop: () => simulator.close(),
      };
    },
  };
}

/** Throws DataDirLockedError (a sentence for the user) when another host uses this data folder. */
export async function startAppCore(options: AppCoreOptions): Promise<AppCore> {
  await mkdir(options.dataDir, { recursive: true });
  const unlock = lockDataDir(options.dataDir);
  const secrets = options.secrets ?? new MemorySecretStore();
  // Webull sessions read their account's app key and region from settings and the secret from the store.
  const webullBroker = createWebullBroker({
    credentials: async (accountId) => {
      const answer = await host.handlers['settings.get']({}, { clientId: 'webull-broker' });
      const account = answer.ok ? answer.value.accounts.find((a) => a.id === accountId) : undefined;
      if (!account || account.broker !== 'webull') return null;
      return { appKey: account.appKey ?? '', appSecret: secrets.get(account.id), region: account.region ?? 'us' };
    },
  });
  const host: Host = createHost({
    dataDir: options.dataDir,
    secrets,
    brokers: [ibBroker, webullBroker],
    ...(options.demo === false ? {} : { demo: simulatorDemo() }),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  try {
    await host.start();
  } catch (error) {
    await host.stop().catch(() => {});
    unlock();
    throw error;
  }
  const dispatch = createDispatcher(host, options.onFault);
  let stopping: Promise<void> | null = null;
  return {
    host,
    dispatch,
    stop: () => (stopping ??= host.stop().finally(unlock)),
  };
}

/** One log entry as a line for a terminal or log file. */
export function formatLogEntry(entry: LogEntry): string {
  const code = entry.code === null ? '' : ` [${entry.code}]`;
  return `${new Date(entry.time).toISOString()} ${entry.level.toUpperCase()} ${entry.source}${code}: ${entry.message}`;
}
