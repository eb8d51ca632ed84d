// Symbol lookups (contract details) of one IB session: one pending request per
// lookup, answered by contractDetailsEnd, 200 (no match), a request failure,
// the caller's timeout, or the connection closing.

import { EventName, type ContractDetails } from '@stoqey/ib';
import type { Instrument } from '../../shared/model';
import type { TimerHandle } from '../host/broker';
import type { On, SessionContext } from './context';
import { sessionErrors } from './messages';
import { contractDetailsToInstrument, lookupContract } from './mapping/contract';

interface PendingLookup {
  symbol: string;
  results: Instrument[];
  resolve: (value: Instrument[]) => void;
  reject: (e: Error) => void;
  timer: TimerHandle;
}

export class ContractLookups {
  private readonly lookups = new Map<number, PendingLookup>();

  constructor(private readonly ctx: SessionContext) {}

  lookup(symbol: string, timeoutMs: number): Promise<Instrument[]> {
    const api = this.ctx.readyApi();
    if (!api) return Promise.reject(new Error(sessionErrors.lookupNotConnected(symbol)));
    const reqId = this.ctx.reqIds.take();
    return new Promise<Instrument[]>((resolve, reject) => {
      const timer = this.ctx.scheduler.setTimeout(() => {
        if (this.lookups.delete(reqId)) reject(new Error(sessionErrors.lookupTimeout(symbol, timeoutMs)));
      }, timeoutMs);
      this.lookups.set(reqId, { symbol, results: [], resolve, reject, timer });
      api.reqContractDetails(reqId, lookupContract(symbol));
    });
  }

  owns(reqId: number): boolean {
    return this.lookups.has(reqId);
  }

  pending(): number {
    return this.lookups.size;
  }

  /** Ends a lookup: with its results, or with error. */
  finish(reqId: number, error: Error | null): void {
    const lookup = this.lookups.get(reqId);
    if (!lookup) return;
    this.lookups.delete(reqId);
    this.ctx.scheduler.clear(lookup.timer);
    if (error) lookup.reject(error);
    else lookup.resolve(lookup.results);
  }

  /** The connection closed: no answer will come. */
  closed(): void {
    for (const [reqId, lookup] of this.lookups) {
      this.ctx.scheduler.clear(lookup.timer);
      this.lookups.delete(reqId);
      lookup.reject(new Error(sessionErrors.lookupConnectionLost(lookup.symbol)));
    }
  }

  wire(on: On): void {
    on(EventName.contractDetails, (reqId: number, details: ContractDetails) => {
      const lookup = this.lookups.get(reqId);
      if (!lookup) return;
      const instrument = contractDetailsToInstrument(details);
      if (instrument && !lookup.results.some((i) => i.conId === instrument.conId)) lookup.results.push(instrument);
    });
    on(EventName.contractDetailsEnd, (reqId: number) => this.finish(reqId, null));
  }
}
