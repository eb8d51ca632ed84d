// Containment for exceptions thrown inside @stoqey/ib's socket handling.
//
// The client decodes frames synchronously inside the net.Socket 'data'
// handler; anything that throws there (e.g. JSON.parse of a malformed
// advancedOrderReject in ERR_MSG, research D6) is an uncaught exception that
// takes the Electron main process down with every session on it.
//
// What we do, per IBApi instance (a private seam, checked at runtime):
// 1. Wrap `controller.decoder.processMsg` (decodes one message). A throw there
//    is reported and swallowed; the decoder's own end-of-message boundary check
//    then drops the rest of that frame (reported as 505), so the stream stays
//    in sync and the next frame decodes normally. Its UnderrunError is
//    re-thrown because the decoder already handles it.
// 2. Wrap `controller.processIngressQueue` (runs the decode loop and emits
//    events). A throw that still arrives here happened while emitting (the
//    queue is at a message boundary), so we report it and resume the loop for
//    the frames still queued.
// The session's own event handlers also catch their exceptions, so a bug in
// the host never reaches the decoder. The Electron shell should still keep a
// process-level 'uncaughtException' logger as the last net.

import type { IBApi } from '@stoqey/ib';

interface DecoderSeam {
  processMsg: (msgId: number) => unknown;
}

interface ControllerSeam {
  decoder: DecoderSeam;
  processIngressQueue: () => void;
}

function seamOf(api: IBApi): ControllerSeam | null {
  const controller = (api as unknown as { controller?: Partial<ControllerSeam> }).controller;
  if (!controller || typeof controller.processIngressQueue !== 'function') return null;
  const decoder = controller.decoder;
  if (!decoder || typeof decoder.processMsg !== 'function') return null;
  return controller as ControllerSeam;
}

function isUnderrun(e: unknown): boolean {
  return e instanceof Error && e.name === 'UnderrunError';
}

/** Returns false when this @stoqey/ib build does not have the expected seam (nothing installed). */
export function installDecoderGuard(api: IBApi, onContained: (where: 'decode' | 'dispatch', error: unknown) => void): boolean {
  const controller = seamOf(api);
  if (!controller) return false;
  const decoder = controller.decoder;
  const decode = decoder.processMsg.bind(decoder);
  decoder.processMsg = (msgId: number): unknown => {
    try {
      return decode(msgId);
    } catch (e) {
      if (isUnderrun(e)) throw e;
      onContained('decode', e);
      return undefined;
    }
  };
  const processQueue = controller.processIngressQueue.bind(controller);
  controller.processIngressQueue = (): void => {
    // Bounded: each failed pass consumed at least one message, and a queue
    // cannot hold more than the frames already received.
    for (let pass = 0; pass < 100_000; pass++) {
      try {
        processQueue();
        return;
      } catch (e) {
        onContained('dispatch', e);
      }
    }
  };
  return true;
}
