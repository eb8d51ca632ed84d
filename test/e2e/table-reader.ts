// Reads a whole table in the page, virtualized or not. The Orders, Fills and Log tables draw
// only the rows on screen (renderer/tables/VirtualBody.tsx), so a locator sees a screenful; this
// scrolls the table's scroll area from the table's top to its bottom, collects every row once by
// its aria-rowindex, checks the count against the table's aria-rowcount, and scrolls back.
import { expect, type Locator } from '@playwright/test';

export interface TableRow {
  /** aria-rowindex: the header row is 1, so body rows start at 2 (their place in the table). */
  rowIndex: number;
  /** The row's accessible name when it has one (`Order 42`). */
  label: string | null;
  /** Header text -> cell text, in the table's column order (sort arrows dropped). */
  cells: Record<string, string>;
  /** All the row's text, as a locator's hasText would match it. */
  text: string;
}

interface PageRead {
  rows: TableRow[];
  /** Body rows the table says it has (aria-rowcount - 1), or null when it does not say. */
  total: number | null;
}

// The few DOM members the reader needs (this file compiles without the DOM library).
interface Box {
  top: number;
  height: number;
}
interface Node {
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<Node>;
  closest(selector: string): Scroller | null;
  getBoundingClientRect(): Box;
  readonly children: ArrayLike<Node>;
  readonly textContent: string | null;
  readonly tagName: string;
  readonly tHead?: Node | null;
}
interface Scroller extends Node {
  scrollTop: number;
  readonly clientHeight: number;
}

/** Runs in the page: scrolls the table through its scroll area, collecting rows by aria-rowindex. */
async function readInPage(table: Node): Promise<PageRead> {
  const raf = (globalThis as unknown as { requestAnimationFrame(cb: () => void): number }).requestAnimationFrame;
  const frame = (): Promise<void> => new Promise((resolve) => raf(() => setTimeout(resolve, 0)));
  const text = (n: Node): string => (n.textContent ?? '').trim();
  const heads = Array.from(table.querySelectorAll('thead th'), (th) => text(th).replace(/[▲▼]/g, '').trim());
  const seen = new Map<number, TableRow>();
  let plain = 0;
  const collect = (): void => {
    for (const tr of Array.from(table.querySelectorAll('tbody tr'))) {
      if (tr.getAttribute('aria-hidden') === 'true') continue;
      // A table that is not virtualized carries no aria-rowindex: its rows come in order.
      const at = Number(tr.getAttribute('aria-rowindex') ?? 0) || 2 + plain++;
      if (seen.has(at)) continue;
      const texts = Array.from(tr.children, text);
      const cells: Record<string, string> = {};
      heads.forEach((h, i) => (cells[h] = texts[i] ?? ''));
      seen.set(at, { rowIndex: at, label: tr.getAttribute('aria-label'), cells, text: text(tr) });
    }
  };
  const count = table.getAttribute('aria-rowcount');
  const total = count === null ? null : Number(count) - 1;
  const scroller = table.closest('.table-wrap');
  if (!scroller || total === null) {
    collect();
    return { rows: [...seen.values()], total };
  }
  const before = scroller.scrollTop;
  const top = table.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
  const bottom = top + table.getBoundingClientRect().height;
  const head = table.tHead ? table.tHead.getBoundingClientRect().height : 0;
  const step = Math.max(20, (scroller.clientHeight - head) * 0.75);
  for (let y = top; seen.size < total && y < bottom + step; y += step) {
    scroller.scrollTop = y;
    await frame();
    await frame();
    collect();
  }
  collect();
  scroller.scrollTop = before;
  await frame();
  return { rows: [...seen.values()].sort((a, b) => a.rowIndex - b.rowIndex), total };
}

/**
 * Every body row of a table, once each, top to bottom. `table` is the table itself or a region
 * holding exactly one table. Throws when the rows read are not the count the table announces
 * (rows changed while reading, or rows the reader could not reach); `readAllRowsSettled` retries.
 */
export async function readAllRows(table: Locator): Promise<TableRow[]> {
  const target = (await table.evaluate((el: Node) => el.tagName)) === 'TABLE' ? table : table.locator('table');
  const read = await target.evaluate(readInPage);
  if (read.total !== null && read.rows.length !== read.total) {
    throw new Error(`read ${read.rows.length} rows of a table announcing ${read.total} (aria-rowcount ${read.total + 1})`);
  }
  return read.rows;
}

/** readAllRows once the table holds still (rows arriving while it scrolls): tries for up to `timeout` ms. */
export async function readAllRowsSettled(table: Locator, timeout = 10_000): Promise<TableRow[]> {
  let rows: TableRow[] = [];
  await expect(async () => {
    rows = await readAllRows(table);
  }).toPass({ timeout });
  return rows;
}

/** How many rows hold every one of `texts` (a whole-table `filter({ hasText })` count). */
export async function countRowsWith(table: Locator, ...texts: string[]): Promise<number> {
  return (await readAllRowsSettled(table)).filter((r) => texts.every((t) => r.text.includes(t))).length;
}
