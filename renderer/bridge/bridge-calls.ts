// The bridge's bookkeeping, apart from the socket: commands waiting for their
// answer (each with a timeout, failed all at once when the link goes), and the
// listeners of host events and link changes.

import { err, type ClientFrame, type CommandName, type CommandRequest, type CommandResult, type EventName, type EventPayload, type Result } from '../../shared/ipc';
import type { BridgeTimers } from './ws-bridge';

interface Pending {
  resolve: (result: Result<unknown>) => void;
  timer: number;
}

/** A set of listeners; add() answers the unsubscribe. */
export function listenerSet<L>(): { add(listener: L): () => void; each(): L[] } {
  const set = new Set<L>();
  return {
    add(listener) {
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
    each: () => [...set],
  };
}

/** Commands sent and not yet answered. */
export function createPendingCalls(timers: BridgeTimers, invokeTimeoutMs: number) {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  return {
    /** Sends the command with `write` and resolves with its answer, a timeout, or the send's failure. */
    call<C extends CommandName>(command: C, request: CommandRequest<C>, write: (text: string) => void): Promise<Result<CommandResult<C>>> {
      const id = nextId++;
      const frame: ClientFrame = { type: 'invoke', id, command, request };
      return new Promise<Result<CommandResult<C>>>((resolve) => {
        const timer = timers.setTimeout(() => {
          pending.delete(id);
          resolve(err('timeout', `${command}: no answer from the workstation host in ${invokeTimeoutMs / 1000} s`));
        }, invokeTimeoutMs);
        pending.set(id, { resolve: resolve as (r: Result<unknown>) => void, timer });
        try {
          write(JSON.stringify(frame));
        } catch (e) {
          pending.delete(id);
          timers.clearTimeout(timer);
          resolve(err('internal', `UI link lost: ${e instanceof Error ? e.message : 'send failed'}`));
        }
      });
    },
    /** The host's answer to call `id`; an answer nobody waits for any more is dropped. */
    answer(id: number, result: Result<unknown>): void {
      const p = pending.get(id);
      if (!p) return;
      pending.delete(id);
      timers.clearTimeout(p.timer);
      p.resolve(result);
    },
    failAll(message: string): void {
      for (const [id, p] of pending) {
        timers.clearTimeout(p.timer);
        pending.delete(id);
        p.resolve(err('internal', message));
      }
    },
  };
}

/** Host events to their listeners; a listener that throws is logged and the others still hear it. */
export function createEventFanout() {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  return {
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => {
        set.delete(l);
      };
    },
    deliver(event: EventName, payload: unknown): void {
      const set = listeners.get(event);
      if (!set) return;
      for (const l of [...set]) {
        try {
          l(payload);
        } catch (e) {
          console.error(`Janus bridge: ${event} listener failed`, e);
        }
      }
    },
  };
}
