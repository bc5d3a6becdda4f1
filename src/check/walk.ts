/** Iterative walks over expressions (no recursion: depth is checked elsewhere). */
import type { Expr, NameRef } from "../syntax/ast.ts";

/** Every NameRef inside `e`, in no particular order. */
export function nameRefsIn(e: Expr): NameRef[] {
  const out: NameRef[] = [];
  const stack: Expr[] = [e];
  while (stack.length > 0) {
    const x = stack.pop()!;
    switch (x.kind) {
      case "NameRef":
        out.push(x);
        break;
      case "Unary":
        stack.push(x.operand);
        break;
      case "Binary":
        stack.push(x.left, x.right);
        break;
      case "Call":
        stack.push(...x.args);
        break;
      case "IfExpr":
        stack.push(x.cond, x.then, x.else);
        break;
      default:
        break;
    }
  }
  return out;
}
