/**
 * What "the same term" means to `tenor diff`: two AST nodes are equal when
 * they are equal without their source positions. Layout and comments never
 * reach the AST, so a reformatted or re-commented sheet compares equal.
 */

/** Fields that say where a node was written, not what it means. */
const POSITIONAL = new Set(["range", "recovered", "instance"]);

/** A node's meaning as canonical text: equal texts, equal terms. */
export function shapeOf(node: unknown): string {
  return JSON.stringify(node, (key, value: unknown) => (POSITIONAL.has(key) ? undefined : value));
}

export function sameShape(a: unknown, b: unknown): boolean {
  return shapeOf(a) === shapeOf(b);
}

/** Every name a node refers to (`NameRef`s), to say which clauses use a changed value. */
export function namesReferred(node: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(node)) {
    for (const x of node) namesReferred(x, into);
  } else if (node !== null && typeof node === "object") {
    const o = node as Record<string, unknown>;
    if (o["kind"] === "NameRef") {
      const name = o["name"] as { text?: unknown } | undefined;
      if (typeof name?.text === "string") into.add(name.text);
    }
    for (const [k, v] of Object.entries(o)) if (!POSITIONAL.has(k)) namesReferred(v, into);
  }
  return into;
}

/**
 * The one leaf where two expressions of the same shape differ, or null:
 * `revenue * 12%` against `revenue * 10%` gives the two literals, so the
 * line can say "rate from 12% to 10%" instead of restating both amounts.
 */
export function onlyDifference(a: unknown, b: unknown): { readonly old: unknown; readonly new: unknown } | null {
  const found: { old: unknown; new: unknown }[] = [];
  const walk = (x: unknown, y: unknown): boolean => {
    if (sameShape(x, y)) return true;
    const xo = x as Record<string, unknown> | null;
    const yo = y as Record<string, unknown> | null;
    const isLeaf = (o: Record<string, unknown> | null) => o === null || typeof o !== "object" || o["kind"] === "NumberLit" || o["kind"] === "DateExpr" || o["kind"] === "NameRef";
    if (isLeaf(xo) || isLeaf(yo) || xo!["kind"] !== yo!["kind"] || Array.isArray(xo) !== Array.isArray(yo)) {
      found.push({ old: x, new: y });
      return found.length === 1;
    }
    const keys = new Set([...Object.keys(xo!), ...Object.keys(yo!)].filter((k) => !POSITIONAL.has(k)));
    for (const k of keys) {
      const xv = xo![k];
      const yv = yo![k];
      if (typeof xv !== "object" || typeof yv !== "object" || xv === null || yv === null) {
        if (xv !== yv) {
          // A different operator or field: the whole node differs.
          found.push({ old: x, new: y });
          return false;
        }
        continue;
      }
      if (Array.isArray(xv) && Array.isArray(yv) && xv.length !== yv.length) {
        found.push({ old: x, new: y });
        return false;
      }
      if (!walk(xv, yv)) return false;
    }
    return true;
  };
  return walk(a, b) && found.length === 1 ? found[0]! : null;
}
