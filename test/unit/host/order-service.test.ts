import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Order, OrderRequest, Position, RiskLimits } from '../../../shared/model';
import type { BrokerCapabilities } from '../../../electron/host/broker';
import { createBrokerRegistry } from '../../../electron/host/broker-registry';
import { createOrderBook } from '../../../electron/host/order-book';
import { createOrderService } from '../../../electron/host/order-service';
import { createQuoteBook } from '../../../electron/host/quote-book';
import { createSessionManager, type SessionSpec } from '../../../electron/host/session-manager';
import { openSymbolRegistry } from '../../../electron/host/symbol-registry';
import { ManualScheduler } from '../../helpers/manual-scheduler';
import { FakeBroker, instrument, settle } from './fake-broker';

const noop = () => {};
const AAPL = instrument('AAPL', 265598, { minTick: 0.01 });

function spec(id: string, clientId: number): SessionSpec {
  return { id, name: id, broker: 'ib', host: '127.0.0.1', port: 4002, clientId, accountCode: '', enabled: true, simulated: false };
}

async function setup(risk: RiskLimits = { maxQuantity: null, maxNotional: null, priceBandPercent: null }, lacking: Partial<BrokerCapabilities> = {}) {
  const scheduler = new ManualScheduler(0);
  const broker = new FakeBroker();
  broker.capabilities = { ...broker.capabilities, ...lacking };
  const orders = createOrderBook(() => scheduler.now());
  const quotes = createQuoteBook({ scheduler, emit: noop });
  const published: Order[] = [];
  const logs: string[] = [];
  const positions: Position[] = [];
  const sessions = createSessionManager({
    brokers: createBrokerRegistry([broker]),
    scheduler,
    publish: () => quotes.setReadySessions(sessions.readySessions()),
    log: noop,
    listenerFor: () => ({
      onTick: quotes.onTick, onQuoteMode: noop, onFill: noop, onPosition: noop, onAccount: noop, onLog: noop,
      onOrder: (u) => published.push(orders.apply(u)),
    }),
    onSessionCreated: noop,
    onSessionRemoved: noop,
    onConnected: noop,
  });
  const symbols = await openSymbolRegistry({ dataDir: await mkdtemp(join(tmpdir(), 'janus-orders-')), scheduler, log: noop });
  // The host's books as flatten sees them change: a test applies an update, then calls changed().
  const watchers = new Set<() => void>();
  const changed = (): void => [...watchers].forEach((fn) => fn());
  const books = { scheduler, watch: (fn: () => void) => (watchers.add(fn), () => void watchers.delete(fn)) };
  const service = createOrderService({
    sessions, symbols, quotes, orders, positions: () => positions, risk: () => risk, publishOrder: (o) => published.push(o),
    log: (_level, source, message) => logs.push(`${source}: ${message}`), now: () => scheduler.now(), books,
  });
  sessions.start();
  sessions.reconcile([spec('paper', 7), spec('live', 8)]);
  const paper = broker.session('paper');
  paper.succeed();
  await settle();
  // Cache AAPL and stream a quote for it.
  const resolving = symbols.resolve('AAPL', paper);
  paper.lookups[0]?.answer([AAPL]);
  await resolving;
  quotes.subscribe('r1', AAPL);
  quotes.onTick(AAPL.conId, 'bid', 190);
  quotes.onTick(AAPL.conId, 'ask', 190.02);
  quotes.onTick(AAPL.conId, 'last', 190.01);
  return { scheduler, broker, paper, service, orders, published, sessions, logs, positions, changed };
}

const buy = (patch: Partial<OrderRequest> = {}): OrderRequest => ({
  account: 'paper', side: 'BUY', symbol: 'aapl', quantity: 100, type: 'limit', limitPrice: 190, tif: 'GTC', ...patch,
});

const refused = (message: string) => ({ ok: false, error: { code: 'order-refused', message } });

describe('order service: final checks before an order leaves', () => {
  it('sends a valid order with the resolved instrument and publishes the row', async () => {
    const { service, paper, published } = await setup();
    expect(await service.place(buy())).toEqual({ ok: true, value: { key: 'paper:100', orderId: 100 } });
    expect(paper.placed).toEqual([{ request: buy({ symbol: 'AAPL' }), instrument: AAPL, orderId: 100 }]);
    expect(published.at(-1)).toMatchObject({ key: 'paper:100', symbol: 'AAPL', status: 'pending-submit', clientId: 7, quantity: 100, remaining: 100 });
  });

  it('logs each sent order once, in the one shared description', async () => {
    const { service, logs } = await setup();
    await service.place(buy());
    expect(logs.filter((line) => line.includes('100'))).toEqual(['paper: sent order 100: BUY 100 AAPL LMT 190.00 GTC @paper']);
  });

  it('refuses orders for an account that is not connected — never queues them', async () => {
    const { service, broker } = await setup();
    expect(await service.place(buy({ account: 'live' }))).toEqual(
      refused('account "live" is not connected — orders are refused, never queued'),
    );
    expect(broker.session('live').placed).toEqual([]);
    expect(await service.place(buy({ account: 'nope' }))).toEqual(refused('unknown account "nope"'));
  });

  it('refuses when the session drops while the symbol is being looked up', async () => {
    const { service, paper } = await setup();
    const pending = service.place(buy({ symbol: 'MSFT' }));
    paper.drop('connection to 127.0.0.1:4002 lost');
    paper.lookups[1]?.answer([instrument('MSFT', 272093)]);
    expect(await pending).toEqual(refused('account "paper" is not connected — orders are refused, never queued'));
    expect(paper.placed).toEqual([]);
  });

  it('refuses an unresolvable symbol with the registry’s reason', async () => {
    const { service, paper } = await setup();
    const pending = service.place(buy({ symbol: 'XYZQ' }));
    paper.lookups[1]?.answer([]);
    expect(await pending).toEqual(refused('unknown symbol "XYZQ": IB has no US stock by that name'));
  });

  it('applies the order rules with the instrument’s tick and the risk limits against the quote', async () => {
    const { service } = await setup({ maxQuantity: 500, maxNotional: 50_000, priceBandPercent: null });
    expect(await service.place(buy({ limitPrice: 190.005 }))).toEqual(refused('limit price 190.005 is not a multiple of the 0.01 tick'));
    expect(await service.place(buy({ quantity: 600 }))).toEqual(refused('quantity 600 is above the 500 share limit'));
    // A market buy is valued at the ask (190.02): 300 × 190.02 = 57,006.
    expect(await service.place(buy({ type: 'market', limitPrice: undefined, quantity: 300 }))).toEqual(
      refused('notional $57,006.00 is above the $50,000.00 limit'),
    );
  });

  it('refuses a market order it cannot value against the notional limit (no quote)', async () => {
    const { service, paper } = await setup({ maxQuantity: null, maxNotional: 50_000, priceBandPercent: null });
    const pending = service.place(buy({ symbol: 'MSFT', type: 'market', limitPrice: undefined }));
    paper.lookups[1]?.answer([instrument('MSFT', 272093)]);
    expect(await pending).toEqual(
      refused('no quote for MSFT to value this market order against the $50,000.00 notional limit — open a quote for MSFT first'),
    );
    // A limit order carries its own price.
    expect((await service.place(buy({ symbol: 'MSFT', limitPrice: 400 }))).ok).toBe(true);
  });

  it('applies the price band against the current quote', async () => {
    const { service } = await setup({ maxQuantity: null, maxNotional: null, priceBandPercent: 5 });
    const result = await service.place(buy({ limitPrice: 209 }));
    expect(result).toEqual(refused('buy limit 209.00 is 10.0% above the ask 190.02 (band 5%)'));
    expect((await service.place(buy({ limitPrice: 191 }))).ok).toBe(true);
  });

  it('passes the broker’s own refusal on as the reason', async () => {
    const { service, paper } = await setup();
    paper.refuseNextPlace = 'account paper is waiting for TWS to assign order ids — order not sent';
    expect(await service.place(buy())).toEqual(refused('account paper is waiting for TWS to assign order ids — order not sent'));
  });

  it('cancels a working order and says which orders are not working', async () => {
    const { service, paper, orders } = await setup();
    await service.place(buy());
    expect(service.cancel('paper', 100)).toEqual({ ok: true, value: null });
    expect(paper.cancelled).toEqual([100]);
    expect(service.cancel('paper', 42)).toEqual({ ok: false, error: { code: 'not-found', message: 'order 42 is not a working order of paper' } });
    orders.apply({ account: 'paper', orderId: 100, status: 'cancelled' });
    expect(service.cancel('paper', 100)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(service.cancel('ghost', 1)).toEqual({ ok: false, error: { code: 'unknown-account', message: 'unknown account "ghost"' } });
  });

  it('cancel all asks each connected account and counts what the broker cancelled', async () => {
    const { service, paper, broker, sessions } = await setup();
    sessions.reconcile([spec('paper', 7), { ...spec('live', 8), enabled: false }]);
    await settle();
    await service.place(buy());
    await service.place(buy({ limitPrice: 189 }));
    paper.cancelAllCount = 2;
    expect(service.cancelAll('paper')).toEqual({ ok: true, value: { requested: 2 } });
    // "live" is switched off and has nothing working: not a miss.
    expect(service.cancelAll()).toEqual({ ok: true, value: { requested: 2 } });
    expect(paper.cancelAllCalls).toBe(2);
    expect(broker.session('live').cancelAllCalls).toBe(0);
    expect(service.cancelAll('live')).toEqual({
      ok: false,
      error: { code: 'not-connected', message: 'cancel all not sent to "live" (not connected) — nothing was cancelled' },
    });
  });

  it('cancel all with an account down answers an Order Error naming it, and what was sent elsewhere', async () => {
    const { service, paper, broker, orders } = await setup();
    await service.place(buy());
    paper.cancelAllCount = 1;
    // Three orders working on "live", which is down (it was up when they were placed).
    for (const orderId of [1, 2, 3]) orders.apply({ account: 'live', orderId, symbol: 'AAPL', side: 'BUY', quantity: 1, status: 'submitted' });
    expect(service.cancelAll()).toEqual({
      ok: false,
      error: {
        code: 'not-connected',
        message: 'cancel all not sent to "live" (not connected, 3 working orders there) — cancels sent on "paper" for 1 order',
      },
    });
    expect(paper.cancelAllCalls).toBe(1);
    expect(broker.session('live').cancelAllCalls).toBe(0);
    paper.drop('connection to 127.0.0.1:4002 lost');
    expect(service.cancelAll()).toEqual({
      ok: false,
      error: {
        code: 'not-connected',
        message: 'cancel all not sent to "paper" (not connected, 1 working order there), "live" (not connected, 3 working orders there) — nothing was cancelled',
      },
    });
  });

  it('refuses orders beyond the rate guard with a sentence, per account, and only counts orders that left', async () => {
    const { service, paper, scheduler } = await setup({
      maxQuantity: null, maxNotional: null, priceBandPercent: null, maxOrdersPerSecond: 3, maxOrdersPerMinute: 4,
    });
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => service.place(buy())));
    expect(results.map((r) => r.ok)).toEqual([true, true, true, false, false]);
    expect(results[3]).toEqual(refused('rate guard: 3 orders already sent on "paper" in the last second (limit 3/s) — order not sent'));
    expect(paper.placed).toHaveLength(3);
    scheduler.advance(1_000);
    expect((await service.place(buy())).ok).toBe(true);
    expect(await service.place(buy())).toEqual(
      refused('rate guard: 4 orders already sent on "paper" in the last minute (limit 4/min) — order not sent'),
    );
    scheduler.advance(59_000);
    expect((await service.place(buy())).ok).toBe(true);
    expect(paper.placed).toHaveLength(5);
  });
});

describe('order service: groups, modify, flatten and capabilities (#11)', () => {
  const sell = (patch: Partial<OrderRequest> = {}): OrderRequest => buy({ side: 'SELL', ...patch });
  const long = (quantity: number) => ({
    account: 'paper', symbol: 'AAPL', conId: AAPL.conId, quantity, avgCost: 180, marketPrice: null, marketValue: null, unrealizedPnl: null, realizedPnl: null,
  });

  it('sends a bracket whole, one leg per order id, and answers the keys in sending order', async () => {
    const { service, paper } = await setup();
    const group = { kind: 'bracket' as const, entry: buy(), takeProfit: sell({ limitPrice: 192 }), stopLoss: sell({ type: 'stop', limitPrice: undefined, stopPrice: 188 }) };
    expect(await service.placeGroup(group)).toEqual({ ok: true, value: { keys: ['paper:100', 'paper:101', 'paper:102'], orderIds: [100, 101, 102] } });
    expect(paper.groups[0]?.group).toMatchObject({ kind: 'bracket', entry: { symbol: 'AAPL' }, takeProfit: { symbol: 'AAPL', limitPrice: 192 } });
  });

  it('counts a bracket once against the rate guard: one line, one action, whatever its legs', async () => {
    const { service } = await setup({
      maxQuantity: null, maxNotional: null, priceBandPercent: null, maxOrdersPerSecond: 2, maxOrdersPerMinute: null,
    });
    const bracket = { kind: 'bracket' as const, entry: buy(), takeProfit: sell({ limitPrice: 192 }), stopLoss: sell({ type: 'stop', limitPrice: undefined, stopPrice: 188 }) };
    expect((await service.placeGroup(bracket)).ok).toBe(true);
    expect((await service.place(buy())).ok).toBe(true);
    expect(await service.place(buy())).toEqual(
      refused('rate guard: 2 orders already sent on "paper" in the last second (limit 2/s) — order not sent'),
    );
  });

  it('refuses what the account’s broker cannot do, before anything is sent', async () => {
    const noRisk = { maxQuantity: null, maxNotional: null, priceBandPercent: null };
    const { service, paper } = await setup(noRisk, { bracket: false, trailing: false, outsideRth: false, modify: false });
    expect(await service.placeGroup({ kind: 'bracket', entry: buy(), takeProfit: sell({ limitPrice: 192 }) })).toEqual(
      refused(`account "paper"'s broker (IB) does not take brackets: send the orders one by one`),
    );
    expect(await service.place(sell({ type: 'trailing', limitPrice: undefined, trail: { amount: 1 } }))).toEqual(
      refused(`account "paper"'s broker (IB) does not take trailing stops`),
    );
    expect(await service.place(buy({ outsideRth: true }))).toEqual(refused(`account "paper"'s broker (IB) does not take orders outside regular hours (ext)`));
    expect(await service.modify({ account: 'paper', orderId: 1, changes: { price: 1 } })).toEqual(
      refused(`account "paper"'s broker cannot modify orders: cancel and send a new one`),
    );
    expect(paper.placed).toEqual([]);
  });

  it('refuses an exit when flat or larger than the position, and sends it against a position', async () => {
    const { service, positions, paper } = await setup();
    const exit = { kind: 'oco' as const, legs: [sell({ limitPrice: 192 }), sell({ type: 'stop', limitPrice: undefined, stopPrice: 188 })] };
    expect(await service.placeGroup(exit)).toEqual(refused('no AAPL position to exit in account "paper"'));
    positions.push(long(50));
    expect(await service.placeGroup(exit)).toEqual(refused('cannot exit 100 shares: 50 AAPL held in account "paper"'));
    positions[0] = long(100);
    expect(await service.placeGroup(exit)).toMatchObject({ ok: true, value: { orderIds: [100, 101] } });
    expect(paper.placed.map((p) => p.request.type)).toEqual(['limit', 'stop']);
  });

  it('modifies a working order with the whole new request, and refuses another client’s', async () => {
    const { service, paper, orders } = await setup();
    await service.place(buy());
    orders.apply({ account: 'paper', orderId: 100, status: 'submitted' });
    expect(await service.modify({ account: 'paper', orderId: 100, changes: { price: 189.5, quantity: 50 } })).toEqual({ ok: true, value: { key: 'paper:100', orderId: 100 } });
    expect(paper.modified).toEqual([{ orderId: 100, request: buy({ symbol: 'AAPL', limitPrice: 189.5, quantity: 50 }), instrument: AAPL }]);
    orders.apply({ account: 'paper', orderId: 100, clientId: 3 });
    expect(await service.modify({ account: 'paper', orderId: 100, changes: { price: 189 } })).toEqual(
      refused('order 100 belongs to client 3, not this session (client 7): only its own orders can be modified'),
    );
  });

  it('flat cancels the symbol’s working orders, then closes the position at market; rev sends twice the size', async () => {
    const { service, paper, positions, orders, changed } = await setup({ maxQuantity: 100, maxNotional: null, priceBandPercent: null });
    await service.place(buy({ limitPrice: 180 }));
    orders.apply({ account: 'paper', orderId: 100, status: 'submitted' });
    positions.push(long(100));
    const flat = service.flatten({ account: 'paper', symbol: 'aapl' });
    await settle();
    expect(paper.cancelled).toEqual([100]);
    // Nothing closes until IB confirms the cancel.
    expect(paper.placed).toHaveLength(1);
    orders.apply({ account: 'paper', orderId: 100, status: 'cancelled' });
    changed();
    expect(await flat).toEqual({ ok: true, value: { orderIds: [101] } });
    expect(paper.placed.at(-1)?.request).toEqual({ account: 'paper', symbol: 'AAPL', side: 'SELL', quantity: 100, type: 'market', tif: 'DAY' });
    // The same key again before the fill reaches the position: the close is under way, nothing more is sent.
    expect(await service.flatten({ account: 'paper', symbol: 'AAPL' })).toEqual(refused('a market SELL for AAPL is already working (#101): nothing more sent'));
    expect(paper.placed).toHaveLength(2);
    orders.apply({ account: 'paper', orderId: 101, status: 'filled', filled: 100, remaining: 0 });
    // Reversing opens 100 the other way: 200 shares pass the risk limits like any order.
    expect(await service.reverse({ account: 'paper', symbol: 'AAPL' })).toEqual(refused('AAPL in paper: quantity 200 is above the 100 share limit'));
  });
});
