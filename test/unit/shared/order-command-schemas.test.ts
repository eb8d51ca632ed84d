import { describe, expect, it } from 'vitest';
import { parseOrderCommand } from '../../../shared/order-command-schemas';
import { parseCommandRequest } from '../../../shared/schema';

const order = { account: 'paper', side: 'BUY', symbol: 'AAPL', quantity: 100, type: 'limit', limitPrice: 187.5, tif: 'GTC' };
const refusal = (message: string) => ({ ok: false, error: { code: 'invalid-payload', message } });

describe('order command schemas', () => {
  it('accept a bracket and drop null prices like order.place does', () => {
    const group = {
      kind: 'bracket',
      entry: order,
      takeProfit: { ...order, side: 'SELL', limitPrice: 190, stopPrice: null },
      stopLoss: { ...order, side: 'SELL', type: 'stop', limitPrice: null, stopPrice: 185 },
    };
    const parsed = parseOrderCommand('order.placeGroup', { group });
    expect(parsed).toEqual({
      ok: true,
      value: {
        group: {
          kind: 'bracket',
          entry: order,
          takeProfit: { ...order, side: 'SELL', limitPrice: 190 },
          stopLoss: { account: 'paper', side: 'SELL', symbol: 'AAPL', quantity: 100, type: 'stop', stopPrice: 185, tif: 'GTC' },
        },
      },
    });
  });

  it('accept trailing, ext, modify, cancelSymbol, flatten and reverse payloads', () => {
    const trail = { ...order, type: 'trailing', limitPrice: null, trail: { percent: 1 }, outsideRth: false };
    expect(parseOrderCommand('order.placeGroup', { group: { kind: 'single', order: trail } })).toEqual({
      ok: true,
      value: { group: { kind: 'single', order: { account: 'paper', side: 'BUY', symbol: 'AAPL', quantity: 100, type: 'trailing', tif: 'GTC', trail: { percent: 1 } } } },
    });
    expect(parseOrderCommand('order.modify', { account: 'paper', orderId: 42, changes: { price: 187.6 } }).ok).toBe(true);
    expect(parseOrderCommand('order.cancelSymbol', { symbol: 'AAPL' }).ok).toBe(true);
    expect(parseOrderCommand('position.flatten', { symbol: { all: true }, account: 'paper' }).ok).toBe(true);
    expect(parseOrderCommand('position.reverse', { symbol: 'AAPL' }).ok).toBe(true);
  });

  it.each<[Parameters<typeof parseOrderCommand>[0], unknown, string]>([
    ['order.placeGroup', { group: { kind: 'fan', legs: [] } }, 'group.kind: expected "single", "bracket" or "oco", got "fan"'],
    ['order.placeGroup', { group: { kind: 'oco', legs: [] } }, 'group.legs: must have at least 1 items, got a list'],
    ['order.placeGroup', { group: { kind: 'single', order: { ...order, trail: { amount: '1' } } } }, 'group.order.trail.amount: expected a number, got "1"'],
    ['order.modify', { account: 'paper', orderId: -1, changes: {} }, 'orderId: must be at least 0, got -1'],
    ['order.modify', { account: 'paper', orderId: 42, changes: { limit: 1 } }, 'changes: unknown field "limit"'],
    ['order.modify', { account: 'paper', orderId: 42, changes: { tif: 'IOC' } }, 'changes.tif: expected "GTC" or "DAY", got "IOC"'],
    ['order.cancelSymbol', { symbol: 'X'.repeat(50) }, `symbol: must be at most 32 characters, got "${'X'.repeat(40)}"…`],
    ['position.flatten', { symbol: { all: false } }, 'symbol.all: expected true, got false'],
    ['position.reverse', {}, 'symbol: expected text, got nothing'],
  ])('%s refuses %j', (command, raw, message) => {
    expect(parseOrderCommand(command, raw)).toEqual(refusal(message));
  });

  it('order.place takes trail and outsideRth too, and still refuses an unknown field', () => {
    expect(parseCommandRequest('order.place', { order: { ...order, outsideRth: true } })).toEqual({ ok: true, value: { order: { ...order, outsideRth: true } } });
    expect(parseCommandRequest('order.place', { order: { ...order, trailing: 1 } })).toEqual(refusal('order: unknown field "trailing"'));
  });
});

describe('order.placeGroup in the contract', () => {
  it('takes a bracket or an OCA group, and sends a single order to order.place with a sentence', () => {
    const leg = { account: 'paper', side: 'SELL', symbol: 'AAPL', quantity: 100, type: 'stop', stopPrice: 185, tif: 'GTC' };
    expect(parseCommandRequest('order.placeGroup', { group: { kind: 'oco', legs: [leg] } })).toMatchObject({ ok: true });
    expect(parseCommandRequest('order.placeGroup', { group: { kind: 'single', order: leg } })).toEqual({
      ok: false,
      error: { code: 'invalid-payload', message: 'group.kind: order.placeGroup takes a bracket or an OCA group (a single order goes through order.place), got "single"' },
    });
  });
});
