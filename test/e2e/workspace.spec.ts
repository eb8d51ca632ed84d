// The trader's workspace at four window sizes, by keyboard where a trader would use it:
// every control of the ticket and every column header of every panel inside its panel,
// every panel reached by its jump key, a hotkey recorded in Settings and used to buy at
// ask+0.01, a panel moved and one hidden, kept across a reload, then reset.
// Screenshots: test-results/workspace-<width>x<height>.png.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { Settings } from '../../shared/model';
import { startWorkstation, type Workstation } from './workstation';

test.describe.configure({ mode: 'serial' });

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1600, height: 1000 },
  { width: 1920, height: 1080 },
  { width: 2560, height: 1440 },
] as const;

const PANELS = [
  { title: 'Quotes', key: '1' },
  { title: 'Order ticket', key: '2' },
  { title: 'Orders', key: '3' },
  { title: 'Positions', key: '4' },
  { title: 'Fills', key: '5' },
  { title: 'Account', key: '6' },
  { title: 'Log', key: '7' },
] as const;

let ws: Workstation;
let page: Page;

test.beforeAll(async ({ browser }) => {
  ws = await startWorkstation({ settings: { watchlist: ['AAPL', 'ZZDLY'] } });
  page = await browser.newPage({ viewport: SIZES[0] });
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(ws.url);
  await expect(page.getByRole('region', { name: 'Quotes' }).getByRole('row', { name: 'Quote AAPL' }).locator('[data-col="ask"]')).toHaveText(/^\d+\.\d{2}$/);
  // One position and one fill so Positions and Fills have rows to measure.
  await page.keyboard.press('F2');
  await page.getByRole('textbox', { name: 'Command' }).fill('buy 100 AAPL');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Command line' }).getByLabel('Command line message')).toHaveText(/^Sent #\d+/);
  // Still quotes from here on: the ask a hotkey reads is the ask the test reads.
  ws.simulator.setTickRate(0);
});

test.afterAll(async () => {
  await page?.close();
  await ws?.close();
});

const region = (name: string): Locator => page.getByRole('region', { name, exact: true });
const tabIn = (group: Locator, title: string): Locator => group.locator('.dv-tab', { hasText: title });
const groupOf = (title: string): Locator => page.locator('.dv-groupview').filter({ has: page.locator('.dv-tab', { hasText: new RegExp(`^${title}$`) }) });

async function resetLayout(): Promise<void> {
  await page.getByRole('navigation', { name: 'Panels' }).getByRole('button', { name: 'Reset layout' }).click();
  await expect(region('Quotes')).toBeVisible();
}

// The few DOM members the measuring needs (this file compiles without the DOM library).
interface Rect {
  left: number;
  right: number;
  top: number;
  bottom: number;
  width: number;
  height: number;
}
interface Measured {
  getBoundingClientRect(): Rect;
  getAttribute(name: string): string | null;
  textContent: string | null;
  scrollWidth: number;
  clientWidth: number;
  querySelectorAll(selector: string): ArrayLike<Measured>;
}

/** What lies outside the panel: controls (ticket) or column headers, by name, with a reason. */
async function outsideOf(panel: Locator, selector: string): Promise<{ checked: number; outside: string[] }> {
  return panel.evaluate((el: Measured, sel) => {
    const box = el.getBoundingClientRect();
    const out: string[] = [];
    let checked = 0;
    for (const c of Array.from(el.querySelectorAll(sel))) {
      const r = c.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue; // not rendered (a hidden column)
      checked += 1;
      const name = c.getAttribute('aria-label') ?? (c.textContent ?? '').trim();
      if (r.left < box.left - 1 || r.right > box.right + 1) out.push(`${name}: x ${r.left}-${r.right} outside ${box.left}-${box.right}`);
      // Headers of a second table may sit below the fold, reachable by scrolling down;
      // sideways nothing may hide.
      if (sel.includes('button') && (r.top < box.top - 1 || r.bottom > box.bottom + 1)) out.push(`${name}: y ${r.top}-${r.bottom} outside ${box.top}-${box.bottom}`);
    }
    for (const wrap of Array.from(el.querySelectorAll('.table-wrap'))) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) out.push(`scrolls sideways: ${wrap.scrollWidth} > ${wrap.clientWidth}`);
    }
    return { checked, outside: out };
  }, selector);
}

async function jumpTo(title: string, key: string): Promise<Locator> {
  await page.keyboard.press(`Alt+${key}`);
  const panel = region(title);
  await expect(panel).toBeVisible();
  // Focus is inside the panel, never on the page body.
  await expect(page.locator(`section[aria-label="${title}"]:focus-within`)).toHaveCount(1);
  return panel;
}

async function readSettings(): Promise<Settings> {
  return JSON.parse(await readFile(join(ws.dataDir, 'settings.json'), 'utf8')) as Settings;
}

for (const [i, size] of SIZES.entries()) {
  test.describe(`${size.width}x${size.height}`, () => {
    test('every panel by its jump key, with every ticket control and column header inside it', async () => {
      await page.setViewportSize(size);
      await resetLayout();
      // Start from the command line, as the new user did.
      await page.keyboard.press('F2');
      for (const p of PANELS) {
        const panel = await jumpTo(p.title, p.key);
        const selector = p.title === 'Order ticket' ? 'input, select, button' : '[role="columnheader"], th[scope="col"]';
        const { checked, outside } = await outsideOf(panel, selector);
        expect(checked, `${p.title}: something to measure`).toBeGreaterThan(3);
        expect(outside, `${p.title} at ${size.width}x${size.height}`).toEqual([]);
      }
      // The DELAYED badge fits its cell.
      const badge = region('Quotes').getByRole('row', { name: 'Quote ZZDLY' }).locator('.badge');
      await expect(badge).toHaveText(/DELAYED|STALE/);
      expect(await badge.evaluate((b) => b.scrollWidth <= (b.parentElement?.clientWidth ?? 0))).toBe(true);
      await page.keyboard.press('Alt+1');
      await page.screenshot({ path: `test-results/workspace-${size.width}x${size.height}.png` });
    });

    test('a hotkey recorded in Settings buys at ask+0.01, and the order row shows that price', async () => {
      const chord = `Ctrl+Shift+F${i + 1}`;
      await page.keyboard.press('Control+Comma');
      const dialog = page.getByRole('dialog', { name: 'Settings' });
      await dialog.getByRole('tab', { name: 'Hotkeys' }).click();
      const hotkeys = dialog.getByRole('tabpanel', { name: 'Hotkeys' });
      if (i === 0) {
        // A key already taken is refused with the sentence why.
        await hotkeys.getByRole('button', { name: 'Record a new key for F6' }).click();
        await page.keyboard.press('F5');
        await expect(hotkeys.getByLabel('Hotkeys message')).toHaveText('Not recorded: F5 is already bound to "buy {qty} {symbol} ask"');
        await page.keyboard.press('Escape');
      }
      await hotkeys.getByRole('button', { name: 'Add hotkey' }).click();
      await page.keyboard.press(`Control+Shift+F${i + 1}`);
      await expect(hotkeys.getByRole('button', { name: `Record a new key for ${chord}` })).toBeVisible();
      await hotkeys.getByRole('textbox', { name: `Line for ${chord}` }).fill('buy {qty} {symbol} ask+0.01');
      await hotkeys.getByRole('button', { name: 'Save hotkeys' }).click();
      await expect(hotkeys.getByLabel('Hotkeys message')).toHaveText('Hotkeys saved');
      await expect.poll(async () => (await readSettings()).workspace?.hotkeys).toContainEqual({ chord, action: 'buy {qty} {symbol} ask+0.01' });
      await hotkeys.getByRole('button', { name: 'Close' }).click();
      await expect(dialog).toHaveCount(0);

      // Select AAPL, read its ask, press the key.
      const row = region('Quotes').getByRole('row', { name: 'Quote AAPL' });
      await row.click();
      const ask = Number(await row.locator('[data-col="ask"]').textContent());
      const price = (ask + 0.01).toFixed(2);
      await page.keyboard.press(`Control+Shift+F${i + 1}`);
      const message = region('Command line').getByLabel('Command line message');
      await expect(message).toHaveText(new RegExp(`^Sent #(\\d+): BUY 100 AAPL LMT ${price.replace('.', '\\.')} GTC @sim$`));
      const orderId = /#(\d+)/.exec((await message.textContent()) ?? '')?.[1] ?? '';
      const order = region('Orders').getByRole('row', { name: `Order ${orderId}`, exact: true });
      await expect(order).toContainText(price);
    });

    test('a moved and a hidden panel stay so after a reload; Reset layout brings the default back', async () => {
      // Move Log into the Quotes group (a tab there), hide Fills.
      await page.locator('.dv-tab', { hasText: /^Log$/ }).dragTo(region('Quotes'));
      await expect(tabIn(groupOf('Quotes'), 'Log')).toHaveCount(1);
      await page.getByRole('navigation', { name: 'Panels' }).getByRole('button', { name: 'Hide Fills' }).click();
      await expect(region('Fills')).toHaveCount(0);
      // Saved to settings.json (the layout saves a moment after the last change).
      await expect.poll(async () => JSON.stringify((await readSettings()).workspace?.layout ?? {})).not.toContain('"fills"');
      await page.reload();
      // Log is the front tab of the Quotes group now, as it was dropped.
      await expect(region('Log')).toBeVisible();
      await expect(tabIn(groupOf('Quotes'), 'Log')).toHaveCount(1);
      await expect(region('Fills')).toHaveCount(0);
      await expect(page.locator('.dv-tab', { hasText: /^Fills$/ })).toHaveCount(0);
      // Fills comes back by its jump key too.
      await jumpTo('Fills', '5');
      await resetLayout();
      await expect(tabIn(groupOf('Quotes'), 'Log')).toHaveCount(0);
      await expect(page.locator('.dv-tab', { hasText: /^Fills$/ })).toHaveCount(1);
    });
  });
}

test('columns chosen, moved and resized stay after a reload; Reset columns brings the defaults back', async () => {
  await page.setViewportSize(SIZES[1]);
  await resetLayout();
  const fills = await jumpTo('Fills', '5');
  const headers = fills.locator('th[scope="col"]');
  await expect(headers).toHaveText(['Time', 'Account', 'Side', 'Symbol', 'Qty', 'Price', 'Order', 'Exchange', 'Commission']);
  await fills.getByRole('button', { name: 'Columns of Fills' }).click();
  const chooser = fills.getByRole('group', { name: 'Choose the columns of Fills' });
  await chooser.getByRole('checkbox', { name: 'Exchange' }).uncheck();
  await chooser.getByRole('button', { name: 'Move Price left' }).click();
  await chooser.getByRole('button', { name: 'Done' }).click();
  await expect(headers).toHaveText(['Time', 'Account', 'Side', 'Symbol', 'Price', 'Qty', 'Order', 'Commission']);
  // Widen Symbol by dragging its grip.
  const symbol = headers.filter({ hasText: 'Symbol' });
  const before = (await symbol.boundingBox())?.width ?? 0;
  const grip = symbol.locator('.col-grip');
  const g = await grip.boundingBox();
  if (!g) throw new Error('no resize grip on Symbol');
  await page.mouse.move(g.x + g.width / 2, g.y + g.height / 2);
  await page.mouse.down();
  await page.mouse.move(g.x + 60, g.y + g.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect.poll(async () => (await symbol.boundingBox())?.width ?? 0).toBeGreaterThan(before + 30);
  await expect.poll(async () => (await readSettings()).workspace?.columns.fills?.hidden).toEqual(['exchange']);

  await page.reload();
  await expect(region('Quotes')).toBeVisible();
  const again = await jumpTo('Fills', '5');
  await expect(again.locator('th[scope="col"]')).toHaveText(['Time', 'Account', 'Side', 'Symbol', 'Price', 'Qty', 'Order', 'Commission']);
  expect((await again.locator('th[scope="col"]').filter({ hasText: 'Symbol' }).boundingBox())?.width ?? 0).toBeGreaterThan(before + 30);
  await again.getByRole('button', { name: 'Columns of Fills' }).click();
  await again.getByRole('button', { name: 'Reset columns' }).click();
  await expect(again.locator('th[scope="col"]')).toHaveText(['Time', 'Account', 'Side', 'Symbol', 'Qty', 'Price', 'Order', 'Exchange', 'Commission']);
});

test('Delete on a quote row removes it (focus to the next row), on an order row cancels it (focus follows the order); F1 lists the keys', async () => {
  const quotes = await jumpTo('Quotes', '1');
  const add = quotes.getByRole('textbox', { name: 'Add symbol' });
  await expect(add).toHaveAttribute('placeholder', 'Add symbol…');
  await add.fill('MSFT');
  await add.press('Enter');
  await expect(quotes.getByRole('row', { name: 'Quote MSFT' })).toBeVisible();
  await quotes.getByRole('row', { name: 'Quote AAPL' }).focus();
  await page.keyboard.press('Delete');
  await expect(quotes.getByRole('row', { name: 'Quote AAPL' })).toHaveCount(0);
  await expect(quotes.getByRole('row', { name: 'Quote ZZDLY' })).toBeFocused();
  // The last row: focus goes to the one before it.
  await quotes.getByRole('row', { name: 'Quote MSFT' }).focus();
  await page.keyboard.press('Delete');
  await expect(quotes.getByRole('row', { name: 'Quote MSFT' })).toHaveCount(0);
  await expect(quotes.getByRole('row', { name: 'Quote ZZDLY' })).toBeFocused();
  // F1 lists every key; Esc closes and focus comes back.
  await page.keyboard.press('F1');
  const keys = page.getByRole('dialog', { name: 'Keys' });
  await expect(keys.getByRole('table', { name: 'Workstation keys' })).toContainText('on a quote row: remove the symbol from the watchlist');
  await page.keyboard.press('Escape');
  await expect(keys).toHaveCount(0);
  await expect(quotes.getByRole('row', { name: 'Quote ZZDLY' })).toBeFocused();

  // Delete on an order row cancels it; as the order moves to Completed, focus goes with it.
  await page.keyboard.press('F2');
  await page.getByRole('textbox', { name: 'Command' }).fill('buy 1 ZZDLY 1.00');
  await page.keyboard.press('Enter');
  const sent = region('Command line').getByLabel('Command line message');
  await expect(sent).toHaveText(/^Sent #(\d+): BUY 1 ZZDLY LMT 1\.00 GTC @sim$/);
  const id = /#(\d+)/.exec((await sent.textContent()) ?? '')?.[1] ?? '';
  const orders = await jumpTo('Orders', '3');
  const row = orders.getByRole('table', { name: 'Working orders' }).getByRole('row', { name: `Order ${id}`, exact: true });
  await row.focus();
  await page.keyboard.press('Delete');
  const done = orders.getByRole('table', { name: 'Completed orders' }).getByRole('row', { name: `Order ${id}`, exact: true });
  await expect(done).toContainText('Cancelled');
  await expect(done).toBeFocused();
});
