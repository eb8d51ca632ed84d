// The order journal end to end: a host over the real @stoqey/ib client and the
// simulator (through a wire tap that counts PLACE_ORDER frames) places orders
// and "crashes": its journal takes no more lines and its sockets are cut, with
// no clean shutdown. A new host on the same data folder must show every order
// the simulator has exactly once, show the order journaled but never sent as
// 'never reached IB', and send nothing.

import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogEntry, Order, OrderRequest } from '../../../shared/model';
import { createHost, type Host } from '../../../electron/host';
import type { OrderJournalFactory } from '../../../electron/host/journal-port';
import { createIbBroker } from '../../../electron/ib';
import { createJournalPort } from '../../../electron/journal/journal-port';
import { tradingDayOf } from '../../../electron/journal/journal-file';
import { startSimulator, type SimulatorHandle } from '../../../electron/simulator';
import { ManualScheduler } from '../../helpers/manual-scheduler';
import { startWireTap, type WireTap } from '../../helpers/wire-tap';
import { settingsWith, until } from './rig';

const PLACE_ORDER = 3;
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close().catch(() => {});
});

interface Running {
  host: Host;
  orders: Map<string, Order>;
  logs: LogEntry[];
  pump(what: string, predicate: () => boolean): Promise<void>;
  place(order: OrderRequest): Promise<{ ok: true; orderId: number } | { ok: false; message: string }>;
}

async function startHost(dataDir: string, journal: OrderJournalFactory): Promise<Running> {
  const scheduler = new ManualScheduler(Date.now());
  const logs: LogEntry[] = [];
  const host = createHost({
    dataDir,
    brokers: [createIbBroker({ pingIntervalMs: 3_600_000 })],
    scheduler,
    logger: (entry) => logs.push(entry),
    quoteFlushMs: 16,
    reconnectIntervalMs: 10_000,
    journal,
  });
  const orders = new Map<string, Order>();
  host.onEvent((event, payload) => {
    if (event === 'order') orders.set((payload as Order).key, payload as Order);
  });
  await host.start();
  return {
    host,
    orders,
    logs,
    pump: (what, predicate) =>
      until(what, () => {
        scheduler.advance(16);
        return predicate();
      }, 20_000),
    async place(order) {
      const answer = await host.handlers['order.place']({ order }, { clientId: 'it' });
      return answer.ok ? { ok: true, orderId: answer.value.orderId } : { ok: false, message: answer.error.message };
    },
  };
}

const order = (patch: Partial<OrderRequest>): OrderRequest => ({
  account: 'paper', side: 'BUY', symbol: 'AAPL', quantity: 10, type: 'market', tif: 'GTC', ...patch,
});

function bidOf(sim: SimulatorHandle, symbol: string): number {
  const entry = sim.exchange.findBySymbol(symbol)[0];
  const quote = entry && sim.exchange.quote(entry.conId);
  if (!quote) throw new Error(`no quote for ${symbol}`);
  return quote.bid;
}

describe('order journal across a crash', () => {
  it('restores what IB has once each, shows the unsent order as never reached IB, and re-sends nothing', async () => {
    const sim = await startSimulator({ tickRate: 0 });
    closers.push(() => sim.close());
    const tap: WireTap = await startWireTap({ host: sim.host, port: sim.ports[0]?.port ?? 0 });
    closers.push(() => tap.close());
    const dataDir = await mkdtemp(join(tmpdir(), 'janus-journal-it-'));
    const account = { id: 'paper', name: 'PAPER', broker: 'ib' as const, host: tap.host, port: tap.port, clientId: 7, accountCode: sim.ports[0]?.account ?? '', enabled: true };
    await writeFile(join(dataDir, 'settings.json'), JSON.stringify(settingsWith([account])));

    // The first host's journal: the real one, until the "crash" (then a dead process writes nothing).
    let dead = false;
    let crashAfterNextPlace = false;
    const first = await startHost(dataDir, (log) => {
      const real = createJournalPort({ dataDir }, log);
      return {
        ...real,
        append(entry) {
          if (dead) throw new Error('the process is gone');
          const result = real.append(entry);
          if (crashAfterNextPlace && 'op' in entry && entry.op === 'place') {
            // Journaled, then the process died before the order was sent.
            dead = true;
            throw new Error('killed after the journal line, before the send');
          }
          return result;
        },
      };
    });
    await first.pump('connected', () => first.logs.some((l) => l.message.startsWith('connected to')));

    const filled = await first.place(order({}));
    const working = await first.place(order({ symbol: 'MSFT', type: 'limit', limitPrice: Math.round(bidOf(sim, 'MSFT') * 80) / 100 }));
    if (!filled.ok || !working.ok) throw new Error('orders refused');
    await first.pump('fill and working order', () =>
      first.orders.get(`paper:${filled.orderId}`)?.status === 'filled' && first.orders.get(`paper:${working.orderId}`)?.status === 'submitted');

    // Killed between Enter and the reply: the order is on the wire, IB answers late.
    sim.setLatency(300);
    const inFlight = await first.place(order({ symbol: 'MSFT', type: 'limit', limitPrice: Math.round(bidOf(sim, 'MSFT') * 70) / 100, quantity: 3 }));
    if (!inFlight.ok) throw new Error('in-flight order refused');
    await until('the in-flight order on the wire', () => tap.frames.filter((f) => f.msgId === PLACE_ORDER).length === 3, 20_000);
    // On the wire is not yet at IB: the crash below must come after IB has the order (it answers late),
    // or the simulator may never read the frame and the order rightly reads "never reached IB".
    const simAccount = account.accountCode;
    await until('the in-flight order at the simulator', () => sim.exchange.openOrders(simAccount).some((o) => o.orderId === inFlight.orderId), 20_000);
    expect(first.orders.get(`paper:${inFlight.orderId}`)?.status).toBe('pending-submit');

    crashAfterNextPlace = true;
    const unsent = await first.place(order({ symbol: 'AAPL', quantity: 4, type: 'limit', limitPrice: Math.round(bidOf(sim, 'AAPL') * 70) / 100 }));
    expect(unsent).toEqual({ ok: false, message: 'order not sent: the order journal cannot be written (killed after the journal line, before the send)' });
    const unsentId = (inFlight.orderId as number) + 1;
    sim.dropAll(); // the dead process's sockets close
    sim.setLatency(0);
    const placesBeforeRestart = tap.frames.filter((f) => f.msgId === PLACE_ORDER).length;
    expect(placesBeforeRestart).toBe(3);

    // A new host on the same data folder, with the real journal.
    const second = await startHost(dataDir, (log) => createJournalPort({ dataDir }, log));
    closers.push(() => second.host.stop());
    await second.pump('reconciled', () => second.logs.some((l) => l.message.startsWith('order journal reconciled')));
    await second.pump('the in-flight order listed', () => second.orders.get(`paper:${inFlight.orderId}`)?.status === 'submitted');

    const snap = await second.host.handlers['app.snapshot']({}, { clientId: 'it' });
    if (!snap.ok) throw new Error(snap.error.message);
    const mine = snap.value.orders.filter((o) => o.account === 'paper').sort((a, b) => a.orderId - b.orderId);
    expect(mine.map((o) => [o.orderId, o.symbol, o.quantity, o.status])).toEqual([
      [filled.orderId, 'AAPL', 10, 'filled'],
      [working.orderId, 'MSFT', 10, 'submitted'],
      [inFlight.orderId, 'MSFT', 3, 'submitted'],
      [unsentId, 'AAPL', 4, 'inactive'],
    ]);
    expect(mine.at(-1)?.reason).toBe('never reached IB: the order was journaled but IB has no record of it; it was not re-sent');
    expect(snap.value.fills.filter((f) => f.orderId === filled.orderId).map((f) => f.quantity)).toEqual([10]);
    expect(second.logs.map((l) => l.message)).toContain(`order ${unsentId} (BUY 4 AAPL): never reached IB: the order was journaled but IB has no record of it; it was not re-sent`);
    // Nothing re-sent: not one PLACE_ORDER since the restart.
    expect(tap.frames.filter((f) => f.msgId === PLACE_ORDER).length).toBe(placesBeforeRestart);

    // A new order after the restart takes an id past the one that never reached IB.
    const next = await second.place(order({ quantity: 1 }));
    expect(next).toEqual({ ok: true, orderId: unsentId + 1 });
    const journalText = await readFile(join(dataDir, 'journal', `${tradingDayOf(Date.now())}.jsonl`), 'utf8');
    expect(journalText.split('\n').filter((l) => l.includes('"op":"place"')).length).toBe(5);
  }, 60_000);
});
