/** zod field schemas built from the bounds (shared/sync/bounds.ts): every wire schema uses these. */
import { z } from 'zod';
import { capitalised } from '../domain/capitalised.js';
import { integerProblem, textProblem, TEXT_RULES, trimText, type TextField, type TextRule } from './bounds.js';
import { describeSent } from './issue-words.js';
import { nearestName } from './nearest-name.js';

/**
 * The message for a field sent as the wrong JSON type or left out, naming the field in words (it was
 * zod's "Invalid input: expected number, received string"): an order system's "5" for 5 is common.
 */
function wrongType(field: string, wanted: 'text' | 'a number', hint: string) {
  return (issue: { input?: unknown }): string =>
    issue.input === undefined ? `${field} is missing` : `${field} must be ${wanted}, not ${describeSent(issue.input)}${typeof issue.input === (wanted === 'text' ? 'number' : 'string') ? `; ${hint}` : ''}`;
}

/** Text within `rule`; the message names the field and the problem ("sku contains a NUL character"). */
function textWithin(rule: TextRule) {
  return z.string({ error: wrongType(rule.field, 'text', 'send it in quotes') }).superRefine((value, ctx) => {
    const problem = textProblem(value, rule);
    if (problem) ctx.addIssue({ code: 'custom', message: `${rule.field} ${problem}` });
  });
}

/** Text within the bounds of `field`. */
export function boundedText(field: TextField) {
  return textWithin(TEXT_RULES[field]);
}

/** A whole number in [min, max]. */
export function boundedInt(field: string, min: number, max: number) {
  return z.number({ error: wrongType(field, 'a number', 'send it without quotes') }).superRefine((value, ctx) => {
    const problem = integerProblem(value, min, max);
    if (problem) ctx.addIssue({ code: 'custom', message: `${field} ${problem}` });
  });
}

/**
 * Text to search by (a query parameter): what no stored text can hold is refused, naming the problem
 * (a NUL or other control character, a broken character, more than the field's length); spaces at
 * the ends are the searcher's business. `min` 1: not empty.
 */
export function searchText(field: TextField, min: 0 | 1 = 1) {
  return textWithin({ ...TEXT_RULES[field], min, trimmed: false });
}

/**
 * searchText on the text trimmed: a query parameter pasted from a cell with spaces around it (`sku=%20P1`)
 * is that text, as the bench trims what is typed or scanned (no stored SKU or lot has them); only spaces
 * is empty, refused naming the parameter.
 */
export function pastedSearchText(field: TextField) {
  return z.string().transform(trimText).pipe(searchText(field));
}

/** The first and last days a search may name (PostgreSQL's dates have no year 0). */
export const FIRST_SEARCH_DAY = '0001-01-01';
export const LAST_SEARCH_DAY = '9999-12-31';

/**
 * A day as YYYY-MM-DD, within [FIRST_SEARCH_DAY, LAST_SEARCH_DAY]. The messages name `field` (the
 * searcher's words, "dispatched to"): screens show the messages without the path, and a search has
 * up to four dates, so "Invalid ISO date" alone did not say which one was wrong.
 */
export function searchDay(field: string) {
  return z.iso
    .date({ message: `${field} must be a day written YYYY-MM-DD`, abort: true })
    .refine((day) => day >= FIRST_SEARCH_DAY && day <= LAST_SEARCH_DAY, { message: `${field} must be between ${FIRST_SEARCH_DAY} and ${LAST_SEARCH_DAY}` });
}

/**
 * A page size given as a query parameter (`limit`): plain decimal digits only, from 1 to `max`;
 * absent, `fallback`. Number() read "0x10" as 16 and "1e3" as 1000, and an empty `limit=` got zod's
 * "Too small: expected number to be >=1": each is refused naming what was sent and the range in words.
 */
export function queryPageSize(max: number, fallback: number) {
  const give = `give a whole number from 1 to ${max} in plain digits (e.g. limit=${fallback})`;
  return z
    .string()
    .optional()
    .transform((text, ctx): number =>
      text === undefined ? fallback : plainDigitsFromOne(text, ctx, { noun: 'a page size', give, max, whenEmpty: `empty; ${give}, or leave limit out for ${fallback}` }),
    );
}

/**
 * A step of a timeline given as a query parameter (`/v1/history?from=`): plain decimal digits, from 1
 * to Number.MAX_SAFE_INTEGER (as the bench's getIdentifierHistory `from`). Like queryPageSize, "0x10",
 * "1e3", "1.5", "-1" and an empty `from=` are each refused naming what was sent (Number() read "0x10"
 * as 16, and "" as 0).
 */
export function queryStep(param: string) {
  const step = `a step number from 1 in plain digits (e.g. ${param}=1)`;
  return z
    .string()
    .transform((text, ctx): number =>
      plainDigitsFromOne(text, ctx, { noun: 'a step number', give: `give ${step}`, max: Number.MAX_SAFE_INTEGER, whenEmpty: emptyQueryParameter(param, step) }),
    );
}

/**
 * The reading queryPageSize and queryStep share: plain decimal digits from 1 to `max`, else an issue
 * naming what was sent (the first 40 characters) and what to `give`.
 */
function plainDigitsFromOne(text: string, ctx: z.RefinementCtx, rule: { noun: string; give: string; max: number; whenEmpty: string }): number {
  const shown = text.length > 40 ? `${text.slice(0, 40)}...` : text;
  if (text === '') ctx.addIssue({ code: 'custom', message: rule.whenEmpty });
  else if (!/^[0-9]+$/.test(text)) ctx.addIssue({ code: 'custom', message: `${JSON.stringify(shown)} is not ${rule.noun}; ${rule.give}` });
  else if (Number(text) < 1 || Number(text) > rule.max) ctx.addIssue({ code: 'custom', message: `${shown} is out of range; ${rule.give}` });
  else return Number(text);
  return z.NEVER;
}

/**
 * What an empty query parameter that may be left out (`from=`) is told, on every hub route alike:
 * "empty; give <what>, or leave <param> out". The parameter itself is named in the path.
 */
export function emptyQueryParameter(param: string, what: string): string {
  return `empty; give ${what}, or leave ${param} out`;
}

/**
 * What a hub search given no identifier to look for (`value=` empty or left out) is told, on every
 * route alike (/v1/history, /v1/trace): "no identifier given; give the identifier to look for (e.g.
 * value=SN-0001)", then the route's other ways to search, if it has any (`orElse`).
 */
export function noIdentifierGiven(param: string, orElse?: string): string {
  return `no identifier given; give the identifier to look for (e.g. ${param}=SN-0001)${orElse === undefined ? '' : `, or ${orElse}`}`;
}

/**
 * An identifier to look for, as a query parameter (`/v1/history?value=`, `/v1/trace?value=`): only
 * spaces (`value=%20`, which no identifier is: they are trimmed) is told noIdentifierGiven (with the
 * route's `orElse`), and so are empty and left out where the route needs one (`empty: 'refused'`,
 * history); where it does not (`empty: 'allowed'`, recall: empty is every identifier, and the route
 * says when nothing else was given either), an empty value passes. Otherwise searchText's rules (a
 * NUL, too long...), on the value trimmed: spaces around a value pasted from a cell are not part of it
 * (no identifier has them), as the bench trims a scan or a typed value; they made "nothing found".
 */
export function queryIdentifier(param: string, { orElse, empty = 'refused' }: { orElse?: string; empty?: 'refused' | 'allowed' } = {}) {
  const none = noIdentifierGiven(param, orElse);
  return z
    .string({ error: (issue) => (issue.input === undefined ? none : undefined) })
    .superRefine((value, ctx) => {
      if (trimText(value) === '' && !(value === '' && empty === 'allowed')) ctx.addIssue({ code: 'custom', message: none, abort: true });
    })
    .transform(trimText)
    .pipe(searchText('identifier', empty === 'allowed' ? 0 : 1));
}

/**
 * A day given as a query parameter (`from`, `to`), with messages naming the parameter and one message
 * per problem: empty, not a day written YYYY-MM-DD, or outside [FIRST_SEARCH_DAY, LAST_SEARCH_DAY]
 * (an empty `from=` was told both that it was no day and that it was out of range).
 */
export function queryDay(param: string) {
  const example = `(e.g. ${param}=2026-03-01)`;
  return z.string().superRefine((day, ctx) => {
    if (day === '') {
      ctx.addIssue({ code: 'custom', message: emptyQueryParameter(param, `a day written YYYY-MM-DD ${example}`) });
    } else if (!z.iso.date().safeParse(day).success) {
      ctx.addIssue({ code: 'custom', message: `${JSON.stringify(day.slice(0, 40))}${day.length > 40 ? '...' : ''} is not a day written YYYY-MM-DD ${example}` });
    } else if (day < FIRST_SEARCH_DAY || day > LAST_SEARCH_DAY) {
      ctx.addIssue({ code: 'custom', message: `${day} is not between ${FIRST_SEARCH_DAY} and ${LAST_SEARCH_DAY}` });
    }
  });
}

/**
 * An object of exactly `shape`'s fields, for what the order system sends (its bodies and their items):
 * a field it does not have is refused by name (describeZodError puts the first unknown key in the
 * path), with the nearest it has and all of them, e.g. `identifiers.0: useby: not a field of an
 * identifiers item; did you mean "useBy"? An identifiers item has sku, values, useBy`. Dropped
 * silently, a misspelt optional field was answered "applied" as if it had not been sent (a product kept
 * its kind, lots came without their date). `what`: the object as the message names it ("an order line").
 */
export function onlyFields<T extends z.ZodRawShape>(shape: T, what: string) {
  const names = Object.keys(shape);
  const capital = capitalised(what);
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== 'unrecognized_keys') return undefined;
      const [first = '', ...rest] = issue.keys;
      const near = nearestName(first, names);
      const others = rest.length === 0 ? '' : ` (nor ${rest.slice(0, 5).map((k) => JSON.stringify(k.slice(0, 100))).join(', ')}${rest.length > 5 ? ' ...' : ''})`;
      return `not a field of ${what}${others}${near === undefined ? '.' : `; did you mean "${near}"?`} ${capital} has ${names.join(', ')}`;
    },
  });
}
