// The one gate every outgoing order passes, a real order or a what-if margin
// check alike: refuse now rather than send late. Nothing is ever queued for
// a later connection (research D4), so each refusal is the trader's sentence.

import type { IBApi } from '@stoqey/ib';
import type { LinkPhase } from './connection';
import type { SessionContext } from './context';
import type { OrderIds } from './ids';
import { OrderMappingError } from './mapping/order';
import { OrderRefusedError, sessionErrors } from './messages';
import type { PacedQueue } from './outgoing-queue';
import type { WireMessage } from './send-lanes';

/** What the orders part needs to know about the connection. */
export interface OrderLink {
  phase(): LinkPhase;
  readyApi(): IBApi | null;
  /** TWS has lost its own link to IB (1100). */
  ibLinkDown(): boolean;
  /** Silence while a ping waits for its answer; null when TWS is answering. */
  silentForMs(): number | null;
  /** The current link's send queue, to withdraw an order not yet written. */
  outgoing(): PacedQueue<WireMessage> | null;
}

/** The client and the IB account code an order may leave with now. */
export interface SendGrant {
  api: IBApi;
  accountCode: string;
}

/** Throws OrderRefusedError with the trader's sentence unless an order may leave now. */
export function readyToSend(ctx: Pick<SessionContext, 'config' | 'accountCode'>, orderIds: Pick<OrderIds, 'known'>, link: OrderLink): SendGrant {
  const account = ctx.config.account;
  const phase = link.phase();
  if (phase === 'none' || phase === 'closed') throw new OrderRefusedError(sessionErrors.notConnected(account));
  const api = link.readyApi();
  const accountCode = ctx.accountCode();
  if (!api || !orderIds.known() || !accountCode) throw new OrderRefusedError(sessionErrors.noOrderIds(account));
  // TWS would hold it until its own link to IB is back (1100 ... 1101/1102).
  if (link.ibLinkDown()) throw new OrderRefusedError(sessionErrors.ibLinkDown(account));
  // A frozen link takes bytes without complaint: refuse rather than answer "sent".
  const silent = link.silentForMs();
  if (silent !== null) throw new OrderRefusedError(sessionErrors.notAnswering(silent));
  return { api, accountCode };
}

/** A mapping refusal becomes the trader's refusal sentence. */
export function mappedTicket<T>(build: () => T): T {
  try {
    return build();
  } catch (e) {
    if (e instanceof OrderMappingError) throw new OrderRefusedError(e.message);
    throw e;
  }
}
