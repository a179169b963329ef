/**
 * Use-by dates at allocation (issue 12): an expired value, or one with less shelf life left than the
 * product's minimum, is refused with the rule named. Only values that would newly go out are checked:
 * the caller skips units that keep their value.
 */
import { shelfLifeProblem } from '../../../shared/identifiers/use-by-dates.js';
import { capitalised } from '../../../shared/domain/capitalised.js';
import type { IdentifierKind } from '../../../shared/identifiers/kinds.js';

/**
 * The refusal for allocating `value` on `today`, or null when it may go out. `lotUseBy`: a lot's
 * use-by date (lot products; an undated lot is not checked).
 */
export function useByRefusal(
  line: { identifier_kind: IdentifierKind; min_shelf_life_days: number | null; sku: string },
  value: string,
  lotUseBy: string | null,
  today: string,
): string | null {
  const date = line.identifier_kind === 'use_by' ? value : line.identifier_kind === 'lot' ? lotUseBy : null;
  if (date === null) return null;
  const problem = shelfLifeProblem(date, today, line.min_shelf_life_days);
  if (!problem) return null;
  // The reason names the date once: a use-by value is its date, a lot's date is the lot's.
  if (line.identifier_kind === 'use_by') {
    return problem.rule === 'expired'
      ? `Use-by date ${date} has passed; expired ${line.sku} cannot go out.`
      : `${capitalised(problem.reason)}.`;
  }
  return problem.rule === 'expired' ? `Lot "${value}" ${problem.reason}; expired ${line.sku} cannot go out.` : `Lot "${value}": ${problem.reason}.`;
}
