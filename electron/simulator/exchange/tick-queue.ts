// A fixed-size FIFO of ticks held in typed arrays. One market event can change
// several fields (a trade moves last, lastSize, volume and maybe high/low) while
// step(count) must emit exactly `count` ticks, so the overflow waits here for the
// next step. Typed arrays keep the hot path free of per-tick allocations.

import type { SimTickField } from './types';

export const TICK_FIELDS: readonly SimTickField[] = [
  'bid', 'ask', 'last', 'high', 'low', 'close', 'open', 'bidSize', 'askSize', 'lastSize', 'volume',
];

export const F_BID = 0;
export const F_ASK = 1;
export const F_LAST = 2;
export const F_HIGH = 3;
export const F_LOW = 4;
export const F_BID_SIZE = 7;
export const F_ASK_SIZE = 8;
export const F_LAST_SIZE = 9;
export const F_VOLUME = 10;

export class TickQueue {
  private readonly conIds: Float64Array;
  private readonly fields: Uint8Array;
  private readonly values: Float64Array;
  private head = 0;
  private size = 0;

  constructor(private readonly capacity: number) {
    this.conIds = new Float64Array(capacity);
    this.fields = new Uint8Array(capacity);
    this.values = new Float64Array(capacity);
  }

  get length(): number {
    return this.size;
  }

  push(conId: number, field: number, value: number): void {
    if (this.size === this.capacity) throw new Error('TickQueue overflow: drain before pushing more ticks');
    const at = (this.head + this.size) % this.capacity;
    this.conIds[at] = conId;
    this.fields[at] = field;
    this.values[at] = value;
    this.size++;
  }

  /** Removes the oldest tick and hands it to `sink`; false when empty. */
  shift(sink: (conId: number, field: number, value: number) => void): boolean {
    if (this.size === 0) return false;
    const at = this.head;
    this.head = (this.head + 1) % this.capacity;
    this.size--;
    sink(this.conIds[at] ?? 0, this.fields[at] ?? 0, this.values[at] ?? 0);
    return true;
  }
}
