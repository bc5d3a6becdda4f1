/**
 * The registry of built-in functions (docs/language.md §4): every phase —
 * the checker's typing and constant folding, the lowering, the runtime,
 * the editor, the docs — reads a built-in from here, and from nowhere else.
 * Adding one is an entry here (with its tests and its docs row).
 */
import type { Builtin } from "./builtin.ts";
import { act360, act365f, act365l, actActIcma, actActIsda, nl365, thirty360, thirty360Us, thirtyE360, thirtyE360Isda } from "./day-counts.ts";
import { compound } from "./compound.ts";
import { convert } from "./convert.ts";
import { max, min } from "./extremes.ts";
import { interpolate } from "./interpolate.ts";
import { abs, ceil, floor, round } from "./rounding.ts";
import { marginal, tier } from "./tiers.ts";

/** Every built-in by name, in the order the docs list them. */
export const BUILTINS = {
  min,
  max,
  abs,
  round,
  floor,
  ceil,
  interpolate,
  act_365f: act365f,
  act_360: act360,
  thirty_360: thirty360,
  act_act_isda: actActIsda,
  act_act_icma: actActIcma,
  thirty_e_360: thirtyE360,
  thirty_e_360_isda: thirtyE360Isda,
  thirty_360_us: thirty360Us,
  act_365l: act365l,
  nl_365: nl365,
  convert,
  compound,
  tier,
  marginal,
} as const satisfies Readonly<Record<string, Builtin>>;

export type BuiltinName = keyof typeof BUILTINS;

/** The names, in registry order. */
export const BUILTIN_NAMES: readonly BuiltinName[] = Object.keys(BUILTINS) as BuiltinName[];

/** The built-in called `name`, or undefined (an own key only: `toString` is no built-in). */
export function builtinNamed(name: string): Builtin | undefined {
  return Object.hasOwn(BUILTINS, name) ? BUILTINS[name as BuiltinName] : undefined;
}
