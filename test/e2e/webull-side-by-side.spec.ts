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
  await ib?.close();
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
  await expect(chip('Webull').getByLabel('TWS socket: connected')).toBeVisible();
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
