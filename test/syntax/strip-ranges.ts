/** Helpers for the formatter tests: an AST without source positions, and a source's comments. */
import { scanTrivia } from "../../grammar/trivia.ts";

/**
 * A deep copy of an AST node with every `range` removed, so two parses of
 * differently laid-out sources compare equal when they mean the same.
 */
export function stripRanges<T>(node: T): T {
  const copy = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(copy);
    if (value === null || typeof value !== "object") return value;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) if (key !== "range") out[key] = copy(v);
    return out;
  };
  return copy(node) as T;
}

/** The comments of a source, in order, without trailing spaces (the formatter trims those). */
export function commentsOf(source: string): string[] {
  return scanTrivia(source).comments.map((c) => c.text.trimEnd());
}
