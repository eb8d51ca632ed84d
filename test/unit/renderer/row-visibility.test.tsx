// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok } from '../../../shared/ipc';
import { BridgeContext } from '../../../renderer/bridge/context';
import { QuotesPanel } from '../../../renderer/components/QuotesPanel';
import { ALWAYS_VISIBLE, ROW_MARGIN_PX, createRowVisibility } from '../../../renderer/components/row-visibility';
import { useSettings } from '../../../renderer/stores/broker-state';
import { useQuotes } from '../../../renderer/stores/quotes';
import { useClock } from '../../../renderer/stores/ui';
import { FakeBridge, QUOTE_TIME, quote, instrument, settings } from './fake-bridge';
import { resetStores } from './reset';

const NOW = QUOTE_TIME;


/** Stands in for the browser's IntersectionObserver: the test says which rows are in sight. */
class FakeObserver {
  static all: FakeObserver[] = [];
  readonly targets = new Set<Element>();
  constructor(
    readonly callback: IntersectionObserverCallback,
    readonly options: IntersectionObserverInit,
  ) {
    FakeObserver.all.push(this);
  }
  observe(el: Element): void {
    this.targets.add(el);
  }
  unobserve(el: Element): void {
    this.targets.delete(el);
  }
  disconnect(): void {
    this.targets.clear();
  }
  report(el: Element, isIntersecting: boolean): void {
    this.callback([{ target: el, isIntersecting } as IntersectionObserverEntry], this as unknown as IntersectionObserver);
  }
}

describe('createRowVisibility', () => {
  it('watches rows against the scroll area with a margin and reports each change to that row only', () => {
    const root = document.createElement('div');
    const a = document.createElement('div');
    const b = document.createElement('div');
    let observer: FakeObserver | undefined;
    const visibility = createRowVisibility(root, (cb, opts) => (observer = new FakeObserver(cb, opts)));
    const seenA: boolean[] = [];
    const seenB: boolean[] = [];
    const unwatchA = visibility.watch(a, (v) => seenA.push(v));
    visibility.watch(b, (v) => seenB.push(v));
    expect(observer?.options).toEqual({ root, rootMargin: `${ROW_MARGIN_PX}px 0px` });
    observer?.report(a, false);
    observer?.report(a, true);
    expect(seenA).toEqual([true, false, true]);
    expect(seenB).toEqual([true]);
    unwatchA();
    expect(observer?.targets.has(a)).toBe(false);
    observer?.report(a, false);
    expect(seenA).toEqual([true, false, true]);
  });

  it('without IntersectionObserver every row is visible', () => {
    const seen: boolean[] = [];
    ALWAYS_VISIBLE.watch(document.createElement('div'), (v) => seen.push(v));
    expect(seen).toEqual([true]);
  });
});

describe('Quotes rows out of sight', () => {
  const original = globalThis.IntersectionObserver;
  beforeEach(() => {
    resetStores();
    useClock.setState({ now: NOW });
    FakeObserver.all = [];
    globalThis.IntersectionObserver = FakeObserver as unknown as typeof IntersectionObserver;
  });
  afterEach(() => {
    cleanup();
    globalThis.IntersectionObserver = original;
  });

  const cell = (symbol: string, col: string): HTMLElement => {
    const el = screen.getByRole('row', { name: `Quote ${symbol}` }).querySelector<HTMLElement>(`[data-col="${col}"]`);
    if (!el) throw new Error(`no ${col} cell for ${symbol}`);
    return el;
  };

  it('write nothing while hidden and show the latest quote, without a flash, when scrolled back', async () => {
    useSettings.getState().set(settings({ watchlist: ['AAPL', 'MSFT'] }));
    useQuotes.setState({ bySymbol: { AAPL: quote('AAPL'), MSFT: quote('MSFT', { last: 410.25 }) } });
    const bridge = new FakeBridge()
      .handle('quotes.subscribe', ({ symbol }) => ok(instrument(symbol)))
      .handle('quotes.unsubscribe', () => ok(null));
    render(
      <BridgeContext.Provider value={bridge}>
        <QuotesPanel />
      </BridgeContext.Provider>,
    );
    await act(async () => {});
    expect(FakeObserver.all).toHaveLength(1);
    const observer = FakeObserver.all[0] as FakeObserver;
    expect(observer.options.root).toBe(document.querySelector('.quotes .table-wrap'));
    const aaplRow = screen.getByRole('row', { name: 'Quote AAPL' });
    expect(cell('AAPL', 'last').textContent).toBe('187.50');

    act(() => observer.report(aaplRow, false));
    act(() =>
      useQuotes.setState({
        bySymbol: { AAPL: quote('AAPL', { last: 186, updatedAt: NOW + 500 }), MSFT: quote('MSFT', { last: 411, updatedAt: NOW + 500 }) },
      }),
    );
    // The hidden row kept its text; the one in sight ticked and flashed up.
    expect(cell('AAPL', 'last').textContent).toBe('187.50');
    expect(cell('MSFT', 'last').textContent).toBe('411.00');
    expect(cell('MSFT', 'last').className).toContain('flash-up');

    act(() => observer.report(aaplRow, true));
    expect(cell('AAPL', 'last').textContent).toBe('186.00');
    expect(cell('AAPL', 'change').textContent).toBe('+1.00');
    expect(cell('AAPL', 'last').className).not.toMatch(/flash/);

    act(() => useQuotes.setState({ bySymbol: { ...useQuotes.getState().bySymbol, AAPL: quote('AAPL', { last: 186.5, updatedAt: NOW + 900 }) } }));
    expect(cell('AAPL', 'last').textContent).toBe('186.50');
    expect(cell('AAPL', 'last').className).toContain('flash-up');
  });

  it('a hidden row catches up on its badge when it comes back (STALE)', async () => {
    useSettings.getState().set(settings({ watchlist: ['AAPL'] }));
    useQuotes.setState({ bySymbol: { AAPL: quote('AAPL') } });
    const bridge = new FakeBridge()
      .handle('quotes.subscribe', ({ symbol }) => ok(instrument(symbol)))
      .handle('quotes.unsubscribe', () => ok(null));
    render(
      <BridgeContext.Provider value={bridge}>
        <QuotesPanel />
      </BridgeContext.Provider>,
    );
    await act(async () => {});
    const observer = FakeObserver.all[0] as FakeObserver;
    const row = screen.getByRole('row', { name: 'Quote AAPL' });
    expect(row.textContent).toContain('LIVE');
    act(() => observer.report(row, false));
    act(() => useClock.getState().tick(NOW + 6001));
    expect(row.textContent).toContain('LIVE');
    act(() => observer.report(row, true));
    expect(row.textContent).toContain('STALE');
    expect(row.textContent).not.toContain('LIVE');
  });
});
