import { describe, expect, it } from 'vitest';
import { createRateGuard } from '../../../electron/host/rate-guard';
import type { RiskLimits } from '../../../shared/model';

const risk = (perSecond: number | null, perMinute: number | null): RiskLimits => ({
  maxQuantity: null, maxNotional: null, priceBandPercent: null, maxOrdersPerSecond: perSecond, maxOrdersPerMinute: perMinute,
});

/** Sends whenever allowed; returns the times that went and the refusals. */
function run(guard = createRateGuard(), limits: RiskLimits, times: number[], account = 'paper') {
  const sent: number[] = [];
  const refused: string[] = [];
  for (const t of times) {
    const no = guard.check(account, t, limits);
    if (no === null) {
      guard.record(account, t);
      sent.push(t);
    } else refused.push(no);
  }
  return { sent, refused };
}

describe('rate guard', () => {
  it('stops a stuck key (30 repeats a second) after 5 orders in that second', () => {
    const repeats = Array.from({ length: 30 }, (_, i) => Math.round(i * 33.3));
    const { sent, refused } = run(undefined, risk(5, 60), repeats);
    expect(sent).toEqual([0, 33, 67, 100, 133]);
    expect(refused[0]).toBe('rate guard: 5 orders already sent on "paper" in the last second (limit 5/s) — order not sent');
    expect(refused).toHaveLength(25);
  });

  it('lets orders go again once the second has passed', () => {
    const { sent } = run(undefined, risk(2, null), [0, 100, 200, 999, 1000, 1100, 1200]);
    expect(sent).toEqual([0, 100, 1000, 1100]);
  });

  it('caps a minute, and counts only orders that went', () => {
    const every200ms = Array.from({ length: 400 }, (_, i) => i * 200); // 5/s for 80 s
    const { sent, refused } = run(undefined, risk(5, 60), every200ms);
    expect(sent.filter((t) => t < 60_000)).toHaveLength(60);
    expect(sent[59]).toBe(11_800);
    expect(sent[60]).toBe(60_000); // the first order of the minute has aged out
    expect(refused[0]).toBe('rate guard: 60 orders already sent on "paper" in the last minute (limit 60/min) — order not sent');
  });

  it('keeps accounts apart and can be switched off', () => {
    const guard = createRateGuard();
    run(guard, risk(1, null), [0], 'paper');
    expect(guard.check('paper', 10, risk(1, null))).not.toBeNull();
    expect(guard.check('live', 10, risk(1, null))).toBeNull();
    expect(guard.check('paper', 10, risk(null, null))).toBeNull();
  });

  it('applies the defaults (5/s, 60/min) when the settings carry no rate fields', () => {
    const { sent } = run(undefined, { maxQuantity: null, maxNotional: null, priceBandPercent: null }, [0, 1, 2, 3, 4, 5, 6]);
    expect(sent).toEqual([0, 1, 2, 3, 4]);
  });
});
