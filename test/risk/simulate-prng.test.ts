import { describe, expect, it } from "vitest";
import { drawPoisson, poissonTable } from "../../src/risk/simulate/poisson.ts";
import { fmix32, Rng } from "../../src/risk/simulate/prng.ts";

describe("the simulation's random numbers", () => {
  it("are xoshiro128**: from state (1, 2, 3, 4) the reference implementation gives 11520, 0, 5927040, 70819200", () => {
    // Worked by hand from xoshiro128starstar.c: result = rotl(s1 * 5, 7) * 9, then the state steps.
    const r = Rng.fromState(1, 2, 3, 4);
    expect([r.nextU32(), r.nextU32(), r.nextU32(), r.nextU32()]).toEqual([11520, 0, 5927040, 70819200]);
  });

  it("give scenario 0 of seed 42 the same first words on every run and in every engine (pinned here, checked again in Chromium)", () => {
    const r = new Rng(42, 0);
    expect(Array.from({ length: 4 }, () => r.nextU32())).toEqual(FIRST_WORDS_SEED_42);
  });

  it("give each scenario of a seed its own stream", () => {
    const firsts = new Set(Array.from({ length: 1000 }, (_, i) => new Rng(7, i).nextU32()));
    expect(firsts.size).toBe(1000);
  });

  it("mix with a bijection: fmix32 of 0 is 0 and of 1 is 1364076727", () => {
    expect(fmix32(0)).toBe(0);
    expect(fmix32(1)).toBe(1364076727);
  });

  it("draw whole numbers below n without leaving [0, n), also beyond 2^32", () => {
    const r = new Rng(1, 0);
    const big = 10n ** 15n + 7n;
    for (let i = 0; i < 2000; i++) {
      const u = r.below(101n);
      expect(u >= 0n && u < 101n).toBe(true);
      const v = r.below(big);
      expect(v >= 0n && v < big).toBe(true);
    }
    expect(r.between(5n, 5n)).toBe(5n);
  });

  it("draw every value of a small range about equally often: 101 values, 101,000 draws, each within 5 standard errors of 1,000", () => {
    // Each count is binomial(101000, 1/101): standard error sqrt(1000 · 100/101) ≈ 31.5.
    const r = new Rng(3, 9);
    const counts = new Array<number>(101).fill(0);
    for (let i = 0; i < 101_000; i++) counts[Number(r.below(101n))]!++;
    expect(Math.min(...counts)).toBeGreaterThan(1000 - 5 * 31.5);
    expect(Math.max(...counts)).toBeLessThan(1000 + 5 * 31.5);
  });

  it("count Poisson events from a table whose first entry is e^-λ × 2^64: λ = 1 gives 6786177901268885274 (e^-1 = 0.36787944117144233)", () => {
    const table = poissonTable(1n, 1n);
    expect(table[0]).toBe(6786177901268885274n);
    // P(N ≤ 1) = 2/e.
    expect(table[1]).toBe(13572355802537770549n);
    expect(table[table.length - 1]! <= 1n << 64n).toBe(true);
    expect(poissonTable(0n, 1n)).toEqual([1n << 64n]);
  });

  it("draw Poisson counts with the rate as mean: λ = 3 over 20,000 draws averages 3 within 5 standard errors (0.061)", () => {
    const r = new Rng(11, 0);
    const table = poissonTable(3n, 1n);
    let sum = 0;
    for (let i = 0; i < 20_000; i++) sum += drawPoisson(r, table);
    // The mean of 20,000 Poisson(3) counts has standard error sqrt(3 / 20000) ≈ 0.0122.
    expect(Math.abs(sum / 20_000 - 3)).toBeLessThan(5 * 0.0122);
  });
});

const FIRST_WORDS_SEED_42 = [2512142315, 3231653367, 1029338634, 1718099737];
