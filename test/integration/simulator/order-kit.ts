// Helpers for the order-management integration tests: one simulator on a fixed
// base clock, real IBApi clients, and readers for what the client decoded.

import { EventName, OrderAction, OrderType, SecType, TimeInForce, type Contract, type Order, type OrderState } from '@stoqey/ib';
import { expect } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../../electron/simulator/index';
import type { SimulatorOptions } from '../../../electron/simulator/api';
import { TestClient } from './client';

export const ACCOUNT = 'DU1000001';
export const AAPL: Contract = { conId: 265598, secType: SecType.STK, exchange: 'SMART', currency: 'USD' };
export const MSFT: Contract = { conId: 272093, secType: SecType.STK, exchange: 'SMART', currency: 'USD' };
/** Thursday 15 January 2026, 10:00 New York (EST). */
export const THURSDAY_10_NY = Date.UTC(2026, 0, 15, 15, 0, 0);
/** The same Thursday, 08:00 New York: pre-market. */
export const THURSDAY_08_NY = Date.UTC(2026, 0, 15, 13, 0, 0);

export interface Kit {
  sim: SimulatorHandle;
  clients: TestClient[];
}

/** A still market (tickRate 0) on a clock that stands still until setClock moves it. AAPL at 190 (bid 189.99, ask 190.01). */
export async function startKit(base = THURSDAY_10_NY, options: SimulatorOptions = {}): Promise<Kit> {
  const sim = await startSimulator({ listen: [{ port: 0, account: ACCOUNT }], tickRate: 0, seed: 3, now: () => base, ...options });
  sim.movePrice('AAPL', 190);
  return { sim, clients: [] };
}

export async function stopKit(kit: Kit): Promise<void> {
  for (const c of kit.clients.splice(0)) {
    expect(c.decoderErrors()).toEqual([]);
    c.disconnect();
  }
  await kit.sim.close();
}

export async function connected(kit: Kit, clientId: number): Promise<TestClient> {
  const c = new TestClient(kit.sim.ports[0]?.port ?? 0, clientId);
  kit.clients.push(c);
  await c.connect();
  return c;
}

export function order(action: OrderAction, quantity: number, type: OrderType, more: Partial<Order> = {}): Order {
  return { action, totalQuantity: quantity, orderType: type, tif: TimeInForce.GTC, transmit: true, ...more };
}

export type Status = [id: number, status: string, filled: number, remaining: number, avgFillPrice: number, permId: number, parentId: number, lastFillPrice: number, clientId: number, whyHeld: string, mktCapPrice: number];

export function statuses(c: TestClient, orderId: number): Status[] {
  return c.seen(EventName.orderStatus).filter((args) => args[0] === orderId) as Status[];
}

/** The status strings this client saw for the order, repeats collapsed. */
export function statusTrail(c: TestClient, orderId: number): string[] {
  const out: string[] = [];
  for (const s of statuses(c, orderId)) if (out.at(-1) !== s[1]) out.push(s[1]);
  return out;
}

export async function waitStatus(c: TestClient, orderId: number, status: string, since = 0): Promise<Status> {
  return (await c.waitFor(EventName.orderStatus, (id: number, s: string) => id === orderId && s === status, 2000, since)) as Status;
}

export interface OpenOrderSeen {
  contract: Contract;
  order: Order;
  state: OrderState;
}

export async function waitOpenOrder(c: TestClient, orderId: number, match: (o: Order, s: OrderState) => boolean = () => true, since = 0): Promise<OpenOrderSeen> {
  const [, contract, o, state] = (await c.waitFor(
    EventName.openOrder,
    (id: number, _c: Contract, o: Order, s: OrderState) => id === orderId && match(o, s),
    2000,
    since,
  )) as [number, Contract, Order, OrderState];
  return { contract, order: o, state };
}

export function openOrders(c: TestClient, orderId: number): Order[] {
  return c.seen(EventName.openOrder).filter((args) => args[0] === orderId).map((args) => args[2] as Order);
}

/** Resolves with [message, code] of the first error with this code on this id. */
export async function waitError(c: TestClient, id: number, code: number, since = 0): Promise<[string, number]> {
  const [error] = (await c.waitFor(EventName.error, (_e: Error, k: number, i: number) => k === code && i === id, 2000, since)) as [Error];
  return [error.message, code];
}

/** Round trip through the simulator: everything it sent before this has been decoded. */
export async function sync(c: TestClient): Promise<void> {
  const mark = c.mark;
  c.ib.reqCurrentTime();
  await c.waitFor(EventName.currentTime, () => true, 2000, mark);
}

/** Index of the first event matching, for ordering assertions. */
export function indexOf(c: TestClient, name: string, match: (args: unknown[]) => boolean): number {
  return c.events.findIndex((e) => e.name === name && match(e.args));
}

export { OrderAction, OrderType, TimeInForce };
