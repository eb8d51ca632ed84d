// Shared fixtures for the exchange tests: a fresh exchange on a fixed clock and a
// listener that records everything it is told.
import { createExchange } from '../../../electron/simulator/exchange';
import type {
  Exchange, ExchangeListener, NewOrder, SimAccountValues, SimExecution, SimOrder, SimPosition, SimReject, SimTick,
} from '../../../electron/simulator/exchange/types';

export const ACCOUNT = 'DU1000001';
export const OTHER = 'DU1000002';
export const AAPL = 265598;
export const NOW = Date.UTC(2026, 10, 24, 14, 30, 0);

export function makeExchange(over: { seed?: number; startingCash?: number } = {}): Exchange {
  return createExchange({
    seed: over.seed ?? 1,
    accounts: [ACCOUNT, OTHER],
    startingCash: over.startingCash ?? 1_000_000,
    now: () => NOW,
  });
}

export interface Recorder extends ExchangeListener {
  ticks: SimTick[];
  orders: SimOrder[];
  executions: SimExecution[];
  positions: SimPosition[];
  accounts: SimAccountValues[];
  /** "orderId:status" in the order they were reported. */
  statuses(): string[];
}

export function record(ex: Exchange, keepTicks = false): Recorder {
  const r: Recorder = {
    ticks: [], orders: [], executions: [], positions: [], accounts: [],
    onTick: (t) => { if (keepTicks) r.ticks.push(t); },
    onOrder: (o) => { r.orders.push(o); },
    onExecution: (e) => { r.executions.push(e); },
    onPosition: (p) => { r.positions.push(p); },
    onAccount: (a) => { r.accounts.push(a); },
    statuses: () => r.orders.map((o) => `${o.orderId}:${o.status}`),
  };
  ex.addListener(r);
  return r;
}

let nextId = 1;
export function order(over: Partial<NewOrder>): NewOrder {
  return {
    account: ACCOUNT,
    clientId: 7,
    orderId: nextId++,
    conId: AAPL,
    action: 'BUY',
    quantity: 100,
    orderType: 'MKT',
    lmtPrice: null,
    auxPrice: null,
    tif: 'GTC',
    transmit: true,
    ...over,
  };
}

export function accepted(result: SimOrder | SimReject): SimOrder {
  if ('code' in result) throw new Error(`expected the order to be accepted, got ${result.code} ${result.message}`);
  return result;
}

export function rejected(result: SimOrder | SimReject): SimReject {
  if (!('code' in result)) throw new Error(`expected a reject, got order ${result.orderId} ${result.status}`);
  return result;
}
