// Ticks on the wire: the exchange's tick fields -> TWS tick type ids (live and
// delayed), and a batch encoder built for throughput. Ticks are ASCII only, so a
// frame's byte length equals its string length and a whole batch becomes one
// latin1 string -> one Buffer -> one socket write.

import type { SimQuote, SimTickField } from '../exchange/types';
import { fieldText } from './codec';
import { ServerMsg } from './message-ids';

/** TICK_PRICE carries the matching size; these are the size fields that ride along. */
const SIZE_FOR_PRICE: Partial<Record<SimTickField, keyof SimQuote>> = {
  bid: 'bidSize',
  ask: 'askSize',
  last: 'lastSize',
};

interface TickWireType {
  /** TICK_PRICE or TICK_SIZE. */
  msg: typeof ServerMsg.TICK_PRICE | typeof ServerMsg.TICK_SIZE;
  live: number;
  delayed: number;
}

export const TICK_TYPES: Record<SimTickField, TickWireType> = {
  bid: { msg: ServerMsg.TICK_PRICE, live: 1, delayed: 66 },
  ask: { msg: ServerMsg.TICK_PRICE, live: 2, delayed: 67 },
  last: { msg: ServerMsg.TICK_PRICE, live: 4, delayed: 68 },
  high: { msg: ServerMsg.TICK_PRICE, live: 6, delayed: 72 },
  low: { msg: ServerMsg.TICK_PRICE, live: 7, delayed: 73 },
  close: { msg: ServerMsg.TICK_PRICE, live: 9, delayed: 75 },
  open: { msg: ServerMsg.TICK_PRICE, live: 14, delayed: 76 },
  bidSize: { msg: ServerMsg.TICK_SIZE, live: 0, delayed: 69 },
  askSize: { msg: ServerMsg.TICK_SIZE, live: 3, delayed: 70 },
  lastSize: { msg: ServerMsg.TICK_SIZE, live: 5, delayed: 71 },
  volume: { msg: ServerMsg.TICK_SIZE, live: 8, delayed: 74 },
};

/** Order of the initial snapshot on subscribe. Sizes also go as TICK_SIZE, as TWS does: @stoqey/ib drops the bid size riding on TICK_PRICE (BID_SIZE is tick type 0, which it treats as none). */
export const SNAPSHOT_FIELDS: readonly SimTickField[] = ['bid', 'ask', 'last', 'bidSize', 'askSize', 'lastSize', 'high', 'low', 'close', 'open', 'volume'];

function lengthPrefix(length: number): string {
  return String.fromCharCode((length >>> 24) & 0xff, (length >>> 16) & 0xff, (length >>> 8) & 0xff, length & 0xff);
}

/**
 * Accumulates tick frames for one socket. Per (reqId, field, delayed) the
 * constant head "msg\0version\0reqId\0tickType\0" is computed once and cached.
 */
export class TickBatch {
  private parts: string[] = [];
  private frames = 0;

  constructor(private readonly heads: TickHeadCache) {}

  add(reqId: number, field: SimTickField, delayed: boolean, value: number, quote: SimQuote | undefined): void {
    const head = this.heads.head(reqId, field, delayed);
    let body: string;
    if (TICK_TYPES[field].msg === ServerMsg.TICK_PRICE) {
      const sizeField = SIZE_FOR_PRICE[field];
      const size = sizeField && quote ? quote[sizeField] : 0;
      body = `${head}${fieldText(value)}\x00${fieldText(size)}\x000\x00`;
    } else {
      body = `${head}${fieldText(value)}\x00`;
    }
    this.parts.push(lengthPrefix(body.length) + body);
    this.frames += 1;
  }

  get count(): number {
    return this.frames;
  }

  /** The batch as one buffer, or null when empty; resets the batch. */
  take(): Buffer | null {
    if (this.frames === 0) return null;
    const buffer = Buffer.from(this.parts.join(''), 'latin1');
    this.parts = [];
    this.frames = 0;
    return buffer;
  }
}

export class TickHeadCache {
  private readonly cache = new Map<string, string>();

  head(reqId: number, field: SimTickField, delayed: boolean): string {
    const key = `${reqId}|${field}|${delayed ? 1 : 0}`;
    let head = this.cache.get(key);
    if (head === undefined) {
      const type = TICK_TYPES[field];
      head = `${type.msg}\x006\x00${reqId}\x00${delayed ? type.delayed : type.live}\x00`;
      this.cache.set(key, head);
    }
    return head;
  }

  forget(reqId: number): void {
    for (const key of this.cache.keys()) if (key.startsWith(`${reqId}|`)) this.cache.delete(key);
  }
}
