// The order engine at the exchange level: modify, OCA, brackets, held cancels
// and session effects, with the exact statuses and values a trader would see.
import { describe, expect, it } from 'vitest';
import { AAPL, ACCOUNT, accepted, makeExchange, order, record, rejected } from './exchange-helpers';

describe('modify', () => {
  it('re-checks buying power against what the old order reserved', () => {
    const ex = makeExchange({ startingCash: 10_000 });
    ex.movePrice(AAPL, 100);
    const o = accepted(ex.placeOrder(order({ orderType: 'LMT', lmtPrice: 90, quantity: 100 })));
    // 100 x 90 = 9,000 reserved; 110 x 90 = 9,900 fits once the old 9,000 is freed.
    expect(accepted(ex.placeOrder({ ...order({ orderType: 'LMT', lmtPrice: 90, quantity: 110 }), orderId: o.orderId })).quantity).toBe(110);
    const refused = rejected(ex.placeOrder({ ...order({ orderType: 'LMT', lmtPrice: 90, quantity: 120 }), orderId: o.orderId }));
    expect(refused.code).toBe(201);
    expect(refused.message).toMatch(/^Order rejected - reason:Insufficient buying power\. Order value 10800\.00 USD exceeds available funds/);
    expect(ex.openOrders(ACCOUNT)[0]).toMatchObject({ quantity: 110, remaining: 110, lmtPrice: 90 });
  });

  it('a marketable new limit fills at once; a size at or below the filled part is refused', () => {
    const ex = makeExchange();
    ex.movePrice(AAPL, 100);
    const r = record(ex);
    const o = accepted(ex.placeOrder(order({ orderType: 'LMT', lmtPrice: 99, quantity: 500 })));
    accepted(ex.placeOrder({ ...order({ orderType: 'LMT', lmtPrice: 100.05, quantity: 500 }), orderId: o.orderId }));
    expect(r.orders.at(-1)).toMatchObject({ status: 'Submitted', filled: 300, remaining: 200, avgFillPrice: 100.01 });
    const refused = rejected(ex.placeOrder({ ...order({ orderType: 'LMT', lmtPrice: 100.05, quantity: 300 }), orderId: o.orderId }));
    expect(refused).toEqual({ code: 201, message: 'Order rejected - reason:The new size 300 is not above the 300 shares already filled.' });
  });

  it('transmits a held order when modified with transmit=true', () => {
    const ex = makeExchange();
    ex.movePrice(AAPL, 100);
    const r = record(ex);
    const o = accepted(ex.placeOrder(order({ orderType: 'LMT', lmtPrice: 99, transmit: false })));
    expect(o.status).toBe('PendingSubmit');
    accepted(ex.placeOrder({ ...order({ orderType: 'LMT', lmtPrice: 99 }), orderId: o.orderId }));
    expect(r.statuses()).toEqual([`${o.orderId}:PendingSubmit`, `${o.orderId}:PreSubmitted`, `${o.orderId}:Submitted`]);
  });
});

describe('OCA and brackets', () => {
  it('OCA type 2 reduces the other orders by the filled quantity instead of cancelling them', () => {
    const ex = makeExchange();
    ex.movePrice(AAPL, 100);
    const a = accepted(ex.placeOrder(order({ action: 'SELL', orderType: 'LMT', lmtPrice: 105, quantity: 400, ocaGroup: 'g', ocaType: 2 })));
    const b = accepted(ex.placeOrder(order({ action: 'SELL', orderType: 'LMT', lmtPrice: 110, quantity: 400, ocaGroup: 'g', ocaType: 2 })));
    ex.movePrice(AAPL, 105.02); // bid 105.01: a sells the displayed 300
    const open = ex.openOrders(ACCOUNT);
    expect(open.find((o) => o.orderId === a.orderId)).toMatchObject({ filled: 300, remaining: 100 });
    expect(open.find((o) => o.orderId === b.orderId)).toMatchObject({ quantity: 100, remaining: 100, status: 'Submitted' });
  });

  it('a child of an unknown parent gets 135', () => {
    const ex = makeExchange();
    expect(rejected(ex.placeOrder(order({ orderType: 'LMT', lmtPrice: 99, parentId: 4242 })))).toEqual({ code: 135, message: "Can't find order with id =4242" });
  });
});

describe('held cancels', () => {
  it('a partial fill during a pending cancel stays PendingCancel; releasing cancels the rest', () => {
    const ex = makeExchange();
    ex.movePrice(AAPL, 100);
    const o = accepted(ex.placeOrder(order({ orderType: 'LMT', lmtPrice: 99, quantity: 500 })));
    ex.holdCancels(true);
    expect(accepted(ex.cancelOrder(ACCOUNT, o.orderId)).status).toBe('PendingCancel');
    expect(rejected(ex.cancelOrder(ACCOUNT, o.orderId))).toEqual({ code: 161, message: `Cancel attempted when order is not in a cancellable state. Order permId =${o.permId}` });
    ex.movePrice(AAPL, 98.9);
    expect(ex.openOrders(ACCOUNT)[0]).toMatchObject({ status: 'PendingCancel', filled: 300, remaining: 200 });
    ex.holdCancels(false);
    expect(ex.openOrders(ACCOUNT)).toEqual([]);
    expect(ex.positions(ACCOUNT)[0]?.position).toBe(300);
  });
});

describe('session effects', () => {
  it('the close cancels DAY orders, fills MOC at the last price, keeps GTC; 20:00 cancels outsideRth DAY orders', () => {
    const ex = makeExchange();
    ex.movePrice(AAPL, 100);
    const day = accepted(ex.placeOrder(order({ orderType: 'LMT', lmtPrice: 90, tif: 'DAY' })));
    const gtc = accepted(ex.placeOrder(order({ orderType: 'LMT', lmtPrice: 90, tif: 'GTC' })));
    const ext = accepted(ex.placeOrder(order({ orderType: 'LMT', lmtPrice: 90, tif: 'DAY', outsideRth: true })));
    const moc = accepted(ex.placeOrder(order({ orderType: 'MOC', tif: 'DAY', quantity: 10 })));
    expect(moc.status).toBe('Submitted');
    const r = record(ex);
    ex.setSession('POST');
    // The DAY order's reservation is released and the account hears of it.
    expect(r.accounts.at(-1)).toEqual(ex.accountValues(ACCOUNT));
    const status = (id: number): string | undefined => ex.openOrders(ACCOUNT).find((o) => o.orderId === id)?.status;
    expect([status(day.orderId), status(gtc.orderId), status(ext.orderId), status(moc.orderId)]).toEqual([undefined, 'PreSubmitted', 'Submitted', undefined]);
    expect(ex.executions(ACCOUNT).map((e) => [e.orderId, e.shares, e.price])).toEqual([[moc.orderId, 10, 100]]);
    ex.setSession('CLOSED');
    expect(ex.openOrders(ACCOUNT).map((o) => [o.orderId, o.status])).toEqual([[gtc.orderId, 'PreSubmitted']]);
    ex.setSession('OPEN');
    expect(ex.openOrders(ACCOUNT).map((o) => [o.orderId, o.status])).toEqual([[gtc.orderId, 'Submitted']]);
  });
});
