// The market view by keyboard against browser mode and the simulator: AAPL's
// chart, a bar-size switch, a live candle; a limit placed from the depth ladder
// shown on the ladder and as a line on the chart, cancelled there; a market
// order's print in Time & sales.
import { expect, test } from '@playwright/test';
import { startWorkstation, type Workstation } from './workstation';

let ws: Workstation;

test.afterEach(async () => {
  await ws?.close();
});

test('chart, depth ladder and time & sales follow AAPL and trade by keyboard', async ({ page }) => {
  ws = await startWorkstation({ settings: { watchlist: ['AAPL'] }, tickRate: 200 });
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(ws.url);
  const quotes = page.getByRole('region', { name: 'Quotes' });
  await expect(quotes.getByRole('row', { name: 'Quote AAPL' }).locator('[data-col="ask"]')).toHaveText(/^\d+\.\d{2}$/, { timeout: 30_000 });

  // Select AAPL from the quotes by keyboard.
  await page.keyboard.press('Alt+1');
  await expect(quotes.getByRole('row', { name: 'Quote AAPL' })).toBeFocused();
  await page.keyboard.press('Enter');

  // Chart: history, then a bar-size switch by key, then a candle that moves.
  await page.keyboard.press('Alt+8');
  const chart = page.getByRole('region', { name: 'Chart' });
  await expect(chart.getByRole('img')).toBeFocused();
  const lastBar = chart.getByRole('status', { name: 'Last bar' });
  await expect(lastBar).toHaveText(/^O \d+\.\d{2} H \d+\.\d{2} L \d+\.\d{2} C \d+\.\d{2} V \d+$/, { timeout: 15_000 });
  await page.keyboard.press('2');
  await expect(chart.getByRole('button', { name: '5m', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(lastBar).toHaveText(/^O /, { timeout: 15_000 });
  const before = await lastBar.textContent();
  await expect(lastBar).not.toHaveText(before ?? '', { timeout: 15_000 });
  // Zoom and scroll by keys leave the chart focused and drawing.
  for (const key of ['+', '+', '-', 'ArrowLeft', 'End']) await page.keyboard.press(key);
  await expect(chart.getByRole('img')).toBeFocused();

  // Depth: a still market from here on, so the ladder's prices hold.
  ws.simulator.setTickRate(0);
  await page.keyboard.press('Alt+9');
  const depth = page.getByRole('region', { name: 'Depth' });
  const ladderKeys = depth.getByLabel('Price ladder keys');
  await expect(ladderKeys).toBeFocused();
  await expect(depth.getByRole('table', { name: 'Bids' }).locator('tbody tr')).toHaveCount(10);
  await expect(depth.getByRole('table', { name: 'Asks' }).locator('tbody tr')).toHaveCount(10);
  const ladder = depth.getByRole('table', { name: 'Price ladder' });
  const bestBid = Number(await depth.getByRole('table', { name: 'Bids' }).locator('tbody tr').first().locator('td').first().textContent());
  await expect(ladder.locator('tr[aria-selected="true"]')).toHaveAttribute('data-price', bestBid.toFixed(2));
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
  const price = (bestBid - 0.05).toFixed(2);
  await expect(ladder.locator('tr[aria-selected="true"]')).toHaveAttribute('data-price', price);
  await page.keyboard.press('b');
  await expect(depth.getByRole('status', { name: 'Ladder message' })).toHaveText(new RegExp(`^Sent #\\d+: BUY 100 AAPL LMT ${price.replace('.', '\\.')}`));
  const orderId = /#(\d+)/.exec((await depth.getByRole('status', { name: 'Ladder message' }).textContent()) ?? '')?.[1];
  await expect(ladder.getByRole('button', { name: `Cancel buy #${orderId} 100 at ${price}` })).toBeVisible();
  // The ladder's size at that price includes the order resting on the book.
  await expect(depth.getByRole('table', { name: 'Bids' }).locator('tbody tr', { hasText: price })).toBeVisible();

  // The order is a line on the chart.
  await page.keyboard.press('Alt+8');
  await expect(chart.getByRole('list', { name: 'Chart lines' })).toContainText(`#${orderId} BUY 100 @ ${price}`);

  // Move it one tick up from the ladder (a modify: same order id): the ladder, the ladder's
  // message and the chart's line all follow it to the new price. Alt+8 then Alt+9 at once: the
  // Chart jump's late refocus must not take the keys back from the ladder (layout/late-focus.ts).
  await page.keyboard.press('Alt+9');
  await expect(ladderKeys).toBeFocused();
  await expect(ladder.locator('tr[aria-selected="true"]')).toHaveAttribute('data-price', price);
  const moved = (Number(price) + 0.01).toFixed(2);
  await page.keyboard.press('Shift+ArrowUp');
  await expect(depth.getByRole('status', { name: 'Ladder message' })).toHaveText(`Sent MODIFY #${orderId} BUY AAPL LMT: lmt ${price} → ${moved}`);
  await expect(ladder.getByRole('button', { name: `Cancel buy #${orderId} 100 at ${moved}` })).toBeVisible();
  await expect(ladder.getByRole('button', { name: `Cancel buy #${orderId} 100 at ${price}` })).toHaveCount(0);
  await expect(ladder.locator('tr[aria-selected="true"]')).toHaveAttribute('data-price', moved);
  await page.keyboard.press('Alt+8');
  await expect(chart.getByRole('list', { name: 'Chart lines' })).toContainText(`#${orderId} BUY 100 @ ${moved}`);

  // Cancel it from the ladder: the line goes.
  await page.keyboard.press('Alt+9');
  await expect(ladderKeys).toBeFocused();
  await expect(ladder.locator('tr[aria-selected="true"]')).toHaveAttribute('data-price', moved);
  await page.keyboard.press('Delete');
  await expect(ladder.getByRole('button', { name: `Cancel buy #${orderId} 100 at ${moved}` })).toHaveCount(0);
  await page.keyboard.press('Alt+8');
  await expect(chart.getByRole('list', { name: 'Chart lines' })).not.toContainText(`#${orderId}`);

  // Time & sales: a market buy prints at the ask.
  await page.keyboard.press('Alt+0');
  const tape = page.getByRole('region', { name: 'Time & sales' });
  await expect(tape).toBeVisible();
  const aapl = ws.simulator.exchange.findBySymbol('AAPL')[0];
  const ask = (aapl ? ws.simulator.exchange.quote(aapl.conId)?.ask ?? 0 : 0).toFixed(2);
  await page.keyboard.press('F2');
  await expect(page.getByRole('textbox', { name: 'Command' })).toBeFocused();
  await page.getByRole('textbox', { name: 'Command' }).fill('buy 100 AAPL');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Alt+0');
  await expect(tape.getByRole('row', { name: `Print ${ask} x 100 at ask` })).toBeVisible({ timeout: 10_000 });
  // The minimum-size filter hides it.
  await tape.getByRole('textbox', { name: 'Minimum size' }).fill('200');
  await expect(tape.getByRole('row', { name: `Print ${ask} x 100 at ask` })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/market-view.png' });
});
