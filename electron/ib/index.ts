// The IB broker adapter: `ibBroker` is what the host registers under 'ib'.

import type { Broker, BrokerCapabilities, BrokerDeps, BrokerSessionConfig } from '../host/broker';
import { IbSession, type IbSessionOptions } from './session';

export { IbSession, type IbSessionOptions } from './session';
export { OrderRefusedError } from './messages';
export { classifyIbMessage, type IbMessageClass, type IbMessageEffect } from './mapping/errors';
export { REQUEST_ID_BASE } from './ids';

/** What this adapter implements today; the host refuses the rest with a sentence. */
export const IB_CAPABILITIES: BrokerCapabilities = {
  modify: true,
  bracket: true,
  trailing: true,
  outsideRth: true,
  whatIf: false,
  depth: false,
  history: false,
  tickByTick: false,
  pnl: false,
};

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
