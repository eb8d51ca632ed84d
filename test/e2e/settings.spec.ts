// Settings end to end, nothing mocked: the trader adds a second IB account by
// keyboard in the Settings dialog; main validates and saves it to settings.json,
// the host connects a real @stoqey/ib session to a second simulator over TCP,
// and the account survives a reload. A client id clash is refused in words.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startSimulator } from '../../electron/simulator';
import type { Simulator } from '../../electron/simulator/api';
import type { Settings } from '../../shared/model';
import { startBrowserMode, startWorkstation, type Workstation } from './workstation';

test.describe.configure({ mode: 'serial' });

const SECOND_CODE = 'DU2000002';

let ws: Workstation;
let second: Simulator;
let secondPort: number;
let simPort: number;
let page: Page;

test.beforeAll(async ({ browser }) => {
  ws = await startWorkstation({ tickRate: 50 });
  second = await startSimulator({ host: '127.0.0.1', listen: [{ port: 0, account: SECOND_CODE }], tickRate: 20, seed: 11 });
  const p = second.ports[0]?.port;
  const s = ws.simulator.ports[0]?.port;
  if (p === undefined || s === undefined) throw new Error('simulator has no port');
  secondPort = p;
  simPort = s;
  page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(ws.url);
});

test.afterAll(async () => {
  await page?.close();
  await ws?.close();
  await second?.close();
});

const bar = (): Locator => page.getByRole('region', { name: 'Connection bar' });
const dialog = (): Locator => page.getByRole('dialog', { name: 'Settings' });
const field = (name: string): Locator => dialog().getByRole('textbox', { name, exact: true });
const session = (name: string): Locator => bar().getByRole('listitem', { name: `Account ${name}` });

async function savedSettings(): Promise<Settings> {
  return JSON.parse(await readFile(join(ws.dataDir, 'settings.json'), 'utf8')) as Settings;
}

async function openByKeyboard(): Promise<void> {
  await page.keyboard.press('Control+Comma');
  await expect(dialog()).toBeVisible();
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: `test-results/settings-${name}.png`, fullPage: true });
}

test('adds a second account by keyboard; it connects and is saved to settings.json', async () => {
  await expect(session('Sim').getByLabel('TWS socket: connected')).toBeVisible();
  await openByKeyboard();
  await expect(field('Account 1 name')).toHaveValue('Sim');
  await expect(dialog().getByText(/7497 paper TWS · 7496 live TWS · 4002 paper Gateway · 4001 live Gateway/)).toBeVisible();
  await dialog().getByRole('button', { name: 'Add account' }).press('Enter');
  await expect(field('Account 2 host')).toHaveValue('127.0.0.1');
  await expect(field('Account 2 port')).toHaveValue('4002');
  await expect(field('Account 2 client id')).toHaveValue('1');
  await field('Account 2 name').fill('Second');
  await field('Account 2 id').fill('second');
  await field('Account 2 port').fill(String(secondPort));
  await field('Account 2 account code').fill(SECOND_CODE);
  await shot('add-account');
  await field('Account 2 account code').press('Enter');
  await expect(dialog()).toBeHidden();

  const chip = session('Second');
  await expect(chip.getByLabel('TWS socket: connected')).toBeVisible();
  await expect(chip.getByLabel('IB link: IB link up')).toBeVisible();
  await expect(chip).toContainText(SECOND_CODE);
  await expect(session('Sim').getByLabel('TWS socket: connected')).toBeVisible();

  await expect
    .poll(async () => (await savedSettings()).accounts.find((a) => a.id === 'second'))
    .toEqual({ id: 'second', name: 'Second', broker: 'ib', host: '127.0.0.1', port: secondPort, clientId: 1, accountCode: SECOND_CODE, enabled: true });
  expect((await savedSettings()).accounts.map((a) => a.id)).toEqual(['sim', 'second']);
  await shot('connected');
});

test('a reload keeps the account: in the dialog, in the bar, in the file', async () => {
  await page.reload();
  await expect(session('Second').getByLabel('TWS socket: connected')).toBeVisible();
  await openByKeyboard();
  await expect(field('Account 2 name')).toHaveValue('Second');
  await expect(field('Account 2 port')).toHaveValue(String(secondPort));
  await expect(field('Account 2 account code')).toHaveValue(SECOND_CODE);
  await page.keyboard.press('Escape');
  await expect(dialog()).toBeHidden();
  expect((await savedSettings()).accounts.map((a) => a.name)).toEqual(['Sim', 'Second']);
});

test('a client id clash on one gateway is refused with the exact text; nothing is saved or lost', async () => {
  const before = await readFile(join(ws.dataDir, 'settings.json'), 'utf8');
  await openByKeyboard();
  await dialog().getByRole('button', { name: 'Add account' }).click();
  await field('Account 3 name').fill('Clash');
  await field('Account 3 id').fill('clash');
  // "localhost" is the same gateway as the Sim account's 127.0.0.1.
  await field('Account 3 host').fill('localhost');
  await field('Account 3 port').fill(String(simPort));
  await field('Account 3 client id').fill('7');
  await field('Account 3 client id').press('Enter');
  await expect(dialog().getByRole('alert')).toHaveText(`Settings Error: accounts "Sim" and "Clash" both use client id 7 on 127.0.0.1:${simPort}`);
  await expect(field('Account 3 name')).toHaveValue('Clash');
  await expect(field('Account 3 client id')).toHaveValue('7');
  await shot('clash');
  await page.keyboard.press('Escape');
  await expect(dialog()).toBeHidden();
  await expect(session('Clash')).toHaveCount(0);
  expect(await readFile(join(ws.dataDir, 'settings.json'), 'utf8')).toBe(before);
});

test('from the demo: the first real account, added in Settings, replaces the simulated demo', async ({ browser }) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'janus-e2e-settings-demo-'));
  const web = await startBrowserMode(dataDir);
  const demoPage = await browser.newPage();
  try {
    await demoPage.goto(web.url);
    const demoBar = demoPage.getByRole('region', { name: 'Connection bar' });
    const demo = demoBar.getByRole('listitem', { name: 'Account Demo' });
    await expect(demo.getByLabel('TWS socket: connected')).toBeVisible();
    await expect(demo.getByText('SIMULATED')).toBeVisible();
    await demoBar.getByRole('button', { name: 'Settings' }).click();
    const d = demoPage.getByRole('dialog', { name: 'Settings' });
    await expect(d.getByText('No accounts: the workstation runs the simulated demo account.', { exact: false })).toBeVisible();
    await expect(d.getByRole('button', { name: 'Add account' })).toBeFocused();
    await demoPage.keyboard.press('Enter');
    await d.getByRole('textbox', { name: 'Account 1 name', exact: true }).fill('Paper');
    await d.getByRole('textbox', { name: 'Account 1 id', exact: true }).fill('paper');
    await d.getByRole('textbox', { name: 'Account 1 port', exact: true }).fill(String(secondPort));
    // Client id 1 is the Second account's on this simulator, from the other workstation.
    await d.getByRole('textbox', { name: 'Account 1 client id', exact: true }).fill('21');
    await d.getByRole('combobox', { name: 'Default account' }).selectOption({ label: 'Paper' });
    await d.getByRole('combobox', { name: 'Default account' }).press('Enter');
    await expect(d).toBeHidden();
    const paper = demoBar.getByRole('listitem', { name: 'Account Paper' });
    await expect(paper.getByLabel('TWS socket: connected')).toBeVisible();
    await expect(paper).toContainText(SECOND_CODE);
    await expect(paper.getByText('SIMULATED')).toHaveCount(0);
    await expect(demo).toHaveCount(0);
    await expect
      .poll(async () => JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8')) as Settings)
      .toMatchObject({
        accounts: [{ id: 'paper', name: 'Paper', host: '127.0.0.1', port: secondPort, clientId: 21, accountCode: '', enabled: true }],
        defaults: { tif: 'GTC', account: 'paper' },
      });
  } finally {
    await demoPage.close();
    await web.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
