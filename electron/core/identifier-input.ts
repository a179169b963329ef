import { BenchError, type Issue } from '../../shared/contract/result.js';
import { checkIdentifier } from '../../shared/domain/identifier-value.js';

/**
 * Validates a list of raw identifier inputs: each must be a valid value, and none may repeat.
 * `where(i)` names the i-th input for the packer ("new unit 3", "box 12").
 * Throws one validation error listing every bad input, so nothing is changed.
 */
export function requireValidUniqueValues(
  raws: readonly string[],
  where: (index: number) => Pick<Issue, 'where' | 'box'>,
  errorMessage: string,
): string[] {
  const values: string[] = [];
  const issues: Issue[] = [];
  const firstIndexOf = new Map<string, number>();
  raws.forEach((raw, index) => {
    const check = checkIdentifier(raw);
    if (!check.ok) {
      issues.push({ ...where(index), message: `The identifier ${check.reason}.` });
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

/** Escapes LIKE wildcards so a search term matches literally. */
export function likeContains(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
export function likePrefix(term: string): string {
  return `${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
