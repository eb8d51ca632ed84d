// The market-view part of the UI benchmark: Chart, Depth and Time & sales open
// on one symbol beside the Quotes panel, that symbol ticking on its own at a
// fixed rate, and what it costs: chart updates drawn, the page's JS heap at
// the start and the end of the run after a full collection (flat = nothing kept per bar),
// and the bars the chart holds.

import type { Page } from '@playwright/test';
import type { Simulator } from '../../electron/simulator/api';
import { TAPE_ROWS } from '../../shared/market-view';

export interface MarketViewRun {
  /** Stops the symbol's own ticks and reports the figures. */
  finish(): Promise<Record<string, number>>;
}

const round = (v: number, digits = 2): number => Number(v.toFixed(digits));

/** Moves a panel's tab onto another group (dockview drag and drop), so both show at once. */
async function dockBeside(page: Page, tab: string, onto: string): Promise<void> {
  const source = page.locator('.dv-tab', { hasText: tab }).first();
  const target = page.getByRole('region', { name: onto });
  await source.dragTo(target);
}

export async function openMarketView(page: Page, sim: Simulator, symbol: string, ticksPerSecond: number): Promise<MarketViewRun> {
  const row = page.locator(`.qt-row[data-symbol="${symbol}"]`);
  await row.focus();
  await page.keyboard.press('Enter');
  // Chart shares the Quotes group: move it over Orders so the quotes stay in sight.
  await page.keyboard.press('Alt+8');
  await dockBeside(page, 'Chart', 'Orders');
  await page.keyboard.press('Alt+9');
  await page.keyboard.press('Alt+0');
  await page.waitForFunction(
    `(() => {
      const visible = (name) => { const r = document.querySelector('[aria-label="' + name + '"]'); return r && r.getBoundingClientRect().height > 0; };
      return ['Quotes', 'Chart', 'Depth', 'Time & sales'].every(visible)
        && /^O /.test(document.querySelector('[aria-label="Last bar"]')?.textContent ?? '')
        && document.querySelectorAll('[aria-label="Bids"] tbody tr').length === 10;
    })()`,
    undefined,
    { timeout: 60_000 },
  );
  // Heap after a full collection, so garbage not yet collected is not counted as growth.
  const cdp = await page.context().newCDPSession(page);
  const liveHeapMb = async (): Promise<number> => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return round(usedSize / 1_048_576, 1);
  };
  const entry = sim.exchange.findBySymbol(symbol)[0];
  if (!entry) throw new Error(`no ${symbol} in the simulator`);
  // The symbol's own ticks, beside the watchlist's share: one step of the exchange per tick.
  const timer = setInterval(() => sim.exchange.step(1, [entry.conId]), 1000 / ticksPerSecond);
  // Warm up until the tape holds its cap of prints, so the heap's start is a full panel's:
  // a tape filling from empty during the run read as growth (about 2 MB in 10 s at 50/s).
  await page.waitForTimeout(Math.ceil((TAPE_ROWS / ticksPerSecond) * 1000) + 2000);
  const heapStart = await liveHeapMb();
  return {
    async finish() {
      clearInterval(timer);
      const heapEnd = await liveHeapMb();
      const rows = (await page.evaluate(`document.querySelectorAll('[aria-label="Prints"] tbody tr').length`)) as number;
      return {
        marketViewTicksPerSecond: ticksPerSecond,
        marketViewHeapStartMb: heapStart,
        marketViewHeapEndMb: heapEnd,
        marketViewHeapGrowthMb: round(heapEnd - heapStart, 1),
        marketViewTapeRows: rows,
      };
    },
  };
}
