/**
 * Poisson counts on integers (docs/risk.md "Events"): the cumulative
 * probabilities P(N ≤ k) of a rate λ = a / b, computed once per event kind
 * in BigInt fixed point and written × 2^64; a count is the first k whose
 * cumulative probability is above a uniform 64-bit draw (inverse CDF). No
 * exp() and no float: e^λ is summed from its series at a precision wide
 * enough that e^-λ keeps 128 bits, so every count has the same probability
 * in every engine, exact to within 2^-64 per value of k.
 */
import type { Rng } from "./prng.ts";

const OUT_BITS = 64n;

/** P(N ≤ k) × 2^64 (rounded down) for k = 0, 1, … until the rest of the tail is below 2^-64. */
export function poissonTable(a: bigint, b: bigint): bigint[] {
  if (a === 0n) return [1n << OUT_BITS];
  const ceilRate = (a + b - 1n) / b;
  // e^-λ needs about 1.44·λ bits below the point before it is not zero: give it 2·λ, and 128 more.
  const w = 128n + 2n * ceilRate;
  const one = 1n << w;
  // e^λ × 2^w from Σ λ^k / k!.
  let term = one;
  let sum = one;
  for (let k = 1n; term > 0n; k++) {
    term = (term * a) / (b * k);
    sum += term;
  }
  let p = (one * one) / sum; // e^-λ × 2^w
  let cum = p;
  const shift = w - OUT_BITS;
  const table: bigint[] = [cum >> shift];
  for (let k = 1n; ; k++) {
    p = (p * a) / (b * k);
    cum += p;
    table.push(cum >> shift);
    if (k > ceilRate && p >> shift === 0n) break;
  }
  return table;
}

/** A Poisson count from a table of poissonTable: one 64-bit draw. */
export function drawPoisson(rng: Rng, table: readonly bigint[]): number {
  const u = rng.bits(2);
  for (let k = 0; k < table.length; k++) if (u < table[k]!) return k;
  return table.length;
}
