// The quote book and its seeded random walk. All prices are whole ticks (see
// ticks.ts). Each event changes one symbol: its bid or ask moves one tick (the
// spread stays 1-3 ticks and the bid at least one tick), a displayed size changes
// (round lots), or a trade prints at the bid, the ask or inside the spread.

import type { Prng } from './prng';
import { ticksPerDollar, ticksToPrice } from './ticks';
import {
  F_ASK, F_ASK_SIZE, F_BID, F_BID_SIZE, F_HIGH, F_LAST, F_LAST_SIZE, F_LOW, F_VOLUME, type TickQueue,
} from './tick-queue';
import type { SimQuote, UniverseEntry } from './types';

const LOT = 100;
const MAX_SPREAD_TICKS = 3;

export class SymbolBook {
  readonly perDollar: number;
  bid: number;
  ask: number;
  last: number;
  high: number;
  low: number;
  readonly open: number;
  readonly close: number;
  bidSize = 3 * LOT;
  askSize = 3 * LOT;
  lastSize = 0;
  volume = 0;

  constructor(readonly entry: UniverseEntry) {
    this.perDollar = ticksPerDollar(entry.minTick);
    const base = Math.max(2, Math.round(entry.basePrice * this.perDollar));
    this.last = base;
    this.high = base;
    this.low = base;
    this.open = base;
    this.close = base;
    this.bid = base - 1;
    this.ask = base + 1;
  }

  price(ticks: number): number {
    return ticksToPrice(ticks, this.perDollar);
  }

  toQuote(): SimQuote {
    return {
      bid: this.price(this.bid),
      ask: this.price(this.ask),
      last: this.price(this.last),
      high: this.price(this.high),
      low: this.price(this.low),
      open: this.price(this.open),
      close: this.price(this.close),
      bidSize: this.bidSize,
      askSize: this.askSize,
      lastSize: this.lastSize,
      volume: this.volume,
    };
  }
}

function spreadOk(bid: number, ask: number): boolean {
  const spread = ask - bid;
  return bid >= 1 && spread >= 1 && spread <= MAX_SPREAD_TICKS;
}

export class Market {
  readonly books: SymbolBook[];
  private readonly byConId = new Map<number, SymbolBook>();

  constructor(universe: readonly UniverseEntry[]) {
    this.books = universe.map((e) => new SymbolBook(e));
    for (const b of this.books) this.byConId.set(b.entry.conId, b);
  }

  book(conId: number): SymbolBook | undefined {
    return this.byConId.get(conId);
  }

  /** One random event on one random symbol; its ticks go to `out`. Returns the book touched. */
  advance(rng: Prng, out: TickQueue): SymbolBook {
    const book = this.books[rng.nextInt(this.books.length)] as SymbolBook;
    this.advanceBook(book, rng, out);
    return book;
  }

  /** One random event on the given symbol; its ticks go to `out`. */
  advanceBook(book: SymbolBook, rng: Prng, out: TickQueue): void {
    const kind = rng.nextFloat();
    if (kind < 0.35) this.moveBid(book, rng, out);
    else if (kind < 0.7) this.moveAsk(book, rng, out);
    else if (kind < 0.8) {
      book.bidSize = (1 + rng.nextInt(10)) * LOT;
      out.push(book.entry.conId, F_BID_SIZE, book.bidSize);
    } else if (kind < 0.9) {
      book.askSize = (1 + rng.nextInt(10)) * LOT;
      out.push(book.entry.conId, F_ASK_SIZE, book.askSize);
    } else this.trade(book, rng, out);
  }

  /** Control API: put the market at `priceTicks` now (last there, one tick either side). */
  setPrice(book: SymbolBook, priceTicks: number, out: TickQueue): void {
    const last = Math.max(1, priceTicks);
    book.last = last;
    book.bid = last >= 2 ? last - 1 : 1;
    book.ask = last >= 2 ? last + 1 : 2;
    const id = book.entry.conId;
    out.push(id, F_BID, book.price(book.bid));
    out.push(id, F_ASK, book.price(book.ask));
    out.push(id, F_LAST, book.price(book.last));
    this.extendRange(book, out);
  }

  private moveBid(book: SymbolBook, rng: Prng, out: TickQueue): void {
    const step = rng.nextFloat() < 0.5 ? 1 : -1;
    if (spreadOk(book.bid + step, book.ask)) book.bid += step;
    else if (spreadOk(book.bid - step, book.ask)) book.bid -= step;
    else {
      // Only a one-tick spread with the bid at one tick gets here: widen upwards instead.
      book.ask += 1;
      out.push(book.entry.conId, F_ASK, book.price(book.ask));
      return;
    }
    out.push(book.entry.conId, F_BID, book.price(book.bid));
  }

  private moveAsk(book: SymbolBook, rng: Prng, out: TickQueue): void {
    const step = rng.nextFloat() < 0.5 ? 1 : -1;
    // With a 1-3 tick spread one of the two directions is always allowed.
    if (spreadOk(book.bid, book.ask + step)) book.ask += step;
    else book.ask -= step;
    out.push(book.entry.conId, F_ASK, book.price(book.ask));
  }

  private trade(book: SymbolBook, rng: Prng, out: TickQueue): void {
    const where = rng.nextFloat();
    const spread = book.ask - book.bid;
    if (where < 0.45) book.last = book.bid;
    else if (where < 0.9 || spread < 2) book.last = book.ask;
    else book.last = book.bid + 1 + rng.nextInt(spread - 1);
    book.lastSize = (1 + rng.nextInt(5)) * LOT;
    book.volume += book.lastSize;
    const id = book.entry.conId;
    out.push(id, F_LAST, book.price(book.last));
    out.push(id, F_LAST_SIZE, book.lastSize);
    out.push(id, F_VOLUME, book.volume);
    this.extendRange(book, out);
  }

  private extendRange(book: SymbolBook, out: TickQueue): void {
    if (book.last > book.high) {
      book.high = book.last;
      out.push(book.entry.conId, F_HIGH, book.price(book.high));
    }
    if (book.last < book.low) {
      book.low = book.last;
      out.push(book.entry.conId, F_LOW, book.price(book.low));
    }
  }
}
