/**
 * "Did you mean …?" for names in data files: the closest known name by
 * edit distance, when it is close enough to be a likely typo.
 */

/** Levenshtein distance with adjacent transpositions counted as one edit. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) { rows[0]!.push(j); continue; }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]!.push(d);
    }
  }
  return rows[a.length]![b.length]!;
}

/** The closest candidate within a third of the name's length (at least 1 edit), or null. Ties go to the earlier candidate. */
export function closestName(name: string, candidates: readonly string[]): string | null {
  const lower = name.toLowerCase();
  const budget = Math.max(1, Math.floor(name.length / 3));
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    // Lengths alone bound the distance: skip the quadratic work for hopeless (or huge) names.
    if (Math.abs(c.length - name.length) > budget) continue;
    const d = c.toLowerCase() === lower ? 0.5 : editDistance(name, c);
    if (d <= budget && d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** ` (did you mean "x"?)`, or a list of what is allowed when nothing is close, or "" when nothing is allowed. */
export function suggestionText(name: string, candidates: readonly string[], what: string): string {
  const close = closestName(name, candidates);
  if (close !== null) return ` (did you mean "${close}"?)`;
  if (candidates.length === 0) return ` (the deal declares no ${what})`;
  return ` (${what}: ${candidates.map((c) => `"${c}"`).join(", ")})`;
}
