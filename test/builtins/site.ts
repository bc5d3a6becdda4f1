/** A call site for evaluating a built-in directly in tests: half-even, no table, no currency. */
import type { CallSite } from "../../src/builtins/builtin.ts";

/** Thrown where a run would stop with a run error (a step ≤ 0, a period that is not given, …). */
export class Refused extends Error {}

export const PLAIN_SITE: CallSite = {
  rounding: "half_even",
  text: "call",
  table: null,
  decimals: null,
  fail(code, message): never {
    throw new Refused(`${code} ${message}`);
  },
};
