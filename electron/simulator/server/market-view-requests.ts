// Market-view requests (historical data, market depth, tick-by-tick) answered
// as TWS answers them at server version 193, including its refusals: 200 for
// an unknown contract, 162 for a pacing violation, 309 beyond the depth limit,
// 354/10089 without permission, 321 for what TWS would not validate.

import { barSizeSeconds, durationSeconds, generateHistory, type SimBar } from '../exchange/history';
import { nyParts } from '../exchange/session';
import type { UniverseEntry } from '../exchange/types';
import type { MarketViewRequest } from '../wire/market-view-requests';
import * as mv from '../wire/market-view-responses';
import type { ContractQuery } from '../wire/requests';
import type { ClientConnection } from './connection';
import { HistoricalPacing } from './historical-pacing';
import type { BarStream, DepthStream, MarketViewStream, MarketViewStreams, TapeStream } from './market-view-streams';

/** TWS's default: three depth subscriptions at once. */
export const DEFAULT_MAX_DEPTH_REQUESTS = 3;
export const DEPTH_ROWS_MAX = 10;

export interface MarketViewContext {
  streams: MarketViewStreams;
  seed: number;
  maxDepthRequests: number;
  now(): number;
  quoteLast(conId: number): number | undefined;
  resolve(contract: ContractQuery): UniverseEntry[];
}

interface ConnectionStreams {
  pacing: HistoricalPacing;
  byReqId: Map<number, MarketViewStream>;
}

const perConnection = new WeakMap<ClientConnection, ConnectionStreams>();

function stateOf(connection: ClientConnection): ConnectionStreams {
  let state = perConnection.get(connection);
  if (!state) {
    state = { pacing: new HistoricalPacing(), byReqId: new Map() };
    perConnection.set(connection, state);
  }
  return state;
}

export function depthLimitText(max: number): string {
  return `Max number (${max}) of market depth requests has been reached`;
}
export const DEPTH_NOT_SUBSCRIBED = 'Requested market data is not subscribed.';
export const TICK_BY_TICK_TYPES = ['Last', 'AllLast', 'BidAsk', 'MidPoint'] as const;

const two = (n: number): string => String(n).padStart(2, '0');

/** "yyyyMMdd HH:mm:ss US/Eastern", TWS's formatDate=1 form. */
export function twsEasternTime(epochSeconds: number): string {
  const p = nyParts(epochSeconds * 1000);
  return `${p.year}${two(p.month)}${two(p.day)} ${two(p.hour)}:${two(p.minute)}:${two(p.second)} US/Eastern`;
}

/** A bar's date as TWS writes it: daily bars "yyyyMMdd"; intraday epoch seconds (formatDate 2) or Eastern time. */
export function barDateFormatter(barSeconds: number, formatDate: number): (bar: SimBar) => string {
  if (barSeconds >= 86_400) {
    return (bar) => {
      const p = nyParts(bar.time * 1000);
      return `${p.year}${two(p.month)}${two(p.day)}`;
    };
  }
  return formatDate === 2 ? (bar) => String(bar.time) : (bar) => twsEasternTime(bar.time);
}

function validating(connection: ClientConnection, id: number, msgId: number, cause: string): void {
  connection.sendError(id, 321, `Error validating request:-'${msgId}' : cause - ${cause}`);
}

/** One listing for the contract, or the error TWS sends; null when an error was sent. */
function entryFor(ctx: MarketViewContext, connection: ClientConnection, reqId: number, contract: ContractQuery): UniverseEntry | null {
  const entries = ctx.resolve(contract);
  const entry = entries[0];
  if (!entry) connection.sendError(reqId, 200, 'No security definition has been found for the request');
  else if (entries.length > 1) connection.sendError(reqId, 200, `The contract description specified for ${entry.symbol} is ambiguous.`);
  else return entry;
  return null;
}

function historical(ctx: MarketViewContext, connection: ClientConnection, request: Extract<MarketViewRequest, { kind: 'reqHistoricalData' }>): void {
  const { reqId } = request;
  const entry = entryFor(ctx, connection, reqId, request.contract);
  if (!entry) return;
  const barSeconds = barSizeSeconds(request.barSize);
  const duration = durationSeconds(request.duration);
  if (barSeconds === null) return validating(connection, reqId, 20, `Historical data bar size setting is invalid: ${request.barSize}`);
  if (duration === null) return validating(connection, reqId, 20, `Historical data duration is invalid: ${request.duration}`);
  if (!['TRADES', 'MIDPOINT', 'BID', 'ASK'].includes(request.whatToShow.toUpperCase())) {
    return validating(connection, reqId, 20, `whatToShow ${request.whatToShow} is not served`);
  }
  if (request.keepUpToDate && request.endDateTime.trim() !== '') {
    return validating(connection, reqId, 20, 'End date not supported with live updates');
  }
  const state = stateOf(connection);
  const nowMs = ctx.now();
  const refusal = state.pacing.check({ conId: entry.conId, ...request }, nowMs);
  if (refusal) return connection.sendError(reqId, 162, refusal);
  const last = ctx.quoteLast(entry.conId) ?? entry.basePrice;
  const bars = generateHistory({
    seed: ctx.seed, conId: entry.conId, minTick: entry.minTick, last, nowMs, barSeconds, durationSeconds: duration, useRth: request.useRth,
  });
  const date = barDateFormatter(barSeconds, request.formatDate);
  const nowSeconds = Math.floor(nowMs / 1000);
  connection.send(mv.historicalData(reqId, twsEasternTime(nowSeconds - duration), twsEasternTime(nowSeconds), bars, date));
  if (!request.keepUpToDate) return;
  const newest = bars[bars.length - 1];
  const stream: BarStream = {
    kind: 'bars', connection, reqId, conId: entry.conId, barSeconds, useRth: request.useRth, date, bar: newest ? { ...newest } : null, dirty: false,
  };
  state.byReqId.set(reqId, stream);
  ctx.streams.add(stream);
}

function depth(ctx: MarketViewContext, connection: ClientConnection, request: Extract<MarketViewRequest, { kind: 'reqMktDepth' }>): void {
  const { reqId } = request;
  const entry = entryFor(ctx, connection, reqId, request.contract);
  if (!entry) return;
  if (!entry.livePermission) return connection.sendError(reqId, 354, DEPTH_NOT_SUBSCRIBED);
  const state = stateOf(connection);
  const open = [...state.byReqId.values()].filter((s) => s.kind === 'depth').length;
  if (open >= ctx.maxDepthRequests) return connection.sendError(reqId, 309, depthLimitText(ctx.maxDepthRequests));
  const rows = Math.max(1, Math.min(DEPTH_ROWS_MAX, request.numRows || DEPTH_ROWS_MAX));
  const stream: DepthStream = { kind: 'depth', connection, reqId, conId: entry.conId, rows, smart: request.isSmartDepth, book: { bids: [], asks: [] } };
  state.byReqId.set(reqId, stream);
  ctx.streams.add(stream);
  ctx.streams.sendDepth(stream);
}

function tickByTick(ctx: MarketViewContext, connection: ClientConnection, request: Extract<MarketViewRequest, { kind: 'reqTickByTick' }>): void {
  const { reqId } = request;
  const tickType = TICK_BY_TICK_TYPES.find((t) => t === request.tickType);
  if (!tickType) return validating(connection, reqId, 97, `tick-by-tick type ${request.tickType} is invalid`);
  const entry = entryFor(ctx, connection, reqId, request.contract);
  if (!entry) return;
  if (!entry.livePermission) {
    return connection.sendError(reqId, 10089, `Requested market data requires additional subscription for API. See link in 'Market Data Connections' dialog for more details.Delayed market data is available.${entry.symbol} ${entry.primaryExchange}/TOP/ALL`);
  }
  const stream: TapeStream = { kind: 'tape', connection, reqId, conId: entry.conId, tickType };
  stateOf(connection).byReqId.set(reqId, stream);
  ctx.streams.add(stream);
  const top = ctx.streams.top(entry.conId);
  if (top && tickType === 'BidAsk') {
    connection.send(mv.tickByTickBidAsk(reqId, Math.floor(ctx.now() / 1000), top.bid, top.ask, top.bidSize, top.askSize));
  }
}

function cancel(ctx: MarketViewContext, connection: ClientConnection, reqId: number): void {
  const state = stateOf(connection);
  const stream = state.byReqId.get(reqId);
  if (!stream) return;
  state.byReqId.delete(reqId);
  ctx.streams.remove(stream);
}

export function handleMarketViewRequest(ctx: MarketViewContext, connection: ClientConnection, request: MarketViewRequest): void {
  switch (request.kind) {
    case 'reqHistoricalData':
      return historical(ctx, connection, request);
    case 'reqMktDepth':
      return depth(ctx, connection, request);
    case 'reqTickByTick':
      return tickByTick(ctx, connection, request);
    case 'cancelHistoricalData':
    case 'cancelMktDepth':
    case 'cancelTickByTick':
      return cancel(ctx, connection, request.reqId);
  }
}

/** The connection closed: its streams end. */
export function dropMarketViewConnection(ctx: MarketViewContext, connection: ClientConnection): void {
  const state = perConnection.get(connection);
  if (!state) return;
  for (const stream of state.byReqId.values()) ctx.streams.remove(stream);
  state.byReqId.clear();
}
