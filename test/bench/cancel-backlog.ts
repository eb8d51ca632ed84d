// Cancel-all behind a backlog: 1,000 orders placed at once sit in the IB
// client's outgoing queue (IB paces a client to ~40 messages/s, so they take
// ~25 s to drain); then the trader hits cancel-all. The figure is the time
// from order.cancelAll to the first CANCEL_ORDER reaching the simulator: how
// long a panic cancel waits behind the places already queued.
//
// The simulator runs in this process so its clock is ours; the first cancel is
// seen by wrapping its exchange's cancelOrder (every CANCEL_ORDER frame goes
// there, for an order the exchange knows or not). Measurement only.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { defaultSettings } from '../../shared/schema';
import { createHost } from '../../electron/host';
import { createIbBroker } from '../../electron/ib';
import { startSimulator } from '../../electron/simulator';
import { percentile, round } from './stats';

export interface CancelBacklogOptions {
  /** Orders queued before cancel-all. Default 1000. */
  orders?: number;
  /** Give up waiting for the first cancel after this long. Default 60 s (the whole queue drains in ~25 s at 40/s). */
  timeoutMs?: number;
  /** Backlogs built and cancelled, each pressing cancel-all at another point of the 100 ms pacing window. Default 5. */
  trials?: number;
}

const ACCOUNT = 'DU1000001';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, predicate: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`cancel-backlog: timed out waiting for ${what}`);
    await sleep(1);
  }
}

export async function runCancelBacklogBench(options: CancelBacklogOptions = {}): Promise<Record<string, number>> {
  const orders = options.orders ?? 1000;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const trials = options.trials ?? 5;
  const sim = await startSimulator({ tickRate: 0, seed: 3, listen: [{ port: 0, account: ACCOUNT }] });
  const dataDir = await mkdtemp(join(tmpdir(), 'janus-bench-cancel-'));
  let placesOnWire = 0;
  let firstCancelAt: number | null = null;
  const exchange = sim.exchange;
  const place = exchange.placeOrder.bind(exchange);
  const cancel = exchange.cancelOrder.bind(exchange);
  Object.assign(exchange, {
    placeOrder: (...args: Parameters<typeof place>) => ((placesOnWire += 1), place(...args)),
    cancelOrder: (...args: Parameters<typeof cancel>) => {
      firstCancelAt ??= performance.now();
      return cancel(...args);
    },
  });
  const settings = {
    ...defaultSettings(),
    watchlist: [],
    // The rate guard would refuse the 6th order in a second: the backlog is the point here.
    risk: { maxQuantity: null, maxNotional: null, priceBandPercent: null, maxOrdersPerSecond: null, maxOrdersPerMinute: null },
    confirm: { quantityAbove: null, notionalAbove: null },
    accounts: [{ id: 'bench', name: 'Bench', broker: 'ib', host: sim.host, port: sim.ports[0]?.port ?? 0, clientId: 9, accountCode: ACCOUNT, enabled: true }],
  };
  await writeFile(join(dataDir, 'settings.json'), JSON.stringify(settings));
  const host = createHost({ dataDir, brokers: [createIbBroker()] });
  let ready = false;
  host.onEvent((event, payload) => {
    if (event === 'connection' && (payload as { readyForOrders: boolean }).readyForOrders) ready = true;
  });
  try {
    await host.start();
    await until('the host to connect', () => ready, 15_000);
    const conId = exchange.findBySymbol('AAPL')[0]?.conId ?? 0;
    const bid = exchange.quote(conId)?.bid ?? 100;
    const limitPrice = Math.round(bid * 50) / 100; // half the market: rests, never fills
    const firstCancels: number[] = [];
    let queuedAtCancel = 0;
    let placeMs = 0;
    for (let trial = 0; trial < trials; trial += 1) {
      const onWireBefore = placesOnWire;
      const placeStart = performance.now();
      for (let i = 0; i < orders; i += 1) {
        const result = await host.handlers['order.place'](
          { order: { account: 'bench', side: 'BUY', symbol: 'AAPL', quantity: 1, type: 'limit', limitPrice, tif: 'DAY' } },
          { clientId: 'bench' },
        );
        if (!result.ok) throw new Error(`cancel-backlog: order ${i + 1} refused: ${result.error.message}`);
      }
      placeMs = Math.max(placeMs, performance.now() - placeStart);
      // Some places are on the wire (and working at the exchange), the rest queued behind them.
      await until('the first orders to reach the simulator', () => placesOnWire - onWireBefore >= 20, 10_000);
      // Pacing runs in 100 ms windows: each trial presses cancel-all at another point of one.
      await sleep((trial * 100) / trials);
      queuedAtCancel = Math.max(queuedAtCancel, orders - (placesOnWire - onWireBefore));
      firstCancelAt = null;
      const t0 = performance.now();
      const answer = await host.handlers['order.cancelAll']({}, { clientId: 'bench' });
      if (!answer.ok) throw new Error(`cancel-backlog: cancel-all refused: ${answer.error.message}`);
      await until('the first cancel on the wire', () => firstCancelAt !== null, timeoutMs);
      firstCancels.push((firstCancelAt ?? Number.NaN) - t0);
      // Let the cancels of the wired orders (and, without a priority lane, the backlog) drain.
      await until('the backlog to clear', () => exchange.openOrders(ACCOUNT).length === 0, timeoutMs);
      await sleep(200);
    }
    return {
      cancelAllBacklogOrders: orders,
      cancelAllTrials: trials,
      /** Places still waiting in the outgoing queue when cancel-all was pressed (the most over the trials). */
      cancelAllQueuedPlaces: queuedAtCancel,
      cancelAllPlaceLoopMs: round(placeMs, 1),
      /** The slowest trial: a panic cancel must not depend on where in the pacing window it was pressed. */
      cancelAllBehindBacklogMs: round(Math.max(...firstCancels), 1),
      cancelAllBehindBacklogP50Ms: round(percentile(firstCancels, 50), 1),
      /** Baseline: what the queued places alone need to drain at IB's 40 messages/s. */
      cancelAllBacklogDrainMs: round((queuedAtCancel / 40) * 1000, 0),
    };
  } finally {
    await host.stop();
    await sim.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
