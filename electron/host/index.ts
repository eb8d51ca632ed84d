// The host's public entry: createHost with the IB broker registered by default.

import { ibBroker } from '../ib';
import { createHostWithBrokers, type Host, type HostOptions } from './host';

export type { DemoGateway, Host, HostOptions } from './host';
export { DEMO_ACCOUNT_ID } from './host';
export { createRealScheduler } from './real-scheduler';

export function createHost(options: HostOptions): Host {
  return createHostWithBrokers({ ...options, brokers: options.brokers ?? [ibBroker] });
}
