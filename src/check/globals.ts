/**
 * Consts, schedules and tiers tables may use each other in any source
 * order, so they are typed in dependency order; a cycle among them is an error (a const
 * defined in terms of itself has no value).
 */
import { CHECK } from "../diagnostics/codes/check.ts";
import type { ConstDecl, Expr, Name, ScheduleDecl, TiersDecl } from "../syntax/ast.ts";
import type { ConstEvaluator } from "./const-eval.ts";
import type { CheckContext } from "./context.ts";
import type { ExprChecker, ExprEnv } from "./expressions.ts";
import { stronglyConnected } from "./graph.ts";
import { isRecovered } from "./recovered.ts";
import { bindingNoun, type Globals } from "./names.ts";
import { checkScheduleShape, typeSchedule } from "./schedules.ts";
import { checkTiers } from "./tiers.ts";
import { ERROR_TYPE } from "../types/types.ts";
import { nameRefsIn } from "./walk.ts";

type GlobalDecl = ConstDecl | ScheduleDecl | TiersDecl;

function valuesOf(d: GlobalDecl): readonly Expr[] {
  if (d.kind === "Tiers") return d.entries.flatMap((e) => (e.high === null ? [e.low, e.value] : [e.low, e.high, e.value]));
  return d.kind === "Const" ? [d.value] : d.entries.map((e) => e.value);
}

/** Types every const and schedule, checks schedule shapes, and reports cycles. */
export function checkGlobals(ctx: CheckContext, globals: Globals, exprs: ExprChecker, consts: ConstEvaluator): void {
  const nodes: GlobalDecl[] = [...globals.consts, ...globals.schedules, ...globals.tiers].sort((a, b) => a.range.start - b.range.start);
  const indexOf = new Map<GlobalDecl, number>(nodes.map((d, i) => [d, i]));
  const edges = nodes.map((d) => {
    const out: number[] = [];
    for (const e of valuesOf(d)) {
      for (const ref of nameRefsIn(e)) {
        const b = globals.scope.lookup(ref.name.text)?.binding;
        const target = b?.kind === "const" || b?.kind === "schedule" || b?.kind === "tiers" ? indexOf.get(b.decl) : undefined;
        if (target !== undefined) out.push(target);
      }
    }
    return out;
  });

  const constEnv: ExprEnv = {
    scope: globals.scope,
    allow: (ref, entry) => {
      if (entry.binding.kind === "const") return true;
      ctx.error(
        CHECK.notConstant,
        ref.name.range,
        `a const may only use numbers and other consts, but ${ref.name.text} is ${bindingNoun(entry.binding)}; use a let inside a clause instead`,
      );
      return false;
    },
  };
  const scheduleEnv: ExprEnv = { scope: globals.scope };
  const tiersEnv: ExprEnv = {
    scope: globals.scope,
    allow: (ref, entry) => {
      if (entry.binding.kind === "const") return true;
      ctx.error(
        CHECK.tiersNotConstant,
        ref.name.range,
        `the bounds and values of a tiers table are constants (numbers and consts), but ${ref.name.text} is ${bindingNoun(entry.binding)}`,
      );
      return false;
    },
  };

  for (const component of stronglyConnected(nodes.length, edges)) {
    const members = component.map((i) => nodes[i]!);
    const cyclic = component.length > 1 || edges[component[0]!]!.includes(component[0]!);
    if (cyclic) reportCycle(ctx, members, edges, nodes, indexOf);
    for (const d of members) {
      const entry = globals.scope.own(d.name.text)!;
      if (d.kind === "Tiers") {
        checkTiers(d, ctx, exprs, consts, tiersEnv, cyclic);
      } else if (d.kind === "Const") {
        const t = exprs.check(d.value, constEnv);
        entry.type = cyclic ? ERROR_TYPE : t;
      } else {
        const t = typeSchedule(d, ctx, exprs, scheduleEnv);
        entry.type = cyclic ? ERROR_TYPE : t;
        if (!isRecovered(d)) checkScheduleShape(d, entry.type, ctx, consts);
      }
    }
  }
}

/** One error per cycle, at the member declared first: `a → b → a`. */
function reportCycle(
  ctx: CheckContext,
  members: GlobalDecl[],
  edges: readonly number[][],
  nodes: readonly GlobalDecl[],
  indexOf: ReadonlyMap<GlobalDecl, number>,
): void {
  const first = members.reduce((a, b) => (a.range.start <= b.range.start ? a : b));
  const inCycle = new Set(members.map((m) => indexOf.get(m)!));
  // A shortest path back to `first` inside the component (breadth-first).
  const start = indexOf.get(first)!;
  const previous = new Map<number, number>();
  const queue = [start];
  let closing: number | null = null;
  for (let q = 0; q < queue.length && closing === null; q++) {
    const v = queue[q]!;
    for (const w of edges[v]!) {
      if (!inCycle.has(w)) continue;
      if (w === start) {
        closing = v;
        break;
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  const path: Name[] = [first.name];
  for (let v = closing; v !== null && v !== start; v = previous.get(v) ?? null) path.splice(1, 0, nodes[v]!.name);
  path.push(first.name);
  const kind = first.kind === "Const" ? "const" : first.kind === "Tiers" ? "tiers" : "schedule";
  ctx.error(
    CHECK.declarationCycle,
    first.name.range,
    `${kind} ${first.name.text} is defined in terms of itself (${path.map((n) => n.text).join(" → ")}); a value must not depend on itself`,
    path.slice(1, -1).map((n) => ({ range: n.range, message: `${n.text} is declared here` })),
  );
}
