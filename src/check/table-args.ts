/**
 * The first argument of a table built-in (tier, marginal): the name of a
 * tiers table (docs/language.md §5 "tiers"), resolved here and never typed.
 */
import { CHECK } from "../diagnostics/codes/check.ts";
import { closestName } from "../diagnostics/suggest.ts";
import type { TableInfo } from "../builtins/builtin.ts";
import type { Call, Expr, TiersDecl } from "../syntax/ast.ts";
import type { Type } from "./checked-program.ts";
import type { CheckContext } from "./context.ts";
import type { ExprEnv } from "./expr-env.ts";
import { bindingNoun } from "./names.ts";

/**
 * The table a table built-in's first argument names (tier, marginal): its
 * name and the types of its bounds and values; undefined after reporting
 * why there is none usable. `typeOf` types an argument that is not a name.
 */
export function tableOfCall(e: Call, env: ExprEnv, ctx: CheckContext, typeOf: (x: Expr) => Type): TableInfo | undefined {
  const table = resolveTable(e.args[0]!, e.callee.text, env, ctx, typeOf);
  if (table === undefined) return undefined;
  const checked = ctx.tiers.get(table);
  if (checked === undefined || checked === null) return undefined;
  return { name: table.name.text, bound: checked.bound, value: checked.value };
}

/** The tiers table the first argument names, recording the binding; undefined after reporting TN2127. */
function resolveTable(arg: Expr, fn: string, env: ExprEnv, ctx: CheckContext, typeOf: (x: Expr) => Type): TiersDecl | undefined {
  const tables = (): string[] => [...new Set(env.scope.visibleNames())].filter((n) => env.scope.lookup(n)?.binding.kind === "tiers");
  if (arg.kind !== "NameRef") {
    if (arg.kind !== "ErrorExpr") typeOf(arg);
    const names = tables();
    ctx.error(
      CHECK.notATiersTable,
      arg.range,
      `the first argument of ${fn} must be the name of a tiers table${names.length > 0 ? ` (${names.join(", ")})` : ", declared with tiers NAME { … }"}, not an expression`,
    );
    return undefined;
  }
  const text = arg.name.text;
  if (text === "") return undefined;
  const entry = env.scope.lookup(text);
  if (entry?.binding.kind === "tiers") {
    ctx.bindings.set(arg, entry.binding);
    return entry.binding.decl;
  }
  if (entry === undefined && env.scope.lenient) return undefined;
  const guess = closestName(text, tables());
  const what = entry === undefined ? `there is no tiers table ${text}` : `${text} is ${bindingNoun(entry.binding)}, not a tiers table`;
  ctx.error(CHECK.notATiersTable, arg.range, `the first argument of ${fn} must be the name of a tiers table, but ${what}${guess === null ? "" : `; did you mean ${guess}?`}`);
  return undefined;
}
