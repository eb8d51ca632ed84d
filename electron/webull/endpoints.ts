// Where a Webull account's HTTP API and trade-event stream live. Regions and
// host names: Webull's "Endpoints" (the SDKs' region table): us, hk, jp. A
// loopback host is our simulator: plain HTTP on the account's port and the
// gRPC event stream on the next port (its documented convention).

export type WebullRegion = 'us' | 'hk' | 'jp';

export const WEBULL_REGIONS: readonly WebullRegion[] = ['us', 'hk', 'jp'];

const HOSTS: Record<WebullRegion, { api: string; events: string }> = {
  us: { api: 'api.webull.com', events: 'events-api.webull.com' },
  hk: { api: 'api.webull.hk', events: 'events-api.webull.hk' },
  jp: { api: 'api.webull.co.jp', events: 'events-api.webull.co.jp' },
};

export interface WebullEndpoints {
  /** `http:` for the simulator, `https:` for Webull. */
  protocol: 'http:' | 'https:';
  apiHost: string;
  apiPort: number;
  eventsHost: string;
  eventsPort: number;
  /** TLS on the gRPC channel. */
  eventsTls: boolean;
}

export function isLoopback(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/**
 * The account's host/port from settings when it is loopback (the simulator),
 * otherwise the region's hosts on 443. An empty host means "the region's".
 */
export function webullEndpoints(host: string, port: number, region: WebullRegion): WebullEndpoints {
  if (isLoopback(host)) {
    return { protocol: 'http:', apiHost: host, apiPort: port, eventsHost: host, eventsPort: port + 1, eventsTls: false };
  }
  const hosts = HOSTS[region];
  const apiHost = host.trim() === '' ? hosts.api : host.trim();
  return { protocol: 'https:', apiHost, apiPort: port > 0 ? port : 443, eventsHost: hosts.events, eventsPort: 443, eventsTls: true };
}

/** The Host header value, signed as-is: `host` on the default port, `host:port` otherwise. */
export function hostHeader(endpoints: WebullEndpoints): string {
  const defaultPort = endpoints.protocol === 'https:' ? 443 : 80;
  return endpoints.apiPort === defaultPort ? endpoints.apiHost : `${endpoints.apiHost}:${endpoints.apiPort}`;
}
