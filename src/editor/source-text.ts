/**
 * Text of AST nodes as the user wrote them: the source slice of a node's
 * range, comments dropped and whitespace collapsed to one line. Hover and
 * chart labels show this, so they read exactly like the term sheet.
 */
import type { Node, UnitExpr } from "../syntax/ast.ts";

/** The node's source text on one line (expressions hold no strings, so `//` always starts a comment). */
export function sourceText(source: string, node: Node): string {
  return source
    .slice(node.range.start, node.range.end)
    .replace(/\/\/[^\n\r]*/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** A unit as declared: `USD`, `USD per gpu_hour`, `number`. */
export function unitSpelling(u: UnitExpr): string {
  const num = u.numerator.map((n) => n.text).join(" ");
  const den = u.denominator.map((n) => n.text).join(" ");
  if (den === "") return num;
  return `${num === "" ? "1" : num} per ${den}`;
}
