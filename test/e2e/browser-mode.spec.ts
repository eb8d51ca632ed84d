// Browser mode's own promises: the demo account is marked SIMULATED wherever
// it shows, and a lost UI link is visible, refuses orders instead of queueing
// them, and heals by itself with the state re-fetched.
import { expect, test, type WebSocketRoute } from '@playwright/test';
import { startDemo, startWorkstation } from './workstation';

test('demo mode: the embedded simulator account is marked SIMULATED wherever it shows', async ({ page }) => {
  const demo = await startDemo();
  try {
    await page.goto(demo.url);
    const bar = page.getByRole('region', { name: 'Connection bar' });
    await expect(bar.getByLabel('TWS socket: connected')).toBeVisible({ timeout: 30_000 });
    await expect(bar.getByText('SIMULATED')).toBeVisible();
    const account = page.getByRole('region', { name: 'Order ticket' }).getByRole('combobox', { name: 'Account' });
    await expect(account.locator('option:checked')).toHaveText(/\(SIMULATED\)$/);
    // The default watchlist streams.
    const quotes = page.getByRole('region', { name: 'Quotes' });
    await expect(quotes.getByRole('row', { name: 'Quote AAPL' }).getByText('LIVE')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Account' }).getByText('SIMULATED')).toBeVisible();
    await page.screenshot({ path: 'test-results/browser-mode-demo.png' });
  } finally {
    await demo.close();
  }
});

test('the token leaves the address bar at once, and a reload stays connected (sessionStorage)', async ({ page }) => {
  const ws = await startWorkstation({ settings: { watchlist: ['AAPL'] } });
  try {
    const token = /#token=([A-Za-z0-9_-]+)$/.exec(ws.url)?.[1] ?? '';
    expect(token).toHaveLength(43);
    await page.goto(ws.url);
    const bar = page.getByRole('region', { name: 'Connection bar' });
    await expect(bar.getByLabel('TWS socket: connected')).toBeVisible({ timeout: 30_000 });
    expect(page.url()).not.toContain(token);
    expect(page.url()).not.toContain('#');
    // Strings, not functions: this file compiles against Node's types, where the page's globals do not exist.
    expect(await page.evaluate('document.cookie')).toBe('');
    expect(await page.evaluate("sessionStorage.getItem('janus.token')")).toBe(token);

    await page.reload();
    await expect(bar.getByLabel('TWS socket: connected')).toBeVisible({ timeout: 30_000 });
    const bid = page.getByRole('region', { name: 'Quotes' }).getByRole('row', { name: 'Quote AAPL' }).locator('[data-col="bid"]');
    await expect(bid).toHaveText(/^\d+\.\d+$/);
    expect(page.url()).not.toContain(token);
    expect(await page.context().cookies()).toEqual([]);

    // The same page without the token (a new tab of the bare address) is refused a socket.
    const stranger = await page.context().newPage();
    await stranger.goto(ws.url.replace(/#.*$/, ''));
    await expect(stranger.getByRole('alert', { name: 'UI link' })).toContainText('UI link lost', { timeout: 20_000 });
    await stranger.close();
  } finally {
    await ws.close();
  }
});

test('a lost UI link shows the banner, refuses orders, and recovers with quotes flowing', async ({ page }) => {
  const ws = await startWorkstation({ settings: { watchlist: ['AAPL'] } });
  // Fault injection only: every frame is forwarded untouched to the real server
  // until the test cuts the link; while "down", new connections are refused.
  let down = false;
  const live: WebSocketRoute[] = [];
  await page.routeWebSocket(/\/ws$/, (route) => {
    if (down) {
      void route.close();
      return;
    }
    route.connectToServer();
    live.push(route);
  });
  try {
    await page.goto(ws.url);
    const bar = page.getByRole('region', { name: 'Connection bar' });
    await expect(bar.getByLabel('TWS socket: connected')).toBeVisible({ timeout: 30_000 });
    const bid = page.getByRole('region', { name: 'Quotes' }).getByRole('row', { name: 'Quote AAPL' }).locator('[data-col="bid"]');
    await expect(bid).toHaveText(/^\d+\.\d+$/);

    down = true;
    for (const route of live.splice(0)) await route.close();
    const banner = page.getByRole('alert', { name: 'UI link' });
    await expect(banner).toContainText('UI link lost');
    await expect(banner).toContainText('Orders cannot be sent until it is back.');

    await page.keyboard.press('F2');
    await page.getByRole('textbox', { name: 'Command' }).fill('buy 100 AAPL 150');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: 'Command line' }).getByLabel('Command line message')).toHaveText(
      'Order Error: UI link lost: not connected to the workstation host',
    );
    await page.screenshot({ path: 'test-results/browser-mode-link-lost.png' });

    down = false;
    await expect(banner).toHaveCount(0, { timeout: 20_000 });
    await expect(bar.getByLabel('TWS socket: connected')).toBeVisible();
    const before = await bid.textContent();
    await expect(bid).not.toHaveText(before ?? '', { timeout: 20_000 });
    // Nothing was queued during the outage.
    await expect(page.getByRole('region', { name: 'Orders' }).getByRole('row', { name: /^Order \d+$/ })).toHaveCount(0);
  } finally {
    await ws.close();
  }
});
