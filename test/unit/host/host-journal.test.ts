// The whole host with a journal that cannot write: the trader reads why, and the broker is never asked.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/schema';
import { createHostWithBrokers } from '../../../electron/host/host';
import type { JournalEntry, OrderJournalPort } from '../../../electron/host/journal-port';
import { ManualScheduler } from '../../helpers/manual-scheduler';
import type { BrokerDeps, BrokerSessionConfig } from '../../../electron/host/broker';
import { FakeBroker, FakeSession, instrument, settle } from './fake-broker';

/** Like the IB adapter, tells the id its next place will use, so the journal line precedes the send. */
class PeekingBroker extends FakeBroker {
  override createSession(config: BrokerSessionConfig, deps: BrokerDeps): FakeSession {
    const session = Object.assign(new FakeSession(config, deps), { peekOrderId: (): number => session.nextOrderId });
    session.autoConnect = this.autoConnect;
    this.sessions.push(session);
    return session;
  }
}

const FULL = 'order not sent: the order journal cannot be written (ENOSPC: no space left on device)';

describe('host with an order journal', () => {
  it('refuses an order and a cancel with the journal sentence when the journal cannot be written; nothing reaches the broker', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'janus-host-journal-'));
    const accounts = [{ id: 'paper', name: 'PAPER', broker: 'ib' as const, host: '127.0.0.1', port: 4002, clientId: 7, accountCode: '', enabled: true }];
    await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ ...defaultSettings(), watchlist: [], accounts }));
    const broker = new PeekingBroker();
    broker.autoConnect = true;
    const lines: JournalEntry[] = [];
    let writable = true;
    const journal: OrderJournalPort = {
      append(entry) {
        if (!writable) return { ok: false, sentence: 'op' in entry && entry.op === 'cancel' ? FULL.replace('order not sent', 'cancel not sent') : FULL };
        lines.push(entry);
        return { ok: true };
      },
      reconcile: () => [],
      highestOrderId: () => 0,
    };
    const host = createHostWithBrokers({ dataDir, brokers: [broker], scheduler: new ManualScheduler(Date.UTC(2026, 11, 1, 15)), journal: () => journal });
    await host.start();
    await settle();
    const ctx = { clientId: 'r1' };
    const place = host.handlers['order.place']({ order: { account: 'paper', side: 'BUY', symbol: 'AAPL', quantity: 1, type: 'market', tif: 'DAY' } }, ctx);
    await settle();
    broker.session('paper').lookups[0]?.answer([instrument('AAPL', 265598)]);
    expect(await place).toEqual({ ok: true, value: { key: 'paper:100', orderId: 100 } });
    expect(lines).toEqual([expect.objectContaining({ account: 'paper', orderId: 100, op: 'place' })]);

    writable = false;
    expect(await host.handlers['order.place']({ order: { account: 'paper', side: 'BUY', symbol: 'AAPL', quantity: 2, type: 'market', tif: 'DAY' } }, ctx)).toEqual({
      ok: false,
      error: { code: 'order-refused', message: FULL },
    });
    expect(await host.handlers['order.cancel']({ account: 'paper', orderId: 100 }, ctx)).toEqual({
      ok: false,
      error: { code: 'broker-error', message: 'cancel not sent: the order journal cannot be written (ENOSPC: no space left on device)' },
    });
    expect(broker.session('paper').placed.map((p) => p.request.quantity)).toEqual([1]);
    expect(broker.session('paper').cancelled).toEqual([]);
    await host.stop();
  });
});
