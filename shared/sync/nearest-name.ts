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

/**
 * The SKU an unknown `typed` SKU most likely meant, for "did you mean ...?" (SKUs are case-sensitive:
 * `a-1` is not `A-1`). `sameIgnoringCase`: the SKUs equal to it ignoring case (two are enough to know it
 * is not one); `neighbours`: a bounded list of SKUs near it in sorted order, where a typo's SKU sorts.
 * Only a clear one: none when two are as near, nor for a SKU so short that one edit is a third of it
 * ("P2" is a typo away from most short SKUs). The bench's import and the hub's order intake both ask.
 */
export function meantSku(typed: string, sameIgnoringCase: readonly string[], neighbours: readonly string[]): { sku: string; caseOnly: boolean } | undefined {
  if (sameIgnoringCase.length === 1) return { sku: sameIgnoringCase[0]!, caseOnly: true };
  if (sameIgnoringCase.length > 1) return undefined; // "a-b" for both "A-b" and "A-B"
  const nearest = nearestName(typed, neighbours);
  if (nearest === undefined) return undefined;
  const distance = (sku: string) => editDistance(typed.toLowerCase(), sku.toLowerCase());
  const edits = distance(nearest);
  if (edits * 3 > typed.length) return undefined;
  if (neighbours.some((sku) => sku !== nearest && distance(sku) === edits)) return undefined;
  return { sku: nearest, caseOnly: edits === 0 };
}

/** The words after an unknown SKU's refusal: ` (did you mean "A-1"? SKUs are case-sensitive)`, or nothing. */
export function didYouMeanSku(meant: { sku: string; caseOnly: boolean } | undefined): string {
  return meant ? ` (did you mean "${meant.sku}"?${meant.caseOnly ? ' SKUs are case-sensitive' : ''})` : '';
}
