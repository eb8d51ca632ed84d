// Symbol lookups (contract details) of one IB session: one pending request per
// lookup, answered by contractDetailsEnd, 200 (no match), a request failure,
// the caller's timeout, or the connection closing.

import { EventName, type ContractDetails } from '@stoqey/ib';
import type { Instrument } from '../../shared/model';
import type { TimerHandle } from '../host/broker';
import type { On, SessionContext } from './context';
import { sessionErrors } from './messages';
import { contractDetailsToInstrument, lookupContract, smartMarketRuleId } from './mapping/contract';
import { MarketRules } from './market-rules';

interface PendingLookup {
  symbol: string;
  results: Instrument[];
  /** conId -> the market rule id of its SMART route. */
  ruleIds: Map<number, number>;
  resolve: (value: Instrument[]) => void;
  reject: (e: Error) => void;
  timer: TimerHandle;
}

export class ContractLookups {
  private readonly lookups = new Map<number, PendingLookup>();
  private readonly rules: MarketRules;

  constructor(private readonly ctx: SessionContext) {
    this.rules = new MarketRules(ctx);
  }

  lookup(symbol: string, timeoutMs: number): Promise<Instrument[]> {
    const api = this.ctx.readyApi();
    if (!api) return Promise.reject(new Error(sessionErrors.lookupNotConnected(symbol)));
    const reqId = this.ctx.reqIds.take();
    return new Promise<Instrument[]>((resolve, reject) => {
      const timer = this.ctx.scheduler.setTimeout(() => {
        if (this.lookups.delete(reqId)) reject(new Error(sessionErrors.lookupTimeout(symbol, timeoutMs)));
      }, timeoutMs);
      this.lookups.set(reqId, { symbol, results: [], ruleIds: new Map(), resolve, reject, timer });
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

  /** Details are in: fetch the market rules they name (bounded wait), then answer with them attached. */
  private complete(reqId: number): void {
    const lookup = this.lookups.get(reqId);
    const api = this.ctx.readyApi();
    if (!lookup || !api || lookup.ruleIds.size === 0) {
      this.finish(reqId, null);
      return;
    }
    void this.rules.ensure(api, [...new Set(lookup.ruleIds.values())]).then(() => {
      for (const instrument of lookup.results) {
        const ruleId = lookup.ruleIds.get(instrument.conId);
        const increments = ruleId === undefined ? undefined : this.rules.get(ruleId);
        if (increments) instrument.priceIncrements = increments.map((l) => ({ ...l }));
      }
      this.finish(reqId, null);
    });
  }

  /** The connection closed: no answer will come. */
  closed(): void {
    this.rules.closed();
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
      if (!instrument || lookup.results.some((i) => i.conId === instrument.conId)) return;
      lookup.results.push(instrument);
      const ruleId = smartMarketRuleId(details);
      if (ruleId !== null) lookup.ruleIds.set(instrument.conId, ruleId);
    });
    on(EventName.contractDetailsEnd, (reqId: number) => this.complete(reqId));
    this.rules.wire(on);
  }
}
