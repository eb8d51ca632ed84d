import { describe, expect, it } from 'vitest';
import { defaultPlacements, placementsFor, topRowHeight, WIDE_LAYOUT_MIN_WIDTH } from '../../../renderer/layout/default-layout';
import { PANELS, panelByJumpKey } from '../../../renderer/layout/panel-registry';

const registered = (id: string): boolean => PANELS.some((p) => p.id === id);

describe('the default layout', () => {
  it('places every registered panel once, and skips the ones not built yet', () => {
    for (const width of [1280, WIDE_LAYOUT_MIN_WIDTH, 2560]) {
      const ids = placementsFor(defaultPlacements(width), registered).map((p) => p.id);
      expect([...ids].sort()).toEqual(PANELS.map((p) => p.id).sort());
    }
  });

  it('shows every panel at once on a wide screen; tabs Fills and Account behind Positions on a narrow one', () => {
    const wide = placementsFor(defaultPlacements(1920), registered);
    expect(wide.filter((p) => 'direction' in p && p.direction === 'within')).toEqual([]);
    const narrow = placementsFor(defaultPlacements(1280), registered);
    expect(narrow.filter((p) => 'direction' in p && p.direction === 'within').map((p) => p.id)).toEqual(['fills', 'account']);
    // Not laid out yet (width 0): everything visible.
    expect(defaultPlacements(0)).toBe(defaultPlacements(1920));
  });

  it('keeps a panel whose neighbour is missing, as a tab beside the first panel', () => {
    const only = placementsFor(defaultPlacements(1920), (id) => id === 'quotes' || id === 'depth');
    expect(only).toEqual([{ id: 'quotes', first: true }, { id: 'depth', direction: 'within', reference: 'quotes', inactive: true }]);
  });

  it('gives the top row the height the ticket needs', () => {
    expect(topRowHeight(600)).toBe(330);
    expect(topRowHeight(1300)).toBe(468);
  });

  it('has one jump key per panel', () => {
    const keys = PANELS.map((p) => p.jumpKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(panelByJumpKey('5')?.title).toBe('Fills');
  });
});
