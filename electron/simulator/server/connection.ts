// One client socket: handshake, START_API, pacing, freeze and latency, and the
// per-connection subscription state. Business requests are handed to the
// ConnectionHost (the account port). Anything unparsable at the framing level
// drops this connection only; every other connection is unaffected.

import type { Socket } from 'node:net';
import { ClientFrameReader, encodeFrame, MAX_CLIENT_FRAME_BYTES, type Field } from '../wire/codec';
import { parseClientMessage, type ClientRequest } from '../wire/requests';
import { errorMessage, twsTime } from '../wire/responses';
import { negotiateVersion, MAX_SERVER_VER } from '../wire/server-versions';
import { TickHeadCache } from '../wire/ticks';
import { AccountSubscriptions } from './account-requests';
import { SlidingRateWindow } from './rate-window';

export interface ConnectionHost {
  readonly account: string;
  readonly maxMessagesPerSecond: number;
  /** A socket that has not reached START_API by then is closed. */
  readonly handshakeTimeoutMs: number;
  now(): number;
  latencyMs(): number;
  /** Registers the clientId; false when another live connection holds it. */
  claimClientId(connection: ClientConnection, clientId: number): boolean;
  onReady(connection: ClientConnection): void;
  onRequest(connection: ClientConnection, request: ClientRequest): void;
  onClosed(connection: ClientConnection): void;
  log(message: string): void;
}

export interface MarketDataSubscription {
  reqId: number;
  conId: number;
  delayed: boolean;
}

/** Sustained abuse: this many times the limit within one second drops the connection (TWS disconnects too). */
const ABUSE_FACTOR = 5;

/** Unsent bytes beyond which a connection is dropped as a slow consumer (about 10 s of 20,000 ticks/s). */
export const MAX_UNSENT_BYTES = 32 * 1024 * 1024;

export const CLIENT_ID_IN_USE = 'Unable to connect as the client id is already in use. Retry with a unique client id.';

export class ClientConnection {
  state: 'handshake' | 'starting' | 'ready' | 'closed' = 'handshake';
  clientId = -1;
  /** The server version negotiated in the handshake; every message to this client is encoded at it. */
  version: number = MAX_SERVER_VER;
  /** 1 live, 3 delayed (reqMarketDataType); a new TWS session starts live. */
  marketDataType = 1;
  readonly marketData = new Map<number, MarketDataSubscription>();
  accountUpdates = false;
  positions = false;
  readonly accountSummaries = new Map<number, string[]>();
  /** reqPnL / reqPnLSingle / *Multi subscriptions. */
  readonly subscriptions = new AccountSubscriptions();
  readonly tickHeads = new TickHeadCache();

  private readonly reader = new ClientFrameReader();
  private readonly rate: SlidingRateWindow;
  private lastPacingErrorAt = Number.NEGATIVE_INFINITY;
  private frozen = false;
  private readonly delayed: Array<{ due: number; data: Buffer }> = [];
  private delayTimer: NodeJS.Timeout | null = null;
  private closeNotified = false;
  private readonly heldWhileFrozen: Buffer[] = [];
  private heldBytes = 0;
  private handshakeTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly socket: Socket,
    private readonly host: ConnectionHost,
  ) {
    this.rate = new SlidingRateWindow(host.maxMessagesPerSecond);
    this.armHandshakeTimer();
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error) => host.log(`socket error: ${error.message}`));
    socket.on('close', () => this.onClose());
  }

  isClosed(): boolean {
    return this.state === 'closed';
  }

  get isReady(): boolean {
    return this.state === 'ready';
  }

  send(fields: readonly Field[]): void {
    this.write(encodeFrame(fields));
  }

  sendError(id: number, code: number, message: string): void {
    this.send(errorMessage(id, code, message, this.version));
  }

  /**
   * Writes bytes (subject to latency and freeze). Returns false when the socket
   * buffer is full: the caller should wait for drain() before writing more.
   */
  write(data: Buffer): boolean {
    if (this.state === 'closed' || this.frozen) return true;
    const latency = this.host.latencyMs();
    if (this.socket.writableLength > MAX_UNSENT_BYTES) {
      // A client that stopped reading would otherwise grow our memory without bound at high tick rates.
      this.host.log(`client ${this.clientId}: ${this.socket.writableLength} bytes unsent, dropping the slow consumer`);
      this.destroy();
      return true;
    }
    if (latency <= 0 && this.delayed.length === 0) return this.socket.write(data);
    this.delayed.push({ due: Date.now() + Math.max(0, latency), data });
    this.scheduleDelayed();
    return true;
  }

  drain(): Promise<void> {
    if (this.state === 'closed' || !this.socket.writableNeedDrain) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        this.socket.off('drain', done);
        this.socket.off('close', done);
        resolve();
      };
      this.socket.on('drain', done);
      this.socket.on('close', done);
    });
  }

  /**
   * Half-open link: the socket stays open and nothing is answered or sent.
   * Bytes keep being received (and held for the thaw) so that a client hanging
   * up is still noticed and its clientId freed, as the OS would for a hung TWS.
   */
  setFrozen(frozen: boolean): void {
    this.frozen = frozen;
    if (frozen || this.state === 'closed') return;
    const held = this.heldWhileFrozen.splice(0);
    this.heldBytes = 0;
    for (const chunk of held) this.onData(chunk);
  }

  destroy(): void {
    this.socket.destroy();
    this.onClose();
  }

  /** Sockets that never finish the handshake would hold a slot (and a clientId-less connection) forever. */
  private armHandshakeTimer(): void {
    this.handshakeTimer = setTimeout(() => {
      this.handshakeTimer = null;
      if (this.state === 'ready' || this.state === 'closed') return;
      // A frozen simulator answers nothing; the client is not to blame for that.
      if (this.frozen) {
        this.armHandshakeTimer();
        return;
      }
      this.host.log(`no START_API within ${this.host.handshakeTimeoutMs} ms, closing the socket`);
      this.destroy();
    }, this.host.handshakeTimeoutMs);
    this.handshakeTimer.unref();
  }

  private scheduleDelayed(): void {
    if (this.delayTimer) return;
    const first = this.delayed[0];
    if (!first) return;
    this.delayTimer = setTimeout(() => {
      this.delayTimer = null;
      const now = Date.now();
      while (this.delayed[0] && this.delayed[0].due <= now) {
        const next = this.delayed.shift();
        if (next && this.state !== 'closed' && !this.frozen) this.socket.write(next.data);
      }
      this.scheduleDelayed();
    }, Math.max(0, first.due - Date.now()));
  }

  private onData(chunk: Buffer): void {
    if (this.state === 'closed') return;
    if (this.frozen) {
      // Keep what arrives, in order, for the thaw: frame sync must survive the freeze.
      this.heldBytes += chunk.length;
      if (this.heldBytes > MAX_CLIENT_FRAME_BYTES) {
        this.host.log(`client ${this.clientId}: over ${MAX_CLIENT_FRAME_BYTES} bytes sent while frozen, dropping connection`);
        this.destroy();
        return;
      }
      this.heldWhileFrozen.push(chunk);
      return;
    }
    for (const event of this.reader.push(chunk)) {
      if (this.isClosed()) return;
      if (event.kind === 'error') {
        this.host.log(`client ${this.clientId}: protocol error, dropping connection: ${event.reason}`);
        this.destroy();
        return;
      }
      if (event.kind === 'handshake') {
        const negotiated = negotiateVersion(event.range.min, event.range.max);
        if (!negotiated.ok) {
          this.host.log(`refusing the handshake: ${negotiated.reason}`);
          this.destroy();
          return;
        }
        this.version = negotiated.version;
        this.state = 'starting';
        this.send([negotiated.version, twsTime(this.host.now())]);
        continue;
      }
      this.onMessage(event.fields);
    }
  }

  private onMessage(fields: string[]): void {
    const verdict = this.rate.record(Date.now());
    if (verdict.exceeded) {
      const now = Date.now();
      if (now - this.lastPacingErrorAt >= 1000) {
        this.lastPacingErrorAt = now;
        this.sendError(-1, 100, `Max rate of messages per second has been exceeded:max=${this.host.maxMessagesPerSecond} rec=${verdict.received} (1)`);
      }
      if (verdict.received >= ABUSE_FACTOR * this.host.maxMessagesPerSecond) {
        this.host.log(`client ${this.clientId}: ${verdict.received} messages in 1 s, disconnecting`);
        this.destroy();
        return;
      }
    }
    const request = parseClientMessage(fields, this.version);
    if (this.state === 'starting') {
      if (request.kind !== 'startApi') {
        this.host.log(`message ${fields[0] ?? '?'} before START_API, dropping connection`);
        this.destroy();
        return;
      }
      if (!this.host.claimClientId(this, request.clientId)) {
        this.sendError(-1, 326, CLIENT_ID_IN_USE);
        // end(), not destroy(): the 326 must reach the client before the close.
        this.state = 'closed';
        this.socket.end();
        return;
      }
      this.clientId = request.clientId;
      this.state = 'ready';
      if (this.handshakeTimer) clearTimeout(this.handshakeTimer);
      this.handshakeTimer = null;
      this.host.onReady(this);
      return;
    }
    if (request.kind === 'startApi') return;
    try {
      this.host.onRequest(this, request);
    } catch (error) {
      // A bug of ours must not take the simulator (or this client) down: report it the way TWS reports processing failures.
      const reason = error instanceof Error ? error.message : String(error);
      this.host.log(`request ${fields[0] ?? '?'} failed: ${reason}`);
      this.sendError(-1, 322, `Error processing request:-'${fields[0] ?? ''}' : cause - ${reason}`);
    }
  }

  private onClose(): void {
    if (this.delayTimer) clearTimeout(this.delayTimer);
    this.delayTimer = null;
    if (this.handshakeTimer) clearTimeout(this.handshakeTimer);
    this.handshakeTimer = null;
    this.delayed.length = 0;
    if (this.closeNotified) return;
    this.closeNotified = true;
    this.state = 'closed';
    this.host.onClosed(this);
  }
}
