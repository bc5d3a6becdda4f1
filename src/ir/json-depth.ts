/**
 * How deep a parsed JSON value nests, found without recursion: an artifact
 * nested 100,000 deep must get a limit error, not a stack overflow in
 * whatever walks it first (the hash, the schema, the runtime).
 */

/** The path of the first value nested deeper than `max` (arrays and objects count), or null. */
export function tooDeep(value: unknown, max: number): string | null {
  // One frame per open array or object: its children and the next to visit. The path is written only when the limit is hit.
  const frames: { readonly keys: readonly (string | number)[]; readonly of: Record<string | number, unknown>; next: number }[] = [];
  const open = (v: unknown): boolean => {
    if (typeof v !== "object" || v === null) return true;
    if (frames.length >= max) return false;
    const of = v as Record<string | number, unknown>;
    frames.push({ keys: Array.isArray(v) ? v.map((_x, i) => i) : Object.keys(v), of, next: 0 });
    return true;
  };
  if (!open(value)) return "$";
  while (frames.length > 0) {
    const top = frames[frames.length - 1]!;
    if (top.next === top.keys.length) {
      frames.pop();
      continue;
    }
    const key = top.keys[top.next++]!;
    if (!open(top.of[key])) {
      return frames.reduce((path, f) => {
        const k = f.keys[f.next - 1]!;
        return typeof k === "number" ? `${path}[${k}]` : `${path}.${k}`;
      }, "$");
    }
  }
  return null;
}
