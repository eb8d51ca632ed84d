// Brokers by name: the host asks for the broker an account names, so adding a
// second broker is a registration, not a host change.

import type { BrokerName } from '../../shared/model';
import type { Broker } from './broker';

export interface BrokerRegistry {
  get(name: BrokerName): Broker | undefined;
  names(): BrokerName[];
}

export function createBrokerRegistry(brokers: readonly Broker[]): BrokerRegistry {
  const byName = new Map<BrokerName, Broker>();
  for (const broker of brokers) {
    if (byName.has(broker.name)) throw new Error(`broker "${broker.name}" is registered twice`);
    byName.set(broker.name, broker);
  }
  return {
    get: (name) => byName.get(name),
    names: () => [...byName.keys()],
  };
}
