import { describe, expect, it } from 'vitest';
import { IB_CAPABILITIES, ibBroker } from '../../../electron/ib';

describe('IB capabilities', () => {
  it('declares every feature the IB adapter serves (margin check, depth, history, tick-by-tick, daily P&L, quotes)', () => {
    expect(IB_CAPABILITIES).toEqual({
      modify: true, bracket: true, trailing: true, outsideRth: true,
      whatIf: true, depth: true, history: true, tickByTick: true, pnl: true, quotes: true,
    });
    expect(ibBroker.capabilities).toBe(IB_CAPABILITIES);
  });
});
