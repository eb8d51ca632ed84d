// The chaos test's end check: the UI's Orders (working and completed), Fills and
// Positions set against the simulator's ground truth, field by field. Every
// difference is one sentence; an empty list means equal.

import type { Page } from '@playwright/test';
import { formatPrice } from '../../shared/format';
import { CHAOS_CODE, readTable, type ChaosWorld, type UiRow } from './chaos-world';

const SIM_STATUS: Record<string, string> = {
  PendingSubmit: 'Pending submit',
  PreSubmitted: 'Pre-submitted',
  Submitted: 'Working',
  PendingCancel: 'Pending cancel',
  Cancelled: 'Cancelled',
  Filled: 'Filled',
  Inactive: 'Inactive',
};

/** Rows that differ between the UI and the simulator, as sentences; empty when they are equal. */
export async function compareWithSimulator(page: Page, world: ChaosWorld, rejectReason: string): Promise<string[]> {
  const problems: string[] = [];
  const working = await readTable(page, 'table[aria-label="Working orders"]');
  const completed = await readTable(page, 'table[aria-label="Completed orders"]');
  const byId = new Map<string, UiRow[]>();
  for (const row of [...working, ...completed]) byId.set(row['#'] ?? '', [...(byId.get(row['#'] ?? '') ?? []), row]);
  for (const [id, rows] of byId) if (rows.length > 1) problems.push(`order ${id} shown ${rows.length} times`);
  const truth = [...world.simOrders.values()];
  const completedCap = 200;
  const shownCompleted = completed.length >= completedCap;
  for (const order of truth) {
    const rows = byId.get(String(order.orderId));
    const isWorking = ['PendingSubmit', 'PreSubmitted', 'Submitted', 'PendingCancel'].includes(order.status);
    if (!rows) {
      if (!isWorking && shownCompleted) continue; // older than the Completed table's newest 200
      problems.push(`order ${order.orderId} (${order.action} ${order.quantity} ${order.symbol}, ${order.status}) lost`);
      continue;
    }
    const row = rows[0] as UiRow;
    const expected: UiRow = {
      Side: order.action,
      Symbol: order.symbol,
      Qty: String(order.quantity),
      // IB keeps a partly filled order 'Submitted'; the workstation names it for what it is.
      Status: order.status === 'Submitted' && order.filled > 0 ? 'Partially filled' : (SIM_STATUS[order.status] ?? order.status),
      Filled: String(order.filled),
      Remaining: String(order.remaining),
      Limit: order.orderType === 'LMT' ? formatPrice(order.lmtPrice ?? 0) : '—',
    };
    const actual: UiRow = {};
    for (const key of Object.keys(expected)) actual[key] = (row[key] ?? '').replace(/,/g, '');
    if (JSON.stringify(actual) !== JSON.stringify(expected)) problems.push(`order ${order.orderId}: UI ${JSON.stringify(actual)} vs simulator ${JSON.stringify(expected)}`);
    // The price it filled at (after any modify): the average over its fills.
    const avg = Number((row['Avg price'] ?? '').replace(/,/g, ''));
    if (order.filled > 0 && !(Math.abs(avg - order.avgFillPrice) < 0.00015)) problems.push(`order ${order.orderId}: UI avg price ${row['Avg price']} vs simulator ${order.avgFillPrice}`);
    // Settled and reported again: no modify of it can still be in doubt.
    if ((row.Reason ?? '').startsWith('modify fate unknown')) problems.push(`order ${order.orderId} still says "${row.Reason}" although IB reported it since`);
  }
  const simIds = new Set(truth.map((o) => String(o.orderId)));
  for (const [id, rows] of byId) {
    if (simIds.has(id)) continue;
    const row = rows[0] as UiRow;
    // Orders the simulator never took: refused by it (its injected rejection, buying power: IB's
    // 201 'Order rejected'), or queued when a link closed and never sent.
    const reason = row.Reason ?? '';
    if (row.Status === 'Rejected' && (reason.includes(rejectReason) || /^Order rejected|order not sent|never reached IB/.test(reason))) continue;
    problems.push(`order ${id} shown but the simulator has no such order (${JSON.stringify(row)})`);
  }

  const fills = await readTable(page, 'section[aria-label="Fills"] table');
  const executions = world.simulator.exchange.executions(CHAOS_CODE);
  const fillKey = (side: string, symbol: string, qty: string, price: string, order: string): string => `${order} ${side} ${qty} ${symbol} @ ${price}`;
  const uiFills = fills.map((f) => fillKey(f.Side ?? '', f.Symbol ?? '', (f.Qty ?? '').replace(/,/g, ''), f.Price ?? '', f.Order ?? '')).sort();
  const simFills = executions
    .map((e) => fillKey(e.side === 'BOT' ? 'BUY' : 'SELL', e.symbol, String(e.shares), formatPrice(e.price), String(e.orderId)))
    .sort();
  if (JSON.stringify(uiFills) !== JSON.stringify(simFills)) problems.push(`fills differ: UI ${uiFills.length} [${uiFills.join('; ')}] vs simulator ${simFills.length} [${simFills.join('; ')}]`);

  const positions = await readTable(page, 'section[aria-label="Positions"] table');
  const uiPositions = positions.filter((p) => (p.Quantity ?? '0') !== '0').map((p) => `${p.Symbol} ${(p.Quantity ?? '').replace(/,/g, '')}`).sort();
  const simPositions = world.simulator.exchange.positions(CHAOS_CODE).filter((p) => p.position !== 0).map((p) => `${p.symbol} ${p.position}`).sort();
  if (JSON.stringify(uiPositions) !== JSON.stringify(simPositions)) problems.push(`positions differ: UI [${uiPositions.join('; ')}] vs simulator [${simPositions.join('; ')}]`);
  return problems;
}
