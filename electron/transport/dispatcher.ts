// The dispatcher both transports serve: the contract's schemas in front of the host.
import type { HostPort } from '../../shared/ipc';
import { parseCommandRequest } from '../../shared/schema';
import { createDispatcherWith, type DispatchFaultLogger, type Dispatcher } from './dispatch';

export type { Dispatcher, DispatchFaultLogger } from './dispatch';

export function createDispatcher(host: Pick<HostPort, 'handlers'>, onFault?: DispatchFaultLogger): Dispatcher {
  return createDispatcherWith(host, parseCommandRequest, onFault);
}
