// #11 by keyboard, end to end: Chromium -> browser mode -> host -> IB adapter ->
// real @stoqey/ib -> simulator over TCP. Modify a working limit (`mod N P`), place
// a bracket and watch it resolve, flatten a position.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startWorkstation, type Workstation } from './workstation';

test.describe.configure({ mode: 'serial' });

let ws: Workstation;
let page: Page;

test.beforeAll(async ({ browser }) => {
  // No random walk: the test moves AAPL itself, so fills happen when it says.
  ws = await startWorkstation({ tickRate: 0 });
  page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(ws.url);
  await expect(region('Connection bar').getByLabel('TWS socket: connected')).toBeVisible();
});

test.afterAll(async () => {
  await page?.close();
  await ws?.close();
});

const region = (name: string): Locator => page.getByRole('region', { name });
const commandMessage = (): Locator => region('Command line').getByLabel('Command line message');
const orderRow = (orderId: number): Locator => region('Orders').getByRole('row', { name: `Order ${orderId}` });
const round = (x: number): number => Math.round(x * 100) / 100;

function aapl(): { bid: number; ask: number; last: number } {
  const entry = ws.simulator.exchange.findBySymbol('AAPL')[0];
  const quote = entry && ws.simulator.exchange.quote(entry.conId);
  if (!quote) throw new Error('no AAPL quote at the simulator');
  return quote;
}

async function command(line: string): Promise<void> {
  await page.keyboard.press('F2');
  const input = region('Command line').getByRole('textbox', { name: 'Command' });
  await expect(input).toBeFocused();
  await input.fill(line);
  await input.press('Enter');
}

/** The ids of the orders the last line sent, from its "Sent #a, #b: …" message. */
async function sentIds(): Promise<number[]> {
  await expect(commandMessage()).toHaveText(/^Sent #\d+/);
  const text = (await commandMessage().textContent()) ?? '';
  return [...(text.split(':')[0] ?? '').matchAll(/#(\d+)/g)].map((m) => Number(m[1]));
}

test('the connection bar shows the trading session', async () => {
  await expect(region('Connection bar').getByLabel('Trading session: OPEN')).toBeVisible();
});

test('mod N P moves a working limit, and the row shows the new price', async () => {
  const { bid } = aapl();
  await command(`buy 100 AAPL ${round(bid - 5).toFixed(2)}`);
  const [id] = await sentIds();
  if (id === undefined) throw new Error('no order id');
  await expect(orderRow(id)).toContainText('Working');
  await expect(orderRow(id)).toContainText(round(bid - 5).toFixed(2));
  await command(`mod ${id} ${round(bid - 4).toFixed(2)}`);
  await expect(commandMessage()).toHaveText(`Sent MODIFY #${id} BUY AAPL LMT: lmt ${round(bid - 5).toFixed(2)} → ${round(bid - 4).toFixed(2)}`);
  await expect(orderRow(id)).toContainText(round(bid - 4).toFixed(2));
  await expect(orderRow(id)).toContainText('Working');
  await command(`cancel ${id}`);
  await expect(orderRow(id)).toContainText('Cancelled');
});

test('a bracket: the entry fills, the take-profit fills, the stop-loss is cancelled', async () => {
  const { ask } = aapl();
  const entry = round(ask);
  await command(`buy 100 AAPL ${entry.toFixed(2)} tp ${round(entry + 2).toFixed(2)} sl ${round(entry - 2).toFixed(2)}`);
  const [parent, tp, sl] = await sentIds();
  if (parent === undefined || tp === undefined || sl === undefined) throw new Error('a bracket sends three orders');
  await expect(orderRow(parent)).toContainText('Filled');
  await expect(orderRow(tp)).toContainText('Working');
  await expect(orderRow(sl)).toContainText('STP');
  await expect(region('Positions').getByRole('row', { name: 'Position AAPL' })).toContainText('100');
  ws.simulator.movePrice('AAPL', round(entry + 2.01));
  await expect(orderRow(tp)).toContainText('Filled');
  await expect(orderRow(sl)).toContainText('Cancelled');
  await expect(region('Positions').getByRole('row', { name: 'Position AAPL' }).locator('td.num').first()).toHaveText('flat');
});

test('flat AAPL closes the position', async () => {
  await command('buy 100 AAPL');
  const [id] = await sentIds();
  if (id === undefined) throw new Error('no order id');
  await expect(orderRow(id)).toContainText('Filled');
  const position = region('Positions').getByRole('row', { name: 'Position AAPL' });
  await expect(position.locator('td.num').first()).toHaveText('100');
  await command('flat AAPL');
  await expect(commandMessage()).toHaveText(/^Sent #\d+: FLAT AAPL$/);
  await expect(position.locator('td.num').first()).toHaveText('flat');
});
