// IB market rules of one session: the price increment by price level, asked
// once per rule id (reqMarketRule) and kept for the session's life (rules are
// global at IB, so they survive reconnects). A lookup that needs a rule waits
// for it a short while; without an answer it goes on with minTick alone.

import { EventName, type IBApi } from '@stoqey/ib';
import type { PriceIncrement } from '../../shared/model';
import type { TimerHandle } from '../host/broker';
import type { On, SessionContext } from './context';

/** How long a lookup waits for a market rule before going on without it. */
export const MARKET_RULE_WAIT_MS = 2_000;

interface Waiter {
  ids: Set<number>;
  done: () => void;
  timer: TimerHandle;
}

export class MarketRules {
  private readonly rules = new Map<number, PriceIncrement[]>();
  private readonly asked = new Set<number>();
  private waiters: Waiter[] = [];

  constructor(private readonly ctx: SessionContext) {}

  get(ruleId: number): PriceIncrement[] | undefined {
    return this.rules.get(ruleId);
  }

  /** Resolves once every rule is known, or after MARKET_RULE_WAIT_MS. Never rejects. */
  ensure(api: IBApi, ruleIds: readonly number[]): Promise<void> {
    const missing = new Set(ruleIds.filter((id) => !this.rules.has(id)));
    if (missing.size === 0) return Promise.resolve();
    for (const id of missing) {
      if (this.asked.has(id)) continue;
      this.asked.add(id);
      api.reqMarketRule(id);
    }
    return new Promise((resolve) => {
      const waiter: Waiter = {
        ids: missing,
        done: () => {
          this.ctx.scheduler.clear(waiter.timer);
          this.waiters = this.waiters.filter((w) => w !== waiter);
          resolve();
        },
        timer: this.ctx.scheduler.setTimeout(() => {
          // No answer: ask again next time (another connection may answer).
          for (const id of waiter.ids) this.asked.delete(id);
          waiter.done();
        }, MARKET_RULE_WAIT_MS),
      };
      this.waiters.push(waiter);
    });
  }

  /** The connection closed: nobody waits for an answer on it. */
  closed(): void {
    this.asked.clear();
    for (const waiter of [...this.waiters]) waiter.done();
  }

  wire(on: On): void {
    on(EventName.marketRule, (ruleId: number, increments: PriceIncrement[]) => {
      const levels = (increments ?? [])
        .filter((l) => Number.isFinite(l.lowEdge) && Number.isFinite(l.increment) && l.increment > 0)
        .map((l) => ({ lowEdge: l.lowEdge, increment: l.increment }));
      if (levels.length === 0) return;
      this.rules.set(ruleId, levels);
      for (const waiter of [...this.waiters]) {
        waiter.ids.delete(ruleId);
        if (waiter.ids.size === 0) waiter.done();
      }
    });
  }
}
