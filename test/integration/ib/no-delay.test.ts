// Nagle's algorithm is off on both ends of the link, against the simulator over
// real TCP: our client's socket (reached through @stoqey/ib's private seam in
// no-delay.ts) and the simulator's accepted sockets. Node records what it set on
// the handle under its own kSetNoDelay symbol; a plain IBApi shows it unset, so
// the check can fail.

import type { Socket } from 'node:net';
import { IBApi, EventName } from '@stoqey/ib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../../electron/simulator';
import { tcpSocketOf } from '../../../electron/ib/no-delay';
import { makeSession, until, type Harness } from './harness';

/** What Node last applied with setNoDelay on this socket (false when never set). */
function noDelayOf(socket: object): boolean {
  const key = Object.getOwnPropertySymbols(socket).find((s) => s.description === 'kSetNoDelay');
  return key !== undefined && (socket as Record<symbol, unknown>)[key] === true;
}

/** The simulator's server-side sockets for its first port (private; read for this check only). */
function serverSockets(sim: SimulatorHandle): Socket[] {
  const ports = (sim as unknown as { accountPorts: Array<{ readyConnections(): Array<{ socket: Socket }> }> }).accountPorts;
  return (ports[0]?.readyConnections() ?? []).map((c) => c.socket);
}

let sim: SimulatorHandle;
let h: Harness;

beforeEach(async () => {
  sim = await startSimulator({ listen: [{ port: 0, account: 'DU1000001' }], tickRate: 0 });
  h = makeSession(sim.ports[0]!.port, 41);
});
afterEach(async () => {
  h.session.disconnect();
  await sim.close();
});

describe('TCP no-delay', () => {
  it("is set on the session's socket to TWS, again on every connect", async () => {
    await h.session.connect();
    const first = tcpSocketOf(h.apis[0]!) as Socket | null;
    expect(first).not.toBeNull();
    expect(first!.remotePort).toBe(sim.ports[0]!.port);
    expect(noDelayOf(first!)).toBe(true);
    expect(h.rec.logs.some((l) => l.message.startsWith('TCP no-delay not set'))).toBe(false);
    h.session.disconnect();
    await h.session.connect();
    expect(h.apis).toHaveLength(2);
    expect(noDelayOf(tcpSocketOf(h.apis[1]!) as Socket)).toBe(true);
  });

  it('is not set by @stoqey/ib itself (the reason for the seam)', async () => {
    const api = new IBApi({ host: '127.0.0.1', port: sim.ports[0]!.port, clientId: 42 });
    let ready = false;
    api.on(EventName.nextValidId, () => (ready = true));
    api.connect();
    await until('plain client ready', () => ready);
    expect(noDelayOf(tcpSocketOf(api) as Socket)).toBe(false);
    api.disconnect();
  });

  it("is set on the simulator's accepted sockets", async () => {
    await h.session.connect();
    const sockets = serverSockets(sim);
    expect(sockets).toHaveLength(1);
    expect(noDelayOf(sockets[0]!)).toBe(true);
  });
});
