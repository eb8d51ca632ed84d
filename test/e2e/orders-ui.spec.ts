// #11 in the UI, by keyboard, end to end (Chromium -> browser mode -> host -> @stoqey/ib ->
// simulator over TCP): modify a working limit from the Orders panel through the ticket, a
// bracket from the ticket resolving as the simulator's price moves, flatten from a
// position row. Ticks are off so only movePrice moves the market.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startWorkstation, type Workstation } from './workstation';

test.describe.configure({ mode: 'serial' });

let ws: Workstation;
let page: Page;

const region = (name: string): Locator => page.getByRole('region', { name });
const working = (): Locator => region('Orders').getByRole('table', { name: 'Working orders' });
const completed = (): Locator => region('Orders').getByRole('table', { name: 'Completed orders' });
const orderRow = (table: Locator, id: string): Locator => table.getByRole('row', { name: `Order ${id}`, exact: true });

async function command(line: string): Promise<void> {
  await page.keyboard.press('F2');
  const input = region('Command line').getByRole('textbox', { name: 'Command' });
  await expect(input).toBeFocused();
  await input.fill(line);
  await input.press('Enter');
}

/** The order id in "Sent #12: …". */
/** The id in this line's own answer: `answer` tells it from an earlier line's that may still show. */
async function sentId(message: Locator, answer: RegExp = /^Sent #\d+/): Promise<string> {
  await expect(message).toHaveText(answer);
  return /^Sent #(\d+)/.exec((await message.textContent()) ?? '')?.[1] ?? '';
}

test.beforeAll(async ({ browser }) => {
  // This spec proves the UI, not the rate guard (its own tests do): orders here follow each
  // other faster than a trader's would.
  ws = await startWorkstation({
    tickRate: 0,
    settings: { risk: { maxQuantity: null, maxNotional: null, priceBandPercent: null, maxOrdersPerSecond: null, maxOrdersPerMinute: null } },
  });
  page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(ws.url);
  await expect(region('Connection bar').getByLabel('TWS socket: connected')).toBeVisible();
  const add = region('Quotes').getByRole('textbox', { name: 'Add symbol' });
  await add.fill('AAPL');
  await add.press('Enter');
  await expect(region('Quotes').getByRole('row', { name: 'Quote AAPL' })).toBeVisible();
  ws.simulator.movePrice('AAPL', 100);
  await expect(region('Quotes').getByRole('row', { name: 'Quote AAPL' }).locator('[data-col="ask"]')).toHaveText('100.01');
});

test.afterAll(async () => {
  await page?.close();
  await ws?.close();
});

test('modifies a working limit from the Orders panel through the ticket', async () => {
  await command('buy 100 AAPL 90');
  const id = await sentId(region('Command line').getByLabel('Command line message'));
  const row = orderRow(working(), id);
  await expect(row).toContainText('Working');
  await expect(row).toContainText('90.00');

  await row.focus();
  await expect(row).toBeFocused();
  await page.keyboard.press('Enter');
  const ticket = region('Order ticket');
  await expect(ticket.getByRole('heading', { name: `Modify #${id}` })).toBeVisible();
  const limit = ticket.getByRole('textbox', { name: 'Limit price' });
  await expect(limit).toBeFocused();
  await page.keyboard.type('91');
  await expect(ticket.getByLabel('Ticket preview')).toHaveText(`MODIFY #${id} BUY AAPL LMT: lmt 90.00 → 91.00`);
  await page.keyboard.press('Enter');
  await expect(ticket.getByLabel('Ticket message')).toHaveText(`Sent MODIFY #${id} BUY AAPL LMT: lmt 90.00 → 91.00`);
  await expect(ticket.getByRole('heading', { name: 'Order ticket' })).toBeVisible();
  // The same row, updated in place.
  await expect(row).toContainText('91.00');
  await expect(row).not.toContainText('90.00');
  await expect(row).toContainText('Working');

  // Esc leaves modify mode without sending.
  await row.focus();
  await expect(row).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(ticket.getByRole('heading', { name: `Modify #${id}` })).toBeVisible();
  // Esc belongs to where the cursor is: wait for it in the ticket, as the trader sees it there.
  await expect(limit).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(ticket.getByRole('heading', { name: 'Order ticket' })).toBeVisible();
  await command(`cancel ${id}`);
  await expect(orderRow(completed(), id)).toContainText('Cancelled');
});

test('places a bracket from the ticket and watches it resolve', async () => {
  const ticket = region('Order ticket');
  await ticket.getByRole('textbox', { name: 'Symbol' }).fill('AAPL');
  await ticket.getByRole('textbox', { name: 'Quantity' }).fill('100');
  await ticket.getByRole('combobox', { name: 'Order type' }).selectOption('limit');
  await ticket.getByRole('textbox', { name: 'Limit price' }).fill('99');
  await ticket.getByRole('textbox', { name: 'Take profit' }).fill('102');
  await ticket.getByRole('textbox', { name: 'Stop loss' }).fill('101');
  await expect(ticket.getByLabel('Ticket preview')).toHaveText(
    'BUY 100 AAPL LMT 99.00 GTC · TP SELL LMT 102.00 · SL SELL STP 101.00 @sim — stop-loss 101.00 must be below the entry 99.00 for a buy',
  );
  await ticket.getByRole('textbox', { name: 'Stop loss' }).fill('97');
  await expect(ticket.getByLabel('Ticket preview')).toHaveText('BUY 100 AAPL LMT 99.00 GTC · TP SELL LMT 102.00 · SL SELL STP 97.00 @sim');
  await ticket.getByRole('textbox', { name: 'Stop loss' }).press('Enter');
  const message = ticket.getByLabel('Ticket message');
  await expect(message).toHaveText(/^Sent #\d+, #\d+, #\d+: BUY 100 AAPL LMT 99.00 GTC · TP SELL LMT 102.00 · SL SELL STP 97.00 @sim$/);
  const [parent, tp, sl] = [...((await message.textContent()) ?? '').matchAll(/#(\d+)/g)].map((m) => m[1] ?? '');

  const rows = working().getByRole('row');
  await expect(orderRow(working(), parent ?? '')).toContainText('Working');
  await expect(orderRow(working(), tp ?? '')).toContainText(`↳ ${tp} TP`);
  await expect(orderRow(working(), sl ?? '')).toContainText(`↳ ${sl} SL`);
  await expect(rows.nth(1)).toHaveAttribute('aria-label', `Order ${parent}`);
  await expect(rows.nth(2)).toHaveAttribute('aria-label', `Order ${tp}`);
  await expect(rows.nth(3)).toHaveAttribute('aria-label', `Order ${sl}`);
  await expect(orderRow(working(), tp ?? '')).toContainText('Pre-submitted');

  ws.simulator.movePrice('AAPL', 98.99);
  await expect(orderRow(completed(), parent ?? '')).toContainText('Filled');
  await expect(orderRow(working(), tp ?? '')).toContainText('Working');
  // A stop waiting for its trigger reads PreSubmitted, as TWS reports it.
  await expect(orderRow(working(), sl ?? '')).toContainText(`${sl} SL`);
  await expect(orderRow(working(), sl ?? '')).toContainText('Pre-submitted');
  await expect(region('Positions').getByRole('row', { name: 'Position AAPL' }).getByRole('cell').nth(1)).toHaveText('100');

  ws.simulator.movePrice('AAPL', 102.01);
  await expect(orderRow(completed(), tp ?? '')).toContainText('Filled');
  await expect(orderRow(completed(), sl ?? '')).toContainText('Cancelled');
  await expect(region('Positions').getByRole('row', { name: 'Position AAPL' }).getByRole('cell').nth(1)).toHaveText('flat');
});

test('flattens a position from its row with F', async () => {
  await command('buy 200 AAPL');
  await expect(region('Positions').getByRole('row', { name: 'Position AAPL' }).getByRole('cell').nth(1)).toHaveText('200');
  const position = region('Positions').getByRole('row', { name: 'Position AAPL' });
  await position.focus();
  await page.keyboard.press('f');
  await expect(region('Positions').getByRole('status')).toHaveText(/^Sent #\d+: FLAT AAPL$/);
  await expect(position.getByRole('cell').nth(1)).toHaveText('flat');
});

test("a trailing stop from the ticket shows where its stop stands, and the stop follows the price", async () => {
  ws.simulator.movePrice('AAPL', 100);
  const ticket = region('Order ticket');
  await ticket.getByRole('textbox', { name: 'Symbol' }).fill('AAPL');
  await ticket.getByRole('textbox', { name: 'Quantity' }).fill('100');
  await ticket.getByRole('combobox', { name: 'Order type' }).selectOption('trailing');
  await ticket.getByRole('button', { name: 'Sell' }).click();
  await expect(ticket.getByRole('checkbox', { name: 'Outside RTH' })).toBeDisabled();
  await ticket.getByRole('textbox', { name: 'Trail' }).fill('1');
  await expect(ticket.getByLabel('Ticket preview')).toHaveText('SELL 100 AAPL TRAIL 1.00 GTC @sim');
  await ticket.getByRole('textbox', { name: 'Trail' }).press('Enter');
  const id = await sentId(ticket.getByLabel('Ticket message'), /^Sent #\d+: SELL 100 AAPL TRAIL 1\.00/);
  const row = orderRow(working(), id);
  await expect(row).toContainText('TRAIL 1.00');
  const stop = row.locator('td[title="Where the trailing stop stands now"]');
  await expect(stop).toHaveText(/^\d+\.\d{2}$/);
  const before = Number(await stop.textContent());
  ws.simulator.movePrice('AAPL', 105);
  await expect.poll(async () => Number(await stop.textContent())).toBeGreaterThan(before + 4);
  await row.focus();
  await page.keyboard.press('Delete');
  await expect(orderRow(completed(), id)).toContainText('Cancelled');
});
