// One IB account and one Webull account traded side by side from the command
// line, end to end: Chromium -> browser mode -> host -> the IB adapter over TCP
// to the IB simulator, and the Webull adapter over signed HTTP + gRPC to the
// Webull simulator. Browser mode asks for the Webull secret once per run.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startSimulator } from '../../electron/simulator';
import type { Simulator } from '../../electron/simulator/api';
import { startWebullSimulator, type WebullSimulator } from '../../electron/simulator/webull';
import type { Settings } from '../../shared/model';
import { startBrowserMode, type BrowserMode } from './workstation';

test.describe.configure({ mode: 'serial' });

let ib: Simulator;
let webull: WebullSimulator;
let web: BrowserMode;
let dataDir: string;
let page: Page;
/** The last test closes the IB simulator to leave only Webull connected. */
let ibClosed = false;

test.beforeAll(async ({ browser }) => {
  ib = await startSimulator({ host: '127.0.0.1', listen: [{ port: 0, account: 'DU1000001' }], tickRate: 100, seed: 7 });
  webull = await startWebullSimulator({ keys: [{ appKey: 'wb-key', appSecret: 'wb-secret', accounts: ['WB1000001'], gtc: true }], pingMs: 1000 });
  dataDir = await mkdtemp(join(tmpdir(), 'janus-e2e-webull-'));
  const settings: Settings = {
    version: 1,
    accounts: [
      { id: 'ibkr', name: 'IB', broker: 'ib', host: '127.0.0.1', port: ib.ports[0]?.port ?? 0, clientId: 7, accountCode: 'DU1000001', enabled: true },
      { id: 'wb', name: 'Webull', broker: 'webull', host: '127.0.0.1', port: webull.httpPort, clientId: 0, accountCode: 'WB1000001', enabled: true, appKey: 'wb-key', region: 'us' },
    ],
    defaults: { tif: 'GTC', quantity: 100, account: 'ibkr' },
    risk: { maxQuantity: null, maxNotional: null, priceBandPercent: null },
    confirm: { quantityAbove: 1000, notionalAbove: null },
    watchlist: ['AAPL'],
  };
  await writeFile(join(dataDir, 'settings.json'), JSON.stringify(settings, null, 2));
  web = await startBrowserMode(dataDir);
  page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(web.url);
});

test.afterAll(async () => {
  await page?.close();
  await web?.stop();
  await webull?.close();
  if (!ibClosed) await ib?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const region = (name: string): Locator => page.getByRole('region', { name });
const chip = (name: string): Locator => region('Connection bar').getByRole('listitem', { name: `Account ${name}` });
const commandMessage = (): Locator => region('Command line').getByLabel('Command line message');
const working = (): Locator => region('Orders').getByRole('table', { name: 'Working orders' });

async function command(line: string): Promise<void> {
  await page.keyboard.press('F2');
  const input = region('Command line').getByRole('textbox', { name: 'Command' });
  await expect(input).toBeFocused();
  await input.fill(line);
  await input.press('Enter');
}

test('the Webull account waits for its secret; given once in Settings, both accounts are connected', async () => {
  await expect(chip('IB').getByLabel('TWS socket: connected')).toBeVisible();
  await expect(chip('Webull')).toContainText('has no app secret yet — enter it in Settings');
  await page.keyboard.press('Control+,');
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog.getByRole('textbox', { name: 'Account 2 app key' })).toHaveValue('wb-key');
  await dialog.getByLabel('Account 2 app secret').fill('wb-secret');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(chip('Webull')).toContainText('WB1000001');
  await expect(chip('Webull').getByLabel('HTTP API + event stream: connected')).toBeVisible();
  // Webull's chip names its own links and says where its market data comes from; nothing about TWS or IB's link.
  await expect(chip('Webull').getByLabel('Market data: none from Webull — quotes come from an IB account')).toBeVisible();
  await expect(chip('Webull').getByLabel(/^(TWS socket|IB link):/)).toHaveCount(0);
  const file = await readFile(join(dataDir, 'settings.json'), 'utf8');
  expect(file).not.toContain('wb-secret');
});

test('buys at market on each account from the command line; each fill lands on its own account', async () => {
  await command('buy 10 AAPL @ibkr');
  await expect(commandMessage()).toHaveText(/^Sent #\d+: BUY 10 AAPL MKT GTC @ibkr$/);
  await command('buy 20 AAPL @wb');
  await expect(commandMessage()).toHaveText(/^Sent #\d+: BUY 20 AAPL MKT GTC @wb$/);
  const fills = region('Fills').getByRole('row').filter({ hasText: 'AAPL' });
  await expect(fills).toHaveCount(2);
  await expect(fills.filter({ hasText: 'wb' }).getByRole('cell').nth(3)).toHaveText('20');
  const positions = region('Positions').getByRole('row', { name: 'Position AAPL' });
  await expect(positions).toHaveCount(2);
  await expect(positions.filter({ hasText: 'wb' }).getByRole('cell').nth(1)).toHaveText('20');
});

test('rests a limit on each account, then cancels the Webull one by id: the IB one keeps working', async () => {
  await command('buy 5 AAPL 50 @ibkr');
  await expect(commandMessage()).toHaveText(/^Sent #\d+: BUY 5 AAPL LMT 50.00 GTC @ibkr$/);
  await command('buy 6 AAPL 51 @wb');
  // Read the id only once the answer for this line is on screen, not the previous line's.
  await expect(commandMessage()).toHaveText(/^Sent #\d+: BUY 6 AAPL LMT 51.00 GTC @wb$/);
  const wbId = /^Sent #(\d+):/.exec((await commandMessage().textContent()) ?? '')?.[1];
  await expect(working().getByRole('row').filter({ hasText: '51.00' })).toContainText('Working');
  await expect(working().getByRole('row').filter({ hasText: '50.00' })).toContainText('Working');
  await command(`cancel ${wbId ?? ''} @wb`);
  await expect(working().getByRole('row').filter({ hasText: '51.00' })).toHaveCount(0);
  await expect(region('Orders').getByRole('table', { name: 'Completed orders' }).getByRole('row').filter({ hasText: '51.00' })).toContainText('Cancelled');
  await expect(working().getByRole('row').filter({ hasText: '50.00' })).toHaveCount(1);
});

test('trailing stops typed for the Webull account start one trail from the price IB streams, by amount and by percent', async () => {
  await command('strail 10 AAPL 8 @wb');
  await expect(commandMessage()).toHaveText(/^Sent #\d+: SELL 10 AAPL TRAIL 8\.00 GTC @wb$/);
  const byAmount = working().getByRole('row').filter({ hasText: 'TRAIL 8.00' });
  await expect(byAmount).toContainText('Working');
  await expect(byAmount).toContainText('wb');
  await command('strail 5 AAPL 4% @wb');
  await expect(commandMessage()).toHaveText(/^Sent #\d+: SELL 5 AAPL TRAIL 4% GTC @wb$/);
  const byPercent = working().getByRole('row').filter({ hasText: 'TRAIL 4%' });
  await expect(byPercent).toContainText('Working');
  // The Stop column shows where each stop started: below the price, 8 dollars and 4% under it.
  // The Stop column is the ninth in the default layout; Symbol is the row header, not a cell.
  const stopOf = async (row: Locator): Promise<number> => Number(await row.getByRole('cell').nth(7).textContent());
  const amountStop = await stopOf(byAmount);
  const percentStop = await stopOf(byPercent);
  expect(amountStop).toBeGreaterThan(0);
  expect(percentStop).toBeGreaterThan(0);
  // Both started from (about) the same IB price: price = amountStop + 8 = percentStop / 0.96, within the market's drift.
  expect(Math.abs(amountStop + 8 - percentStop / 0.96)).toBeLessThan(2);
});

test('features Webull lacks say so: the margin check in the ticket, and Depth once no IB account is connected', async () => {
  const ticket = region('Order ticket');
  await ticket.getByRole('combobox', { name: 'Account' }).selectOption('wb');
  const sentence = 'Webull offers no margin check (what-if); it is off for Webull accounts';
  await expect(ticket.getByRole('button', { name: 'Check margin' })).toBeDisabled();
  await expect(ticket.getByRole('button', { name: 'Check margin' })).toHaveAttribute('title', sentence);
  await expect(ticket.getByRole('note', { name: 'Margin check' })).toHaveText(sentence);
  await ticket.getByRole('combobox', { name: 'Account' }).selectOption('ibkr');
  await expect(ticket.getByRole('button', { name: 'Check margin' })).toBeEnabled();

  // IB goes away: only the Webull account is connected, and Depth says where depth comes from.
  await ib.close();
  ibClosed = true;
  await expect(chip('IB').getByLabel(/^TWS socket: (reconnecting|disconnected)/)).toBeVisible({ timeout: 15_000 });
  await expect(chip('Webull').getByLabel('HTTP API + event stream: connected')).toBeVisible();
  await page.keyboard.press('Alt+1');
  await expect(region('Quotes').getByRole('row', { name: 'Quote AAPL' })).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Alt+9');
  await expect(region('Depth').getByRole('status')).toHaveText('Depth comes from IB; no IB account is connected — Webull offers no depth here');
});
