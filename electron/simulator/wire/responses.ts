// Server messages at server version 193, as field lists. Layouts follow
// @stoqey/ib 1.6.10's decoder field by field (see
// /work/shared/research/ib-protocol-notes.md §3.2); a field too many or too few
// shows up in the client as error 505, which the integration tests assert never
// happens.

import type { SimAccountValues, SimExecution, SimOrder, SimPosition, UniverseEntry } from '../exchange/types';
import { UNSET_DOUBLE, type Field } from './codec';
import { ServerMsg } from './message-ids';
import { MAX_SERVER_VER, MIN_SERVER_VER as V } from './server-versions';

export function nextValidId(orderId: number): Field[] {
  return [ServerMsg.NEXT_VALID_ID, 1, orderId];
}

export function managedAccounts(accounts: readonly string[]): Field[] {
  return [ServerMsg.MANAGED_ACCTS, 1, accounts.join(',')];
}

/** ERR_MSG; id -1 reaches the client as an `info` event, anything else as `error`. */
export function errorMessage(id: number, code: number, message: string, v: number = MAX_SERVER_VER): Field[] {
  const text = v >= V.ENCODE_MSG_ASCII7 ? asciiEscape(message) : message;
  // The trailing advancedOrderRejectJson stays empty: invalid JSON there crashes the client.
  return v >= V.ADVANCED_ORDER_REJECT ? [ServerMsg.ERR_MSG, 2, id, code, text, ''] : [ServerMsg.ERR_MSG, 2, id, code, text];
}

/** TWS escapes non-ASCII as \uXXXX (server version >= 153); the client unescapes. */
function asciiEscape(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function currentTime(epochSeconds: number): Field[] {
  return [ServerMsg.CURRENT_TIME, 1, epochSeconds];
}

export function marketDataType(reqId: number, type: number): Field[] {
  return [ServerMsg.MARKET_DATA_TYPE, 1, reqId, type];
}

export function tickReqParams(reqId: number, minTick: number): Field[] {
  // minTick is decoded with readInt by @stoqey/ib (a client bug); send it as TWS does.
  return [ServerMsg.TICK_REQ_PARAMS, reqId, minTick, '9c0001', 3];
}

export function tickSnapshotEnd(reqId: number): Field[] {
  return [ServerMsg.TICK_SNAPSHOT_END, 1, reqId];
}

export function tickPrice(reqId: number, tickType: number, price: number, size: number): Field[] {
  return [ServerMsg.TICK_PRICE, 6, reqId, tickType, price, size, 0];
}

export function tickSize(reqId: number, tickType: number, size: number): Field[] {
  return [ServerMsg.TICK_SIZE, 6, reqId, tickType, size];
}

/** tradingHours / liquidHours as exchange/session.ts sessionHours() writes them. */
export interface SessionHours {
  tradingHours: string;
  liquidHours: string;
}

/** CONTRACT_DATA at server version `v`; `marketRuleIds` one rule id per valid exchange (SMART first). */
export function contractData(reqId: number, entry: UniverseEntry, hours: SessionHours, v: number = MAX_SERVER_VER, marketRuleIds = ''): Field[] {
  const out: Field[] = [ServerMsg.CONTRACT_DATA];
  if (v < V.SIZE_RULES) out.push(8); // message version
  out.push(reqId, entry.symbol, 'STK', '');
  if (v >= V.LAST_TRADE_DATE) out.push('');
  out.push(0, '', 'SMART', 'USD', entry.symbol, marketName(entry), marketName(entry), entry.conId, entry.minTick);
  if (v >= V.MD_SIZE_MULTIPLIER && v < V.SIZE_RULES) out.push(1); // mdSizeMultiplier
  out.push(
    '', 'ACTIVETIM,AD,ALERT,DAY,GTC,LMT,MKT,STP,STPLMT', `SMART,${entry.primaryExchange}`, 1, 0,
    entry.longName, entry.primaryExchange,
    '', '', '', '', 'US/Eastern',
    hours.tradingHours, hours.liquidHours,
    '', '', 0, // evRule, evMultiplier, secIdCount
  );
  if (v >= V.AGG_GROUP) out.push(1);
  if (v >= V.UNDERLYING_INFO) out.push('', '');
  if (v >= V.MARKET_RULES) out.push(marketRuleIds);
  if (v >= V.REAL_EXPIRATION_DATE) out.push('');
  if (v >= V.STOCK_TYPE) out.push('COMMON');
  if (v >= V.FRACTIONAL_SIZE_SUPPORT && v < V.SIZE_RULES) out.push('0.0001'); // sizeMinTick
  if (v >= V.SIZE_RULES) out.push('0.0001', '0.0001', '100'); // minSize, sizeIncrement, suggestedSizeIncrement
  if (v >= V.INELIGIBILITY_REASONS) out.push(0);
  return out;
}

function marketName(entry: UniverseEntry): string {
  return entry.primaryExchange === 'NASDAQ' ? 'NMS' : entry.symbol;
}

export function contractDataEnd(reqId: number): Field[] {
  return [ServerMsg.CONTRACT_DATA_END, 1, reqId];
}

export { openOrder } from './order-messages';

/** ORDER_STATUS: a message version (6) below MARKET_CAP_PRICE, mktCapPrice from it on. */
function orderStatusFields(v: number, fields: Field[]): Field[] {
  return v >= V.MARKET_CAP_PRICE ? [ServerMsg.ORDER_STATUS, ...fields, 0] : [ServerMsg.ORDER_STATUS, 6, ...fields];
}

export function orderStatus(order: SimOrder, v: number = MAX_SERVER_VER): Field[] {
  return orderStatusFields(v, [
    order.orderId, order.status, order.filled, order.remaining, order.avgFillPrice,
    order.permId, order.parentId, order.lastFillPrice, order.clientId, '',
  ]);
}

/** ORDER_STATUS for an order IB refused (after error 201); permId 0 when it never got one. */
export function rejectedOrderStatus(orderId: number, status: 'Inactive' | 'Cancelled', remaining: number, clientId: number, v: number = MAX_SERVER_VER, permId = 0): Field[] {
  return orderStatusFields(v, [orderId, status, 0, remaining, 0, permId, 0, 0, clientId, '']);
}

export function openOrderEnd(): Field[] {
  return [ServerMsg.OPEN_ORDER_END, 1];
}

/** "yyyyMMdd HH:mm:ss UTC": TWS prints execution times in its configured zone; ours is UTC. */
export function twsTime(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
}

/** EXECUTION_DATA: a message version (10) below LAST_LIQUIDITY; lastLiquidity, pendingPriceRevision gated. */
export function executionData(reqId: number, execution: SimExecution, v: number = MAX_SERVER_VER): Field[] {
  const out: Field[] = [ServerMsg.EXECUTION_DATA];
  if (v < V.LAST_LIQUIDITY) out.push(10);
  out.push(
    reqId, execution.orderId,
    execution.conId, execution.symbol, 'STK', '', 0, '', '', execution.exchange, 'USD', execution.symbol, execution.symbol,
    execution.execId, twsTime(execution.time), execution.account, execution.exchange, execution.side,
    execution.shares, execution.price, execution.permId, execution.clientId, 0,
    execution.cumQty, execution.avgPrice, '', '', '',
  );
  if (v >= V.MODELS_SUPPORT) out.push('');
  if (v >= V.LAST_LIQUIDITY) out.push(1);
  if (v >= V.PENDING_PRICE_REVISION) out.push(0);
  return out;
}

export function executionDataEnd(reqId: number): Field[] {
  return [ServerMsg.EXECUTION_DATA_END, 1, reqId];
}

export function commissionReport(execution: SimExecution): Field[] {
  // realizedPNL and yield unset as MAX (an empty field would decode as 0).
  return [ServerMsg.COMMISSION_REPORT, 1, execution.execId, execution.commission, 'USD', UNSET_DOUBLE, UNSET_DOUBLE, ''];
}

export function position(p: SimPosition, primaryExchange: string): Field[] {
  return [
    ServerMsg.POSITION, 3, p.account,
    p.conId, p.symbol, 'STK', '', 0, '', '', primaryExchange, 'USD', p.symbol, p.symbol,
    p.position, p.avgCost,
  ];
}

export function positionEnd(): Field[] {
  return [ServerMsg.POSITION_END, 1];
}

export function portfolioValue(p: SimPosition, primaryExchange: string): Field[] {
  return [
    ServerMsg.PORTFOLIO_VALUE, 8,
    p.conId, p.symbol, 'STK', '', 0, '', '', primaryExchange, 'USD', p.symbol, p.symbol,
    p.position, p.marketPrice, p.marketValue, p.avgCost, p.unrealizedPnl, p.realizedPnl, p.account,
  ];
}

export function accountValue(key: string, value: string, currency: string, account: string): Field[] {
  return [ServerMsg.ACCT_VALUE, 2, key, value, currency, account];
}

/** The account keys ACCT_VALUE reports, in the order TWS-like clients expect them, all USD. */
export function accountValueRows(values: SimAccountValues): Array<[key: string, value: string]> {
  return [
    ['NetLiquidation', money(values.netLiquidation)],
    ['TotalCashValue', money(values.totalCashValue)],
    ['BuyingPower', money(values.buyingPower)],
    ['AvailableFunds', money(values.availableFunds)],
    ['UnrealizedPnL', money(values.unrealizedPnl)],
    ['RealizedPnL', money(values.realizedPnl)],
  ];
}

/** Cents, as TWS prints account values ("1000000.00"). */
export function money(value: number): string {
  return value.toFixed(2);
}

export function accountUpdateTime(epochMs: number): Field[] {
  const d = new Date(epochMs);
  return [ServerMsg.ACCT_UPDATE_TIME, 1, `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`];
}

export function accountDownloadEnd(account: string): Field[] {
  return [ServerMsg.ACCT_DOWNLOAD_END, 1, account];
}

export function accountSummary(reqId: number, account: string, tag: string, value: string, currency: string): Field[] {
  return [ServerMsg.ACCOUNT_SUMMARY, 1, reqId, account, tag, value, currency];
}

export function accountSummaryEnd(reqId: number): Field[] {
  return [ServerMsg.ACCOUNT_SUMMARY_END, 1, reqId];
}

/** Account summary rows for the requested tags ("$LEDGER" variants add the ledger keys). */
export function accountSummaryRows(values: SimAccountValues, tags: readonly string[]): Array<[tag: string, value: string, currency: string]> {
  const byTag: Record<string, string> = {
    NetLiquidation: money(values.netLiquidation),
    TotalCashValue: money(values.totalCashValue),
    BuyingPower: money(values.buyingPower),
    AvailableFunds: money(values.availableFunds),
    ExcessLiquidity: money(values.availableFunds),
  };
  const rows: Array<[string, string, string]> = [];
  for (const tag of tags) {
    if (tag === 'AccountType') rows.push(['AccountType', 'INDIVIDUAL', '']);
    else if (tag.startsWith('$LEDGER')) {
      rows.push(['NetLiquidationByCurrency', money(values.netLiquidation), 'USD']);
      rows.push(['TotalCashBalance', money(values.totalCashValue), 'USD']);
      rows.push(['UnrealizedPnL', money(values.unrealizedPnl), 'USD']);
      rows.push(['RealizedPnL', money(values.realizedPnl), 'USD']);
    } else {
      const value = byTag[tag];
      if (value !== undefined) rows.push([tag, value, 'USD']);
    }
  }
  return rows;
}
