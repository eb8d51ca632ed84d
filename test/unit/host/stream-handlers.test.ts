// stream.subscribe / stream.unsubscribe: keyed by conId, and one client's
// unsubscribe never overtakes its own subscribe still waiting for a lookup.

import { describe, expect, it } from 'vitest';
import { ok, type Result } from '../../../shared/ipc';
import type { Instrument } from '../../../shared/model';
import type { SessionManager } from '../../../electron/host/session-manager';
import { createStreamBook } from '../../../electron/host/stream-book';
import { createStreamHandlers } from '../../../electron/host/stream-handlers';
import type { SymbolRegistry } from '../../../electron/host/symbol-registry';
import { ManualScheduler } from '../../helpers/manual-scheduler';

const AAPL: Instrument = { symbol: 'AAPL', conId: 265598, secType: 'STK', exchange: 'SMART', primaryExchange: 'NASDAQ', currency: 'USD', minTick: 0.01, longName: 'APPLE INC' };

function rig(lookupDelays: number[]) {
  const streams = createStreamBook({ scheduler: new ManualScheduler(0), emit: { bars: () => {}, depth: () => {}, tape: () => {}, status: () => {} } });
  const symbols = {
    resolve: (): Promise<Result<Instrument>> => new Promise((resolve) => setTimeout(() => resolve(ok(AAPL)), lookupDelays.shift() ?? 0)),
  } as unknown as SymbolRegistry;
  const sessions = { lookupSession: () => null } as unknown as SessionManager;
  return { streams, handlers: createStreamHandlers({ symbols, sessions, streams }) };
}

describe('stream handlers', () => {
  it('answers the stream key of the resolved symbol', async () => {
    const { handlers, streams } = rig([0]);
    const result = await handlers['stream.subscribe']({ stream: { kind: 'bars', symbol: 'aapl', barSize: '15 mins' } }, { clientId: 'r1' });
    expect(result).toEqual({ ok: true, value: { key: 'bars:265598:15 mins', instrument: AAPL } });
    expect(streams.keys()).toEqual(['bars:265598:15 mins']);
  });

  it('applies an unsubscribe after the subscribe it followed, however slow the lookup', async () => {
    const { handlers, streams } = rig([30, 0]);
    const sub = handlers['stream.subscribe']({ stream: { kind: 'depth', symbol: 'AAPL' } }, { clientId: 'r1' });
    const unsub = handlers['stream.unsubscribe']({ stream: { kind: 'depth', symbol: 'AAPL' } }, { clientId: 'r1' });
    expect((await sub).ok).toBe(true);
    expect(await unsub).toEqual({ ok: true, value: null });
    expect(streams.keys()).toEqual([]);
  });

  it('says when the stream was not held', async () => {
    const { handlers } = rig([0]);
    expect(await handlers['stream.unsubscribe']({ stream: { kind: 'tape', symbol: 'AAPL' } }, { clientId: 'r1' })).toEqual({
      ok: false, error: { code: 'not-found', message: 'tape:265598 is not subscribed' },
    });
  });
});
