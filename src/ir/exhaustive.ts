/**
 * The end of a switch over every kind of a union: `kindOf(x)` takes a value
 * of type `never`, so a kind that a phase forgets fails `tsc`, not a user.
 * At run time it names the kind found (an artifact from elsewhere may hold
 * anything), for the internal error that reports it.
 */
export function kindOf(node: never): string {
  const kind: unknown = typeof node === "object" && node !== null ? (node as { kind?: unknown }).kind : node;
  return typeof kind === "string" ? JSON.stringify(kind) : String(kind);
}
