// The connection lifecycle of one IB session: TCP + handshake ->
// managedAccounts + nextValidId -> READY (initial requests out, orders
// allowed) -> closed; liveness pings; TWS's link to IB and the data farms.
//
// Each connect() builds a fresh IBApi with the session's pinned clientId:
// @stoqey/ib reuses its Socket across reconnects without detaching the old
// net.Socket and its rate limiter keeps draining queued messages (research
// §1.4 reconnect race), so a fresh client guarantees nothing queued on a dead
// connection is ever written to the next one. What must survive a reconnect
// lives in the other parts, which outlive the link.
//
// Never retries by itself: the host's timer calls connect() again.

import { EventName, IBApi } from '@stoqey/ib';
import type { IBApiCreationOptions } from '@stoqey/ib';
import type { FarmStatus, IbLinkState } from '../../shared/model';
import type { BrokerConnectError, BrokerSessionStatus, Scheduler, TimerHandle } from '../host/broker';
import { errorText, type On, type SessionContext } from './context';
import { installDecoderGuard } from './guard';
import type { OrderIds } from './ids';
import { Liveness } from './liveness';
import type { PacedQueue } from './outgoing-queue';
import { installSendLanes, type WireMessage } from './send-lanes';
import { connectErrors, endpoint, seconds, sessionErrors } from './messages';
import { classifyIbMessage, type IbMessageEffect } from './mapping/errors';

export interface ConnectionOptions {
  pingIntervalMs: number;
  pingTimeoutMs: number;
  doubtAfterMs: number;
  connectTimeoutMs: number;
  maxReqPerSec: number;
  /** Real time: IB counts messages per second of it. */
  pacingClock: Scheduler;
  createApi: (options: IBApiCreationOptions) => IBApi;
}

/** What the connection asks of the parts that outlive it. */
export interface ConnectionHooks {
  /** Register the parts' event handlers on a new link's client. */
  wire(api: IBApi, on: On): void;
  /** The link is READY: send the initial requests. */
  ready(api: IBApi): void;
  /** The link is gone: forget everything tied to its request ids. */
  closed(): void;
  /** Messages still queued when the link closed: never written, never to be sent. */
  unsent(messages: WireMessage[]): void;
  /** A message left the send queue for the socket. */
  written(message: WireMessage): void;
  /** TWS says streams may be dead (farm back after a break, 1101): ask again. */
  dataLost(api: IBApi, scope: 'quotes' | 'quotes-and-account'): void;
  /** An IB message whose effect is not about the connection itself. */
  message(effect: IbMessageEffect, code: number, text: string): void;
}

interface Link {
  api: IBApi;
  /** This link's paced two-lane send queue; null when the client lacks the seam. */
  outgoing: PacedQueue<WireMessage> | null;
  phase: 'connecting' | 'ready' | 'closed';
  gotNextValidId: boolean;
  managed: string[] | null;
  promise: Promise<void>;
  resolve: () => void;
  reject: (e: BrokerConnectError) => void;
  connectTimer: TimerHandle | null;
  /** A reason seen before the socket closed (326, version), reported instead of "closed". */
  failure: BrokerConnectError | null;
}

export type LinkPhase = 'none' | Link['phase'];

export class Connection {
  private link: Link | null = null;
  private code: string | null = null;
  private serverVersion: number | null = null;
  private ibLink: IbLinkState = 'unknown';
  private readonly farms = new Map<string, FarmStatus>();
  private error: string | null = null;
  /** Time of the last message heard while a ping is unanswered; null when TWS is answering. */
  private silentSince: number | null = null;
  private readonly liveness: Liveness;
  private readonly at: string;

  constructor(
    private readonly ctx: SessionContext,
    private readonly orderIds: OrderIds,
    private readonly options: ConnectionOptions,
    private readonly hooks: ConnectionHooks,
  ) {
    this.at = endpoint(ctx.config.host, ctx.config.port);
    this.liveness = new Liveness(
      ctx.scheduler,
      { pingIntervalMs: options.pingIntervalMs, pingTimeoutMs: options.pingTimeoutMs, doubtAfterMs: options.doubtAfterMs },
      {
        ping: () => this.link?.api.reqCurrentTime(),
        dead: (silentMs) => this.presumedDead(silentMs),
        doubt: (lastHeard) => this.doubt(lastHeard),
      },
    );
  }

  phase(): LinkPhase {
    return this.link?.phase ?? 'none';
  }

  readyApi(): IBApi | null {
    const link = this.link;
    return link?.phase === 'ready' ? link.api : null;
  }

  accountCode(): string | null {
    return this.code;
  }

  ibLinkDown(): boolean {
    return this.ibLink === 'down';
  }

  /** How long TWS has been silent while a ping waits for its answer; null when it is answering. */
  silentForMs(): number | null {
    return this.silentSince === null ? null : this.ctx.scheduler.now() - this.silentSince;
  }

  /** The current link's outgoing queue (withdraw an order not yet written). */
  outgoing(): PacedQueue<WireMessage> | null {
    return this.link?.outgoing ?? null;
  }

  connect(): Promise<void> {
    const current = this.link;
    if (current && current.phase !== 'closed') return current.promise;
    const { config } = this.ctx;
    const api = this.options.createApi({
      host: config.host,
      port: config.port,
      clientId: config.clientId,
      maxReqPerSec: this.options.maxReqPerSec,
    });
    const link = newLink(api, installSendLanes(api, this.options.pacingClock, pacingFor(this.options.maxReqPerSec), (m) => this.hooks.written(m)));
    if (!link.outgoing) this.ctx.log('warn', null, 'IB send lanes not installed: cancels may wait behind queued orders');
    this.link = link;
    this.ibLink = 'unknown';
    this.farms.clear();
    this.serverVersion = null;

    if (!installDecoderGuard(api, (where, e) => this.ctx.contained(where, e))) {
      this.ctx.log('warn', null, 'IB client guard not installed: this @stoqey/ib build has an unexpected shape');
    }
    this.wire(link);
    link.connectTimer = this.ctx.scheduler.setTimeout(
      () => this.failConnect(link, connectErrors.timeout(this.at, this.options.connectTimeoutMs)),
      this.options.connectTimeoutMs,
    );
    this.ctx.log('info', null, `connecting to ${this.at} as client id ${config.clientId}`);
    try {
      api.connect(config.clientId);
    } catch (e) {
      this.failConnect(link, connectErrors.failed(this.at, errorText(e)));
    }
    return link.promise;
  }

  disconnect(): void {
    const link = this.link;
    if (!link) return;
    if (link.phase === 'connecting') link.reject(connectErrors.disconnectRequested());
    this.error = null;
    this.teardown(link);
    this.ctx.log('info', null, `disconnected from ${this.at}`);
    this.emitStatus();
  }

  private teardown(link: Link): void {
    if (link.phase === 'closed') return;
    link.phase = 'closed';
    if (link.connectTimer) this.ctx.scheduler.clear(link.connectTimer);
    link.connectTimer = null;
    // Detach first: the old client's late events (its 'close', a rate-limited
    // write failing) must not touch the session any more.
    link.api.removeAllListeners();
    const unsent = link.outgoing?.drop() ?? [];
    try {
      link.api.disconnect();
    } catch {
      // already down
    }
    if (unsent.length > 0) this.hooks.unsent(unsent);
    if (this.link !== link) return;
    this.link = null;
    this.silentSince = null;
    this.liveness.stop();
    this.hooks.closed();
  }

  private failConnect(link: Link, error: BrokerConnectError): void {
    if (link.phase !== 'connecting') return;
    this.error = error.message;
    this.ctx.log('error', null, error.message);
    this.teardown(link);
    link.reject(error);
    this.emitStatus();
  }

  /** A READY connection went away (socket closed, or we closed it). */
  private lost(link: Link, reason: string): void {
    if (link.phase !== 'ready') return;
    this.error = reason;
    this.ctx.log('error', null, reason);
    this.teardown(link);
    this.emitStatus();
  }

  private doubt(lastHeard: number | null): void {
    this.silentSince = lastHeard;
    if (lastHeard !== null) {
      this.ctx.log('warn', null, `no answer from TWS for ${seconds(this.ctx.scheduler.now() - lastHeard)} — new orders are refused until it answers`);
    } else {
      this.ctx.log('info', null, 'TWS is answering again');
    }
    this.emitStatus();
  }

  private presumedDead(silentMs: number): void {
    const link = this.link;
    if (link) this.lost(link, sessionErrors.presumedDead(silentMs));
  }

  private maybeReady(link: Link): void {
    if (link.phase !== 'connecting' || !link.gotNextValidId || link.managed === null) return;
    const configured = this.ctx.config.accountCode.trim();
    const code = configured || link.managed[0] || '';
    if (!code || (configured && !link.managed.includes(configured))) {
      this.failConnect(link, connectErrors.accountNotManaged(configured || '(first managed)', link.managed.join(', ')));
      return;
    }
    this.code = code;
    link.phase = 'ready';
    if (link.connectTimer) this.ctx.scheduler.clear(link.connectTimer);
    link.connectTimer = null;
    if (this.ibLink === 'unknown') this.ibLink = 'up';
    this.error = null;
    this.hooks.ready(link.api);
    this.liveness.start();
    this.ctx.log(
      'info',
      null,
      `connected to ${this.at} as client id ${this.ctx.config.clientId}, account ${code}, next order id ${this.orderIds.peek()}`,
    );
    this.emitStatus();
    link.resolve();
  }

  emitStatus(): void {
    const ready = this.link?.phase === 'ready';
    const status: BrokerSessionStatus = {
      connected: ready,
      readyForOrders: ready && this.orderIds.known() && this.ibLink !== 'down',
      ibLink: this.ibLink,
      farms: [...this.farms.values()].map((f) => ({ ...f })),
      accountCode: this.code,
      serverVersion: this.serverVersion,
      error: this.error,
      silentSince: ready ? this.silentSince : null,
    };
    this.ctx.safeCall(() => this.ctx.listener.onStatus(status));
  }

  private wire(link: Link): void {
    const api = link.api;
    // IBApi's typed overloads cannot take a generic event name; the handlers
    // state each event's argument types themselves.
    const emitter = api as unknown as { on(event: string, fn: (...args: unknown[]) => void): unknown };
    const on: On = (event, handler) => {
      emitter.on(event, (...args: unknown[]) => {
        if (this.link !== link) return;
        try {
          handler(...(args as Parameters<typeof handler>));
        } catch (e) {
          this.ctx.contained('dispatch', e);
        }
      });
    };
    // Hot path: no wrapper closure, no rest arrays.
    api.on(EventName.received, () => {
      if (this.link === link) this.liveness.life();
    });
    on(EventName.server, (version: number) => {
      this.serverVersion = version;
    });
    on(EventName.managedAccounts, (list: string) => {
      link.managed = String(list ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      this.maybeReady(link);
    });
    on(EventName.nextValidId, (id: number) => {
      this.orderIds.observe(id);
      link.gotNextValidId = true;
      this.maybeReady(link);
    });
    on(EventName.error, (err: Error | undefined, code: number, reqId: number) => {
      this.onMessage(link, code, reqId ?? -1, err?.message ?? '');
    });
    on(EventName.info, (message: string, code: number) => {
      this.onMessage(link, code, -1, message ?? '');
    });
    on(EventName.disconnected, () => {
      if (link.phase === 'connecting') this.failConnect(link, link.failure ?? connectErrors.closed(this.at));
      else this.lost(link, sessionErrors.lost(this.at));
    });
    this.hooks.wire(api, on);
  }

  /** Every IB message is logged; the connection handles its own effects and passes on the rest. */
  private onMessage(link: Link, code: number, id: number, text: string): void {
    const { level, effect } = classifyIbMessage(code, id, text);
    this.ctx.log(level, code, id >= 0 ? `${text} (id ${id})` : text);
    switch (effect.kind) {
      case 'farm': {
        const key = `${effect.farm}:${effect.name}`;
        const before = this.farms.get(key);
        this.farms.set(key, { name: effect.name, kind: effect.farm, ok: effect.ok });
        // A market-data farm back after a break: streams on it may be dead.
        if (effect.ok && effect.farm === 'market' && before && !before.ok && link.phase === 'ready') {
          this.hooks.dataLost(link.api, 'quotes');
        }
        this.emitStatus();
        return;
      }
      case 'link':
        this.ibLink = effect.state === 'down' ? 'down' : 'up';
        if (effect.state === 'restored-data-lost' && link.phase === 'ready') this.hooks.dataLost(link.api, 'quotes-and-account');
        this.emitStatus();
        return;
      case 'client-id-in-use':
        link.failure = connectErrors.clientIdInUse(this.ctx.config.clientId, this.at);
        if (link.phase === 'connecting') this.failConnect(link, link.failure);
        return;
      case 'unsupported-version':
        link.failure = connectErrors.unsupportedVersion(this.at, text);
        if (link.phase === 'connecting') this.failConnect(link, link.failure);
        return;
      case 'socket':
        if (effect.problem === 'connect-failed' && link.phase === 'connecting') {
          this.failConnect(link, /ECONNREFUSED/i.test(text) ? connectErrors.refused(this.at) : connectErrors.failed(this.at, text));
        }
        return;
      case 'port-reset':
        if (link.phase === 'ready') this.lost(link, `TWS reset its API port: ${text}`);
        return;
      default:
        this.hooks.message(effect, code, text);
    }
  }
}

/** Our lanes pace in 100 ms slots: 40/s -> 4 per slot (never fewer than one). */
function pacingFor(maxReqPerSec: number): { perInterval: number; intervalMs: number } {
  return { perInterval: Math.max(1, Math.floor(maxReqPerSec / 10)), intervalMs: 100 };
}

function newLink(api: IBApi, outgoing: PacedQueue<WireMessage> | null): Link {
  let resolve: () => void = () => undefined;
  let reject: (e: BrokerConnectError) => void = () => undefined;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { api, outgoing, phase: 'connecting', gotNextValidId: false, managed: null, promise, resolve, reject, connectTimer: null, failure: null };
}
