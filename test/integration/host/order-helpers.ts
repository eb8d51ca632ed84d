// Helpers for the host's order tests (#11): a connected rig, quotes and positions
// as the simulator and the host see them, and order requests.

import type { OrderRequest, Position } from '../../../shared/model';
import type { SimulatorHandle } from '../../../electron/simulator';
import { accountFor, settingsWith, startRig, type Rig } from './rig';

export async function connectedRig(sim: SimulatorHandle, clientId = 7): Promise<Rig> {
  const r = await startRig(settingsWith([accountFor(sim, 'paper', clientId)]));
  await r.pump('paper connected', () => r.state('paper')?.readyForOrders === true);
  return r;
}

export const order = (patch: Partial<OrderRequest>): OrderRequest => ({
  account: 'paper', side: 'BUY', symbol: 'AAPL', quantity: 100, type: 'market', tif: 'GTC', ...patch,
});

export const round = (x: number): number => Math.round(x * 100) / 100;

export function quoteOf(sim: SimulatorHandle, symbol: string): { bid: number; ask: number; last: number; conId: number } {
  const entry = sim.exchange.findBySymbol(symbol)[0];
  const quote = entry && sim.exchange.quote(entry.conId);
  if (!entry || !quote) throw new Error(`no simulator quote for ${symbol}`);
  return { bid: quote.bid, ask: quote.ask, last: quote.last, conId: entry.conId };
}

/** The host's latest position for a symbol (0 when none reported). */
export function positionOf(r: Rig, symbol: string, account = 'paper'): number {
  let last: Position | undefined;
  for (const e of r.events) if (e.event === 'position' && e.payload.symbol === symbol && e.payload.account === account) last = e.payload;
  return last?.quantity ?? 0;
}

export const working = (status: string | undefined): boolean => status === 'submitted' || status === 'pre-submitted';

/** Buy (or sell) at market and wait until the host holds the position. */
export async function hold(r: Rig, symbol: string, quantity: number): Promise<void> {
  const before = positionOf(r, symbol);
  const placed = await r.must('order.place', { order: order({ symbol, side: quantity > 0 ? 'BUY' : 'SELL', quantity: Math.abs(quantity) }) });
  await r.pump(`${symbol} filled`, () => r.order('paper', placed.orderId)?.status === 'filled');
  await r.pump(`${symbol} position`, () => positionOf(r, symbol) === before + quantity);
}
