// Typed fan-out of host events (shared/ipc.ts `Events`) to transports and tests.

import type { EventListener, EventName, EventPayload } from '../../shared/ipc';

export interface EventBus {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Returns the unsubscribe function. */
  onEvent(listener: EventListener): () => void;
}

/**
 * `onListenerError` hears a listener that threw: one broken transport must not
 * stop the others (or the host) from receiving events.
 */
export function createEventBus(onListenerError: (error: unknown) => void = () => {}): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(event, payload) {
      for (const listener of listeners) {
        try {
          listener(event, payload);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
