// Account truth end to end: Chromium -> browser mode -> host -> @stoqey/ib ->
// simulator. Daily P&L in the Account panel and the Positions column, the
// margin check from the ticket, and the day's completed orders in Orders after
// a kill -9 and restart of the web process.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { ACCOUNT_CODE, startWorkstation, type Workstation } from './workstation';
import { countRowsWith, readAllRowsSettled } from './table-reader';

test.describe.configure({ mode: 'serial' });

let ws: Workstation;
let page: Page;

test.beforeAll(async ({ browser }) => {
  ws = await startWorkstation({ tickRate: 0, startingPositions: [{ symbol: 'AAPL', quantity: 100, avgCost: 170 }] });
  page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(ws.url);
});

test.afterAll(async () => {
  await page?.close();
  await ws?.close();
});

const region = (name: string): Locator => page.getByRole('region', { name });

async function command(line: string): Promise<void> {
  await page.keyboard.press('F2');
  const input = region('Command line').getByRole('textbox', { name: 'Command' });
  await expect(input).toBeFocused();
  await input.fill(line);
  await input.press('Enter');
}

test('shows the daily P&L in the Account panel and per position', async () => {
  await expect(region('Connection bar').getByLabel('TWS socket: connected')).toBeVisible();
  ws.simulator.movePrice('AAPL', 190);
  // 100 AAPL held overnight from the 187.50 close: +$250.00 today.
  await expect(region('Account').locator('[data-col="dailyPnl"]').first()).toHaveText('$250.00');
  const aapl = region('Positions').getByRole('row', { name: 'Position AAPL' });
  await expect(aapl).toContainText('$250.00');
  await expect(region('Positions').getByRole('button', { name: /Daily P&L/ })).toBeVisible();
});

test('checks the margin of a ticket order with IB-style figures and sends nothing', async () => {
  const ticket = region('Order ticket');
  await ticket.getByRole('textbox', { name: 'Symbol' }).fill('AAPL');
  await ticket.getByRole('textbox', { name: 'Quantity' }).fill('100');
  await ticket.getByRole('textbox', { name: 'Limit price' }).fill('189.50');
  await ticket.getByRole('button', { name: 'Check margin' }).click();
  const check = ticket.getByLabel('Margin check');
  // 100 held + 100 more, marked at 190: Reg T 50% / 25% of 38,000.
  await expect(check).toContainText('Initial margin+$9,500.00 → $19,000.00');
  await expect(check).toContainText('Maintenance margin+$4,750.00 → $9,500.00');
  await expect(check).toContainText('Equity with loan after$1,018,999.00');
  await expect(check).toContainText('Commission$1.00');
  // Ctrl+Enter does the same from a field, for an order margin would not cover: IB's words.
  await ticket.getByRole('textbox', { name: 'Quantity' }).fill('20000');
  await ticket.getByRole('textbox', { name: 'Quantity' }).press('Control+Enter');
  await expect(check).toContainText('Margin would not suffice');
  await expect(check).toContainText('YOUR ORDER IS NOT ACCEPTED. IN ORDER TO OBTAIN THE DESIRED POSITION YOUR EQUITY WITH LOAN VALUE');
  for (const name of ['Working orders', 'Completed orders']) await expect.poll(async () => (await readAllRowsSettled(region('Orders').getByRole('table', { name }))).length).toBe(0);
  expect(ws.simulator.exchange.openOrders(ACCOUNT_CODE)).toEqual([]);
  await ticket.getByRole('button', { name: 'Clear' }).click();
});

test('after kill -9 and a restart of the web process, Orders shows the day: filled, cancelled, rejected', async () => {
  await command('buy 10 AAPL');
  const completed = region('Orders').getByRole('table', { name: 'Completed orders' });
  await expect.poll(() => countRowsWith(completed, 'Filled')).toBe(1);
  await command('buy 5 MSFT 300');
  const working = region('Orders').getByRole('table', { name: 'Working orders' });
  const msft = working.getByRole('row', { name: /^Order / }).filter({ hasText: 'MSFT' });
  await expect(msft).toContainText('Working');
  await msft.click();
  await page.keyboard.press('Delete');
  await expect.poll(() => countRowsWith(completed, 'Cancelled')).toBe(1);
  ws.simulator.rejectNextOrder(ACCOUNT_CODE, 'Test rejection');
  await command('buy 3 NVDA');
  await expect.poll(() => countRowsWith(completed, 'Rejected')).toBe(1);

  const url = await ws.killAndRestartWeb();
  await page.goto(url);
  await expect(region('Connection bar').getByLabel('TWS socket: connected')).toBeVisible();
  const after = region('Orders').getByRole('table', { name: 'Completed orders' });
  await expect.poll(() => countRowsWith(after, 'AAPL', 'Filled')).toBe(1);
  await expect.poll(() => countRowsWith(after, 'MSFT', 'Cancelled')).toBe(1);
  await expect.poll(() => countRowsWith(after, 'NVDA', 'Rejected')).toBe(1);
  await expect(region('Orders').getByRole('heading', { name: 'Completed (3)' })).toBeVisible();
});
