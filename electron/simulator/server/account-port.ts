// One listening port serving one IB account to any number of clients: the TCP
// listener (with refuse/stop/start), the clientId registry (error 326), and
// the translation of client requests into exchange calls and TWS answers.

import { createServer, type Server, type Socket } from 'node:net';
import { marketRuleIdsFor } from '../exchange/market-rules';
import { sessionHours } from '../exchange/session';
import type { Exchange, NewOrder, SimOrder, SimReject, UniverseEntry } from '../exchange/types';
import type { ContractQuery, ClientRequest } from '../wire/requests';
import * as out from '../wire/responses';
import { SNAPSHOT_FIELDS, TickBatch } from '../wire/ticks';
import { handleAccountRequest, type AccountScope } from './account-requests';
import { ClientConnection, type ConnectionHost } from './connection';
import type { MarketDataRouter } from './market-data-router';
import { dropMarketViewConnection, handleMarketViewRequest, type MarketViewContext } from './market-view-requests';
import { ORDER_CANCELED, orderRequest } from './order-requests';

/** The requests of the named kinds. */
type RequestOf<K extends ClientRequest['kind']> = Extract<ClientRequest, { kind: K }>;

export interface PortContext {
  readonly exchange: Exchange;
  readonly router: MarketDataRouter;
  /** Historical data, depth and tick-by-tick (market-view-requests.ts). */
  readonly marketView: MarketViewContext;
  readonly maxMessagesPerSecond: number;
  readonly maxConnections: number;
  readonly handshakeTimeoutMs: number;
  now(): number;
  latencyMs(): number;
  isFrozen(): boolean;
  /** exchange.placeOrder, reporting whether the exchange already announced the order through its listener. */
  placeOrder(order: NewOrder): { result: SimOrder | SimReject; announced: boolean };
  /** exchange.cancelOrder, same contract as placeOrder. */
  cancelOrder(account: string, orderId: number): { result: SimOrder | SimReject; announced: boolean };
  log(message: string): void;
}

export const NO_SECURITY_DEFINITION = 'No security definition has been found for the request';

export function liveDataNotSubscribedText(entry: UniverseEntry): string {
  return `Requested market data requires additional subscription for API. See link in 'Market Data Connections' dialog for more details.Delayed market data is available.${entry.symbol} ${entry.primaryExchange}/TOP/ALL`;
}

export class AccountPort implements ConnectionHost, AccountScope {
  readonly connections = new Set<ClientConnection>();
  private readonly clientIds = new Map<number, ClientConnection>();
  private server: Server | null = null;
  private refuseUntil = 0;
  private boundPort: number;

  constructor(
    readonly account: string,
    requestedPort: number,
    private readonly host: string,
    readonly ctx: PortContext,
  ) {
    this.boundPort = requestedPort;
  }

  get port(): number {
    return this.boundPort;
  }

  get exchange(): Exchange {
    return this.ctx.exchange;
  }

  get maxMessagesPerSecond(): number {
    return this.ctx.maxMessagesPerSecond;
  }

  get handshakeTimeoutMs(): number {
    return this.ctx.handshakeTimeoutMs;
  }

  now(): number {
    return this.ctx.now();
  }

  latencyMs(): number {
    return this.ctx.latencyMs();
  }

  log(message: string): void {
    this.ctx.log(`[${this.account}:${this.boundPort}] ${message}`);
  }

  readyConnections(): ClientConnection[] {
    return [...this.connections].filter((c) => c.isReady);
  }

  // ---- listener ----------------------------------------------------------

  listen(): Promise<void> {
    if (this.server) return Promise.resolve();
    // Every accepted socket without Nagle from its first byte, as TWS answers small messages at once.
    const server = createServer({ noDelay: true }, (socket) => this.accept(socket));
    this.server = server;
    return new Promise((resolve, reject) => {
      const onError = (error: Error): void => {
        this.server = null;
        reject(error);
      };
      server.once('error', onError);
      server.listen(this.boundPort, this.host, () => {
        server.off('error', onError);
        server.on('error', (error) => this.log(`listener error: ${error.message}`));
        const address = server.address();
        if (address && typeof address === 'object') this.boundPort = address.port;
        resolve();
      });
    });
  }

  /** Closes the listener and every client; exchange state is untouched. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.dropAll();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  dropAll(): void {
    for (const connection of [...this.connections]) connection.destroy();
  }

  refuseFor(ms: number, now: number): void {
    this.refuseUntil = now + ms;
  }

  private accept(socket: Socket): void {
    if (this.ctx.now() < this.refuseUntil) {
      socket.on('error', () => undefined);
      socket.destroy();
      return;
    }
    if (this.connections.size >= this.ctx.maxConnections) {
      // TWS serves at most 32 API clients; a socket beyond the cap is closed at once, before the handshake.
      this.log(`${this.connections.size} sockets open, closing a new one (cap ${this.ctx.maxConnections})`);
      socket.on('error', () => undefined);
      socket.destroy();
      return;
    }
    const connection = new ClientConnection(socket, this);
    this.connections.add(connection);
    if (this.ctx.isFrozen()) connection.setFrozen(true);
  }

  // ---- ConnectionHost ----------------------------------------------------

  claimClientId(connection: ClientConnection, clientId: number): boolean {
    const holder = this.clientIds.get(clientId);
    if (holder && holder !== connection && holder.state !== 'closed') return false;
    this.clientIds.set(clientId, connection);
    return true;
  }

  onReady(connection: ClientConnection): void {
    connection.send(out.managedAccounts([this.account]));
    connection.send(out.nextValidId(this.ctx.exchange.nextOrderId(this.account)));
    connection.sendError(-1, 2104, 'Market data farm connection is OK:usfarm');
    connection.sendError(-1, 2106, 'HMDS data farm connection is OK:ushmds');
    connection.sendError(-1, 2158, 'Sec-def data farm connection is OK:secdefnj');
  }

  onClosed(connection: ClientConnection): void {
    this.connections.delete(connection);
    if (this.clientIds.get(connection.clientId) === connection) this.clientIds.delete(connection.clientId);
    this.ctx.router.dropConnection(connection);
    dropMarketViewConnection(this.ctx.marketView, connection);
  }

  onRequest(connection: ClientConnection, request: ClientRequest): void {
    switch (request.kind) {
      case 'reqCurrentTime':
      case 'reqMarketDataType':
      case 'reqContractData':
      case 'reqMktData':
      case 'cancelMktData':
        this.onMarketRequest(connection, request);
        return;
      case 'placeOrder':
      case 'cancelOrder':
      case 'reqGlobalCancel':
      case 'reqOpenOrders':
      case 'reqExecutions':
      case 'reqIds':
        orderRequest(this, connection, request);
        return;
      case 'reqManagedAccts':
      case 'reqPositions':
      case 'cancelPositions':
      case 'reqAccountUpdates':
      case 'reqAccountSummary':
      case 'cancelAccountSummary':
        this.onAccountStateRequest(connection, request);
        return;
      case 'marketView':
        handleMarketViewRequest(this.ctx.marketView, connection, request.request);
        return;
      case 'reqPnL':
      case 'cancelPnL':
      case 'reqPnLSingle':
      case 'cancelPnLSingle':
      case 'reqCompletedOrders':
      case 'reqMarketRule':
      case 'reqPositionsMulti':
      case 'cancelPositionsMulti':
      case 'reqAccountUpdatesMulti':
      case 'cancelAccountUpdatesMulti':
      case 'reqUserInfo':
        handleAccountRequest(this, connection, request);
        return;
      case 'ignored':
      case 'startApi':
        return;
      case 'unsupported':
        connection.sendError(request.id, 321, `Error validating request:-'${request.msgId}' : cause - unsupported request`);
        return;
      case 'invalid':
        connection.sendError(request.id, 321, `Error validating request:-'${request.msgId}' : cause - ${request.reason}`);
        return;
    }
  }

  /** The clock, market data type, contract details and quotes. */
  private onMarketRequest(connection: ClientConnection, request: RequestOf<'reqCurrentTime' | 'reqMarketDataType' | 'reqContractData' | 'reqMktData' | 'cancelMktData'>): void {
    switch (request.kind) {
      case 'reqCurrentTime':
        connection.send(out.currentTime(Math.floor(this.ctx.now() / 1000)));
        return;
      case 'reqMarketDataType':
        if (![1, 2, 3, 4].includes(request.marketDataType)) {
          connection.sendError(-1, 321, `Error validating request:-'59' : cause - Invalid market data type ${request.marketDataType}`);
          return;
        }
        // Frozen variants (2, 4) are served as their streaming counterparts: the simulator's market never closes.
        connection.marketDataType = request.marketDataType >= 3 ? 3 : 1;
        return;
      case 'reqContractData': {
        const entries = this.resolve(request.contract);
        if (entries.length === 0) {
          connection.sendError(request.reqId, 200, NO_SECURITY_DEFINITION);
          return;
        }
        const hours = sessionHours(this.ctx.now());
        // One market rule per valid exchange (SMART and the primary).
        for (const entry of entries) connection.send(out.contractData(request.reqId, entry, hours, connection.version, marketRuleIdsFor(2)));
        connection.send(out.contractDataEnd(request.reqId));
        return;
      }
      case 'reqMktData':
        this.requestMarketData(connection, request.reqId, request.contract, request.snapshot);
        return;
      case 'cancelMktData':
        if (!this.ctx.router.unsubscribe(connection, request.reqId)) {
          connection.sendError(request.reqId, 300, `Can't find EId with tickerId:${request.reqId}`);
        }
        return;
    }
  }

  /** Managed accounts, positions, account updates and summaries (subscriptions kept per connection). */
  private onAccountStateRequest(
    connection: ClientConnection,
    request: RequestOf<'reqManagedAccts' | 'reqPositions' | 'cancelPositions' | 'reqAccountUpdates' | 'reqAccountSummary' | 'cancelAccountSummary'>,
  ): void {
    const exchange = this.ctx.exchange;
    switch (request.kind) {
      case 'reqManagedAccts':
        connection.send(out.managedAccounts([this.account]));
        return;
      case 'reqPositions':
        connection.positions = true;
        for (const p of exchange.positions(this.account)) connection.send(out.position(p, this.primaryExchange(p.conId)));
        connection.send(out.positionEnd());
        return;
      case 'cancelPositions':
        connection.positions = false;
        return;
      case 'reqAccountUpdates':
        connection.accountUpdates = request.subscribe;
        if (request.subscribe) this.sendAccountDownload(connection);
        return;
      case 'reqAccountSummary': {
        connection.accountSummaries.set(request.reqId, request.tags);
        const values = exchange.accountValues(this.account);
        for (const [tag, value, currency] of out.accountSummaryRows(values, request.tags)) {
          connection.send(out.accountSummary(request.reqId, this.account, tag, value, currency));
        }
        connection.send(out.accountSummaryEnd(request.reqId));
        return;
      }
      case 'cancelAccountSummary':
        connection.accountSummaries.delete(request.reqId);
        return;
    }
  }

  // ---- broadcasts from the exchange --------------------------------------

  /**
   * OPEN_ORDER then ORDER_STATUS to every client of the account (see README/index.ts
   * for why all); a cancellation (by request, OCA, bracket parent or DAY expiry) adds
   * 202 for the client that owns the order, as TWS sends it.
   */
  broadcastOrder(order: SimOrder): void {
    for (const connection of this.readyConnections()) {
      connection.send(out.openOrder(order, connection.version));
      connection.send(out.orderStatus(order, connection.version));
      if (order.status === 'Cancelled' && connection.clientId === order.clientId) {
        connection.sendError(order.orderId, 202, ORDER_CANCELED);
      }
    }
  }

  primaryExchange(conId: number): string {
    return this.ctx.exchange.findByConId(conId)?.primaryExchange ?? 'SMART';
  }

  private sendAccountDownload(connection: ClientConnection): void {
    const exchange = this.ctx.exchange;
    const values = exchange.accountValues(this.account);
    connection.send(out.accountValue('AccountCode', this.account, '', this.account));
    for (const [key, value] of out.accountValueRows(values)) connection.send(out.accountValue(key, value, 'USD', this.account));
    for (const p of exchange.positions(this.account)) connection.send(out.portfolioValue(p, this.primaryExchange(p.conId)));
    connection.send(out.accountUpdateTime(this.ctx.now()));
    connection.send(out.accountDownloadEnd(this.account));
  }

  // ---- requests ------------------------------------------------------------

  /** Universe entries matching a contract query: by conId when given, else by symbol; US stocks only. */
  resolve(contract: ContractQuery): UniverseEntry[] {
    const secType = contract.secType.toUpperCase();
    const currency = contract.currency.toUpperCase();
    if ((secType !== '' && secType !== 'STK') || (currency !== '' && currency !== 'USD')) return [];
    if (contract.conId > 0) {
      const entry = this.ctx.exchange.findByConId(contract.conId);
      return entry ? [entry] : [];
    }
    const symbol = contract.symbol.trim().toUpperCase();
    return symbol === '' ? [] : this.ctx.exchange.findBySymbol(symbol);
  }

  private requestMarketData(connection: ClientConnection, reqId: number, contract: ContractQuery, snapshot: boolean): void {
    const entries = this.resolve(contract);
    const entry = entries[0];
    if (!entry) {
      connection.sendError(reqId, 200, NO_SECURITY_DEFINITION);
      return;
    }
    if (entries.length > 1) {
      connection.sendError(reqId, 200, `The contract description specified for ${entry.symbol} is ambiguous.`);
      return;
    }
    if (connection.marketData.has(reqId)) {
      connection.sendError(reqId, 322, `Error processing request:-'1' : cause - Duplicate ticker id`);
      return;
    }
    const delayed = !entry.livePermission;
    if (delayed && connection.marketDataType === 1) {
      connection.sendError(reqId, 10089, liveDataNotSubscribedText(entry));
      return;
    }
    connection.send(out.tickReqParams(reqId, entry.minTick));
    connection.send(out.marketDataType(reqId, delayed ? 3 : 1));
    if (delayed) connection.sendError(reqId, 10167, 'Requested market data is not subscribed. Displaying delayed market data.');
    const quote = this.ctx.exchange.quote(entry.conId);
    if (quote) {
      const batch = new TickBatch(connection.tickHeads);
      for (const field of SNAPSHOT_FIELDS) batch.add(reqId, field, delayed, quote[field], quote);
      const data = batch.take();
      if (data) connection.write(data);
    }
    if (snapshot) {
      connection.tickHeads.forget(reqId);
      connection.send(out.tickSnapshotEnd(reqId));
      return;
    }
    this.ctx.router.subscribe(connection, { reqId, conId: entry.conId, delayed });
  }
}
