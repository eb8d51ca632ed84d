// The host's public entry. The host knows only the broker seam (broker.ts):
// the composition root (electron/app-composition.ts) passes the brokers in.

import { createHostWithBrokers, type Host, type HostOptions } from './host';

export type { DemoGateway, Host, HostOptions } from './host';
export { DEMO_ACCOUNT_ID } from './host';
export { createRealScheduler } from './real-scheduler';
export type { Broker } from './broker';

export function createHost(options: HostOptions): Host {
  return createHostWithBrokers(options);
}
export { MemorySecretStore, type SecretStore } from './secret-store';
