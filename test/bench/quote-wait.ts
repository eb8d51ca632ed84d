// Where a tick's time goes before the renderer sees it: the wait in the host's
// quote window. 200 symbols tick at 5,000 ticks/s from the simulator; for every
// quote the host emits, emit time minus quote.updatedAt (when the host received
// the newest tick in it). Measured at the default window and at the old 16 ms
// window in the same run, so the figure that moved is beside its baseline.
// Tick to screen adds the renderer's wait for its next frame (up to 16.7 ms).

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Quote } from '../../shared/model';
import { defaultSettings } from '../../shared/schema';
import { createHost } from '../../electron/host';
import { createIbBroker } from '../../electron/ib';
import { startSimulator } from '../../electron/simulator';
import { percentile, round } from './stats';
import { benchSymbols } from './symbols';

const ACCOUNT = 'DU1000001';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Host-side waits (ms) for every quote emitted during `seconds`, with the host's window at `flushMs` (undefined: the default). */
async function waits(flushMs: number | undefined, symbols: readonly string[], ticksPerSecond: number, seconds: number): Promise<number[]> {
  const sim = await startSimulator({ tickRate: 0, seed: 5, maxMessagesPerSecond: 1000, listen: [{ port: 0, account: ACCOUNT }] });
  const dataDir = await mkdtemp(join(tmpdir(), 'janus-bench-wait-'));
  const settings = {
    ...defaultSettings(),
    watchlist: [],
    accounts: [{ id: 'bench', name: 'Bench', broker: 'ib', host: sim.host, port: sim.ports[0]?.port ?? 0, clientId: 11, accountCode: ACCOUNT, enabled: true }],
  };
  await writeFile(join(dataDir, 'settings.json'), JSON.stringify(settings));
  const host = createHost({ dataDir, brokers: [createIbBroker()], ...(flushMs === undefined ? {} : { quoteFlushMs: flushMs }) });
  let ready = false;
  let recording = false;
  const measured: number[] = [];
  host.onEvent((event, payload) => {
    if (event === 'connection' && (payload as { readyForOrders: boolean }).readyForOrders) ready = true;
    if (event !== 'quotes' || !recording) return;
    const now = Date.now();
    for (const quote of payload as Quote[]) measured.push(now - quote.updatedAt);
  });
  try {
    await host.start();
    for (let i = 0; !ready; i += 1) {
      if (i > 15_000) throw new Error('quote-wait: the host did not connect');
      await sleep(1);
    }
    for (const symbol of symbols) {
      const result = await host.handlers['quotes.subscribe']({ symbol }, { clientId: 'bench' });
      if (!result.ok) throw new Error(`quote-wait: subscribe ${symbol}: ${result.error.message}`);
    }
    await sleep((symbols.length / 40) * 1000 + 500); // subscriptions leave at 40 messages/s
    sim.setTickRate(ticksPerSecond);
    await sleep(1000);
    recording = true;
    await sleep(seconds * 1000);
    recording = false;
    sim.setTickRate(0);
    return measured;
  } finally {
    await host.stop();
    await sim.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function runQuoteWaitBench(options: { quick?: boolean } = {}): Promise<Record<string, number>> {
  const symbols = benchSymbols(200);
  const seconds = options.quick ? 3 : 10;
  const now = await waits(undefined, symbols, 5000, seconds);
  const old = await waits(16, symbols, 5000, seconds);
  return {
    quoteWaitP50Ms: round(percentile(now, 50), 1),
    quoteWaitP99Ms: round(percentile(now, 99), 1),
    quoteWaitAt16msP50Ms: round(percentile(old, 50), 1),
    quoteWaitAt16msP99Ms: round(percentile(old, 99), 1),
  };
}
