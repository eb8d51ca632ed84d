// The Orders tables draw only the rows on screen (renderer/tables/VirtualBody.tsx). End to end
// with 60 working orders: the DOM holds a screenful, the reader still reads all 60, the arrow
// keys walk every row and keep the focused one in view, Delete cancels the one reached, a new
// order shows at the top when the list is at the top and moves nothing in view when it is not.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readAllRows } from './table-reader';
import { startWorkstation, type Workstation } from './workstation';

test.describe.configure({ mode: 'serial' });

let ws: Workstation;
let page: Page;

const ORDERS = 60;
const region = (name: string): Locator => page.getByRole('region', { name });
const working = (): Locator => region('Orders').getByRole('table', { name: 'Working orders' });
const completed = (): Locator => region('Orders').getByRole('table', { name: 'Completed orders' });
const message = (): Locator => region('Command line').getByLabel('Command line message');
const scrollArea = (): Locator => region('Orders').locator('.table-wrap');
/** Limit prices far below the market, one per order, so each row is told apart by its price. */
const price = (i: number): string => (50 + i / 100).toFixed(2);

async function command(line: string): Promise<void> {
  await page.keyboard.press('F2');
  const input = region('Command line').getByRole('textbox', { name: 'Command' });
  await input.fill(line);
  await input.press('Enter');
}

/** The row is inside the scroll area and not under the table's sticky header. */
async function shownInScrollArea(row: Locator): Promise<boolean> {
  const r = await row.boundingBox();
  const area = await scrollArea().boundingBox();
  const head = await working().locator('thead').boundingBox();
  if (!r || !area || !head) return false;
  return r.y >= area.y + head.height - 1 && r.y + r.height <= area.y + area.height + 1;
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  ws = await startWorkstation({
    tickRate: 0,
    settings: { risk: { maxQuantity: null, maxNotional: null, priceBandPercent: null, maxOrdersPerSecond: null, maxOrdersPerMinute: null } },
  });
  page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(ws.url);
  await expect(region('Connection bar').getByLabel('TWS socket: connected')).toBeVisible();
  ws.simulator.movePrice('AAPL', 100);
  for (let i = 0; i < ORDERS; i++) {
    await command(`buy 1 AAPL ${price(i)}`);
    await expect(message()).toHaveText(new RegExp(`^Sent #\\d+: BUY 1 AAPL LMT ${price(i).replace('.', '\\.')} `));
  }
  await expect(region('Orders').getByRole('heading', { name: `Working (${ORDERS})` })).toBeVisible();
});

test.afterAll(async () => {
  await page?.close();
  await ws?.close();
});

test('60 working orders: a screenful in the DOM, all 60 announced and read', async () => {
  await expect(working()).toHaveAttribute('aria-rowcount', String(ORDERS + 1));
  const drawn = await working().locator('tbody tr[aria-rowindex]').count();
  expect(drawn).toBeGreaterThan(0);
  expect(drawn).toBeLessThan(ORDERS);
  const rows = await readAllRows(working());
  expect(rows.map((r) => r.rowIndex)).toEqual(Array.from({ length: ORDERS }, (_, i) => i + 2));
  // Newest first: the last order typed is on top.
  expect(rows.map((r) => r.cells.Limit)).toEqual(Array.from({ length: ORDERS }, (_, i) => price(ORDERS - 1 - i)));
  // Reading scrolled the table and put it back.
  expect(await scrollArea().evaluate((el: { scrollTop: number }) => el.scrollTop)).toBe(0);
});

test('ArrowDown walks every row to the oldest order, keeping it in view; Delete cancels it', async () => {
  await working().locator('tbody tr[aria-rowindex="2"]').focus();
  for (let i = 1; i < ORDERS; i++) await page.keyboard.press('ArrowDown');
  const focused = page.locator('tr:focus');
  await expect(focused).toHaveAttribute('aria-rowindex', String(ORDERS + 1));
  await expect(focused).toContainText(price(0));
  await expect(focused).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => shownInScrollArea(focused)).toBe(true);
  const label = (await focused.getAttribute('aria-label')) ?? '';
  await page.keyboard.press('Delete');
  await expect(completed().getByRole('row', { name: label, exact: true })).toContainText('Cancelled');
  await expect(region('Orders').getByRole('heading', { name: `Working (${ORDERS - 1})` })).toBeVisible();
  // Back up by the keyboard: the first rows are drawn again as they come into view.
  await working().locator('tbody tr[aria-rowindex]').last().focus();
  for (let i = 0; i < ORDERS; i++) await page.keyboard.press('ArrowUp');
  await expect(page.locator('tr:focus')).toHaveAttribute('aria-rowindex', '2');
  await expect.poll(() => shownInScrollArea(page.locator('tr:focus'))).toBe(true);
});

test('scrolled down, a new order arriving above does not move the rows in view', async () => {
  await scrollArea().evaluate((el: { scrollTop: number }) => {
    el.scrollTop = 300;
  });
  let watched: Locator | null = null;
  for (let at = 10; at < ORDERS && !watched; at++) {
    const row = working().locator(`tbody tr[aria-rowindex="${at}"]`);
    if ((await row.count()) === 1 && (await shownInScrollArea(row))) watched = row;
  }
  if (!watched) throw new Error('no row in view after scrolling down');
  const label = (await watched.getAttribute('aria-label')) ?? '';
  const before = (await watched.boundingBox())?.y ?? -1;
  const count = Number((await working().getAttribute('aria-rowcount')) ?? 0) - 1;
  await command('buy 1 AAPL 49.50');
  await expect(message()).toHaveText(/^Sent #\d+: BUY 1 AAPL LMT 49\.50 /);
  await expect(region('Orders').getByRole('heading', { name: `Working (${count + 1})` })).toBeVisible();
  const same = working().getByRole('row', { name: label, exact: true });
  await expect.poll(async () => Math.abs(((await same.boundingBox())?.y ?? -100) - before)).toBeLessThanOrEqual(2);
});

test('scrolled to Completed, a new working order does not move the completed rows in view', async () => {
  await scrollArea().evaluate((el: { scrollTop: number; scrollHeight: number }) => {
    el.scrollTop = el.scrollHeight;
  });
  const cancelled = completed().getByRole('row').filter({ hasText: 'Cancelled' }).first();
  await expect.poll(() => shownInScrollArea(cancelled)).toBe(true);
  const before = (await cancelled.boundingBox())?.y ?? -1;
  const count = Number((await working().getAttribute('aria-rowcount')) ?? 0) - 1;
  await command('buy 1 AAPL 49.25');
  await expect(region('Orders').getByRole('heading', { name: `Working (${count + 1})` })).toBeVisible();
  await expect.poll(async () => Math.abs(((await cancelled.boundingBox())?.y ?? -100) - before)).toBeLessThanOrEqual(2);
});

test('at the top, a new order shows at once as the first row', async () => {
  await scrollArea().evaluate((el: { scrollTop: number }) => {
    el.scrollTop = 0;
  });
  await command('buy 1 AAPL 49.00');
  await expect(message()).toHaveText(/^Sent #\d+: BUY 1 AAPL LMT 49\.00 /);
  const first = working().locator('tbody tr[aria-rowindex="2"]');
  await expect(first).toContainText('49.00');
  await expect.poll(() => shownInScrollArea(first)).toBe(true);
});
