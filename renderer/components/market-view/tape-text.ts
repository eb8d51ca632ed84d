// Time & sales as text: a print's time, price, size and the class that
// colours it by where it printed against the quote. Pure.

import type { Print, PrintSide } from '../../../shared/market-view';

const two = (n: number): string => String(n).padStart(2, '0');

/** HH:MM:SS in the trader's local time. */
export function printTime(ms: number): string {
  const d = new Date(ms);
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

export function printPrice(price: number, minTick: number): string {
  const decimals = minTick > 0 && minTick < 0.01 ? 4 : 2;
  return price.toFixed(decimals);
}

export const SIDE_TEXT: Record<PrintSide, string> = {
  'at-bid': 'at bid',
  'at-ask': 'at ask',
  between: 'between',
  'below-bid': 'below bid',
  'above-ask': 'above ask',
  unknown: '',
};

/** The minimum-size filter as typed: empty or 0 shows everything; anything unreadable shows everything and says so. */
export function readMinSize(text: string): { min: number; problem: string | null } {
  const t = text.trim().replace(/,/g, '');
  if (t === '') return { min: 0, problem: null };
  if (!/^\d+$/.test(t)) return { min: 0, problem: `minimum size "${text.trim()}" is not a whole number` };
  return { min: Number(t), problem: null };
}

export function visiblePrints(prints: readonly Print[], min: number, limit: number): Print[] {
  const out: Print[] = [];
  for (const p of prints) {
    if (p.size >= min) out.push(p);
    if (out.length >= limit) break;
  }
  return out;
}
