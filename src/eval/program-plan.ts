/**
 * What the interpreter resolves once per program, before any period runs:
 * each clause's window, caps and consecutive conditions, which `on` block
 * owns each let, the schedule matchers, and which consts and schedule
 * values do not depend on the period (those are computed once per run).
 * Keeping this out of the period loop keeps per-period work small.
 */
import type { CheckedProgram, DealHeader } from "../check/checked-program.ts";
import type {
  CapStmt, ClauseDecl, ConstDecl, Expr, LetStmt, NumberLit, OnStmt, RoundingMode,
  ScheduleDecl, Stmt, WhenStmt,
} from "../syntax/ast.ts";
import { scheduleMatcher } from "./schedules.ts";
import type { ScheduleMatcher } from "./schedules.ts";
import type { Value } from "./values.ts";
import type { CalendarDate } from "./dates.ts";

/** A `when … for N consecutive periods`. */
export interface ConsecutiveWhen {
  readonly stmt: WhenStmt;
  readonly n: number;
}

export interface ClausePlan {
  readonly decl: ClauseDecl;
  readonly name: string;
  /** The quoted title, or the name when there is none (brief §7). */
  readonly title: string;
  /** `from DATE`: the clause applies to periods starting on or after it. */
  readonly from: string | null;
  /** `until DATE`: the clause applies to periods starting on or before it. */
  readonly until: string | null;
  /** Every `cap` of the clause, wherever written: each bounds the whole clause. */
  readonly caps: readonly CapStmt[];
  /** Every consecutive condition of the clause, observed in every period. */
  readonly consecutive: readonly ConsecutiveWhen[];
}

export interface ProgramPlan {
  readonly checked: CheckedProgram;
  readonly header: DealHeader;
  readonly decimals: number;
  readonly rounding: RoundingMode;
  readonly clauses: readonly ClausePlan[];
  /** The innermost `on` block around each let (null: the clause's top level). */
  readonly letOwner: ReadonlyMap<LetStmt, OnStmt | null>;
  readonly schedules: ReadonlyMap<ScheduleDecl, ScheduleMatcher>;
  /** True for expressions whose value is the same in every period (literals and such consts). */
  isStatic(expr: Expr): boolean;
  /** Parsed number literals, filled on first use. */
  readonly literalCache: Map<NumberLit, Value>;
  /** Parsed date literals, filled on first use. */
  readonly dateCache: Map<string, CalendarDate>;
}

function collect(
  body: readonly Stmt[],
  owner: OnStmt | null,
  caps: CapStmt[],
  consecutive: ConsecutiveWhen[],
  windows: { from: string | null; until: string | null },
  letOwner: Map<LetStmt, OnStmt | null>,
): void {
  for (const s of body) {
    switch (s.kind) {
      case "Let": letOwner.set(s, owner); break;
      case "Cap": caps.push(s); break;
      case "Window":
        if (s.bound === "from") windows.from ??= s.date.text;
        else windows.until ??= s.date.text;
        break;
      case "When":
        // The checker forbids consecutive conditions inside `on`; such a one is never observed.
        if (s.consecutive && owner === null) {
          consecutive.push({ stmt: s, n: Number(s.consecutive.digits) });
        }
        collect(s.body, owner, caps, consecutive, windows, letOwner);
        break;
      case "On": collect(s.body, s, caps, consecutive, windows, letOwner); break;
      case "AtSigning": collect(s.body, owner, caps, consecutive, windows, letOwner); break;
      case "Pays":
      case "Grants":
        break;
    }
  }
}

export function planProgram(checked: CheckedProgram): ProgramPlan {
  const letOwner = new Map<LetStmt, OnStmt | null>();
  const clauses: ClausePlan[] = checked.clauses.map((decl) => {
    const caps: CapStmt[] = [];
    const consecutive: ConsecutiveWhen[] = [];
    const windows = { from: null as string | null, until: null as string | null };
    collect(decl.body, null, caps, consecutive, windows, letOwner);
    return {
      decl,
      name: decl.name.text,
      title: decl.title?.value ?? decl.name.text,
      from: windows.from,
      until: windows.until,
      caps,
      consecutive,
    };
  });

  const schedules = new Map<ScheduleDecl, ScheduleMatcher>();
  for (const s of checked.schedules) schedules.set(s, scheduleMatcher(s));

  // A const is static when its expression uses only literals and static consts.
  const staticConst = new Map<ConstDecl, boolean>();
  const isStatic = (expr: Expr): boolean => {
    switch (expr.kind) {
      case "NumberLit":
      case "DateExpr":
        return true;
      case "NameRef": {
        const b = checked.bindings.get(expr);
        if (b?.kind !== "const") return false;
        const known = staticConst.get(b.decl);
        if (known !== undefined) return known;
        staticConst.set(b.decl, false); // a cycle (reported by the checker) is not static
        const result = isStatic(b.decl.value);
        staticConst.set(b.decl, result);
        return result;
      }
      case "Unary": return isStatic(expr.operand);
      case "Binary": return isStatic(expr.left) && isStatic(expr.right);
      case "Call": return expr.args.every(isStatic);
      case "IfExpr": return isStatic(expr.cond) && isStatic(expr.then) && isStatic(expr.else);
      case "ErrorExpr": return false;
    }
  };

  return {
    checked,
    header: checked.header,
    decimals: checked.header.currency.decimals,
    rounding: checked.header.currency.rounding,
    clauses,
    letOwner,
    schedules,
    isStatic,
    literalCache: new Map(),
    dateCache: new Map(),
  };
}
