// Puts a PacedQueue (outgoing-queue.ts) on one IBApi's send path.
//
// @stoqey/ib encodes every request synchronously into a token array and hands
// it to `controller.rateLimiter` (one FIFO at maxReqPerSec), which writes it
// to the socket. We replace that function on this client only (a private
// seam, checked at runtime like guard.ts), so every message, not only orders,
// counts against IB's 50/s, and the lane is chosen by the message id:
//
//   placeOrder (new order or modify)  -> normal lane
//   cancelOrder, reqGlobalCancel      -> priority lane
//   reqCurrentTime (liveness ping)    -> priority lane
//   everything else                   -> normal lane
//
// The handshake and START_API bypass the limiter in @stoqey/ib, so they are
// never queued here either.

import type { IBApi } from '@stoqey/ib';
import type { Scheduler } from '../host/broker';
import { PacedQueue, type Lane, type OutgoingItem, type PacedQueueOptions } from './outgoing-queue';

/** IB's outgoing message ids we route by (encoder.js OUT_MSG_ID). */
export const OUT_MSG = { PLACE_ORDER: 3, CANCEL_ORDER: 4, REQ_CURRENT_TIME: 49, REQ_GLOBAL_CANCEL: 58 } as const;

const PRIORITY = new Set<number>([OUT_MSG.CANCEL_ORDER, OUT_MSG.REQ_GLOBAL_CANCEL, OUT_MSG.REQ_CURRENT_TIME]);

export function laneOf(msgId: number): Lane {
  return PRIORITY.has(msgId) ? 'priority' : 'normal';
}

export interface WireMessage extends OutgoingItem {
  tokens: unknown[];
}

/**
 * Reads the message id and, for PLACE_ORDER / CANCEL_ORDER at server version
 * >= 145 (no version token), the order id from an encoded message. The
 * encoder and the controller each wrap the tokens once more (`sendMsg(...args)`),
 * so a message arrives as [[3, id, ...]] or [[[3, id, ...]]]; the socket
 * flattens it on write.
 */
export function describeTokens(tokens: unknown[]): WireMessage {
  let flat = tokens;
  while (flat.length > 0 && Array.isArray(flat[0])) flat = flat[0] as unknown[];
  const msgId = Number(flat[0]);
  const carriesOrder = msgId === OUT_MSG.PLACE_ORDER || msgId === OUT_MSG.CANCEL_ORDER;
  const orderId = carriesOrder ? Number(flat[1]) : NaN;
  return { tokens, msgId, lane: laneOf(msgId), orderId: Number.isInteger(orderId) ? orderId : null };
}

interface ControllerSeam {
  rateLimiter: (tokens: unknown[]) => void;
  socket: { send(tokens: unknown[]): void };
}

function seamOf(api: IBApi): ControllerSeam | null {
  const controller = (api as unknown as { controller?: Partial<ControllerSeam> }).controller;
  if (!controller || typeof controller.rateLimiter !== 'function') return null;
  if (!controller.socket || typeof controller.socket.send !== 'function') return null;
  return controller as ControllerSeam;
}

/** Returns null when this @stoqey/ib build lacks the seam (its own single-lane limiter stays). */
export function installSendLanes(
  api: IBApi,
  scheduler: Scheduler,
  pacing: PacedQueueOptions,
  onWritten?: (message: WireMessage) => void,
): PacedQueue<WireMessage> | null {
  const controller = seamOf(api);
  if (!controller) return null;
  const socket = controller.socket;
  const queue = new PacedQueue<WireMessage>(scheduler, pacing, (message) => {
    socket.send(message.tokens);
    onWritten?.(message);
  });
  controller.rateLimiter = (tokens: unknown[]): void => queue.push(describeTokens(tokens));
  return queue;
}
