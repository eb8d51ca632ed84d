// The layout a first start (and "Reset layout") shows, in two shapes: wide screens
// (1500 px and more) show every panel at once; narrower ones tab Fills and Account behind
// Positions so every column still fits. Placements name panels by id; a
// placement whose panel is not registered (yet) is skipped, so Chart, Depth and
// Time & sales already have their places.

export type Placement =
  | { id: string; first: true }
  /** Beside or inside (a tab of) a panel placed before it. */
  | { id: string; direction: 'right' | 'below' | 'within'; reference: string; width?: number; height?: number; inactive?: boolean }
  /** A new full-width row at the bottom. */
  | { id: string; direction: 'below'; row: true; height?: number };

export const WIDE_LAYOUT_MIN_WIDTH = 1500;

const WIDE: readonly Placement[] = [
  { id: 'quotes', first: true },
  { id: 'ticket', direction: 'right', reference: 'quotes', width: 360 },
  { id: 'chart', direction: 'within', reference: 'quotes', inactive: true },
  { id: 'depth', direction: 'within', reference: 'ticket', inactive: true },
  { id: 'orders', direction: 'below', row: true },
  { id: 'positions', direction: 'below', row: true },
  { id: 'fills', direction: 'right', reference: 'positions' },
  { id: 'account', direction: 'below', row: true },
  { id: 'log', direction: 'right', reference: 'account' },
  { id: 'time-and-sales', direction: 'within', reference: 'log', inactive: true },
];

const NARROW: readonly Placement[] = [
  { id: 'quotes', first: true },
  { id: 'ticket', direction: 'right', reference: 'quotes', width: 340 },
  { id: 'chart', direction: 'within', reference: 'quotes', inactive: true },
  { id: 'depth', direction: 'within', reference: 'ticket', inactive: true },
  { id: 'orders', direction: 'below', row: true },
  { id: 'positions', direction: 'below', row: true },
  { id: 'fills', direction: 'within', reference: 'positions', inactive: true },
  { id: 'account', direction: 'within', reference: 'positions', inactive: true },
  { id: 'log', direction: 'right', reference: 'positions', width: 440 },
  { id: 'time-and-sales', direction: 'within', reference: 'log', inactive: true },
];

/** The top row (Quotes, ticket) is as tall as the ticket needs; the rows below share the rest. */
export const topRowHeight = (height: number): number => Math.max(330, Math.round(height * 0.36));

/** Width 0 = not laid out yet (or no layout at all): every panel at once. */
export const defaultPlacements = (width: number): readonly Placement[] => (width === 0 || width >= WIDE_LAYOUT_MIN_WIDTH ? WIDE : NARROW);

/** The placements that can be made: known panels, each referring to one placed before it. */
export function placementsFor(all: readonly Placement[], known: (id: string) => boolean): Placement[] {
  const placed = new Set<string>();
  const out: Placement[] = [];
  for (const p of all) {
    if (!known(p.id)) continue;
    const first = out[0];
    if (!first) out.push({ id: p.id, first: true });
    else if ('reference' in p && !placed.has(p.reference)) {
      // Its neighbour is missing: a tab beside the first panel rather than lost.
      out.push({ id: p.id, direction: 'within', reference: first.id, inactive: true });
    } else out.push(p);
    placed.add(p.id);
  }
  return out;
}
