import { describe, expect, it } from 'vitest';
import { OrderStatus, SecType } from '@stoqey/ib';
import { groupLinks, toIbGroup, toIbModify, toIbOrder } from '../../../electron/ib/mapping/order';
import { openOrderToUpdate, trailOf } from '../../../electron/ib/mapping/open-order';
import type { Instrument, OrderRequest } from '../../../shared/model';

const aapl: Instrument = {
  symbol: 'AAPL', conId: 265598, secType: 'STK', exchange: 'SMART', primaryExchange: 'NASDAQ', currency: 'USD', minTick: 0.01, longName: 'APPLE INC',
};
const buy: OrderRequest = { account: 'main', side: 'BUY', symbol: 'AAPL', quantity: 100, type: 'limit', limitPrice: 187.5, tif: 'GTC' };
const tp: OrderRequest = { ...buy, side: 'SELL', limitPrice: 190 };
const sl: OrderRequest = { account: 'main', side: 'SELL', symbol: 'AAPL', quantity: 100, type: 'stop', stopPrice: 185, tif: 'GTC' };

describe('trailing stops to IB TRAIL', () => {
  it('sends a trail amount as auxPrice and a percent as trailingPercent, never both', () => {
    const amount = toIbOrder({ ...sl, type: 'trailing', stopPrice: undefined, trail: { amount: 0.5 } }, aapl, 'DU1').order;
    expect(amount).toMatchObject({ orderType: 'TRAIL', auxPrice: 0.5, action: 'SELL', transmit: true });
    expect(amount.trailingPercent).toBeUndefined();
    const percent = toIbOrder({ ...sl, type: 'trailing', stopPrice: undefined, trail: { percent: 1.5 } }, aapl, 'DU1').order;
    expect(percent).toMatchObject({ orderType: 'TRAIL', trailingPercent: 1.5 });
    expect(percent.auxPrice).toBeUndefined();
  });

  it('refuses a trailing order without a usable trail, and a trail on another type', () => {
    const trail = { ...sl, type: 'trailing' as const, stopPrice: undefined };
    expect(() => toIbOrder(trail, aapl, 'DU1')).toThrow('trailing order needs a trail amount or percent');
    expect(() => toIbOrder({ ...trail, trail: { percent: 100 } }, aapl, 'DU1')).toThrow('trail percent must be above 0 and below 100, got 100');
    expect(() => toIbOrder({ ...trail, trail: { amount: -1 } }, aapl, 'DU1')).toThrow('trail amount price must be a positive number, got -1');
    expect(() => toIbOrder({ ...buy, trail: { amount: 1 } }, aapl, 'DU1')).toThrow('limit order takes no trail');
  });
});

describe('order groups to IB tickets', () => {
  it('links a bracket: parent transmit=false, children with its parentId in one OCA group, the last transmits', () => {
    const tickets = toIbGroup({ kind: 'bracket', entry: buy, takeProfit: tp, stopLoss: sl }, aapl, 'DU1', 40);
    expect(tickets.map((t) => t.order)).toEqual([
      expect.objectContaining({ action: 'BUY', orderType: 'LMT', lmtPrice: 187.5, transmit: false }),
      expect.objectContaining({ action: 'SELL', orderType: 'LMT', lmtPrice: 190, parentId: 40, ocaGroup: 'janus-DU1-40', ocaType: 1, transmit: false }),
      expect.objectContaining({ action: 'SELL', orderType: 'STP', auxPrice: 185, parentId: 40, ocaGroup: 'janus-DU1-40', ocaType: 1, transmit: true }),
    ]);
    expect(tickets[0]?.order.parentId).toBeUndefined();
    expect(tickets[0]?.order.ocaGroup).toBeUndefined();
  });

  it('a bracket with one child: that child transmits', () => {
    expect(groupLinks({ kind: 'bracket', entry: buy, stopLoss: sl }, 'DU1', 7)).toEqual([
      { transmit: false },
      { parentId: 7, ocaGroup: 'janus-DU1-7', ocaType: 1, transmit: true },
    ]);
  });

  it('an exit: every leg in one OCA group of type 1, each transmitting, no parent', () => {
    const tickets = toIbGroup({ kind: 'oco', legs: [tp, sl] }, aapl, 'DU1', 9);
    expect(tickets.map((t) => [t.order.ocaGroup, t.order.ocaType, t.order.transmit, t.order.parentId])).toEqual([
      ['janus-DU1-9', 1, true, undefined],
      ['janus-DU1-9', 1, true, undefined],
    ]);
  });

  it('a single order is a plain transmitting ticket; a bad leg is named', () => {
    expect(toIbGroup({ kind: 'single', order: buy }, aapl, 'DU1', 1)[0]?.order).toEqual(toIbOrder(buy, aapl, 'DU1').order);
    expect(() => toIbGroup({ kind: 'bracket', entry: buy, stopLoss: { ...sl, stopPrice: undefined } }, aapl, 'DU1', 1)).toThrow(
      'stop-loss: stop order needs a stop price',
    );
  });

  it('a modify re-sends the whole order with the links IB knows it by', () => {
    const ticket = toIbModify({ ...sl, quantity: 50, stopPrice: 184 }, aapl, 'DU1', { parentId: 40, ocaGroup: 'janus-DU1-40', ocaType: 1 });
    expect(ticket.order).toMatchObject({ orderType: 'STP', totalQuantity: 50, auxPrice: 184, parentId: 40, ocaGroup: 'janus-DU1-40', ocaType: 1, transmit: true });
    expect(toIbModify(buy, aapl, 'DU1', { parentId: null, ocaGroup: null }).order).toEqual(toIbOrder(buy, aapl, 'DU1').order);
  });
});

describe('openOrder rows of every type', () => {
  const contract = { conId: 265598, symbol: 'AAPL', secType: SecType.STK };
  const MAX = Number.MAX_VALUE;

  it('a TRAIL row carries its trail and where the stop stands (trailStopPrice)', () => {
    const r = openOrderToUpdate('main', 5, contract, { orderType: 'TRAIL' as never, action: 'SELL' as never, totalQuantity: 100, auxPrice: 0.5, trailingPercent: MAX, trailStopPrice: 186.52, tif: 'GTC' }, { status: OrderStatus.Submitted }, 1);
    expect(r).toMatchObject({ update: { type: 'trailing', ibType: 'TRAIL', trail: { amount: 0.5 }, trailStopPrice: 186.52, limitPrice: null, stopPrice: null, status: 'submitted' } });
    expect(trailOf({ orderType: 'TRAIL' as never, auxPrice: MAX, trailingPercent: 2 })).toEqual({ percent: 2 });
    expect(trailOf({ orderType: 'TRAIL' as never, auxPrice: 0, trailingPercent: MAX })).toBeNull();
  });

  it('a type Janus does not model is a foreign row with IB type text and prices', () => {
    const rel = openOrderToUpdate('main', 6, contract, { orderType: 'REL' as never, action: 'BUY' as never, totalQuantity: 10, lmtPrice: 187, auxPrice: 0.01, clientId: 3, tif: 'DAY' }, { status: OrderStatus.Submitted }, 1);
    expect(rel).toMatchObject({ update: { type: 'foreign', ibType: 'REL', limitPrice: 187, stopPrice: 0.01, clientId: 3, tif: 'DAY', status: 'submitted' } });
    const trailLimit = openOrderToUpdate('main', 7, contract, { orderType: 'TRAIL LIMIT' as never, action: 'SELL' as never, totalQuantity: 10, lmtPrice: MAX, auxPrice: 1, trailStopPrice: 185 }, { status: OrderStatus.PreSubmitted }, 1);
    expect(trailLimit).toMatchObject({ update: { type: 'foreign', ibType: 'TRAIL LIMIT', limitPrice: null, stopPrice: 1, trailStopPrice: 185, status: 'pre-submitted' } });
    const moc = openOrderToUpdate('main', 8, contract, { orderType: 'MOC' as never, action: 'SSHORT' as never, totalQuantity: 10 }, { status: OrderStatus.Submitted }, 1);
    expect(moc).toMatchObject({ update: { type: 'foreign', ibType: 'MOC', side: 'SELL', limitPrice: null, stopPrice: null } });
  });

  it('keeps bracket and OCA links and outsideRth', () => {
    const child = openOrderToUpdate('main', 11, contract, { orderType: 'STP' as never, action: 'SELL' as never, totalQuantity: 100, auxPrice: 185, parentId: 10, ocaGroup: 'janus-DU1-10', ocaType: 1, outsideRth: true }, { status: OrderStatus.PreSubmitted }, 1);
    expect(child).toMatchObject({ update: { parentId: 10, ocaGroup: 'janus-DU1-10', outsideRth: true, stopPrice: 185 } });
    const plain = openOrderToUpdate('main', 12, contract, { orderType: 'LMT' as never, action: 'BUY' as never, totalQuantity: 1, lmtPrice: 1, parentId: 0, ocaGroup: '' }, { status: OrderStatus.Submitted }, 1);
    expect(plain).toMatchObject({ update: { parentId: null, ocaGroup: null, outsideRth: false } });
  });
});
