// Waiting for a flatten's cancels to be confirmed before its closing order is
// sized: an exit that fills between the cancel and the market order would
// otherwise push the position through zero into the other side.

import type { Order, OrderStatus } from '../../shared/model';
import type { Scheduler } from './broker';

/** How long a flatten or reverse waits for IB to confirm its cancels. */
export const CANCEL_CONFIRM_MS = 3_000;

/** The host's order and position books, seen changing. */
export interface BookWatch {
  /** Calls onChange after every order or position update the host applies; returns the unsubscribe. */
  watch(onChange: () => void): () => void;
  scheduler: Pick<Scheduler, 'setTimeout' | 'clear'>;
}

/** A cancelled order as it stood when its cancel was sent. */
export interface CancelSent {
  orderId: number;
  side: Order['side'];
  filled: number;
}

/** IB has said the last word on these: they can no longer fill. */
const DONE: readonly OrderStatus[] = ['cancelled', 'filled', 'rejected'];

/** The cancelled orders IB has not yet confirmed done (cancelled, filled or rejected). */
export function unconfirmed(sent: readonly CancelSent[], rowOf: (orderId: number) => Order | undefined): number[] {
  return sent.filter((s) => !DONE.includes(rowOf(s.orderId)?.status ?? 'pending-cancel')).map((s) => s.orderId);
}

/** The position `held` becomes once the shares the cancelled orders filled since their cancel reach it. */
export function expectedPosition(held: number, sent: readonly CancelSent[], rowOf: (orderId: number) => Order | undefined): number {
  return sent.reduce((position, s) => {
    const more = Math.max(0, (rowOf(s.orderId)?.filled ?? s.filled) - s.filled);
    return position + (s.side === 'BUY' ? more : -more);
  }, held);
}

/** True as soon as ready() holds (now, or after a book change), false once ms have passed without. */
export function waitUntil(books: BookWatch, ms: number, ready: () => boolean): Promise<boolean> {
  if (ready()) return Promise.resolve(true);
  return new Promise((resolve) => {
    let settled = false;
    let stop: (() => void) | null = null;
    const finish = (value: boolean): void => {
      if (settled) return;
      settled = true;
      stop?.();
      books.scheduler.clear(timer);
      resolve(value);
    };
    const timer = books.scheduler.setTimeout(() => finish(false), ms);
    stop = books.watch(() => {
      if (ready()) finish(true);
    });
  });
}
