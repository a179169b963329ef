/**
 * Use-by dates at allocation (issue 12): an expired value, or one with less shelf life left than the
 * product's minimum, is refused with the rule named. Only values that would newly go out are checked:
 * the caller skips units that keep their value.
 */
import { shelfLifeProblem } from '../../../shared/identifiers/use-by-dates.js';
import type { IdentifierKind } from '../../../shared/identifiers/kinds.js';

/** The refusal for allocating `value` on `today`, or null when it may go out. */
export function useByRefusal(
  line: { identifier_kind: IdentifierKind; min_shelf_life_days: number | null; sku: string },
  value: string,
  today: string,
): string | null {
  if (line.identifier_kind !== 'use_by') return null;
  const problem = shelfLifeProblem(value, today, line.min_shelf_life_days);
  if (!problem) return null;
  return problem.rule === 'expired'
    ? `"${value}" ${problem.reason}; expired ${line.sku} cannot go out.`
    : `"${value}": ${problem.reason}.`;
}
