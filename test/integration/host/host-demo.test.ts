// First run with no account configured: the host starts the demo gateway
// through the shell's hook and trades on it as a simulated session.

import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConnectionState, Order } from '../../../shared/model';
import { createHost } from '../../../electron/host';
import { createIbBroker } from '../../../electron/ib';
import { startSimulator } from '../../../electron/simulator';
import { ManualScheduler } from '../../helpers/manual-scheduler';
import { until } from './rig';

describe('host demo mode', () => {
  it('starts the simulator when settings have no accounts, trades on it, and stops it on stop()', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'janus-demo-'));
    let closed = 0;
    const host = createHost({
      dataDir,
      brokers: [createIbBroker({ pingIntervalMs: 3_600_000 })],
      scheduler: new ManualScheduler(Date.now()),
      demo: {
        async start() {
          const sim = await startSimulator({ tickRate: 0 });
          const port = sim.ports[0];
          if (!port) throw new Error('simulator has no port');
          return { host: sim.host, port: port.port, accountCode: port.account, stop: async () => { closed += 1; await sim.close(); } };
        },
      },
    });
    let state: ConnectionState | undefined;
    const orders = new Map<number, Order>();
    host.onEvent((event, payload) => {
      if (event === 'connection') state = payload as ConnectionState;
      if (event === 'order') orders.set((payload as Order).orderId, payload as Order);
    });
    await host.start();
    try {
      await until('demo connected', () => state?.readyForOrders === true);
      expect(state).toMatchObject({ account: 'demo', name: 'Demo', simulated: true, clientId: 0, accountCode: 'DU1000001' });
      const placed = await host.handlers['order.place'](
        { order: { account: 'demo', side: 'BUY', symbol: 'AAPL', quantity: 5, type: 'market', tif: 'DAY' } },
        { clientId: 'r1' },
      );
      expect(placed).toMatchObject({ ok: true });
      const orderId = placed.ok ? placed.value.orderId : -1;
      await until('demo order filled', () => orders.get(orderId)?.status === 'filled');
      const settings = await host.handlers['settings.get']({}, { clientId: 'r1' });
      expect(settings.ok && settings.value.accounts).toEqual([]);
    } finally {
      await host.stop();
    }
    expect(closed).toBe(1);
    expect(await readdir(dataDir)).not.toContain('settings.json');
  });
});
