// A host wired to the real IB broker (@stoqey/ib over TCP) and the real
// simulator, with its timers on a ManualScheduler: reconnects, flushes and
// lookup timeouts happen exactly when a test advances the clock, while socket
// I/O runs for real.

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandName, CommandRequest, CommandResult, EventName, EventPayload, Result } from '../../../shared/ipc';
import type { AccountConfig, ConnectionState, LogEntry, Order, Settings, Snapshot } from '../../../shared/model';
import { defaultSettings } from '../../../shared/schema';
import type { Broker } from '../../../electron/host/broker';
import { createIbBroker, type IbSessionOptions } from '../../../electron/ib';
import { createHost, type Host } from '../../../electron/host';
import type { SimulatorHandle } from '../../../electron/simulator';
import { ManualScheduler } from '../../helpers/manual-scheduler';

export type Seen = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];

export interface Rig {
  host: Host;
  scheduler: ManualScheduler;
  events: Seen[];
  logs: LogEntry[];
  dataDir: string;
  /** Ticks each account's session delivered to the host (onTick calls), counted at the broker seam. */
  ticks: Map<string, number>;
  invoke<C extends CommandName>(command: C, request: CommandRequest<C>, clientId?: string): Promise<Result<CommandResult<C>>>;
  /** invoke, and throw with the error text when the command fails. */
  must<C extends CommandName>(command: C, request: CommandRequest<C>, clientId?: string): Promise<CommandResult<C>>;
  snapshot(): Promise<Snapshot>;
  state(account: string): ConnectionState | undefined;
  order(account: string, orderId: number): Order | undefined;
  /** Wait for socket I/O while moving the host clock one flush window at a time. */
  pump(what: string, predicate: () => boolean, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export function accountFor(sim: SimulatorHandle, id: string, clientId: number, index = 0): AccountConfig {
  const port = sim.ports[index];
  if (!port) throw new Error(`simulator has no port #${index}`);
  return { id, name: id.toUpperCase(), broker: 'ib', host: sim.host, port: port.port, clientId, accountCode: port.account, enabled: true };
}

export function settingsWith(accounts: AccountConfig[], patch: Partial<Settings> = {}): Settings {
  return {
    ...defaultSettings(),
    accounts,
    watchlist: [],
    risk: { maxQuantity: null, maxNotional: null, priceBandPercent: null, maxOrdersPerSecond: null, maxOrdersPerMinute: null },
    ...patch,
  };
}

/** Waits for socket I/O (never for timers: those run on the ManualScheduler). */
export async function until(what: string, predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The real broker, with each session's onTick counted on its way into the host. */
function countingTicks(inner: Broker, ticks: Map<string, number>): Broker {
  return {
    name: inner.name,
    createSession(config, deps) {
      const forward = deps.listener.onTick;
      const listener = {
        ...deps.listener,
        onTick: (conId: number, field: Parameters<typeof forward>[1], value: number) => {
          ticks.set(config.account, (ticks.get(config.account) ?? 0) + 1);
          forward(conId, field, value);
        },
      };
      return inner.createSession(config, { ...deps, listener });
    },
  };
}

export async function startRig(settings: Settings, options: { lookupTimeoutMs?: number; ib?: IbSessionOptions } = {}): Promise<Rig> {
  const dataDir = await mkdtemp(join(tmpdir(), 'janus-host-it-'));
  await writeFile(join(dataDir, 'settings.json'), JSON.stringify(settings));
  const scheduler = new ManualScheduler(Date.now());
  const logs: LogEntry[] = [];
  const ticks = new Map<string, number>();
  const host = createHost({
    dataDir,
    // Pings far apart: these tests advance the clock by whole reconnect intervals.
    brokers: [countingTicks(createIbBroker(options.ib ?? { pingIntervalMs: 3_600_000 }), ticks)],
    scheduler,
    logger: (entry) => logs.push(entry),
    quoteFlushMs: 16,
    lookupTimeoutMs: options.lookupTimeoutMs ?? 5000,
    reconnectIntervalMs: 10_000,
  });
  const events: Seen[] = [];
  host.onEvent((event, payload) => events.push({ event, payload } as Seen));
  await host.start();
  const states = new Map<string, ConnectionState>();
  const orders = new Map<string, Order>();
  host.onEvent((event, payload) => {
    if (event === 'connection') states.set((payload as ConnectionState).account, payload as ConnectionState);
    if (event === 'order') orders.set((payload as Order).key, payload as Order);
  });
  const snap = await host.handlers['app.snapshot']({}, { clientId: 'rig' });
  if (snap.ok) for (const s of snap.value.connections) states.set(s.account, s);

  const invoke: Rig['invoke'] = (command, request, clientId = 'r1') => host.handlers[command](request, { clientId });
  return {
    host,
    scheduler,
    events,
    logs,
    dataDir,
    ticks,
    invoke,
    async must(command, request, clientId) {
      const result = await invoke(command, request, clientId);
      if (!result.ok) throw new Error(`${command}: ${result.error.code}: ${result.error.message}`);
      return result.value;
    },
    async snapshot() {
      const result = await invoke('app.snapshot', {});
      if (!result.ok) throw new Error(result.error.message);
      return result.value;
    },
    state: (account) => states.get(account),
    order: (account, orderId) => orders.get(`${account}:${orderId}`),
    async pump(what, predicate, timeoutMs = 5000) {
      await until(what, () => {
        if (predicate()) return true;
        scheduler.advance(16);
        return predicate();
      }, timeoutMs);
    },
    stop: () => host.stop(),
  };
}
