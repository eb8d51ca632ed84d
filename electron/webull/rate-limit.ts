// Webull's per-endpoint frequency limits, respected on our side: a request
// waits in its endpoint's queue until the window has room, and a full queue
// refuses at once (a trader must never have an order go out long after the
// keystroke). Limits: see README.md "Rate limits" for the doc of each.

import type { Scheduler, TimerHandle } from '../host/broker';

export interface RateLimit {
  max: number;
  perMs: number;
}

export type WebullEndpoint =
  | 'place' | 'replace' | 'cancel' | 'openOrders' | 'orderDetail' | 'balance' | 'positions' | 'instruments' | 'subscriptions';

/** The limits the US api-doc gives per App ID (README.md cites each; some unverified). */
export const WEBULL_RATE_LIMITS: Readonly<Record<WebullEndpoint, RateLimit>> = {
  place: { max: 1, perMs: 1_000 },
  replace: { max: 1, perMs: 1_000 },
  cancel: { max: 1, perMs: 1_000 },
  openOrders: { max: 10, perMs: 30_000 },
  orderDetail: { max: 10, perMs: 30_000 },
  balance: { max: 10, perMs: 30_000 },
  positions: { max: 10, perMs: 30_000 },
  instruments: { max: 60, perMs: 60_000 },
  subscriptions: { max: 10, perMs: 30_000 },
};

export class RateLimitedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RateLimitedError';
  }
}

/** Pure: may one more request go at `now`, given the send times still in the window? */
export function windowHasRoom(sent: readonly number[], now: number, limit: RateLimit): boolean {
  let inWindow = 0;
  for (const t of sent) if (now - t < limit.perMs) inWindow++;
  return inWindow < limit.max;
}

/** When the oldest send in the window leaves it (the next moment with room). */
export function nextRoomAt(sent: readonly number[], now: number, limit: RateLimit): number {
  const recent = sent.filter((t) => now - t < limit.perMs).sort((a, b) => a - b);
  const oldest = recent[recent.length - limit.max];
  return oldest === undefined ? now : oldest + limit.perMs;
}

interface Waiting {
  start: () => Promise<unknown>;
  fail: (error: Error) => void;
}

/** When a request counts for its window: Infinity while it is in flight (it may not have arrived yet). */
interface Stamp {
  at: number;
}

interface Lane {
  sent: Stamp[];
  queue: Waiting[];
  timer: TimerHandle | null;
}

const WORDS: Record<WebullEndpoint, [string, string]> = {
  place: ['order placement', 'order placements'],
  replace: ['order change', 'order changes'],
  cancel: ['cancel', 'cancels'],
  openOrders: ['open-order listing', 'open-order listings'],
  orderDetail: ['order lookup', 'order lookups'],
  balance: ['balance request', 'balance requests'],
  positions: ['position request', 'position requests'],
  instruments: ['symbol lookup', 'symbol lookups'],
  subscriptions: ['account listing', 'account listings'],
};

/** "1 order placement per second", "10 cancels per 30 seconds". */
export function limitText(endpoint: WebullEndpoint, limit: RateLimit): string {
  const [one, many] = WORDS[endpoint];
  const s = limit.perMs / 1000;
  return `${limit.max} ${limit.max === 1 ? one : many} per ${s === 1 ? 'second' : `${s} seconds`}`;
}

export class RateGate {
  private readonly lanes = new Map<WebullEndpoint, Lane>();

  constructor(
    private readonly scheduler: Scheduler,
    private readonly limits: Readonly<Record<WebullEndpoint, RateLimit>> = WEBULL_RATE_LIMITS,
    /** Requests that may wait per endpoint; one more is refused. */
    private readonly maxQueued: number | Partial<Record<WebullEndpoint, number>> = 3,
  ) {}

  private queueLimit(endpoint: WebullEndpoint): number {
    return typeof this.maxQueued === 'number' ? this.maxQueued : (this.maxQueued[endpoint] ?? 3);
  }

  /** Runs task when the endpoint's window has room; rejects at once when the queue is full. */
  run<T>(endpoint: WebullEndpoint, task: () => Promise<T>): Promise<T> {
    const lane = this.lane(endpoint);
    const max = this.queueLimit(endpoint);
    if (lane.queue.length >= max) {
      const limit = this.limits[endpoint];
      return Promise.reject(
        new RateLimitedError(
          `Webull allows ${limitText(endpoint, limit)} and ${max} already wait — not sent`,
        ),
      );
    }
    return new Promise<T>((resolve, reject) => {
      lane.queue.push({
        start: () => {
          const running = task();
          running.then(resolve, reject);
          return running;
        },
        fail: reject,
      });
      this.pump(endpoint, lane);
    });
  }

  /** Requests waiting for room on this endpoint. */
  queued(endpoint: WebullEndpoint): number {
    return this.lanes.get(endpoint)?.queue.length ?? 0;
  }

  /** Refuses everything still waiting (the session closed): nothing goes out later. */
  drain(reason: string): void {
    for (const lane of this.lanes.values()) {
      if (lane.timer) this.scheduler.clear(lane.timer);
      lane.timer = null;
      for (const waiting of lane.queue.splice(0)) waiting.fail(new RateLimitedError(reason));
    }
  }

  private lane(endpoint: WebullEndpoint): Lane {
    let lane = this.lanes.get(endpoint);
    if (!lane) {
      lane = { sent: [], queue: [], timer: null };
      this.lanes.set(endpoint, lane);
    }
    return lane;
  }

  private pump(endpoint: WebullEndpoint, lane: Lane): void {
    const limit = this.limits[endpoint];
    while (lane.queue.length > 0) {
      const now = this.scheduler.now();
      const times = lane.sent.map((s) => s.at);
      if (!windowHasRoom(times, now, limit)) {
        const roomAt = nextRoomAt(times, now, limit);
        // Only requests in flight fill the window: their answers pump again.
        if (!lane.timer && Number.isFinite(roomAt)) {
          lane.timer = this.scheduler.setTimeout(() => {
            lane.timer = null;
            this.pump(endpoint, lane);
          }, Math.max(1, roomAt - now));
        }
        return;
      }
      lane.sent = lane.sent.filter((s) => now - s.at < limit.perMs);
      // Webull counts a request when it arrives, which may be after we sent it: it counts as
      // "now" until its answer is back, so the next one can never arrive inside its window.
      const stamp: Stamp = { at: Number.POSITIVE_INFINITY };
      lane.sent.push(stamp);
      const settle = (): void => {
        stamp.at = this.scheduler.now();
        if (lane.queue.length > 0 && !lane.timer) this.pump(endpoint, lane);
      };
      lane.queue.shift()?.start().then(settle, settle);
    }
  }
}
