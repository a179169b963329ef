import { BenchError, type Issue } from '../../shared/contract/result.js';
import { checkIdentifier } from '../../shared/domain/identifier-value.js';
import type { IdentifierSpec } from '../../shared/identifiers/kinds.js';
import type { NormalisedIdentifier } from '../../shared/identifiers/identifier-format.js';
import type { DateOrder } from '../../shared/identifiers/use-by-dates.js';
import { entryRefusal, normaliseEntry } from './products/identifier-rules.js';

/**
 * Validates a list of raw identifier inputs: each must be a valid value, and none may repeat.
 * `where(i)` names the i-th input for the packer ("new unit 3", "box 12").
 * With `rules`, each value is also checked against the product's kind and format (use-by dates are
 * normalised to YYYY-MM-DD). Throws one validation error listing every bad input, so nothing is changed.
 */
export function requireValidUniqueValues(
  raws: readonly string[],
  where: (index: number) => Pick<Issue, 'where' | 'box'>,
  errorMessage: string,
  rules?: { spec: IdentifierSpec; dates: { order: DateOrder; today: string } },
): string[] {
  const values: string[] = [];
  const issues: Issue[] = [];
  const firstIndexOf = new Map<string, number>();
  raws.forEach((raw, index) => {
    const check = rules ? normaliseEntry(raw, rules.spec, rules.dates) : textOnly(checkIdentifier(raw));
    if (!check.ok) {
      issues.push({ ...where(index), message: entryRefusal(raw, check) });
      return;
    }
    const earlier = firstIndexOf.get(check.value);
    if (earlier !== undefined) {
      issues.push({ ...where(index), message: `"${check.value}" is entered twice (also at ${where(earlier).where}).` });
      return;
    }
    firstIndexOf.set(check.value, index);
    values.push(check.value);
  });
  if (issues.length) throw new BenchError('validation', errorMessage, issues);
  return values;
}

function textOnly(check: ReturnType<typeof checkIdentifier>): NormalisedIdentifier {
  return check.ok ? check : { ok: false, rule: 'text', reason: check.reason };
}

/** Escapes LIKE wildcards so a search term matches literally. */
export function likeContains(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
export function likePrefix(term: string): string {
  return `${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
