/**
 * Lexical scopes of value names. The global scope holds inputs, consts,
 * schedules and the period facts; a clause opens a scope for its top-level
 * lets, and every `when` / `on` / `at signing` body opens a nested one
 * (lets are block-scoped and visible only after their declaration).
 */
import type { Name } from "../syntax/ast.ts";
import type { Binding, Type } from "./checked-program.ts";

/** Where a name was declared: decides what `for N consecutive periods` and caps may use. */
export type ScopeLevel = "global" | "clause" | "block" | "event";

export interface ScopeEntry {
  /** The declaring name (null for the built-in period facts). */
  readonly name: Name | null;
  readonly binding: Binding;
  readonly level: ScopeLevel;
  /** The value's type; globals get theirs once their declaration is typed. */
  type: Type;
  /** How the entry reads in a message: "the input revenue", "the let unsold". */
  readonly what: string;
}

export class Scope {
  private readonly entries = new Map<string, ScopeEntry>();

  /**
   * @param lenient unknown names in a lenient scope are not reported: it is
   *   the body of an `on` whose event is already reported unknown.
   */
  constructor(
    readonly parent: Scope | null,
    readonly level: ScopeLevel,
    readonly lenient: boolean = parent?.lenient ?? false,
  ) {}

  lookup(text: string): ScopeEntry | undefined {
    for (let s: Scope | null = this; s !== null; s = s.parent) {
      const e = s.entries.get(text);
      if (e !== undefined) return e;
    }
    return undefined;
  }

  /** An entry declared in this very scope (not a parent). */
  own(text: string): ScopeEntry | undefined {
    return this.entries.get(text);
  }

  declare(text: string, entry: ScopeEntry): void {
    this.entries.set(text, entry);
  }

  /** Every visible name, innermost first: the candidates for "did you mean". */
  *visibleNames(): Iterable<string> {
    for (let s: Scope | null = this; s !== null; s = s.parent) yield* s.entries.keys();
  }
}
