// The trade-event stream on loopback (Webull's "Subscribe Trade Events"):
// signed metadata checked, SubscribeSuccess, then Ping every pingMs and an
// order event (eventType 1024, JSON payload) per change of a subscribed
// account's order. The service descriptor is written from the doc's proto.

import { randomUUID } from 'node:crypto';
import { Server, ServerCredentials, type MethodDefinition, type ServerWritableStream, type UntypedServiceImplementation } from '@grpc/grpc-js';
import { fromJSON } from '@grpc/proto-loader';
import { expectedGrpcSignature, Freshness, SIGNED_HEADERS } from './auth';
import type { OrderEvent, SimAppKey } from './types';

interface Request {
  subscribeType: number;
  timestamp: number;
  contentType: string;
  payload: string;
  accounts: string[];
}

interface Response {
  eventType: number;
  subscribeType: number;
  contentType: string;
  payload: string;
  requestId: string;
  timestamp: number;
}

const SERVICE: Parameters<typeof fromJSON>[0] = {
  nested: { grpc: { nested: { trade: { nested: { event: { nested: {
    EventService: { methods: { Subscribe: { requestType: 'SubscribeRequest', responseType: 'SubscribeResponse', responseStream: true, comment: '' } } },
    SubscribeRequest: { fields: {
      subscribeType: { type: 'uint32', id: 1 }, timestamp: { type: 'int64', id: 2 }, contentType: { type: 'string', id: 3 },
      payload: { type: 'string', id: 4 }, accounts: { rule: 'repeated', type: 'string', id: 5 },
    } },
    SubscribeResponse: { fields: {
      eventType: { type: 'EventType', id: 1 }, subscribeType: { type: 'uint32', id: 2 }, contentType: { type: 'string', id: 3 },
      payload: { type: 'string', id: 4 }, requestId: { type: 'string', id: 5 }, timestamp: { type: 'int64', id: 6 },
    } },
    EventType: { values: { SubscribeSuccess: 0, Ping: 1, AuthError: 2, NumOfConnExceed: 3, SubscribeExpired: 4 } },
  } } } } } } },
};

const DEFINITION = fromJSON(SERVICE, { longs: Number, enums: Number, defaults: true })['grpc.trade.event.EventService'] as unknown as Record<string, MethodDefinition<Request, Response>>;

export const ORDER_EVENT_TYPE = 1024;
/** Subscriptions one app key may hold at once (Webull's number is not documented; unverified). */
export const MAX_STREAMS_PER_KEY = 10;

interface Subscriber {
  key: SimAppKey;
  accounts: Set<string>;
  call: ServerWritableStream<Request, Response>;
}

export interface GrpcSideOptions {
  keys: readonly SimAppKey[];
  now: () => number;
  pingMs: number;
}

export class GrpcSide {
  private readonly server = new Server();
  private readonly subscribers = new Set<Subscriber>();
  private readonly freshness: Freshness;
  private pinger: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly options: GrpcSideOptions) {
    this.freshness = new Freshness(options.now);
    const implementation: UntypedServiceImplementation = { Subscribe: (call: ServerWritableStream<Request, Response>) => this.subscribe(call) };
    this.server.addService(DEFINITION as never, implementation);
  }

  bind(host: string, port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.bindAsync(`${host}:${port}`, ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound)));
    }).then((bound) => {
      this.pinger = setInterval(() => this.pingAll(), this.options.pingMs);
      this.pinger.unref?.();
      return bound as number;
    });
  }

  /** Streams open now (tests wait for the client's reconnect). */
  streams(): number {
    return this.subscribers.size;
  }

  publish(accountId: string, event: OrderEvent): void {
    for (const s of this.subscribers) {
      if (s.accounts.has(accountId)) this.write(s.call, ORDER_EVENT_TYPE, JSON.stringify(event), 'application/json');
    }
  }

  /** Control: end every stream as a broken link would (clients must reconnect). */
  dropAll(): void {
    for (const s of [...this.subscribers]) {
      this.subscribers.delete(s);
      s.call.end();
    }
  }

  close(): Promise<void> {
    if (this.pinger) clearInterval(this.pinger);
    this.dropAll();
    return new Promise((resolve) => {
      this.server.tryShutdown(() => resolve());
      setTimeout(() => {
        this.server.forceShutdown();
        resolve();
      }, 500).unref?.();
    });
  }

  private subscribe(call: ServerWritableStream<Request, Response>): void {
    const headers: Record<string, string> = {};
    for (const name of [...SIGNED_HEADERS, 'x-signature']) {
      const value = call.metadata.get(name)[0];
      if (typeof value === 'string') headers[name] = value;
    }
    const refuse = (why: string): void => {
      this.write(call, 2, why, 'text/plain');
      call.end();
    };
    const key = this.options.keys.find((k) => k.appKey === headers['x-app-key']);
    if (!key) return refuse(`unknown x-app-key ${headers['x-app-key'] ?? '(none)'}`);
    const stale = this.freshness.check(headers);
    if (stale) return refuse(stale.message);
    const bytes = DEFINITION.Subscribe?.requestSerialize(call.request);
    if (!bytes || headers['x-signature'] !== expectedGrpcSignature(headers, bytes, key.appSecret)) return refuse('the signature does not match the request');
    const denied = call.request.accounts.find((a) => !key.accounts.includes(a));
    if (denied !== undefined) return refuse(`app key ${key.appKey} may not follow account ${denied}`);
    if ([...this.subscribers].filter((s) => s.key === key).length >= MAX_STREAMS_PER_KEY) {
      this.write(call, 3, `at most ${MAX_STREAMS_PER_KEY} streams per app key`, 'text/plain');
      call.end();
      return;
    }
    const subscriber: Subscriber = { key, accounts: new Set(call.request.accounts), call };
    this.subscribers.add(subscriber);
    const forget = (): void => void this.subscribers.delete(subscriber);
    call.on('cancelled', forget);
    call.on('close', forget);
    call.on('error', forget);
    this.write(call, 0, '', 'text/plain');
  }

  private pingAll(): void {
    for (const s of this.subscribers) this.write(s.call, 1, '', 'text/plain');
  }

  private write(call: ServerWritableStream<Request, Response>, eventType: number, payload: string, contentType: string): void {
    call.write({ eventType, subscribeType: 1, contentType, payload, requestId: randomUUID(), timestamp: this.options.now() });
  }
}
