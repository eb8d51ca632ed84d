// Up/Down between the rows of a panel, for keyboard-only use: focus moves to
// the neighbouring row that matches `selector`, staying put at either end.

import type { KeyboardEvent } from 'react';

export function moveRowFocus(e: KeyboardEvent<HTMLElement>, selector: string): boolean {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return false;
  const rows = [...e.currentTarget.querySelectorAll<HTMLElement>(selector)];
  const active = document.activeElement;
  const at = rows.findIndex((r) => r === active);
  if (at === -1) return false;
  const next = rows[Math.max(0, Math.min(rows.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)))];
  if (!next) return false;
  e.preventDefault();
  next.focus();
  return true;
}

/**
 * In a virtualized table only the rows on screen exist, so Up/Down move through the row
 * list instead: the index the key moves to from `at` among `count` rows, staying put at
 * either end; null for any other key.
 */
export function steppedIndex(key: string, at: number, count: number): number | null {
  if (key !== 'ArrowDown' && key !== 'ArrowUp') return null;
  if (at < 0 || count === 0) return null;
  return Math.max(0, Math.min(count - 1, at + (key === 'ArrowDown' ? 1 : -1)));
}
