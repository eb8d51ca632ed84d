// A trader's day by keyboard, end to end: Chromium -> browser mode -> host ->
// real @stoqey/ib client -> simulator over TCP. Nothing mocked in between.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { ACCOUNT_ID, startWorkstation, type Workstation } from './workstation';

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
