/**
 * Which expressions read a balance (language.md §7 "balance"), directly or
 * through the lets they use. The checker needs it to keep balances out of
 * `for N consecutive periods` conditions (observed before the clause's
 * statements run); the lowering needs it because a let that reads a balance
 * is computed where it is written, not lazily on first use (so it sees the
 * balance as it was at that point of the clause).
 */
import type { BalanceStmt, Expr, LetStmt, NameRef } from "../syntax/ast.ts";
import type { Binding } from "./checked-program.ts";

/** Remembers, per let, the balance its value reads (null: none). */
export class BalanceReads {
  private readonly lets = new Map<LetStmt, BalanceStmt | null>();

  constructor(private readonly bindings: ReadonlyMap<NameRef, Binding>) {}

  /** The first balance `e` reads, directly or through lets, or null. */
  of(e: Expr): BalanceStmt | null {
    const stack: Expr[] = [e];
    while (stack.length > 0) {
      const x = stack.pop()!;
      switch (x.kind) {
        case "NameRef": {
          const b = this.bindings.get(x);
          if (b?.kind === "balance") return b.decl;
          if (b?.kind === "let") {
            const read = this.ofLet(b.decl);
            if (read !== null) return read;
          }
          break;
        }
        case "Unary": stack.push(x.operand); break;
        case "Binary": stack.push(x.right, x.left); break;
        case "Call": for (let i = x.args.length - 1; i >= 0; i--) stack.push(x.args[i]!); break;
        case "IfExpr": stack.push(x.else, x.then, x.cond); break;
        default: break;
      }
    }
    return null;
  }

  /** The balance a let's value reads, directly or through other lets, or null. */
  ofLet(l: LetStmt): BalanceStmt | null {
    const known = this.lets.get(l);
    if (known !== undefined) return known;
    this.lets.set(l, null); // lets cannot refer to themselves, but stay safe on a cycle
    const read = this.of(l.value);
    this.lets.set(l, read);
    return read;
  }
}
