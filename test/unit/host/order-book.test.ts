import { describe, expect, it } from 'vitest';
import { createOrderBook } from '../../../electron/host/order-book';
import { createPortfolio } from '../../../electron/host/portfolio';
import type { Fill, Position } from '../../../shared/model';

describe('order rows', () => {
  it('merges a replay into the same row: updates it, keeps createdAt, never duplicates', () => {
    let now = 1_000;
    const book = createOrderBook(() => now);
    book.placed({ account: 'paper', side: 'BUY', symbol: 'AAPL', quantity: 100, type: 'limit', limitPrice: 187.5, tif: 'GTC' }, 42, 265598, 7);
    now = 2_000;
    book.apply({ account: 'paper', orderId: 42, status: 'submitted', permId: 9001 });
    now = 3_000;
    // The open-orders replay after a reconnect reports the same order again.
    const row = book.apply({ account: 'paper', orderId: 42, status: 'partially-filled', filled: 40, remaining: 60, avgFillPrice: 187.49 });
    expect(book.all()).toHaveLength(1);
    expect(row).toMatchObject({
      key: 'paper:42', symbol: 'AAPL', side: 'BUY', quantity: 100, limitPrice: 187.5, permId: 9001, clientId: 7,
      status: 'partially-filled', filled: 40, remaining: 60, avgFillPrice: 187.49, createdAt: 1_000, updatedAt: 3_000,
    });
  });

  it('keeps orders of two accounts with the same id apart', () => {
    const book = createOrderBook(() => 0);
    book.apply({ account: 'paper', orderId: 1, symbol: 'AAPL', status: 'submitted' });
    book.apply({ account: 'live', orderId: 1, symbol: 'MSFT', status: 'submitted' });
    expect(book.all().map((o) => [o.key, o.symbol])).toEqual([['paper:1', 'AAPL'], ['live:1', 'MSFT']]);
    expect(book.working('live').map((o) => o.key)).toEqual(['live:1']);
  });

  it('does not let a stale replay reopen a filled order', () => {
    const book = createOrderBook(() => 0);
    book.apply({ account: 'paper', orderId: 5, status: 'filled', filled: 100, remaining: 0 });
    const row = book.apply({ account: 'paper', orderId: 5, status: 'submitted' });
    expect(row.status).toBe('filled');
    expect(book.working()).toEqual([]);
  });

  it('learns from executions that an order filled while the host was away', () => {
    let now = 0;
    const book = createOrderBook(() => now);
    const p = createPortfolio(() => 0);
    book.apply({ account: 'paper', orderId: 9, symbol: 'AAPL', quantity: 100, remaining: 100, status: 'submitted' });
    p.applyFill(fill({ execId: 'a', orderId: 9, quantity: 40, price: 10 }));
    let done = p.executed('paper', 9);
    now = 5;
    expect(book.applyExecutions('paper', 9, done.quantity, done.avgPrice)).toMatchObject({ status: 'partially-filled', filled: 40, remaining: 60, avgFillPrice: 10, updatedAt: 5 });
    // A replay of the same execution changes nothing.
    p.applyFill(fill({ execId: 'a', orderId: 9, quantity: 40, price: 10 }));
    done = p.executed('paper', 9);
    expect(book.applyExecutions('paper', 9, done.quantity, done.avgPrice)).toBeNull();
    p.applyFill(fill({ execId: 'b', orderId: 9, quantity: 60, price: 11 }));
    done = p.executed('paper', 9);
    expect(done).toEqual({ quantity: 100, avgPrice: 10.6 });
    expect(book.applyExecutions('paper', 9, done.quantity, done.avgPrice)).toMatchObject({ status: 'filled', filled: 100, remaining: 0, avgFillPrice: 10.6 });
    expect(book.applyExecutions('paper', 10, 5, 1)).toBeNull();
  });

  it('retires working rows that the open-orders replay no longer lists, but not newer ones', () => {
    let now = 100;
    const book = createOrderBook(() => now);
    book.apply({ account: 'paper', orderId: 1, status: 'submitted', createdAt: 10 });
    book.apply({ account: 'paper', orderId: 2, status: 'submitted', createdAt: 20 });
    book.apply({ account: 'paper', orderId: 3, status: 'filled', createdAt: 30 });
    book.apply({ account: 'live', orderId: 4, status: 'submitted', createdAt: 40 });
    book.apply({ account: 'paper', orderId: 5, status: 'pending-submit', createdAt: 60 });
    now = 200;
    const retired = book.retireMissing('paper', [2], 50);
    expect(retired.map((o) => [o.orderId, o.status, o.reason])).toEqual([
      [1, 'inactive', 'no longer open at IB: it was closed while the connection was down'],
    ]);
    expect(book.all().map((o) => [o.orderId, o.status])).toEqual([[1, 'inactive'], [2, 'submitted'], [3, 'filled'], [4, 'submitted'], [5, 'pending-submit']]);
    // Executions arriving afterwards still settle it.
    expect(book.applyExecutions('paper', 1, 10, 5)?.status).toBe('partially-filled');
  });

  it('keeps the broker’s row when it reported the order before placeOrder returned', () => {
    const book = createOrderBook(() => 0);
    book.apply({ account: 'paper', orderId: 7, status: 'submitted', symbol: 'AAPL' });
    const row = book.placed({ account: 'paper', side: 'BUY', symbol: 'AAPL', quantity: 1, type: 'market', tif: 'DAY' }, 7, 1, 1);
    expect(row).toBeNull();
    expect(book.get('paper', 7)?.status).toBe('submitted');
  });
});

const fill = (patch: Partial<Fill> = {}): Fill => ({
  execId: '0001f4e8.65d1.01.01', account: 'paper', orderId: 42, permId: 9001, symbol: 'AAPL', conId: 265598,
  side: 'BUY', quantity: 40, price: 187.49, exchange: 'ISLAND', commission: null, time: 5_000, ...patch,
});

describe('portfolio', () => {
  it('keys fills by execId: the late commission and a replay update one row', () => {
    const p = createPortfolio(() => 0);
    p.applyFill(fill());
    expect(p.applyFill(fill({ commission: 1.25 }))).toMatchObject({ commission: 1.25 });
    // Today's executions replayed after a reconnect, before the commission report comes again.
    p.applyFill(fill({ commission: null }));
    expect(p.fills()).toEqual([fill({ commission: 1.25 })]);
    p.applyFill(fill({ execId: '0001f4e8.65d1.01.02', quantity: 60, time: 6_000 }));
    expect(p.fills().map((f) => f.quantity)).toEqual([40, 60]);
  });

  it('keys positions by (account, conId) and keeps market figures when a quantity-only update comes', () => {
    const p = createPortfolio(() => 0);
    const pos: Position = { account: 'paper', symbol: 'AAPL', conId: 265598, quantity: 100, avgCost: 180, marketPrice: 190, marketValue: 19_000, unrealizedPnl: 1_000, realizedPnl: 0 };
    p.applyPosition(pos);
    p.applyPosition({ ...pos, quantity: 140, avgCost: 182, marketPrice: null, marketValue: null, unrealizedPnl: null, realizedPnl: null });
    p.applyPosition({ ...pos, account: 'live', quantity: -5 });
    expect(p.positions()).toEqual([
      { ...pos, quantity: 140, avgCost: 182 },
      { ...pos, account: 'live', quantity: -5 },
    ]);
    p.applyPosition({ ...pos, quantity: 0 });
    expect(p.positions().map((x) => x.account)).toEqual(['live']);
    expect(p.positionSymbols('live')).toEqual(['AAPL']);
  });

  it('keeps a position closed today in the snapshot while it carries realized P&L, marked flat by quantity 0', () => {
    const p = createPortfolio(() => 0);
    const pos: Position = { account: 'paper', symbol: 'MSFT', conId: 272093, quantity: 50, avgCost: 400, marketPrice: 405, marketValue: 20_250, unrealizedPnl: 250, realizedPnl: 0 };
    p.applyPosition(pos);
    p.applyPosition({ ...pos, quantity: 0, unrealizedPnl: 0, realizedPnl: 250 });
    expect(p.positions()).toEqual([{ ...pos, quantity: 0, unrealizedPnl: 0, realizedPnl: 250 }]);
    expect(p.positionSymbols('paper')).toEqual([]);
  });

  it('merges account values per account', () => {
    let now = 10;
    const p = createPortfolio(() => now);
    p.applyAccount({ account: 'paper', netLiquidation: 1_000_000 });
    now = 20;
    const merged = p.applyAccount({ account: 'paper', totalCash: 400_000, buyingPower: 4_000_000 });
    expect(merged).toEqual({
      account: 'paper', currency: 'USD', netLiquidation: 1_000_000, totalCash: 400_000, buyingPower: 4_000_000,
      availableFunds: null, unrealizedPnl: null, realizedPnl: null, updatedAt: 20,
    });
    expect(p.accounts()).toHaveLength(1);
  });
});
