// A small seeded pseudo-random generator (xorshift32 over a scrambled seed).
// The simulator must replay the same market for the same seed, so nothing here
// may touch Math.random or the clock.

/** Spreads any integer seed over 32 bits so nearby seeds give unrelated streams. */
function scrambleSeed(seed: number): number {
  let h = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  // xorshift has one fixed point: state 0 would stay 0 forever.
  return h === 0 ? 0x6d2b79f5 : h;
}

export class Prng {
  private state: number;

  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`Seed must be a finite number, got ${String(seed)}`);
    this.state = scrambleSeed(seed);
  }

  /** Uniform integer in [0, 2^32). */
  nextU32(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state;
  }

  /** Uniform float in [0, 1). */
  nextFloat(): number {
    return this.nextU32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  nextInt(n: number): number {
    return Math.floor(this.nextFloat() * n);
  }
}
