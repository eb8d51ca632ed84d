// The trade-event service, written from the proto in Webull's "Subscribe
// Trade Events" doc, as a protobufjs JSON descriptor so the bundled main
// process needs no .proto file at run time.

import type { PackageDefinition } from '@grpc/proto-loader';
import { fromJSON } from '@grpc/proto-loader';

export const EVENT_SERVICE_PATH = 'grpc.trade.event.EventService';

const DESCRIPTOR: Parameters<typeof fromJSON>[0] = {
  nested: {
    grpc: { nested: { trade: { nested: { event: { nested: {
      EventService: {
        methods: { Subscribe: { requestType: 'SubscribeRequest', responseType: 'SubscribeResponse', responseStream: true, comment: '' } },
      },
      SubscribeRequest: {
        fields: {
          subscribeType: { type: 'uint32', id: 1 },
          timestamp: { type: 'int64', id: 2 },
          contentType: { type: 'string', id: 3 },
          payload: { type: 'string', id: 4 },
          accounts: { rule: 'repeated', type: 'string', id: 5 },
        },
      },
      SubscribeResponse: {
        fields: {
          eventType: { type: 'EventType', id: 1 },
          subscribeType: { type: 'uint32', id: 2 },
          contentType: { type: 'string', id: 3 },
          payload: { type: 'string', id: 4 },
          requestId: { type: 'string', id: 5 },
          timestamp: { type: 'int64', id: 6 },
        },
      },
      EventType: { values: { SubscribeSuccess: 0, Ping: 1, AuthError: 2, NumOfConnExceed: 3, SubscribeExpired: 4 } },
    } } } } } },
  },
};

/** Numbers for enums: order events carry eventType 1024, which the enum does not list. */
export function eventPackage(): PackageDefinition {
  return fromJSON(DESCRIPTOR, { longs: Number, enums: Number, defaults: true });
}

export interface SubscribeRequest {
  subscribeType: number;
  timestamp: number;
  contentType: string;
  payload: string;
  accounts: string[];
}

export interface SubscribeResponse {
  eventType: number;
  subscribeType: number;
  contentType: string;
  payload: string;
  requestId: string;
  timestamp: number;
}

export const EVENT_TYPE = { SubscribeSuccess: 0, Ping: 1, AuthError: 2, NumOfConnExceed: 3, SubscribeExpired: 4, Order: 1024 } as const;
