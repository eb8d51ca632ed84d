// A trader's day by keyboard, end to end: Chromium -> browser mode -> host ->
// real @stoqey/ib client -> simulator over TCP. Nothing mocked in between.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { ACCOUNT_ID, startWorkstation, type Workstation } from './workstation';
import { countRowsWith, readAllRowsSettled } from './table-reader';

test.describe.configure({ mode: 'serial' });

let ws: Workstation;
let page: Page;

test.beforeAll(async ({ browser }) => {
  ws = await startWorkstation();
  page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(ws.url);
});

test.afterAll(async () => {
  await page?.close();
  await ws?.close();
});

const region = (name: string): Locator => page.getByRole('region', { name });
const quoteCell = (symbol: string, col: string): Locator => region('Quotes').getByRole('row', { name: `Quote ${symbol}` }).locator(`[data-col="${col}"]`);
const commandMessage = (): Locator => region('Command line').getByLabel('Command line message');

async function command(line: string): Promise<void> {
  await page.keyboard.press('F2');
  const input = region('Command line').getByRole('textbox', { name: 'Command' });
  await expect(input).toBeFocused();
  await input.fill(line);
  await input.press('Enter');
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: `test-results/trader-day-${name}.png`, fullPage: true });
}

test('connects: the connection bar shows the session in its three layers', async () => {
  const bar = region('Connection bar');
  await expect(bar.getByLabel('TWS socket: connected')).toBeVisible();
  await expect(bar.getByLabel('IB link: IB link up')).toBeVisible();
  await expect(bar.getByLabel(/^Market data: data farms OK/)).toBeVisible();
});

test('adds quotes by typing and sees them move', async () => {
  const add = region('Quotes').getByRole('textbox', { name: 'Add symbol' });
  for (const symbol of ['AAPL', 'MSFT']) {
    await add.fill(symbol);
    await add.press('Enter');
    await expect(region('Quotes').getByRole('row', { name: `Quote ${symbol}` })).toBeVisible();
  }
  await expect(quoteCell('AAPL', 'last')).toHaveText(/^\d+\.\d{2,4}$/);
  const first = await quoteCell('AAPL', 'bid').textContent();
  await expect(quoteCell('AAPL', 'bid')).not.toHaveText(first ?? '');
  await expect(region('Quotes').getByRole('row', { name: 'Quote AAPL' }).getByText('LIVE')).toBeVisible();
  // An unknown symbol shows main's reason and stays off the list.
  await add.fill('ZZZZQ');
  await add.press('Enter');
  await expect(region('Quotes').getByRole('alert')).toHaveText('unknown symbol "ZZZZQ": IB has no US stock by that name');
  await shot('quotes');
});

test('marks delayed data DELAYED and refuses an ambiguous symbol with the reason', async () => {
  const add = region('Quotes').getByRole('textbox', { name: 'Add symbol' });
  await add.fill('ZZAMB');
  await add.press('Enter');
  await expect(region('Quotes').getByRole('alert')).toHaveText(/^"ZZAMB" is ambiguous: 2 US stocks match \(.+\); refusing it$/);
  await expect(region('Quotes').getByRole('row', { name: 'Quote ZZAMB' })).toHaveCount(0);
  await add.fill('zzdly');
  await add.press('Enter');
  const delayed = region('Quotes').getByRole('row', { name: 'Quote ZZDLY' });
  await expect(delayed.getByText('DELAYED')).toBeVisible();
  await expect(delayed.locator('[data-col="last"]')).toHaveText(/^\d+\.\d{2,4}$/);
  // Removing it unsubscribes and drops it from the saved watchlist.
  await region('Quotes').getByRole('button', { name: 'Remove ZZDLY' }).click();
  await expect(delayed).toHaveCount(0);
});

const accountCell = (col: string): Locator => region('Account').locator(`tr[data-account="${ACCOUNT_ID}"] [data-col="${col}"]`);

test('buys at market from the command line and sees the fill, the position and the account change', async () => {
  await expect(accountCell('totalCash')).toHaveText('$1,000,000.00');
  await command('buy 100 AAPL');
  await expect(commandMessage()).toHaveText(/^Sent #\d+: BUY 100 AAPL MKT GTC @sim$/);
  const fill = region('Fills').getByRole('row').filter({ hasText: 'AAPL' });
  await expect.poll(() => countRowsWith(region('Fills').getByRole('table'), 'AAPL')).toBe(1);
  await expect(fill.getByRole('cell').nth(3)).toHaveText('100');
  const position = region('Positions').getByRole('row', { name: 'Position AAPL' });
  await expect(position.getByRole('cell').nth(1)).toHaveText('100');
  await expect(accountCell('totalCash')).not.toHaveText('$1,000,000.00');
  await expect(region('Orders').getByRole('table', { name: 'Completed orders' }).getByRole('row').filter({ hasText: 'AAPL' })).toContainText('Filled');
  await shot('market-buy');
});

test('places a limit and a stop-limit from the ticket and sees them working', async () => {
  const ticket = region('Order ticket');
  // Selecting a quote row fills the ticket's symbol.
  await region('Quotes').getByRole('row', { name: 'Quote MSFT' }).click();
  await expect(ticket.getByRole('textbox', { name: 'Symbol' })).toHaveValue('MSFT');
  await ticket.getByRole('textbox', { name: 'Quantity' }).fill('100');
  await ticket.getByRole('textbox', { name: 'Limit price' }).fill('300');
  await expect(ticket.getByLabel('Ticket preview')).toHaveText('BUY 100 MSFT LMT 300.00 GTC @sim');
  await ticket.getByRole('textbox', { name: 'Limit price' }).press('Enter');
  await expect(ticket.getByLabel('Ticket message')).toHaveText(/^Sent #\d+: BUY 100 MSFT LMT 300.00 GTC @sim$/);

  await ticket.getByRole('textbox', { name: 'Symbol' }).fill('AAPL');
  await ticket.getByRole('textbox', { name: 'Quantity' }).fill('100');
  const type = ticket.getByRole('combobox', { name: 'Order type' });
  // On the type list S chooses "Stop", as a select does; the side stays Buy.
  await type.focus();
  await page.keyboard.press('s');
  await expect(type).toHaveValue('stop');
  await expect(ticket.getByRole('button', { name: 'Buy' })).toHaveAttribute('aria-pressed', 'true');
  await type.selectOption('stop-limit');
  // Outside text fields and lists (here the Buy button) S switches the side.
  await ticket.getByRole('button', { name: 'Buy' }).focus();
  await page.keyboard.press('s');
  await expect(ticket.getByRole('button', { name: 'Sell' })).toHaveAttribute('aria-pressed', 'true');
  await ticket.getByRole('textbox', { name: 'Stop price' }).fill('150');
  await ticket.getByRole('textbox', { name: 'Limit price' }).fill('149.50');
  await expect(ticket.getByLabel('Ticket preview')).toHaveText('SELL 100 AAPL STP LMT 150.00 / 149.50 GTC @sim');
  await ticket.getByRole('button', { name: 'Send' }).click();
  await expect(ticket.getByLabel('Ticket message')).toHaveText(/^Sent #\d+: SELL 100 AAPL STP LMT 150.00 \/ 149.50 GTC @sim$/);

  const working = region('Orders').getByRole('table', { name: 'Working orders' });
  const msft = working.getByRole('row').filter({ hasText: 'MSFT' });
  await expect(msft).toContainText('Working');
  await expect(msft).toContainText('300.00');
  const stopLimit = working.getByRole('row').filter({ hasText: 'STP LMT' });
  await expect(stopLimit).toContainText(/Working|Pre-submitted/);
  await expect(stopLimit).toContainText('150.00');
  await expect(stopLimit).toContainText('149.50');
  await shot('working');
});

test('cancels the selected order with Delete', async () => {
  const working = region('Orders').getByRole('table', { name: 'Working orders' });
  await working.getByRole('row').filter({ hasText: 'MSFT' }).click();
  await page.keyboard.press('Delete');
  await expect.poll(() => countRowsWith(working, 'MSFT')).toBe(0);
  const done = region('Orders').getByRole('table', { name: 'Completed orders' }).getByRole('row').filter({ hasText: 'MSFT' });
  await expect(done).toContainText('Cancelled');
  await expect.poll(() => countRowsWith(working, 'STP LMT')).toBe(1);
});

test('reads the exact Order Error for bad orders: grammar, rules, main and IB', async () => {
  await command('buy 100');
  await expect(commandMessage()).toHaveText('Order Error: missing symbol');
  await command('buy 0 AAPL');
  await expect(commandMessage()).toHaveText('Order Error: quantity 0 must be a positive whole number of shares');
  await command('buy 100 AAPL 187.505');
  await expect(commandMessage()).toHaveText('Order Error: limit price 187.505 is not a multiple of the 0.01 tick');
  await command('buy 100 AAPL 180 @nosuch');
  await expect(commandMessage()).toHaveText('Order Error: unknown account "nosuch"');

  ws.simulator.rejectNextOrder('DU1000001', 'no shares available to short');
  await command('sell 100 MSFT 500');
  await expect(commandMessage()).toHaveText('Order Error: Order rejected - reason:no shares available to short');
  const rejected = region('Orders').getByRole('table', { name: 'Completed orders' }).getByRole('row').filter({ hasText: 'MSFT' }).filter({ hasText: 'Rejected' });
  await expect(rejected).toContainText('no shares available to short');
  await shot('order-errors');
});

test('asks before a large order; Esc cancels and nothing is sent', async () => {
  const workingBefore = (await readAllRowsSettled(region('Orders').getByRole('table', { name: 'Working orders' }))).length;
  await command('buy 2000 AAPL 150');
  const dialog = page.getByRole('dialog', { name: 'Confirm order' });
  await expect(dialog).toContainText('BUY 2000 AAPL LMT 150.00 GTC @sim');
  await expect(dialog).toContainText('Quantity 2,000 is above 1,000 shares');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(commandMessage()).toHaveText('Not sent: BUY 2000 AAPL LMT 150.00 GTC @sim');
  await expect.poll(async () => (await readAllRowsSettled(region('Orders').getByRole('table', { name: 'Working orders' }))).length).toBe(workingBefore);
});

test('survives a simulator restart: reconnecting in the bar, then connected with quotes flowing', async () => {
  test.setTimeout(90_000);
  const bar = region('Connection bar');
  await ws.simulator.stop();
  await expect(bar.getByLabel(/^TWS socket: reconnecting in \d+ s/)).toBeVisible({ timeout: 20_000 });
  await shot('reconnecting');
  await ws.simulator.start();
  await expect(bar.getByLabel('TWS socket: connected')).toBeVisible({ timeout: 30_000 });
  const before = await quoteCell('MSFT', 'bid').textContent();
  await expect(quoteCell('MSFT', 'bid')).not.toHaveText(before ?? '', { timeout: 20_000 });
  await expect(region('Quotes').getByRole('row', { name: 'Quote MSFT' }).getByText('LIVE')).toBeVisible();
  // The stop-limit survived on the broker side and is still shown working, once.
  await expect.poll(() => countRowsWith(region('Orders').getByRole('table', { name: 'Working orders' }), 'STP LMT')).toBe(1);
  await shot('reconnected');
});

test('a reload keeps the watchlist and shows the same orders, once each', async () => {
  await page.reload();
  await expect(region('Connection bar').getByLabel('TWS socket: connected')).toBeVisible();
  for (const symbol of ['AAPL', 'MSFT']) {
    await expect(region('Quotes').getByRole('row', { name: `Quote ${symbol}` }).getByText('LIVE')).toBeVisible();
  }
  const orders = region('Orders');
  await expect.poll(() => countRowsWith(orders.getByRole('table', { name: 'Working orders' }), 'STP LMT')).toBe(1);
  await expect.poll(async () => (await readAllRowsSettled(orders.getByRole('table', { name: 'Completed orders' }))).filter((r) => /^Order \d+$/.test(r.label ?? '')).length).toBe(3);
  await expect.poll(() => countRowsWith(region('Fills').getByRole('table'), 'AAPL')).toBe(1);
  // Both streams flow again for the new page.
  for (const symbol of ['AAPL', 'MSFT']) {
    const before = await quoteCell(symbol, 'bid').textContent();
    await expect(quoteCell(symbol, 'bid')).not.toHaveText(before ?? '', { timeout: 20_000 });
  }
});
