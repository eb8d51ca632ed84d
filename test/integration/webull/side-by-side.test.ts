// The whole app core (host + IB broker + Webull broker + dispatcher) with one
// IB account on the IB simulator and one Webull account on the Webull
// simulator: both trade from the same commands, side by side.

import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppCore, type AppCore } from '../../../electron/app-composition';
import { startSimulator, type SimulatorHandle } from '../../../electron/simulator';
import { startWebullSimulator, type WebullSimulator } from '../../../electron/simulator/webull';
import type { CommandName, CommandRequest, CommandResult } from '../../../shared/ipc';
import type { Snapshot } from '../../../shared/model';
import { settingsWith } from '../host/rig';

let ib: SimulatorHandle;
let webull: WebullSimulator;
let core: AppCore;
let dataDir: string;

async function must<C extends CommandName>(command: C, request: CommandRequest<C>): Promise<CommandResult<C>> {
  const result = await core.dispatch(command, request, { clientId: 'test' });
  if (!result.ok) throw new Error(`${command}: ${result.error.message}`);
  return result.value as CommandResult<C>;
}

const snapshot = (): Promise<Snapshot> => must('app.snapshot', {});

/** Polls the snapshot (what a window would draw) until it shows what is expected. */
async function snapshotWhere(what: string, predicate: (snap: Snapshot) => boolean, timeoutMs = 5000): Promise<Snapshot> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const snap = await snapshot();
    if (predicate(snap)) return snap;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  ib = await startSimulator({ listen: [{ port: 0, account: 'DU1000001' }], tickRate: 0 });
  webull = await startWebullSimulator({ keys: [{ appKey: 'wb-key', appSecret: 'wb-secret', accounts: ['WB1000001'], gtc: false }], pingMs: 500 });
  dataDir = await mkdtemp(join(tmpdir(), 'janus-webull-'));
  const settings = settingsWith([
    { id: 'ibkr', name: 'IB paper', broker: 'ib', host: ib.host, port: ib.ports[0]?.port ?? 0, clientId: 11, accountCode: 'DU1000001', enabled: true },
    { id: 'wb', name: 'Webull', broker: 'webull', host: '127.0.0.1', port: webull.httpPort, clientId: 0, accountCode: 'WB1000001', enabled: true, appKey: 'wb-key', region: 'us' },
  ]);
  await writeFile(join(dataDir, 'settings.json'), JSON.stringify(settings));
  core = await startAppCore({ dataDir, demo: false });
});

afterAll(async () => {
  await core?.stop();
  await webull?.close();
  await ib?.close();
});

describe('an IB account and a Webull account side by side', () => {
  it('connects Webull once its secret is given, and never writes the secret to settings.json', async () => {
    const before = await snapshotWhere('IB ready, Webull refused', (s) =>
      s.connections.some((c) => c.account === 'ibkr' && c.readyForOrders) && s.connections.some((c) => c.account === 'wb' && c.error !== null),
    );
    const wbBefore = before.connections.find((c) => c.account === 'wb');
    expect(wbBefore?.readyForOrders).toBe(false);
    expect(wbBefore?.error).toBe('Webull account wb has no app secret yet — enter it in Settings');
    await must('secret.set', { account: 'wb', secret: 'wb-secret' });
    const snap = await snapshotWhere('both ready', (s) => s.connections.every((c) => c.readyForOrders));
    expect(snap.connections.map((c) => [c.account, c.readyForOrders, c.accountCode])).toEqual([
      ['ibkr', true, 'DU1000001'],
      ['wb', true, 'WB1000001'],
    ]);
    const file = await readFile(join(dataDir, 'settings.json'), 'utf8');
    expect(file).not.toContain('wb-secret');
    const refused = await core.dispatch('secret.set', { account: 'ibkr', secret: 'x' }, { clientId: 'test' });
    expect(refused).toEqual({ ok: false, error: { code: 'settings-invalid', message: 'account "ibkr" is not a Webull account; only Webull keeps an app secret' } });
  });

  it('places a limit order on each account from the same command, and each broker reports its own row', async () => {
    const order = { side: 'BUY', symbol: 'AAPL', quantity: 10, type: 'limit', limitPrice: 50, tif: 'GTC' } as const;
    const atIb = await must('order.place', { order: { account: 'ibkr', ...order } });
    const atWb = await must('order.place', { order: { account: 'wb', ...order } });
    expect(atIb.key).toBe(`ibkr:${atIb.orderId}`);
    expect(atWb.key).toBe(`wb:${atWb.orderId}`);
    let snap = await snapshotWhere('both orders working', (s) =>
      s.orders.some((o) => o.key === atWb.key && o.status === 'submitted') && s.orders.some((o) => o.key === atIb.key && o.status === 'submitted'),
    );
    const ibRow = snap.orders.find((o) => o.key === atIb.key);
    const wbRow = snap.orders.find((o) => o.key === atWb.key);
    expect(ibRow).toMatchObject({ account: 'ibkr', symbol: 'AAPL', quantity: 10, limitPrice: 50, tif: 'GTC' });
    // This Webull app key's region refuses GTC: sent once more as DAY, and the row says so.
    expect(wbRow).toMatchObject({ account: 'wb', symbol: 'AAPL', quantity: 10, limitPrice: 50, status: 'submitted', tif: 'DAY', tifChanged: true, reason: 'GTC refused by Webull; sent as DAY' });
    await must('order.cancel', { account: 'wb', orderId: atWb.orderId });
    await must('order.cancel', { account: 'ibkr', orderId: atIb.orderId });
    snap = await snapshotWhere('both cancelled', (s) => s.orders.filter((o) => o.key === atWb.key || o.key === atIb.key).every((o) => o.status === 'cancelled'));
    expect(snap.orders.filter((o) => o.key === atWb.key || o.key === atIb.key).map((o) => o.status)).toEqual(['cancelled', 'cancelled']);
  });
});
