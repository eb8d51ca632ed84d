// One account's session with TWS / IB Gateway: the BrokerSession the host
// sees, composed of parts that each own one concern (the ib_async split of
// client / wrapper / API, by concern rather than by layer):
//
//   connection.ts   IBApi lifecycle, handshake, liveness, TWS link and farms
//   orders.ts       place / cancel, order rows, order-level IB messages
//   executions.ts   fills and commissions
//   market-data.ts  quote streams, live/delayed, re-request after data loss
//   account.ts      account values, positions and portfolio
//   contracts.ts    symbol lookups (contract details)
//
// The parts outlive connections (subscriptions, known orders, fills, the
// local next order id); the connection tells them when a link is wired,
// READY, or closed. This file only composes them and routes IB messages whose
// effect belongs to a part.

import { IBApi, MarketDataType } from '@stoqey/ib';
import type { IBApiCreationOptions } from '@stoqey/ib';
import type { Instrument, LogLevel, OrderRequest } from '../../shared/model';
import type { BrokerDeps, BrokerSession, BrokerSessionConfig, Scheduler } from '../host/broker';
import { Account } from './account';
import { Connection } from './connection';
import { errorText, type SessionContext } from './context';
import { ContractLookups } from './contracts';
import { Executions } from './executions';
import { OrderIds, RequestIds } from './ids';
import { MarketData } from './market-data';
import type { IbMessageEffect } from './mapping/errors';
import { Orders } from './orders';
import { createWallClock } from './wall-clock';

export interface IbSessionOptions {
  /** Ping TWS after this much silence while connected. Default 1 s. */
  pingIntervalMs?: number;
  /** How long an unanswered ping means a dead link. Default 9 s (dead ~10 s into silence). */
  pingTimeoutMs?: number;
  /** Silence after which new orders are refused until TWS answers. Default 2 x pingIntervalMs. */
  doubtAfterMs?: number;
  /** A connect attempt that is not READY by then fails. Default 10 s. */
  connectTimeoutMs?: number;
  /** Outgoing message cap of our paced send lanes, both lanes together (IB allows 50/s). Default 40. */
  maxReqPerSec?: number;
  /** The clock the send lanes pace on (real time by default, whatever the session's scheduler). */
  pacingClock?: Scheduler;
  /** Builds the IB client; tests may wrap it. */
  createApi?: (options: IBApiCreationOptions) => IBApi;
}

const DEFAULTS = { pingIntervalMs: 1_000, pingTimeoutMs: 9_000, connectTimeoutMs: 10_000, maxReqPerSec: 40 };

export class IbSession implements BrokerSession {
  private readonly connection: Connection;
  private readonly orders: Orders;
  private readonly executions: Executions;
  private readonly marketData: MarketData;
  private readonly account: Account;
  private readonly contracts: ContractLookups;

  constructor(
    readonly config: BrokerSessionConfig,
    deps: BrokerDeps,
    options: IbSessionOptions = {},
  ) {
    const ctx = this.context(deps);
    const orderIds = new OrderIds();
    const pingIntervalMs = options.pingIntervalMs ?? DEFAULTS.pingIntervalMs;
    this.connection = new Connection(
      ctx,
      orderIds,
      {
        pingIntervalMs,
        pingTimeoutMs: options.pingTimeoutMs ?? DEFAULTS.pingTimeoutMs,
        doubtAfterMs: options.doubtAfterMs ?? 2 * pingIntervalMs,
        connectTimeoutMs: options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs,
        maxReqPerSec: options.maxReqPerSec ?? DEFAULTS.maxReqPerSec,
        pacingClock: options.pacingClock ?? createWallClock(),
        createApi: options.createApi ?? ((o) => new IBApi(o)),
      },
      {
        wire: (api, on) => {
          this.marketData.wire(api, on);
          this.orders.wire(on);
          this.executions.wire(on);
          this.account.wire(on);
          this.contracts.wire(on);
        },
        ready: (api) => this.sendInitialRequests(api),
        closed: () => {
          this.orders.closed();
          this.marketData.closed();
          this.account.closed();
          this.contracts.closed();
        },
        unsent: (messages) => this.orders.unsent(messages),
        written: (message) => this.orders.written(message),
        dataLost: (api, scope) => {
          this.marketData.requestAll(api);
          if (scope === 'quotes-and-account') this.account.request(api);
        },
        message: (effect, code, text) => this.route(effect, code, text),
      },
    );
    this.orders = new Orders(ctx, orderIds, this.connection);
    this.executions = new Executions(ctx);
    this.marketData = new MarketData(ctx);
    this.account = new Account(ctx);
    this.contracts = new ContractLookups(ctx);
  }

  connect(): Promise<void> {
    return this.connection.connect();
  }

  disconnect(): void {
    this.connection.disconnect();
  }

  isConnected(): boolean {
    return this.connection.phase() === 'ready';
  }

  lookupSymbol(symbol: string, timeoutMs: number): Promise<Instrument[]> {
    return this.contracts.lookup(symbol, timeoutMs);
  }

  /** Lookups still waiting for an answer (tests check that timeouts leave none behind). */
  pendingLookups(): number {
    return this.contracts.pending();
  }

  subscribeQuotes(instrument: Instrument): void {
    this.marketData.subscribe(instrument);
  }

  unsubscribeQuotes(conId: number): void {
    this.marketData.unsubscribe(conId);
  }

  placeOrder(request: OrderRequest, instrument: Instrument): number {
    return this.orders.place(request, instrument);
  }

  cancelOrder(orderId: number): void {
    this.orders.cancel(orderId);
  }

  cancelAll(): number {
    return this.orders.cancelAll();
  }

  private sendInitialRequests(api: IBApi): void {
    api.reqMarketDataType(MarketDataType.REALTIME);
    this.account.request(api);
    this.orders.requestOpenOrders(api);
    this.executions.request(api);
    this.marketData.requestAll(api);
  }

  /** IB messages about a request or an order: the part that owns the id acts. */
  private route(effect: IbMessageEffect, code: number, text: string): void {
    switch (effect.kind) {
      case 'order-rejected':
        this.orders.reject(effect.orderId, text, code);
        return;
      case 'order-cancelled':
        this.orders.cancelledByIb(effect.orderId, text);
        return;
      case 'cancel-rejected':
        this.orders.cancelRejected(effect.orderId, code, text);
        return;
      case 'tif-changed':
        this.orders.update(effect.orderId, { tif: effect.tif, tifChanged: true });
        return;
      case 'market-data-delayed-needed':
        this.marketData.switchToDelayed(effect.reqId, text);
        return;
      case 'market-data-delayed':
        this.marketData.markDelayed(effect.reqId);
        return;
      case 'contract-not-found':
        if (this.contracts.owns(effect.reqId)) this.contracts.finish(effect.reqId, null);
        else if (this.marketData.owns(effect.reqId)) this.marketData.refused(effect.reqId, text);
        else if (this.orders.owns(effect.reqId)) this.orders.reject(effect.reqId, text, null);
        return;
      case 'request-failed':
        if (this.contracts.owns(effect.reqId)) this.contracts.finish(effect.reqId, new Error(text));
        else if (this.marketData.owns(effect.reqId)) this.marketData.refused(effect.reqId, text);
        return;
      default:
        // order-warning, market-data-partial, pacing, none: logged by the connection, nothing to do.
        return;
    }
  }

  private context(deps: BrokerDeps): SessionContext {
    const { listener, scheduler } = deps;
    const log = (level: LogLevel, code: number | null, message: string): void => safeCall(() => listener.onLog(level, code, message));
    const safeCall = (fn: () => void): void => {
      try {
        fn();
      } catch (e) {
        try {
          listener.onLog('error', null, `host listener failed: ${errorText(e)}`);
        } catch {
          // the logger itself is broken; nothing left to tell
        }
      }
    };
    return {
      config: this.config,
      listener,
      scheduler,
      reqIds: new RequestIds(),
      readyApi: () => this.connection.readyApi(),
      accountCode: () => this.connection.accountCode(),
      isOurAccount: (account) => {
        const code = this.connection.accountCode();
        return !code || !account || account === code;
      },
      log,
      safeCall,
      contained: (where, e) => {
        const what = where === 'decode' ? 'a message from TWS could not be decoded and was skipped' : 'an IB event handler failed';
        log('error', null, `${what}: ${errorText(e)}`);
      },
    };
  }
}
