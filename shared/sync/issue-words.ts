/**
 * zod's problems in words an integrator or a person at a bench can act on: the field named in words,
 * what was expected and what came ("identifier mode must be one of none, single_use, multiple_use, not
 * "serial""), where zod said 'Invalid option: expected one of "none"|...' or "Invalid input: expected
 * array, received string". Installed once as zod's error map (z.config below), so every schema of both
 * ends says it alike; a schema's own message (wrongType, onlyFields, the bounds) still comes first.
 */
import { z } from 'zod';

/** What a value of the wrong JSON type is, in words ("text (\"5\")", "a number (17)", "null"). */
export function describeSent(input: unknown): string {
  if (typeof input === 'string') return `text (${quoted(input)})`;
  if (typeof input === 'number') return `a number (${input})`;
  if (typeof input === 'boolean') return input ? 'true' : 'false';
  if (input === null) return 'null';
  return Array.isArray(input) ? 'a list' : 'an object';
}

/** A value sent where one of some texts was expected: text quoted as is, anything else in words. */
function describeOption(input: unknown): string {
  return typeof input === 'string' ? quoted(input) : describeSent(input);
}

function quoted(text: string): string {
  return `${JSON.stringify(text.slice(0, 40))}${text.length > 40 ? '...' : ''}`;
}

/** Field names whose words are not their camelCase split. */
const FIELD_WORDS: Record<string, string> = { lineNo: 'line number', useBy: 'use-by date', stationId: 'station id' };

function keyInWords(key: string): string {
  return FIELD_WORDS[key] ?? key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/** "orders" -> "order", "entries" -> "entry", "dispatches" -> "dispatch". */
function singular(words: string): string {
  if (words.endsWith('ies')) return `${words.slice(0, -3)}y`;
  if (/(ch|sh|x|ss)es$/.test(words)) return words.slice(0, -2);
  return words.endsWith('s') ? words.slice(0, -1) : words;
}

/** An item of a list by its place, counting from 1: itemInWords('orders', 0) is "order 1". */
export function itemInWords(listKey: string, index: number): string {
  return `${singular(keyInWords(listKey))} ${index + 1}`;
}

/** The field at `path` in words: ['op', 'identifierMode'] -> "identifier mode", ['orders', 0] -> "order 1"; [] -> `whole`. */
export function fieldInWords(path: readonly PropertyKey[], whole: string): string {
  const last = path.at(-1);
  if (last === undefined) return whole;
  if (typeof last === 'number') {
    const list = path.at(-2);
    return typeof list === 'string' ? itemInWords(list, last) : `item ${last + 1}`;
  }
  return keyInWords(String(last));
}

const EXPECTED_WORDS: Record<string, string> = {
  object: 'an object',
  array: 'a list',
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  null: 'null',
};

function oneOf(options: readonly unknown[]): string {
  const shown = options.map((option) => (typeof option === 'string' ? option : JSON.stringify(option) ?? String(option)));
  return shown.length === 1 ? `${JSON.stringify(options[0])}` : `one of ${shown.join(', ')}`;
}

function sizeOf(input: unknown): number | undefined {
  if (Array.isArray(input) || typeof input === 'string') return input.length;
  return undefined;
}

/**
 * The message for one of zod's problems, or undefined to leave it to zod (one it has no words for).
 * `whole`: how to name the checked value itself (an empty path), e.g. "the body", "order 1".
 */
export function issueInWords(issue: z.core.$ZodRawIssue, whole = 'the value'): string | undefined {
  const path = issue.path ?? [];
  const field = fieldInWords(path, whole);
  const { input } = issue;
  switch (issue.code) {
    case 'invalid_type': {
      if (input === undefined) return `${field} is missing`;
      const wanted = EXPECTED_WORDS[issue.expected] ?? issue.expected;
      // A fraction where a whole number belongs is a number already: say which.
      return `${field} must be ${wanted}, not ${issue.expected === 'int' && typeof input === 'number' ? input : describeSent(input)}`;
    }
    case 'invalid_value':
      return input === undefined ? `${field} is missing; give ${oneOf(issue.values)}` : `${field} must be ${oneOf(issue.values)}, not ${describeOption(input)}`;
    case 'invalid_union': {
      // A discriminated union's tag ("type" of an op): named with its object ("op type") and the tags there are.
      if (issue.discriminator === undefined || !Array.isArray(issue.options)) return undefined;
      const owner = path.at(-2);
      const tag = typeof owner === 'string' ? `${keyInWords(owner)} ${field}` : field;
      const sent = input !== null && typeof input === 'object' ? (input as Record<string, unknown>)[issue.discriminator] : undefined;
      return sent === undefined ? `${tag} is missing; give ${oneOf(issue.options)}` : `${tag} must be ${oneOf(issue.options)}, not ${describeOption(sent)}`;
    }
    case 'too_small':
    case 'too_big':
      return sizeInWords(issue, field, path);
    case 'not_multiple_of':
      return `${field} must be a multiple of ${String(issue.divisor)}, not ${String(input)}`;
    case 'unrecognized_keys':
      return `not a field of ${field}`;
    default:
      return undefined;
  }
}

function sizeInWords(issue: z.core.$ZodRawIssue<z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig>, field: string, path: readonly PropertyKey[]): string | undefined {
  const small = issue.code === 'too_small';
  const bound = Number(small ? issue.minimum : issue.maximum);
  const size = sizeOf(issue.input);
  if (issue.origin === 'array' && size !== undefined) {
    const last = path.at(-1);
    const item = typeof last === 'string' ? singular(keyInWords(last)) : 'item';
    if (small && size === 0) return `${field} is empty; send at least ${bound <= 1 ? `one ${item}` : `${bound} items`}`;
    return `${field} has ${size} item${size === 1 ? '' : 's'}; send ${small ? 'at least' : 'at most'} ${bound}`;
  }
  if (issue.origin === 'string' && size !== undefined) {
    if (small && size === 0) return `${field} is empty`;
    return `${field} must be ${small ? 'at least' : 'at most'} ${bound} characters long, not ${size}`;
  }
  if ((issue.origin === 'number' || issue.origin === 'int') && typeof issue.input === 'number') {
    const edge = issue.inclusive === false ? (small ? 'more than' : 'less than') : small ? 'at least' : 'at most';
    return `${field} must be ${edge} ${bound}, not ${issue.input}`;
  }
  return undefined;
}

/**
 * Where a problem is, as a path: a field the object does not take is named at its end ("hubURL: not a
 * field of the value"), as the words for it ("not a field of ...") do not name it.
 */
export function issuePath(issue: z.core.$ZodIssue): PropertyKey[] {
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) return [...issue.path, issue.keys[0].slice(0, 100) || '(a field without a name)'];
  return issue.path;
}

/** An error map naming the checked value `whole` (an item checked on its own: "order 1"), for safeParse's `error`. */
export function wholeNamed(whole: string): z.core.$ZodErrorMap {
  return (issue) => issueInWords(issue, whole);
}

// The one place: every parse in a process that loads the wire or contract schemas says it in words.
z.config({ customError: (issue) => issueInWords(issue) });
