/**
 * The random numbers of `tenor simulate` (docs/risk.md "The PRNG"): xoshiro128**
 * (Blackman and Vigna, 2018) on 32-bit integers, seeded per scenario by
 * splitmix32 from the run's seed and the scenario's index. Only integer
 * operations (`Math.imul`, shifts, `>>> 0`, BigInt) are used, never
 * Math.random or a float, so one seed gives the same numbers in Node and in
 * every browser, and a scenario's numbers do not depend on which worker ran
 * it or on how many scenarios came before it.
 */

/** The murmur3 / splitmix32 finalizer: a bijection on uint32. */
export function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const GOLDEN = 0x9e3779b9;
const TWO_32 = 0x1_0000_0000n;

/** xoshiro128**: 128 bits of state, period 2^128 − 1. */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /**
   * The stream of scenario `index` (0-based) of a run seeded with `seed`
   * (both whole numbers below 2^32): the state is four successive splitmix32
   * outputs from x = seed XOR fmix32(index + 1). fmix32 is a bijection, so
   * two scenarios of one run never start from the same x.
   */
  constructor(seed: number, index: number) {
    let x = (seed ^ fmix32((index + 1) >>> 0)) >>> 0;
    const next = () => {
      x = (x + GOLDEN) >>> 0;
      return fmix32(x);
    };
    // Four outputs of a bijection from four distinct x: at most one is 0, so the state is never all zero.
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
  }

  /** A generator at a given state (not all zero): for checking against the reference implementation. */
  static fromState(s0: number, s1: number, s2: number, s3: number): Rng {
    const r = new Rng(0, 0);
    r.s0 = s0 >>> 0;
    r.s1 = s1 >>> 0;
    r.s2 = s2 >>> 0;
    r.s3 = s3 >>> 0;
    return r;
  }

  /** The next uint32. */
  nextU32(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    this.s2 = (this.s2 ^ this.s0) >>> 0;
    this.s3 = (this.s3 ^ this.s1) >>> 0;
    this.s1 = (this.s1 ^ this.s2) >>> 0;
    this.s0 = (this.s0 ^ this.s3) >>> 0;
    this.s2 = (this.s2 ^ t) >>> 0;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** `bits` random bits (a multiple of 32), most significant word first. */
  bits(words: number): bigint {
    let v = 0n;
    for (let i = 0; i < words; i++) v = (v << 32n) | BigInt(this.nextU32());
    return v;
  }

  /**
   * A uniform whole number in [0, n) for n ≥ 1, without bias: as many words
   * as n needs, masked to n's bit length, redrawn while ≥ n (fewer than two
   * draws on average).
   */
  below(n: bigint): bigint {
    if (n <= 1n) return 0n;
    if (n <= TWO_32) {
      // One word: reject the top 2^32 mod n values.
      const m = Number(n);
      const limit = 0x1_0000_0000 - (0x1_0000_0000 % m);
      for (;;) {
        const u = this.nextU32();
        if (u < limit) return BigInt(u % m);
      }
    }
    const bitLength = (n - 1n).toString(2).length;
    const words = Math.ceil(bitLength / 32);
    const mask = (1n << BigInt(bitLength)) - 1n;
    for (;;) {
      const u = this.bits(words) & mask;
      if (u < n) return u;
    }
  }

  /** A uniform whole number in [low, high] (low ≤ high). */
  between(low: bigint, high: bigint): bigint {
    return low + this.below(high - low + 1n);
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
