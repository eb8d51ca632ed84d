import { describe, expect, it } from 'vitest';
import {
  ACCOUNT, AAPL, NOW, OTHER, accepted, makeExchange, order, record, rejected,
} from './exchange-helpers';

const ZZPNY = 900000201;
const EXEC_ID = /^[0-9a-f]{8}\.[0-9a-f]{8}\.01\.01$/;

describe('market orders', () => {
  it('buy fills at once at the ask: PreSubmitted then Filled, with an execution', () => {
    const ex = makeExchange();
    ex.movePrice(AAPL, 100);
    const r = record(ex);
    const o = accepted(ex.placeOrder(order({ orderId: 5, quantity: 100 })));
    expect(o).toMatchObject({ orderId: 5, status: 'Filled', filled: 100, remaining: 0, avgFillPrice: 100.01, lastFillPrice: 100.01 });
    expect(r.statuses()).toEqual(['5:PreSubmitted', '5:Filled']);
    expect(r.executions).toHaveLength(1);
    expect(r.executions[0]).toMatchObject({
      account: ACCOUNT, clientId: 7, orderId: 5, permId: o.permId, conId: AAPL, symbol: 'AAPL', side: 'BOT',
      shares: 100, price: 100.01, cumQty: 100, avgPrice: 100.01, exchange: 'NASDAQ', time: NOW, commission: 1,
    });
    expect(r.executions[0]?.execId).toMatch(EXEC_ID);
    expect(ex.openOrders(ACCOUNT)).toEqual([]);
    expect(ex.executions(ACCOUNT)).toEqual(r.executions);
  });

  it('sell fills at the bid', () => {
    const ex = makeExchange();
    ex.movePrice(AAPL, 100);
    const o = accepted(ex.placeOrder(order({ action: 'SELL', quantity: 200 })));
    expect(o).toMatchObject({ status: 'Filled', avgFillPrice: 99.99 });
    expect(ex.executions(ACCOUNT)[0]).toMatchObject({ side: 'SLD', shares: 200, price: 99.99 });
  });

  it('fills an order larger than the displayed size in parts against successive quotes', () => {
    const ex = makeExchange();
    const r = record(ex);
    ex.movePrice(AAPL, 100); // ask size stays at its opening 300
    const o = accepted(ex.placeOrder(order({ orderId: 9, quantity: 1000 })));
    expect(o).toMatchObject({ status: 'Submitted', filled: 300, remaining: 700 });
    ex.movePrice(AAPL, 101);
    ex.movePrice(AAPL, 102);
    ex.movePrice(AAPL, 103);
    expect(r.orders.map((x) => `${x.status} ${x.filled}/${x.remaining} ${x.avgFillPrice}`)).toEqual([
      'PreSubmitted 0/1000 0',
      'Submitted 300/700 100.01',
      'Submitted 600/400 100.51',
      'Submitted 900/100 101.01',
      'Filled 1000/0 101.21',
    ]);
    expect(r.executions.map((e) => [e.shares, e.price, e.cumQty, e.commission])).toEqual([
      [300, 100.01, 300, 1.5],
      [300, 101.01, 600, 1.5],
      [300, 102.01, 900, 1.5],
      [100, 103.01, 1000, 0.5],
    ]);
    expect(new Set(r.executions.map((e) => e.execId)).size).toBe(4);
    for (const e of r.executions) expect(e.execId).toMatch(EXEC_ID);
    // A fifth quote must not fill anything more.
    ex.movePrice(AAPL, 104);
    expect(r.executions).toHaveLength(4);
  });

  it('partial fills through the random walk sum to the quantity', () => {
    const ex = makeExchange({ seed: 11 });
    const r = record(ex);
    accepted(ex.placeOrder(order({ quantity: 5000 })));
    for (let i = 0; i < 200 && ex.openOrders(ACCOUNT).length > 0; i++) ex.step(100);
    expect(ex.openOrders(ACCOUNT)).toEqual([]);
    const shares = r.executions.map((e) => e.shares);
    expect(shares.length).toBeGreaterThan(1);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(5000);
    expect(r.executions.at(-1)?.cumQty).toBe(5000);
    expect(new Set(r.executions.map((e) => e.execId)).size).toBe(r.executions.length);
    const final = r.orders.at(-1);
    const vwap = r.executions.reduce((a, e) => a + e.shares * e.price, 0) / 5000;
    expect(final?.status).toBe('Filled');
    expect(final?.avgFillPrice).toBeCloseTo(vwap, 8);
    expect(r.executions.reduce((a, e) => a + e.commission, 0)).toBeCloseTo(25, 10);
  });
});

describe('limit orders', () => {
  it('a buy below the ask rests as Submitted and fills at the ask once the ask reaches the limit', () => {
    const ex = makeExchange();
    ex.movePrice(AAPL, 100);
    const r = record(ex);
    const o = accepted(ex.placeOrder(order({ orderId: 3, orderType: 'LMT', lmtPrice: 99.5, quantity: 100 })));
    expect(o).toMatchObject({ status: 'Submitted', filled: 0, remaining: 100, lmtPrice: 99.5 });
    expect(ex.openOrders(ACCOUNT).map((x) => x.orderId)).toEqual([3]);
    ex.movePrice(AAPL, 99.6); // ask 99.61: not yet
    expect(r.executions).toEqual([]);
    ex.movePrice(AAPL, 99.45); // ask 99.46 <= 99.50: fills at the better price
    expect(r.statuses()).toEqual(['3:PreSubmitted', '3:Submitted', '3:Filled']);
    expect(r.executions[0]).toMatchObject({ price: 99.46, shares: 100 });
    expect(ex.openOrders(ACCOUNT)).toEqual([]);
  });

  it('a marketable buy fills at once at the ask, not at its limit', () => {
    const ex = makeExchange();
    ex.movePrice(AAPL, 100);
    const o = accepted(ex.placeOrder(order({ orderType: 'LMT', lmtPrice: 101, quantity: 100 })));
    expect(o).toMatchObject({ status: 'Filled', avgFillPrice: 100.01 });
  });

  it('a sell rests until the bid reaches the limit and fills at the bid', () => {
    const ex = makeExchange();
    ex.movePrice(AAPL, 100);
    const r = record(ex);
    accepted(ex.placeOrder(order({ orderId: 4, action: 'SELL', orderType: 'LMT', lmtPrice: 100.5 })));
    ex.movePrice(AAPL, 100.5); // bid 100.49
    expect(r.executions).toEqual([]);
    ex.movePrice(AAPL, 100.55); // bid 100.54 >= 100.50
    expect(r.statuses()).toEqual(['4:PreSubmitted', '4:Submitted', '4:Filled']);
    expect(r.executions[0]).toMatchObject({ side: 'SLD', price: 100.54 });
  });

  it('accepts sub-penny limits on a 0.0001 name', () => {
    const ex = makeExchange();
    const o = accepted(ex.placeOrder(order({ conId: ZZPNY, orderType: 'LMT', lmtPrice: 0.4001, quantity: 1000 })));
    expect(o).toMatchObject({ status: 'Submitted', symbol: 'ZZPNY' });
  });
});

describe('stop orders', () => {
  it('a buy stop waits PreSubmitted, triggers when the market reaches the stop, then fills at the ask', () => {
    const ex = makeExchange();
    ex.movePrice(AAPL, 100);
    const r = record(ex);
    const o = accepted(ex.placeOrder(order({ orderId: 8, orderType: 'STP', auxPrice: 102 })));
    expect(o).toMatchObject({ status: 'PreSubmitted', triggered: false, auxPrice: 102, lmtPrice: null });
    ex.movePrice(AAPL, 101.5); // ask 101.51 < 102
    expect(r.statuses()).toEqual(['8:PreSubmitted']);
    ex.movePrice(AAPL, 102.2); // ask 102.21 >= 102: trigger, buy at the ask
    expect(r.statuses()).toEqual(['8:PreSubmitted', '8:Filled']);
    expect(r.orders.at(-1)).toMatchObject({ triggered: true, avgFillPrice: 102.21 });
  });

  it('a sell stop triggers on the bid and sells at the bid', () => {
    const ex = makeExchange();
    ex.movePrice(AAPL, 100);
    const r = record(ex);
    accepted(ex.placeOrder(order({ orderId: 6, action: 'SELL', orderType: 'STP', auxPrice: 98 })));
    ex.movePrice(AAPL, 98.02); // bid 98.01
    expect(r.executions).toEqual([]);
    ex.movePrice(AAPL, 98.01); // bid 98.00 <= 98
    expect(r.executions[0]).toMatchObject({ side: 'SLD', price: 98 });
    expect(r.statuses()).toEqual(['6:PreSubmitted', '6:Filled']);
  });

  it('a stop-limit triggers, then works as a limit: PreSubmitted, Submitted, Filled', () => {
    const ex = makeExchange();
    ex.movePrice(AAPL, 100);
    const r = record(ex);
    accepted(ex.placeOrder(order({ orderId: 12, action: 'SELL', orderType: 'STP LMT', auxPrice: 98, lmtPrice: 97.9 })));
    ex.movePrice(AAPL, 97); // bid 96.99: triggered, but below the 97.90 limit
    expect(r.statuses()).toEqual(['12:PreSubmitted', '12:Submitted']);
    expect(r.orders.at(-1)?.triggered).toBe(true);
    expect(r.executions).toEqual([]);
    ex.movePrice(AAPL, 97.95); // bid 97.94 >= 97.90
    expect(r.statuses()).toEqual(['12:PreSubmitted', '12:Submitted', '12:Filled']);
    expect(r.executions[0]).toMatchObject({ price: 97.94, shares: 100 });
  });

  it('a stop triggered by the random walk fills', () => {
    const ex = makeExchange({ seed: 21 });
    const r = record(ex);
    const ask = ex.quote(AAPL)?.ask ?? 0;
    accepted(ex.placeOrder(order({ orderId: 1, orderType: 'STP', auxPrice: Math.round((ask + 0.01) * 100) / 100 })));
    for (let i = 0; i < 200 && r.executions.length === 0; i++) ex.step(500);
    expect(r.executions.length).toBeGreaterThan(0);
    expect(r.orders[0]?.status).toBe('PreSubmitted');
  });
});

describe('order rejects', () => {
  it('refuses an unsupported order type with 387', () => {
    const ex = makeExchange();
    expect(rejected(ex.placeOrder(order({ orderType: 'PEG BENCH' })))).toEqual({
      code: 387, message: 'Unsupported order type for this exchange and security type.',
    });
  });

  it('refuses a price off the minimum tick with 110', () => {
    const ex = makeExchange();
    const tick = { code: 110, message: 'The price does not conform to the minimum price variation for this contract.' };
    expect(rejected(ex.placeOrder(order({ orderType: 'LMT', lmtPrice: 187.555 })))).toEqual(tick);
    expect(rejected(ex.placeOrder(order({ orderType: 'STP', auxPrice: 190.001 })))).toEqual(tick);
    expect(rejected(ex.placeOrder(order({ conId: ZZPNY, orderType: 'LMT', lmtPrice: 0.40005 })))).toEqual(tick);
  });

  it('refuses a reused or lower order id with 103, per account (a live id from its own client is a modify)', () => {
    const ex = makeExchange();
    accepted(ex.placeOrder(order({ orderId: 50, orderType: 'LMT', lmtPrice: 150 })));
    const dup = { code: 103, message: 'Duplicate order id' };
    expect(rejected(ex.placeOrder(order({ orderId: 50, clientId: 8, orderType: 'LMT', lmtPrice: 150 })))).toEqual(dup);
    expect(rejected(ex.placeOrder(order({ orderId: 49, orderType: 'LMT', lmtPrice: 150 })))).toEqual(dup);
    // Another account has its own id space.
    accepted(ex.placeOrder(order({ account: OTHER, orderId: 1, orderType: 'LMT', lmtPrice: 150 })));
    expect(ex.nextOrderId(ACCOUNT)).toBe(51);
    expect(ex.nextOrderId(OTHER)).toBe(2);
  });

  it('uses up an id even when the order is refused, as TWS does', () => {
    const ex = makeExchange();
    expect(ex.nextOrderId(ACCOUNT)).toBe(1);
    rejected(ex.placeOrder(order({ orderId: 7, orderType: 'LMT', lmtPrice: 1.005 })));
    expect(ex.nextOrderId(ACCOUNT)).toBe(8);
    expect(rejected(ex.placeOrder(order({ orderId: 7, orderType: 'LMT', lmtPrice: 150 }))).code).toBe(103);
  });

  it('rejects the next order once with 201 and the given reason', () => {
    const ex = makeExchange();
    ex.rejectNextOrder(ACCOUNT, 'Simulated exchange outage');
    const r = record(ex);
    // A refused new order keeps a permId (TWS shows it in the Inactive status and the completed orders).
    expect(rejected(ex.placeOrder(order({})))).toEqual({ code: 201, message: 'Order rejected - reason:Simulated exchange outage', permId: 1_900_000_001 });
    expect(r.orders).toEqual([]);
    expect(ex.completedOrders(ACCOUNT).map((c) => [c.order.permId, c.order.status, c.completedStatus])).toEqual([
      [1_900_000_001, 'Inactive', 'Rejected: Order rejected - reason:Simulated exchange outage'],
    ]);
    expect(accepted(ex.placeOrder(order({}))).status).toBe('Filled');
    expect(() => ex.rejectNextOrder('DU404', 'x')).toThrow('rejectNextOrder: unknown account DU404');
  });

  it('refuses missing or invalid sizes and prices with clear text', () => {
    const ex = makeExchange();
    expect(rejected(ex.placeOrder(order({ quantity: 0 })))).toEqual({ code: 434, message: 'The order size cannot be zero.' });
    expect(rejected(ex.placeOrder(order({ quantity: -5 }))).message).toContain('The order size must be a positive number of shares, got -5.');
    expect(rejected(ex.placeOrder(order({ quantity: 1.5 })))).toEqual({ code: 10243, message: 'Fractional-sized order cannot be placed via API.' });
    expect(rejected(ex.placeOrder(order({ orderType: 'LMT', lmtPrice: null })))).toEqual({
      code: 321, message: "Error validating request:-'bW' : cause - The limit price is missing for this order type.",
    });
    expect(rejected(ex.placeOrder(order({ orderType: 'STP LMT', lmtPrice: 180, auxPrice: null }))).message).toContain(
      'The stop price is missing for this order type.',
    );
    expect(rejected(ex.placeOrder(order({ orderType: 'LMT', lmtPrice: -1 }))).message).toContain(
      'The limit price must be a positive number, got -1.',
    );
    expect(rejected(ex.placeOrder(order({ orderType: 'LMT', lmtPrice: Number.MAX_VALUE }))).message).toContain(
      'The limit price 1.7976931348623157e+308 is out of range.',
    );
    expect(rejected(ex.placeOrder(order({ conId: 1 })))).toEqual({ code: 200, message: 'No security definition has been found for the request' });
    expect(rejected(ex.placeOrder(order({ account: 'DU404' })))).toEqual({
      code: 201, message: 'Order rejected - reason:Account DU404 is not managed by this gateway.',
    });
    expect(ex.openOrders(ACCOUNT)).toEqual([]);
    expect(ex.executions(ACCOUNT)).toEqual([]);
  });

  it('refuses a buy whose value exceeds available funds with 201', () => {
    const ex = makeExchange({ startingCash: 10_000 });
    ex.movePrice(AAPL, 100);
    expect(rejected(ex.placeOrder(order({ orderType: 'LMT', lmtPrice: 99, quantity: 102 })))).toEqual({
      code: 201,
      message: 'Order rejected - reason:Insufficient buying power. Order value 10098.00 USD exceeds available funds 10000.00 USD.',
      permId: 1_900_000_001,
    });
    // A resting buy reserves its value; the next one must fit in what is left.
    const resting = accepted(ex.placeOrder(order({ orderType: 'LMT', lmtPrice: 99, quantity: 50 })));
    expect(ex.accountValues(ACCOUNT)).toMatchObject({ availableFunds: 5050, buyingPower: 20200, totalCashValue: 10000 });
    expect(rejected(ex.placeOrder(order({ orderType: 'LMT', lmtPrice: 99, quantity: 60 }))).message).toBe(
      'Order rejected - reason:Insufficient buying power. Order value 5940.00 USD exceeds available funds 5050.00 USD.',
    );
    // Market orders are valued at the ask; sells need no funds.
    expect(rejected(ex.placeOrder(order({ quantity: 51 }))).message).toContain('Order value 5100.51 USD');
    accepted(ex.placeOrder(order({ action: 'SELL', orderType: 'LMT', lmtPrice: 150, quantity: 500 })));
    ex.cancelOrder(ACCOUNT, resting.orderId);
    expect(ex.accountValues(ACCOUNT).availableFunds).toBe(10000);
    expect(accepted(ex.placeOrder(order({ orderType: 'LMT', lmtPrice: 99, quantity: 101 }))).status).toBe('Submitted');
  });
});

describe('cancel', () => {
  it('cancels a working order: PendingCancel then Cancelled, and it never fills', () => {
    const ex = makeExchange();
    ex.movePrice(AAPL, 100);
    const r = record(ex);
    accepted(ex.placeOrder(order({ orderId: 30, orderType: 'LMT', lmtPrice: 95 })));
    const c = ex.cancelOrder(ACCOUNT, 30);
    expect(c).toMatchObject({ orderId: 30, status: 'Cancelled', filled: 0, remaining: 100 });
    expect(r.statuses()).toEqual(['30:PreSubmitted', '30:Submitted', '30:PendingCancel', '30:Cancelled']);
    ex.movePrice(AAPL, 90);
    expect(r.executions).toEqual([]);
    expect(ex.openOrders(ACCOUNT)).toEqual([]);
  });

  it('refuses to cancel an unknown order with 10147 and a filled or cancelled one with 10148', () => {
    const ex = makeExchange();
    expect(ex.cancelOrder(ACCOUNT, 999)).toEqual({ code: 10147, message: 'OrderId 999 that needs to be cancelled is not found.' });
    const filled = accepted(ex.placeOrder(order({ orderId: 40 })));
    expect(filled.status).toBe('Filled');
    expect(ex.cancelOrder(ACCOUNT, 40)).toEqual({
      code: 10148, message: 'OrderId 40 that needs to be cancelled cannot be cancelled, state: Filled.',
    });
    accepted(ex.placeOrder(order({ orderId: 41, orderType: 'LMT', lmtPrice: 100 })));
    ex.cancelOrder(ACCOUNT, 41);
    expect(ex.cancelOrder(ACCOUNT, 41)).toEqual({
      code: 10148, message: 'OrderId 41 that needs to be cancelled cannot be cancelled, state: Cancelled.',
    });
    // Another account's order is not found from this one.
    expect(ex.cancelOrder(OTHER, 41)).toEqual({ code: 10147, message: 'OrderId 41 that needs to be cancelled is not found.' });
  });

  it('cancels a partly filled order, keeping what filled', () => {
    const ex = makeExchange();
    ex.movePrice(AAPL, 100);
    accepted(ex.placeOrder(order({ orderId: 60, quantity: 1000 })));
    expect(ex.cancelOrder(ACCOUNT, 60)).toMatchObject({ status: 'Cancelled', filled: 300, remaining: 700 });
    expect(ex.positions(ACCOUNT)[0]?.position).toBe(300);
  });

  it('cancelAll cancels every working order of the account and only those', () => {
    const ex = makeExchange();
    ex.movePrice(AAPL, 100);
    accepted(ex.placeOrder(order({ orderId: 1, orderType: 'LMT', lmtPrice: 90 })));
    accepted(ex.placeOrder(order({ orderId: 2, orderType: 'STP', auxPrice: 110 })));
    accepted(ex.placeOrder(order({ orderId: 3 }))); // fills
    accepted(ex.placeOrder(order({ account: OTHER, orderId: 1, orderType: 'LMT', lmtPrice: 90 })));
    const done = ex.cancelAll(ACCOUNT);
    expect(done.map((o) => `${o.orderId}:${o.status}`)).toEqual(['1:Cancelled', '2:Cancelled']);
    expect(ex.openOrders(ACCOUNT)).toEqual([]);
    expect(ex.openOrders(OTHER).map((o) => o.orderId)).toEqual([1]);
    expect(ex.cancelAll(ACCOUNT)).toEqual([]);
    expect(ex.cancelAll('DU404')).toEqual([]);
  });

  it('holds a transmit=false order without working it until cancelled', () => {
    const ex = makeExchange();
    ex.movePrice(AAPL, 100);
    const o = accepted(ex.placeOrder(order({ orderId: 70, transmit: false })));
    expect(o).toMatchObject({ status: 'PendingSubmit', filled: 0 });
    ex.movePrice(AAPL, 101);
    expect(ex.executions(ACCOUNT)).toEqual([]);
    expect(ex.openOrders(ACCOUNT).map((x) => x.status)).toEqual(['PendingSubmit']);
    expect(ex.cancelOrder(ACCOUNT, 70)).toMatchObject({ status: 'Cancelled' });
  });
});

describe('orders and ids across clients', () => {
  it('keeps GTC and DAY orders working with no notion of connections, and ids per account', () => {
    const ex = makeExchange();
    ex.movePrice(AAPL, 100);
    accepted(ex.placeOrder(order({ orderId: 10, clientId: 1, orderType: 'LMT', lmtPrice: 95, tif: 'DAY' })));
    accepted(ex.placeOrder(order({ orderId: 11, clientId: 2, orderType: 'LMT', lmtPrice: 96, tif: 'GTC' })));
    expect(rejected(ex.placeOrder(order({ orderId: 11, clientId: 1 }))).code).toBe(103);
    expect(ex.openOrders(ACCOUNT).map((o) => [o.orderId, o.clientId, o.tif])).toEqual([[10, 1, 'DAY'], [11, 2, 'GTC']]);
    expect(ex.nextOrderId(ACCOUNT)).toBe(12);
    expect(ex.nextOrderId('DU404')).toBe(1);
    expect(rejected(ex.placeOrder(order({ tif: 'IOC' as 'DAY' }))).message).toContain('Unsupported time in force "IOC"');
  });

  it('returns copies: changing a returned order does not change the exchange', () => {
    const ex = makeExchange();
    const o = accepted(ex.placeOrder(order({ orderId: 1, orderType: 'LMT', lmtPrice: 95 })));
    o.status = 'Filled';
    o.remaining = 0;
    expect(ex.openOrders(ACCOUNT)[0]).toMatchObject({ status: 'Submitted', remaining: 100 });
  });
});
