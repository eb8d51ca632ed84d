// Nagle's algorithm off on the TCP socket to TWS.
//
// @stoqey/ib opens its net.Socket inside Socket.connect() (core/io/socket.js:
// `net.connect({ host, port }, ...)`) and never calls setNoDelay, and IBApi
// offers neither the socket nor an option for it. With Nagle on, a small write
// (a cancel right behind a place, a ping) waits for the ACK of the previous
// one: up to 40 ms on a link with delayed ACKs. The socket is private
// (`api.controller.socket.client`, created synchronously by api.connect()), so
// this is the one place that reaches it, checked at runtime like guard.ts and
// send-lanes.ts; electron/ib/README.md says why.

import type { IBApi } from '@stoqey/ib';

/** The part of node:net's Socket we touch. */
export interface NoDelaySocket {
  setNoDelay(noDelay?: boolean): unknown;
}

/** The client's TCP socket once api.connect() has made it; null when this @stoqey/ib build hides it. */
export function tcpSocketOf(api: IBApi): NoDelaySocket | null {
  const seam = api as unknown as { controller?: { socket?: { client?: Partial<NoDelaySocket> } } };
  const client = seam.controller?.socket?.client;
  return client && typeof client.setNoDelay === 'function' ? (client as NoDelaySocket) : null;
}

/**
 * Call right after api.connect(): Node keeps the setting for a socket still
 * connecting and applies it once connected. False when the socket is not there.
 */
export function disableNagle(api: IBApi): boolean {
  const socket = tcpSocketOf(api);
  if (!socket) return false;
  socket.setNoDelay(true);
  return true;
}
