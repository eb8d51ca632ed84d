// Our own id allocation (research D1: IBApiNext shares one number space for
// request ids and order ids, so an order reject killed a market-data stream).
//
// Two guarantees, either of which would do alone:
// - request ids come from a band that starts at 1,000,000,000, far above any
//   order id TWS hands out (they count up from 1 per account), and
// - the session routes an id-carrying error by looking it up in its live
//   request maps first; only ids found in none of them are treated as orders.

export const REQUEST_ID_BASE = 1_000_000_000;
const INT32_MAX = 2_147_483_647;

export class RequestIds {
  private next = REQUEST_ID_BASE;

  take(): number {
    const id = this.next;
    // 1.1 billion requests per session run is unreachable; wrap rather than overflow IB's int.
    this.next = id >= INT32_MAX ? REQUEST_ID_BASE : id + 1;
    return id;
  }
}

/**
 * Order ids: max(local next id, nextValidId), incremented locally. The object
 * lives as long as the session, not the connection, so an id is never reused
 * after a reconnect even if TWS answers a lower nextValidId.
 */
export class OrderIds {
  private next = 0;

  /** TWS's nextValidId: never moves us backwards. */
  observe(nextValidId: number): void {
    if (Number.isInteger(nextValidId) && nextValidId > this.next) this.next = nextValidId;
  }

  /** True once TWS has told us where to start. */
  known(): boolean {
    return this.next > 0;
  }

  take(): number {
    return this.next++;
  }

  peek(): number {
    return this.next;
  }
}
