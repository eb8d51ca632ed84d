// A frame the simulator will never produce: ERR_MSG with a malformed
// advancedOrderReject JSON. Unguarded, @stoqey/ib's JSON.parse throws out of
// the socket 'data' handler and kills the process (research D6).

import { afterEach, describe, expect, it } from 'vitest';
import { FakeTws, frame } from './fake-tws';
import { makeSession, until, type Harness } from './harness';

let tws: FakeTws | null = null;
let h: Harness | null = null;
afterEach(async () => {
  h?.session.disconnect();
  await tws?.close();
  tws = null;
});

describe('decoder guard', () => {
  it('survives a malformed advancedOrderReject and keeps decoding the next message', async () => {
    tws = await FakeTws.start();
    h = makeSession(tws.port, 1);
    await h.session.connect();
    expect(h.rec.lastStatus()).toMatchObject({ connected: true, accountCode: 'DU5' });

    // Both frames in one TCP write: the second must still be decoded.
    tws.send(
      frame(4, 2, 5, 201, 'Order rejected - reason:test', '{not json'),
      frame(4, 2, -1, 2103, 'Market data farm connection is broken:usfarm', ''),
    );
    await until('farm message after the bad frame', () => h!.rec.lastStatus()?.farms.some((f) => f.name === 'usfarm' && !f.ok) ?? false);
    const contained = h.rec.logs.filter((l) => l.message.startsWith('a message from TWS could not be decoded and was skipped: '));
    expect(contained).toHaveLength(1);
    expect(contained[0]!.level).toBe('error');
    expect(contained[0]!.message).toMatch(/JSON/);
    expect(h.session.isConnected()).toBe(true);
  });

  it('keeps going when a host listener throws', async () => {
    tws = await FakeTws.start();
    h = makeSession(tws.port, 2);
    await h.session.connect();
    h.rec.onStatus = () => {
      throw new Error('host bug');
    };
    tws.send(
      frame(4, 2, -1, 2103, 'Market data farm connection is broken:usfarm', ''),
      frame(4, 2, -1, 1100, 'Connectivity between IB and Trader Workstation has been lost.', ''),
    );
    await until('both messages logged', () => h!.rec.logs.some((l) => l.code === 1100));
    expect(h.rec.logs.filter((l) => l.message === 'host listener failed: host bug')).toHaveLength(2);
    expect(h.session.isConnected()).toBe(true);
  });
});
