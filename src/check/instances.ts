/**
 * Arguments of `use` (src/modules): each value is typed in the sheet's
 * scope and compared with its parameter's type, so a wrong unit is shown at
 * the argument with a note at the parameter, not deep inside the template.
 * An instance whose arguments are wrong (or that the expansion already
 * reported) says nothing more: what its copy would report follows from it.
 */
import { CHECK } from "../diagnostics/codes/check.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import type { Range } from "../diagnostics/range.ts";
import type { ArgCheck, Instance, Program } from "../syntax/ast.ts";
import type { Type } from "./checked-program.ts";
import type { CheckContext } from "./context.ts";
import type { ExprChecker } from "./expressions.ts";
import type { Globals } from "./names.ts";
import { isRecovered } from "./recovered.ts";
import { describeType, isError, sameType, unitWord } from "../types/types.ts";
import { resolveUnitExpr } from "./units.ts";

/** Checks every instance's arguments; returns the slots of instances that failed. */
export function checkInstances(program: Program, ctx: CheckContext, globals: Globals, exprs: ExprChecker): Range[] {
  const failed: Range[] = [];
  for (const d of program.decls) {
    const instance = "instance" in d ? (d.instance as Instance | undefined) : undefined;
    if (instance === undefined) continue;
    let ok = !isRecovered(d);
    for (const check of instance.checks) ok = checkArgument(check, ctx, globals, exprs) && ok;
    if (!ok) failed.push(instance.span);
  }
  return failed;
}

/** Drops what failed instances' copies reported (their own text lies in their slot). */
export function withoutFailedInstances(diagnostics: readonly Diagnostic[], failed: readonly Range[]): Diagnostic[] {
  if (failed.length === 0) return [...diagnostics];
  const inFailed = (r: Range | undefined) => r !== undefined && failed.some((s) => r.start >= s.start && r.start < s.end);
  return diagnostics.filter((d) => !inFailed(d.range));
}

function checkArgument(check: ArgCheck, ctx: CheckContext, globals: Globals, exprs: ExprChecker): boolean {
  const name = check.param.name.text;
  const note = [{ range: check.param.name.range, message: `the parameter ${name}` }];
  const expected = check.expected;
  if (expected.kind === "event") {
    if (check.value.kind !== "NameRef") return false;
    const event = globals.events.get(check.value.name.text);
    if (event === undefined) return false; // the template's `on` reports it, at the argument
    const want = expected.params.map((p) => resolveUnitExpr(ctx, p.unit, "declaration"));
    const have = event.params.map((p) => globals.paramTypes.get(p));
    const fits = want.length === have.length && want.every((t, i) => have[i] !== undefined && (isError(t) || isError(have[i]!) || sameType(t, have[i]!)));
    if (fits) return true;
    const shape = (names: readonly string[], ts: readonly (Type | undefined)[]) =>
      `(${ts.map((t, i) => `${names[i]}: ${t === undefined ? "?" : unitWord(t)}`).join(", ")})`;
    const wanted = shape(expected.params.map((p) => p.name.text), want);
    ctx.error(CHECK.argumentTypeMismatch, check.at, `${name} takes an event with arguments ${wanted}, but ${event.name.text} has ${shape(event.params.map((p) => p.name.text), have)}`, note);
    return false;
  }
  const actual = exprs.check(check.value, { scope: globals.scope });
  if (isError(actual)) return false;
  const want: Type | null =
    expected.kind === "value" ? resolveUnitExpr(ctx, expected.unit, "declaration")
      : expected.kind === "date" ? { kind: "date" }
        : expected.kind === "duration" ? { kind: "duration", per: expected.per }
          : null;
  if (want === null || isError(want)) return want !== null;
  if (sameType(actual, want)) return true;
  ctx.error(CHECK.argumentTypeMismatch, check.at, `${name} takes ${describeType(want)}, but this is ${describeType(actual)}`, note);
  return false;
}
