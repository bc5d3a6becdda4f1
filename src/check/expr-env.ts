/** Where an expression is typed (src/check/expressions.ts): its scope and what names it may use. */
import type { LetStmt, NameRef } from "../syntax/ast.ts";
import type { Scope, ScopeEntry } from "./scope.ts";

/** Where an expression is typed: its scope and what names it may use. */
export interface ExprEnv {
  readonly scope: Scope;
  /**
   * Called for each resolved name; returns false after reporting a name not
   * allowed here (a let in a cap, an input in a const, …).
   */
  readonly allow?: (ref: NameRef, entry: ScopeEntry) => boolean;
  /** Called for an unknown name; returns true after explaining it (a let not visible here). */
  readonly explainUnknown?: (ref: NameRef) => boolean;
  /** Collects the lets used, for the unused-let warning. */
  readonly usedLets?: Set<LetStmt>;
}

