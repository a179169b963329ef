/**
 * The name a typo most likely meant, for "did you mean ...?": the set-up command line (a misspelt
 * command), the HTTP routes (a misspelt query parameter) and the order system's bodies (a misspelt
 * field, ./fields.ts) suggest with the same rule.
 */

/** Edits (insert, delete, substitute, swap two neighbours) a typo may hold and still be suggested. */
export const MAX_TYPO_EDITS = 2;

/** Optimal string alignment distance: a transposed pair ("warehuose") counts as one edit. */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** Of `names`, the nearest to `typed` (ASCII case ignored) within MAX_TYPO_EDITS; the first of a tie. */
export function nearestName(typed: string, names: Iterable<string>): string | undefined {
  let nearest: { name: string; distance: number } | undefined;
  for (const name of names) {
    const distance = editDistance(typed.toLowerCase(), name.toLowerCase());
    if (distance <= MAX_TYPO_EDITS && (nearest === undefined || distance < nearest.distance)) nearest = { name, distance };
  }
  return nearest?.name;
}
