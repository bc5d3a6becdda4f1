import { describe, expect, it } from "vitest";
import { CATALOGS } from "../../src/diagnostics/catalog.ts";

const PHASE_PREFIX: Record<keyof typeof CATALOGS, RegExp> = {
  PARSE: /^TN1\d{3}$/,
  CHECK: /^TN2\d{3}$/,
  RUN: /^TN30\d{2}$/,
  INPUT: /^TN31\d{2}$/,
  COMPILE: /^TN40\d{2}$/,
  SERVICE: /^TN50\d{2}$/,
  DIFF: /^TN60\d{2}$/,
  SIMULATE: /^TN62\d{2}$/,
  BOUND: /^TN61\d{2}$/,
};

describe("the diagnostics catalog", () => {
  const all = Object.entries(CATALOGS).flatMap(([phase, codes]) =>
    Object.entries(codes).map(([key, code]) => ({ phase: phase as keyof typeof CATALOGS, key, code: code as string })),
  );

  it("gives every diagnostic a distinct code", () => {
    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    for (const { phase, key, code } of all) {
      const earlier = seen.get(code);
      if (earlier) duplicates.push(`${code}: ${earlier} and ${phase}.${key}`);
      seen.set(code, `${phase}.${key}`);
    }
    expect(duplicates).toEqual([]);
  });

  it("numbers each code within its phase's range", () => {
    const misplaced = all.filter(({ phase, code }) => !PHASE_PREFIX[phase].test(code)).map(({ phase, key, code }) => `${phase}.${key} = ${code}`);
    expect(misplaced).toEqual([]);
  });

  it("has codes for every phase", () => {
    for (const phase of Object.keys(PHASE_PREFIX)) expect(all.some((c) => c.phase === phase)).toBe(true);
  });
});
