// Flood control: an account may send at most N orders per second and M per
// minute (Settings › risk). A stuck key or a runaway macro is refused with a
// sentence instead of filling IB's pacing budget and the trader's order list.
// Only orders that actually left count; refusals do not.

import type { RiskLimits } from '../../shared/model';
import { DEFAULT_ORDER_RATE } from '../../shared/schema';

const SECOND = 1_000;
const MINUTE = 60_000;

export interface RateGuard {
  /** The refusal sentence when one more order now would break a limit; null when it may go. */
  check(account: string, now: number, risk: RiskLimits): string | null;
  /** An order left for `account` at `now`. */
  record(account: string, now: number): void;
}

function limits(risk: RiskLimits): { perSecond: number | null; perMinute: number | null } {
  return {
    perSecond: risk.maxOrdersPerSecond === undefined ? DEFAULT_ORDER_RATE.perSecond : risk.maxOrdersPerSecond,
    perMinute: risk.maxOrdersPerMinute === undefined ? DEFAULT_ORDER_RATE.perMinute : risk.maxOrdersPerMinute,
  };
}

export function rateRefusal(account: string, count: number, window: 'second' | 'minute'): string {
  const unit = window === 'second' ? '/s' : '/min';
  return `rate guard: ${count} order${count === 1 ? '' : 's'} already sent on "${account}" in the last ${window} (limit ${count}${unit}) — order not sent`;
}

export function createRateGuard(): RateGuard {
  /** Send times per account within the last minute, oldest first. */
  const sent = new Map<string, number[]>();

  const recent = (account: string, now: number): number[] => {
    const times = sent.get(account) ?? [];
    let drop = 0;
    while (drop < times.length && (times[drop] as number) <= now - MINUTE) drop++;
    if (drop > 0) times.splice(0, drop);
    return times;
  };

  return {
    check(account, now, risk) {
      const { perSecond, perMinute } = limits(risk);
      const times = recent(account, now);
      if (perMinute !== null && times.length >= perMinute) return rateRefusal(account, perMinute, 'minute');
      if (perSecond !== null) {
        let inSecond = 0;
        for (let i = times.length - 1; i >= 0 && (times[i] as number) > now - SECOND; i--) inSecond++;
        if (inSecond >= perSecond) return rateRefusal(account, perSecond, 'second');
      }
      return null;
    },
    record(account, now) {
      const times = recent(account, now);
      times.push(now);
      sent.set(account, times);
    },
  };
}
