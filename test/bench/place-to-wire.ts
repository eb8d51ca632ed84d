// The host's share of keystroke to wire: order.place called in the host to
// PLACE_ORDER at the simulator, 200 symbols ticking at 5,000 ticks/s, with the
// order journal (fsync before every send, and an fsync'd line per outcome) and,
// as the baseline in the same run, without it. The difference is what the
// journal costs an order; the rest is the host's checks and the send lanes.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createHost, type HostOptions } from '../../electron/host';
import { createIbBroker } from '../../electron/ib';
import { createJournalPort } from '../../electron/journal/journal-port';
import { startSimulator } from '../../electron/simulator';
import { defaultSettings } from '../../shared/schema';
import { percentile, round } from './stats';
import { benchSymbols } from './symbols';

const ACCOUNT = 'DU1000001';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const NO_GUARDS = { maxQuantity: null, maxNotional: null, priceBandPercent: null, maxOrdersPerSecond: null, maxOrdersPerMinute: null };

/** ms from order.place to the order at the simulator, for `orders` orders `gapMs` apart. */
async function placeToWire(journaled: boolean, orders: number, gapMs: number): Promise<number[]> {
  const sim = await startSimulator({ tickRate: 0, seed: 5, maxMessagesPerSecond: 1000, listen: [{ port: 0, account: ACCOUNT }] });
  const dataDir = await mkdtemp(join(tmpdir(), 'janus-bench-place-'));
  const settings = {
    ...defaultSettings(),
    watchlist: [],
    risk: NO_GUARDS,
    accounts: [{ id: 'bench', name: 'Bench', broker: 'ib', host: sim.host, port: sim.ports[0]?.port ?? 0, clientId: 11, accountCode: ACCOUNT, enabled: true }],
  };
  await writeFile(join(dataDir, 'settings.json'), JSON.stringify(settings));
  const options: HostOptions = { dataDir, brokers: [createIbBroker()], ...(journaled ? { journal: (log) => createJournalPort({ dataDir }, log) } : {}) };
  const host = createHost(options);
  let ready = false;
  host.onEvent((event, payload) => {
    if (event === 'connection' && (payload as { readyForOrders: boolean }).readyForOrders) ready = true;
  });
  const seen = new Set<number>();
  let arrived: ((at: number) => void) | null = null;
  const noop = (): void => undefined;
  const off = sim.exchange.addListener({
    onTick: noop, onExecution: noop, onPosition: noop, onAccount: noop,
    onOrder(order) {
      if (seen.has(order.orderId)) return;
      seen.add(order.orderId);
      arrived?.(performance.now());
    },
  });
  try {
    await host.start();
    for (let i = 0; !ready; i += 1) {
      if (i > 3000) throw new Error('place-to-wire: the host did not connect');
      await sleep(5);
    }
    const symbols = benchSymbols(200);
    for (const symbol of symbols) await host.handlers['quotes.subscribe']({ symbol }, { clientId: 'bench' });
    await sleep((symbols.length / 40) * 1000 + 500); // subscriptions leave at 40 messages/s
    sim.setTickRate(5000);
    await sleep(1000);
    const times: number[] = [];
    for (let i = 0; i < orders; i += 1) {
      const reached = new Promise<number>((resolve) => (arrived = resolve));
      const t0 = performance.now();
      const order = { account: 'bench', side: 'BUY' as const, symbol: 'AAPL', quantity: 1, type: 'limit' as const, limitPrice: 90, tif: 'DAY' as const };
      const result = await host.handlers['order.place']({ order }, { clientId: 'bench' });
      if (!result.ok) throw new Error(`place-to-wire: ${result.error.message}`);
      times.push((await reached) - t0);
      await sleep(gapMs);
    }
    return times;
  } finally {
    off();
    sim.setTickRate(0);
    await host.stop();
    await sim.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function runPlaceToWireBench(options: { quick?: boolean } = {}): Promise<Record<string, number>> {
  const orders = options.quick ? 30 : 150;
  // 30 ms apart, as the keystroke benchmark types them: the previous order's outcomes are still being journaled.
  const journaled = await placeToWire(true, orders, 30);
  const bare = await placeToWire(false, orders, 30);
  return {
    placeToWireP50Ms: round(percentile(journaled, 50)),
    placeToWireP99Ms: round(percentile(journaled, 99)),
    placeToWireNoJournalP50Ms: round(percentile(bare, 50)),
    placeToWireNoJournalP99Ms: round(percentile(bare, 99)),
  };
}
