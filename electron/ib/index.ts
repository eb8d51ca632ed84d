// The IB broker adapter: `ibBroker` is what the host registers under 'ib'.

import type { Broker, BrokerCapabilities, BrokerDeps, BrokerSessionConfig } from '../host/broker';
import { IB_FEATURES } from '../../shared/broker-features';
import { IbSession, type IbSessionOptions } from './session';

export { IbSession, type IbSessionOptions } from './session';
export { OrderRefusedError } from './messages';
export { classifyIbMessage, type IbMessageClass, type IbMessageEffect } from './mapping/errors';
export { REQUEST_ID_BASE } from './ids';

/** IB offers every feature the workstation has (margin check, depth, history, tick-by-tick, daily P&L
 * all run on it): the one table in shared/broker-features.ts, so host and renderer never disagree. */
export const IB_CAPABILITIES: BrokerCapabilities = IB_FEATURES;

/** A Broker whose sessions use these options (tests shorten the liveness timings). */
export function createIbBroker(options: IbSessionOptions = {}): Broker {
  return {
    name: 'ib',
    capabilities: IB_CAPABILITIES,
    createSession(config: BrokerSessionConfig, deps: BrokerDeps): IbSession {
      return new IbSession(config, deps, options);
    },
  };
}

export const ibBroker: Broker = createIbBroker();
