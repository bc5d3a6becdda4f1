/**
 * Unit expressions (docs/language.md §3.2): `USD`, `gpu_hour`, `USD per gpu_hour`,
 * `number` (dimensionless) and, in literals only, the durations `days`,
 * `months`, `years`. The deal currency and the declared `units` are the
 * known base units.
 */
import { CHECK } from "../diagnostics/codes/check.ts";
import type { Name, UnitExpr } from "../syntax/ast.ts";
import type { Type } from "./checked-program.ts";
import type { CheckContext } from "./context.ts";
import { didYouMean } from "../diagnostics/suggest.ts";
import { ERROR_TYPE, numberType } from "../types/types.ts";
import { Unit } from "../types/unit.ts";

export const DURATION_UNITS = ["days", "months", "years"] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

/** Words that can never be declared as units: they already mean something. */
export const RESERVED_UNITS: ReadonlySet<string> = new Set(["number", ...DURATION_UNITS]);

function isDuration(text: string): text is DurationUnit {
  return (DURATION_UNITS as readonly string[]).includes(text);
}

/**
 * The type a unit gives a number: a quantity in that unit, or a duration
 * for `N days|months|years` literals. Unknown units are reported (with a
 * suggestion) and give the error type.
 */
export function resolveUnitExpr(ctx: CheckContext, u: UnitExpr, where: "declaration" | "literal"): Type {
  // An empty unit is one the parser could not read (already reported).
  if (u.numerator.length === 0 && u.denominator.length === 0) return ERROR_TYPE;
  const first = u.numerator[0];
  if (where === "literal" && u.numerator.length === 1 && u.denominator.length === 0 && first && isDuration(first.text)) {
    return { kind: "duration", per: first.text };
  }
  // Sheets repeat the same few units thousands of times: resolve each spelling once.
  const key = `${where}:${u.numerator.map((n) => n.text).join(" ")}/${u.denominator.map((n) => n.text).join(" ")}`;
  const known = ctx.unitCache.get(key);
  if (known !== undefined) return known;
  let ok = true;
  const factor = (n: Name): Unit => {
    const text = n.text;
    if (text === "") {
      ok = false; // a name the parser could not read: already reported
      return Unit.NONE;
    }
    if (text === "number") return Unit.NONE;
    if (ctx.knownUnits.has(text)) return Unit.base(text);
    // Without a declared currency every currency-like code passes: the missing currency is the one error.
    if (ctx.currency === null && /^[A-Z]{3}$/.test(text)) return Unit.base(text);
    ok = false;
    reportUnknownUnit(ctx, n, where);
    return Unit.NONE;
  };
  let unit = Unit.NONE;
  for (const n of u.numerator) unit = unit.times(factor(n));
  for (const n of u.denominator) unit = unit.over(factor(n));
  if (!ok) return ERROR_TYPE; // not cached: each wrong spelling is reported where it occurs
  const t = numberType(unit);
  ctx.unitCache.set(key, t);
  return t;
}

function reportUnknownUnit(ctx: CheckContext, n: Name, where: "declaration" | "literal"): void {
  if (isDuration(n.text)) {
    const message = where === "declaration"
      ? `${n.text} is a duration, usable only in literals such as 30 ${n.text}; declare a unit with \`units\` or use number`
      : `${n.text} is a duration and cannot be combined with other units`;
    ctx.error(CHECK.unknownUnit, n.range, message);
    return;
  }
  const candidates = [...ctx.knownUnits, ...(where === "literal" ? DURATION_UNITS : []), "number"];
  const hint = didYouMean(n.text, candidates);
  ctx.error(
    CHECK.unknownUnit,
    n.range,
    hint === "" ? `unknown unit ${n.text}: declare it with \`units ${n.text}\`` : `unknown unit ${n.text}${hint}`,
  );
}

/** The display text of a resolved unit type, as the header lists input units. */
export function unitDisplay(t: Type): string {
  return t.kind === "number" ? t.unit.toString() : t.kind === "duration" ? t.per : "";
}
