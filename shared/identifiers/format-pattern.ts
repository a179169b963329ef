/**
 * Format patterns run on RE2 (re2js), whose matching takes time linear in the value whatever the
 * pattern: a pattern arrives from an order system or another bench, and JavaScript's backtracking
 * engine takes exponential time on some (`(a+)+b` against thirty a's and a "!" held the hub for
 * seconds, every route with it). RE2's syntax is JavaScript's without lookaround and backreferences.
 */
import { RE2JS } from 're2js';

const compiled = new Map<string, RE2JS | string>();

/** The pattern compiled to match a whole value, or why it does not compile. */
function compileWhole(pattern: string): RE2JS | string {
  let found = compiled.get(pattern);
  if (found === undefined) {
    try {
      found = RE2JS.compile(`^(?:${pattern})$`);
    } catch (error) {
      found = error instanceof Error ? error.message : String(error);
    }
    if (compiled.size > 500) compiled.clear();
    compiled.set(pattern, found);
  }
  return found;
}

/** Whether `pattern` compiles as the formats use it; the reason when it does not. */
export function patternProblem(pattern: string): string | null {
  const result = compileWhole(pattern);
  return typeof result === 'string' ? `pattern is not a valid regular expression (${result})` : null;
}

/** Whether `value` as a whole matches `pattern`; null when the pattern does not compile (one stored before this check). */
export function matchesWholePattern(pattern: string, value: string): boolean | null {
  const result = compileWhole(pattern);
  return typeof result === 'string' ? null : result.testExact(value);
}
