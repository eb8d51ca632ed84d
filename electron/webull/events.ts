// Webull's trade-event stream: one server-streaming gRPC call per connection
// (docs: "Subscribe Trade Events"), signed in its metadata. The stream says
// SubscribeSuccess, then Ping and order events; when it ends or stays silent
// the session closes and the host's reconnect timer opens a new one.

import { randomUUID } from 'node:crypto';
import { Client, credentials as grpcCredentials, Metadata, type ClientReadableStream, type MethodDefinition, type ServiceError } from '@grpc/grpc-js';
import type { WebullEndpoints } from './endpoints';
import { EVENT_SERVICE_PATH, EVENT_TYPE, eventPackage, type SubscribeRequest, type SubscribeResponse } from './events-proto';
import type { WebullCredentials } from './http-client';
import { signGrpc, signingHeaders } from './signing';

export interface EventStreamHandlers {
  /** SubscribeSuccess arrived. */
  ready(): void;
  /** An order event's JSON payload. */
  orderEvent(payload: string): void;
  /** Any message (ping included): the stream is alive. */
  alive(): void;
  /** The stream is over, with the reason in a trader's words. Called once. */
  ended(reason: string): void;
}

const SUBSCRIBE = (() => {
  const service = eventPackage()[EVENT_SERVICE_PATH] as unknown as Record<string, MethodDefinition<SubscribeRequest, SubscribeResponse>>;
  const method = service.Subscribe;
  if (!method) throw new Error('the trade-event descriptor has no Subscribe method');
  return method;
})();

const REFUSALS: Record<number, string> = {
  [EVENT_TYPE.AuthError]: 'Webull refused the event stream: authentication error (check the app key and secret)',
  [EVENT_TYPE.NumOfConnExceed]: 'Webull refused the event stream: too many connections for this app key',
  [EVENT_TYPE.SubscribeExpired]: 'Webull ended the event stream: subscription expired',
};

export class EventStream {
  private client: Client | null = null;
  private call: ClientReadableStream<SubscribeResponse> | null = null;
  private done = false;

  constructor(
    private readonly endpoints: WebullEndpoints,
    private readonly credentials: WebullCredentials,
    private readonly now: () => number,
  ) {}

  open(accounts: string[], handlers: EventStreamHandlers): void {
    const { eventsHost, eventsPort, eventsTls } = this.endpoints;
    const end = (reason: string): void => {
      if (this.done) return;
      this.done = true;
      this.close();
      handlers.ended(reason);
    };
    const client = new Client(`${eventsHost}:${eventsPort}`, eventsTls ? grpcCredentials.createSsl() : grpcCredentials.createInsecure());
    this.client = client;
    const request: SubscribeRequest = { subscribeType: 1, timestamp: this.now(), contentType: '', payload: '', accounts };
    const headers = signingHeaders(this.credentials.appKey, this.now(), randomUUID());
    const metadata = new Metadata();
    for (const [key, value] of Object.entries(headers)) metadata.set(key, value);
    metadata.set('x-signature', signGrpc(headers, SUBSCRIBE.requestSerialize(request), this.credentials.appSecret));
    const call = client.makeServerStreamRequest(SUBSCRIBE.path, SUBSCRIBE.requestSerialize, SUBSCRIBE.responseDeserialize, request, metadata);
    this.call = call;
    call.on('data', (response: SubscribeResponse) => {
      handlers.alive();
      const refusal = REFUSALS[response.eventType];
      if (refusal) return end(response.payload ? `${refusal}: ${response.payload}` : refusal);
      if (response.eventType === EVENT_TYPE.SubscribeSuccess) return handlers.ready();
      if (response.eventType === EVENT_TYPE.Ping) return;
      handlers.orderEvent(response.payload);
    });
    call.on('error', (error: ServiceError) => end(`Webull event stream failed: ${error.details || error.message}`));
    call.on('end', () => end('Webull closed the event stream'));
  }

  close(): void {
    this.done = true;
    const call = this.call;
    const client = this.client;
    this.call = null;
    this.client = null;
    call?.removeAllListeners();
    call?.on('error', () => {});
    call?.cancel();
    client?.close();
  }
}
