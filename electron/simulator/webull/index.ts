// The Webull OpenAPI simulator: HTTP on `port`, the gRPC trade-event stream
// on `port + 1` (the adapter's loopback convention), both over one exchange
// engine (../exchange) of its own. `npm run simulator -- --webull PORT`.

import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createExchange } from '../exchange/index';
import { ExchangeAdapter } from './exchange-adapter';
import { GrpcSide } from './grpc-side';
import { createHttpSide, SIM_RATE_LIMITS, type RateLimit } from './http-server';
import type { SimAppKey } from './types';

export type { SimAppKey } from './types';
export { SIM_RATE_LIMITS } from './http-server';

export interface WebullSimulatorOptions {
  host?: string;
  /** HTTP port; gRPC takes the next one. 0 = any free pair. */
  port?: number;
  keys?: SimAppKey[];
  seed?: number;
  startingCash?: number;
  /** Ping cadence on the event stream. Default 10 s. */
  pingMs?: number;
  /** Market steps per second for symbols with working orders; 0 = a still market (tests). Default 0. */
  ticksPerSecond?: number;
  limits?: Record<string, RateLimit>;
  now?: () => number;
  log?: (message: string) => void;
}

export interface WebullSimulator {
  readonly host: string;
  readonly httpPort: number;
  readonly grpcPort: number;
  readonly keys: readonly SimAppKey[];
  movePrice(symbol: string, price: number): void;
  /** End every event stream (a dropped link). */
  dropEventStreams(): void;
  /** Requests are read and never answered while frozen (a hung link). */
  freezeHttp(on: boolean): void;
  eventStreams(): number;
  close(): Promise<void>;
}

/** A demo key: what `--webull PORT` serves when no keys are given. */
export const DEMO_WEBULL_KEY: SimAppKey = { appKey: 'demo-app-key', appSecret: 'demo-app-secret', accounts: ['WB1000001'], gtc: true };

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** HTTP on a port and gRPC on the next; with port 0, tries new pairs until one is free. */
async function bindPair(http: Server, grpc: GrpcSide, host: string, port: number): Promise<{ httpPort: number; grpcPort: number }> {
  for (let attempt = 0; ; attempt++) {
    const httpPort = await listen(http, host, port);
    try {
      return { httpPort, grpcPort: await grpc.bind(host, httpPort + 1) };
    } catch (error) {
      await new Promise<void>((resolve) => http.close(() => resolve()));
      if (port !== 0 || attempt >= 20) throw new Error(`the Webull simulator's event port ${httpPort + 1} is taken`, { cause: error });
    }
  }
}

export async function startWebullSimulator(options: WebullSimulatorOptions = {}): Promise<WebullSimulator> {
  const host = options.host ?? '127.0.0.1';
  const keys = options.keys ?? [DEMO_WEBULL_KEY];
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const accounts = [...new Set(keys.flatMap((k) => k.accounts))];
  const exchange = createExchange({ seed: options.seed ?? 7, accounts, startingCash: options.startingCash ?? 1_000_000, now });
  const grpc = new GrpcSide({ keys, now, pingMs: options.pingMs ?? 10_000 });
  const adapter = new ExchangeAdapter(exchange, { event: (accountId, event) => grpc.publish(accountId, event) });
  const httpSide = createHttpSide({ keys, adapter, now, limits: options.limits ?? SIM_RATE_LIMITS, log });
  const http = httpSide.server;
  const { httpPort, grpcPort } = await bindPair(http, grpc, host, options.port ?? 0);
  const rate = options.ticksPerSecond ?? 0;
  const pacer = rate > 0 ? setInterval(() => adapter.step(Math.max(1, Math.round(rate / 10))), 100) : null;
  pacer?.unref?.();
  return {
    host,
    httpPort,
    grpcPort,
    keys,
    movePrice: (symbol, price) => adapter.movePrice(symbol, price),
    dropEventStreams: () => grpc.dropAll(),
    freezeHttp: (on) => httpSide.freeze(on),
    eventStreams: () => grpc.streams(),
    close: async () => {
      if (pacer) clearInterval(pacer);
      http.closeAllConnections?.();
      await Promise.all([new Promise<void>((resolve) => http.close(() => resolve())), grpc.close()]);
    },
  };
}
