/**
 * Format patterns run on RE2 (re2js), whose matching takes time linear in the value whatever the
 * pattern: a pattern arrives from an order system or another bench, and JavaScript's backtracking
 * engine takes exponential time on some (`(a+)+b` against thirty a's and a "!" held the hub for
 * seconds, every route with it). A pattern is written as before, in JavaScript's syntax (Unicode
 * mode), and taken only if RE2 runs it too: lookaround and backreferences are refused, and RE2-only
 * syntax such as `(?i)` is refused as well, so a bench on an earlier version never meets one. `\u`
 * escapes are turned into RE2's `\x{…}`; `\s` matches ASCII whitespace only (identifiers are trimmed
 * and hold no control characters, so this rarely matters).
 */
import { RE2JS } from 're2js';
import { MAX_IDENTIFIER_LENGTH } from '../sync/bounds.js';

class RepeatsError extends Error {}

const compiled = new Map<string, RE2JS | string>();

/** JavaScript's `\uXXXX` and `\u{X…}` as RE2's `\x{…}`; every other escape (`\\u` included) as it is. */
function toRe2Syntax(pattern: string): string {
  return pattern.replace(/\\(u\{([0-9a-fA-F]{1,6})\}|u([0-9a-fA-F]{4})|[\s\S])/g, (whole, _escape, braced?: string, four?: string) =>
    braced !== undefined || four !== undefined ? `\\x{${braced ?? four}}` : whole,
  );
}

/** A repeat's upper bound past this is pointless: an identifier is at most this long. */
const MAX_REPEAT = MAX_IDENTIFIER_LENGTH;
/**
 * All repeats' bounds together, at most: RE2 compiles a repeat into that many copies, and a pattern
 * of many long repeats took half a second and 200 MB to compile (a hub must not be held by one).
 */
const MAX_REPEATS_TOTAL = 1_000;

/** Why the pattern's `{n}`, `{n,}` and `{n,m}` repeats are too many, or null. */
function repeatsProblem(pattern: string): string | null {
  let total = 0;
  for (const [, from, comma, to] of pattern.matchAll(/(?<!\\)\{(\d+)(,?)(\d*)\}/g)) {
    const bound = Math.max(Number(from), comma && to ? Number(to) : 0);
    if (bound > MAX_REPEAT) return `pattern repeats something ${bound} times; identifiers are at most ${MAX_REPEAT} characters`;
    total += bound;
  }
  return total > MAX_REPEATS_TOTAL ? `pattern's repeats add up to ${total}, more than ${MAX_REPEATS_TOTAL}; write it more simply` : null;
}

/** The pattern compiled to match a whole value, or why it cannot be. */
function compileWhole(pattern: string): RE2JS | string {
  let found = compiled.get(pattern);
  if (found === undefined) {
    try {
      new RegExp(`^(?:${pattern})$`, 'u');
      const tooMany = repeatsProblem(pattern);
      if (tooMany) throw new RepeatsError(tooMany);
      try {
        found = RE2JS.compile(`^(?:${toRe2Syntax(pattern)})$`);
      } catch (error) {
        found = `pattern cannot be matched in linear time: ${error instanceof Error ? error.message : String(error)} (lookaround and backreferences are not supported)`;
      }
    } catch (error) {
      found = error instanceof RepeatsError ? error.message : `pattern is not a valid regular expression (${error instanceof Error ? error.message : String(error)})`;
    }
    if (compiled.size > 500) compiled.clear();
    compiled.set(pattern, found);
  }
  return found;
}

/** Whether `pattern` can be used as a format's pattern; the reason when it cannot. */
export function patternProblem(pattern: string): string | null {
  const result = compileWhole(pattern);
  return typeof result === 'string' ? result : null;
}

/** Whether `value` as a whole matches `pattern`, or why the pattern cannot be checked (one stored before this rule). */
export function matchesWholePattern(pattern: string, value: string): boolean | string {
  const result = compileWhole(pattern);
  return typeof result === 'string' ? result : result.testExact(value);
}
