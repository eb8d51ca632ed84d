// The Webull broker adapter: `createWebullBroker(options)` is what the
// composition root registers under 'webull'.

import type { Broker, BrokerDeps, BrokerSessionConfig } from '../host/broker';
import { WebullSession, type WebullSessionOptions } from './session';

export { WebullSession, WEBULL_CAPABILITIES, WEBULL_LACKS, type WebullAccountCredentials, type WebullSessionOptions } from './session';
export { WEBULL_REGIONS, type WebullRegion } from './endpoints';
export type { Trail, WebullOrderChanges, WebullOrderInput } from './mapping/order';

export function createWebullBroker(options: WebullSessionOptions): Broker {
  return {
    name: 'webull',
    createSession(config: BrokerSessionConfig, deps: BrokerDeps): WebullSession {
      return new WebullSession(config, deps, options);
    },
  };
}
