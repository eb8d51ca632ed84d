// The one gate every outgoing order and what-if passes: each refusal is the
// exact sentence the trader reads, checked in the order a connection comes up.

import type { IBApi } from '@stoqey/ib';
import { describe, expect, it } from 'vitest';
import type { BrokerSessionConfig } from '../../../electron/host/broker';
import type { LinkPhase } from '../../../electron/ib/connection';
import { mappedTicket, readyToSend, type OrderLink } from '../../../electron/ib/order-gate';
import { OrderMappingError } from '../../../electron/ib/mapping/order';
import { OrderRefusedError } from '../../../electron/ib/messages';

const api = {} as IBApi;

interface State { phase: LinkPhase; api: IBApi | null; idsKnown: boolean; code: string | null; ibDown: boolean; silent: number | null }

function gate(over: Partial<State>) {
  const s: State = { phase: 'ready', api, idsKnown: true, code: 'DU1000001', ibDown: false, silent: null, ...over };
  const link: OrderLink = { phase: () => s.phase, readyApi: () => s.api, ibLinkDown: () => s.ibDown, silentForMs: () => s.silent, outgoing: () => null };
  const ctx = { config: { account: 'main' } as BrokerSessionConfig, accountCode: () => s.code };
  return () => readyToSend(ctx, { known: () => s.idsKnown }, link);
}

describe('readyToSend', () => {
  it('grants the client and account code when everything is up', () => {
    expect(gate({})()).toEqual({ api, accountCode: 'DU1000001' });
  });

  it('refuses with the sentence of the first thing missing', () => {
    expect(gate({ phase: 'none' })).toThrow('account main is not connected — order not sent');
    expect(gate({ phase: 'closed' })).toThrow('account main is not connected — order not sent');
    expect(gate({ api: null })).toThrow('account main is waiting for TWS to assign order ids — order not sent');
    expect(gate({ idsKnown: false })).toThrow('account main is waiting for TWS to assign order ids — order not sent');
    expect(gate({ code: null })).toThrow('account main is waiting for TWS to assign order ids — order not sent');
    expect(gate({ ibDown: true })).toThrow('account main: TWS has lost its connection to IB — order not sent');
    expect(gate({ silent: 2_400 })).toThrow('IB has not answered for 2 s — order not sent');
  });

  it('refuses as OrderRefusedError, which the host answers as order-refused', () => {
    expect(gate({ silent: 5_000 })).toThrow(OrderRefusedError);
  });
});

describe('mappedTicket', () => {
  it('turns a mapping refusal into the trader\'s refusal and lets other errors through', () => {
    expect(() => mappedTicket(() => { throw new OrderMappingError('trail needs a trailing amount'); })).toThrow(OrderRefusedError);
    expect(() => mappedTicket(() => { throw new TypeError('bug'); })).toThrow(TypeError);
    expect(mappedTicket(() => 7)).toBe(7);
  });
});
