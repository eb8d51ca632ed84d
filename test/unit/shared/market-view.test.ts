import { describe, expect, it } from 'vitest';
import { classifyPrint, mergeBars, streamKey, type Bar } from '../../../shared/market-view';

const bar = (time: number, close = 10): Bar => ({ time, open: 10, high: 11, low: 9, close, volume: 100 });

describe('market-view rules', () => {
  it('keys streams by kind, conId and bar size', () => {
    expect(streamKey('bars', 265598, '5 mins')).toBe('bars:265598:5 mins');
    expect(streamKey('depth', 265598)).toBe('depth:265598');
    expect(streamKey('tape', 265598)).toBe('tape:265598');
  });

  it('says where a print was against the quote', () => {
    expect(classifyPrint(10, 10, 10.02)).toBe('at-bid');
    expect(classifyPrint(10.02, 10, 10.02)).toBe('at-ask');
    expect(classifyPrint(10.01, 10, 10.02)).toBe('between');
    expect(classifyPrint(9.99, 10, 10.02)).toBe('below-bid');
    expect(classifyPrint(10.03, 10, 10.02)).toBe('above-ask');
    expect(classifyPrint(10, null, 10.02)).toBe('unknown');
  });

  it('merges live bars by time and keeps the newest cap', () => {
    const series = [bar(60), bar(120)];
    expect(mergeBars(series, [bar(120, 12)], 10)).toEqual([bar(60), bar(120, 12)]);
    expect(mergeBars(series, [bar(180)], 10)).toEqual([bar(60), bar(120), bar(180)]);
    expect(mergeBars(series, [bar(60, 8)], 10)).toEqual([bar(60, 8), bar(120)]);
    expect(mergeBars(series, [bar(180), bar(240)], 2)).toEqual([bar(180), bar(240)]);
    expect(series).toEqual([bar(60), bar(120)]);
  });
});
