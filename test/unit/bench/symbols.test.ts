// The benchmark's symbols: the simulator's own live names first, then synthetic listings.
import { describe, expect, it } from 'vitest';
import { benchSymbols, syntheticNeeded } from '../../bench/symbols';

describe('benchSymbols', () => {
  it('takes the simulator’s own live, unambiguous symbols first, and no synthetic one while they last', () => {
    const two = benchSymbols(200);
    expect(two).toHaveLength(200);
    expect(two[0]).toBe('AAPL');
    expect(two.some((s) => s.startsWith('ZSYN'))).toBe(false);
    expect(two).not.toContain('ZZAMB');
    expect(two).not.toContain('ZZDLY');
    expect(syntheticNeeded(200)).toBe(0);
  });

  it('fills the rest of 1,000 with ZSYN0001... and says how many the simulator must add', () => {
    const thousand = benchSymbols(1000);
    expect(thousand).toHaveLength(1000);
    expect(new Set(thousand).size).toBe(1000);
    const synthetic = thousand.filter((s) => s.startsWith('ZSYN'));
    expect(synthetic.length).toBe(syntheticNeeded(1000));
    expect(synthetic.length).toBeGreaterThan(600);
    expect(synthetic[0]).toBe('ZSYN0001');
    expect(thousand.slice(0, 1000 - synthetic.length).some((s) => s.startsWith('ZSYN'))).toBe(false);
  });
});
