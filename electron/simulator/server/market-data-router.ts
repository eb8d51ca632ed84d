// Routes exchange ticks to the connections subscribed to that conId (by their
// reqId). Ticks are queued and flushed as one buffer per connection: one flush
// per pacer slot, per burst chunk, or per microtask for ticks caused by
// orders and control calls.

import type { SimQuote, SimTick } from '../exchange/types';
import { TickBatch } from '../wire/ticks';
import type { ClientConnection, MarketDataSubscription } from './connection';

interface Subscriber {
  connection: ClientConnection;
  subscription: MarketDataSubscription;
}

export interface FlushResult {
  /** Tick frames written to sockets. */
  written: number;
  /** Connections whose socket buffer is full. */
  congested: ClientConnection[];
}

export class MarketDataRouter {
  private readonly byConId = new Map<number, Subscriber[]>();
  private queue: SimTick[] = [];
  private flushScheduled = false;

  constructor(private readonly quote: (conId: number) => SimQuote | undefined) {}

  subscribe(connection: ClientConnection, subscription: MarketDataSubscription): void {
    connection.marketData.set(subscription.reqId, subscription);
    const list = this.byConId.get(subscription.conId) ?? [];
    list.push({ connection, subscription });
    this.byConId.set(subscription.conId, list);
  }

  /** False when the connection had no such reqId. */
  unsubscribe(connection: ClientConnection, reqId: number): boolean {
    const subscription = connection.marketData.get(reqId);
    if (!subscription) return false;
    connection.marketData.delete(reqId);
    connection.tickHeads.forget(reqId);
    const list = this.byConId.get(subscription.conId);
    if (list) {
      const rest = list.filter((s) => !(s.connection === connection && s.subscription.reqId === reqId));
      if (rest.length > 0) this.byConId.set(subscription.conId, rest);
      else this.byConId.delete(subscription.conId);
    }
    return true;
  }

  dropConnection(connection: ClientConnection): void {
    for (const reqId of [...connection.marketData.keys()]) this.unsubscribe(connection, reqId);
  }

  hasSubscribers(): boolean {
    return this.byConId.size > 0;
  }

  /** conIds with at least one subscriber: the symbols the pacer moves. */
  subscribedConIds(): number[] {
    return [...this.byConId.keys()];
  }

  /** Queue a tick; flushed by the next flush() or, failing that, in a microtask. */
  enqueue(tick: SimTick): void {
    if (!this.byConId.has(tick.conId)) return;
    this.queue.push(tick);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      queueMicrotask(() => {
        this.flushScheduled = false;
        this.flush();
      });
    }
  }

  flush(): FlushResult {
    const ticks = this.queue;
    this.queue = [];
    if (ticks.length === 0) return { written: 0, congested: [] };
    const batches = new Map<ClientConnection, TickBatch>();
    const quotes = new Map<number, SimQuote | undefined>();
    for (const tick of ticks) {
      const subscribers = this.byConId.get(tick.conId);
      if (!subscribers) continue;
      let quote = quotes.get(tick.conId);
      if (quote === undefined && !quotes.has(tick.conId)) {
        quote = this.quote(tick.conId);
        quotes.set(tick.conId, quote);
      }
      for (const { connection, subscription } of subscribers) {
        if (!connection.isReady) continue;
        let batch = batches.get(connection);
        if (!batch) {
          batch = new TickBatch(connection.tickHeads);
          batches.set(connection, batch);
        }
        batch.add(subscription.reqId, tick.field, subscription.delayed, tick.value, quote);
      }
    }
    let written = 0;
    const congested: ClientConnection[] = [];
    for (const [connection, batch] of batches) {
      written += batch.count;
      const data = batch.take();
      if (data && !connection.write(data)) congested.push(connection);
    }
    return { written, congested };
  }
}
