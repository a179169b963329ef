/**
 * The one set of bounds for every value that crosses a line (entry, paste, CSV import, IPC/HTTP, sync
 * push and pull, order intake). The SQLite CHECKs (electron/core/db/migrations.ts, migration 3) and the
 * PostgreSQL CHECKs (hub/db/migrations/0004-bounds.ts, 0006 and 0024 for names) repeat these rules;
 * test/sync/bounds.property.test.ts shows they agree on edge values.
 *
 * Text rules, for every field:
 * - well-formed Unicode: no lone UTF-16 surrogate (UTF-8 cannot carry one; SQLite would store U+FFFD);
 * - no control characters: C0 (U+0000-U+001F, NUL included: PostgreSQL text cannot hold it), DEL and C1
 *   (U+007F-U+009F); a tab is allowed only inside free text (title, customer), never in keys;
 * - no leading or trailing whitespace (what String.prototype.trim removes): users expect "SKU-1 " to be
 *   "SKU-1". This holds for identifier values too: they are case-sensitive free text, but surrounding
 *   whitespace is never part of one (a scanner's trailing Enter/Tab, a pasted cell's spaces), so entry
 *   trims it and the wire refuses untrimmed values rather than altering them;
 * - a maximum length in characters (Unicode code points, as SQLite length() and PostgreSQL
 *   char_length() count them), and non-empty where the field is a key.
 */

export const MAX_SKU_LENGTH = 100;
export const MAX_TITLE_LENGTH = 500;
export const MAX_BARCODE_LENGTH = 100;
export const MAX_IDENTIFIER_LENGTH = 200;
export const MAX_ORDER_NUMBER_LENGTH = 100;
export const MAX_CUSTOMER_LENGTH = 500;
export const MAX_DISPATCH_UID_LENGTH = 100;
export const MAX_STATION_ID_LENGTH = 100;
/** What people call a station ("Packing 1"), as the hub names it. */
export const MAX_STATION_NAME_LENGTH = 100;
export const MAX_ACTOR_LENGTH = 200;
/** A warehouse's name at the hub (its set-up commands; the hub's schema CHECK says the same). */
export const MAX_WAREHOUSE_NAME_LENGTH = 200;
/** An order-system integration's label at the hub ("orders"). */
export const MAX_INTEGRATION_NAME_LENGTH = 100;
export const MAX_TIMESTAMP_LENGTH = 40;

/** Units on one order line: a warehouse ships at most a million of one thing on one line. */
export const MAX_LINE_QUANTITY = 1_000_000;
/** Lines on one order. */
export const MAX_LINE_NO = 10_000;
/** Stock of one product: far above any real warehouse, far below 2^53 (exact in JSON and JS numbers). */
export const MAX_STOCK_LEVEL = 1_000_000_000;
/** A stock change (either sign); stock itself must stay in [0, MAX_STOCK_LEVEL]. */
export const MAX_STOCK_DELTA = MAX_STOCK_LEVEL;
/** A pulled change's id at the hub (a bigint sequence there): exact in JSON and JS numbers. */
export const MAX_CHANGE_ID = Number.MAX_SAFE_INTEGER;

export interface TextRule {
  /** The field as users know it, for messages ("sku", "customer"). */
  readonly field: string;
  readonly max: number;
  /** 1: must not be empty. */
  readonly min: 0 | 1;
  /** A tab may appear inside the text (free text only). */
  readonly tab: boolean;
  /** No whitespace at either end (everything users type; not the actor name, which is only recorded). */
  readonly trimmed: boolean;
}

const rule = (field: string, max: number, min: 0 | 1, tab = false, trimmed = true): TextRule => ({ field, max, min, tab, trimmed });

export const TEXT_RULES = {
  sku: rule('sku', MAX_SKU_LENGTH, 1),
  title: rule('title', MAX_TITLE_LENGTH, 0, true),
  barcode: rule('barcode', MAX_BARCODE_LENGTH, 1),
  identifier: rule('identifier', MAX_IDENTIFIER_LENGTH, 1),
  /** A lot number is an identifier value, named as the searcher typed it (Recall's Lot box, /v1/trace?lot=). */
  lot: rule('lot', MAX_IDENTIFIER_LENGTH, 1),
  orderNumber: rule('order number', MAX_ORDER_NUMBER_LENGTH, 1),
  customer: rule('customer', MAX_CUSTOMER_LENGTH, 0, true),
  dispatchUid: rule('dispatch id', MAX_DISPATCH_UID_LENGTH, 1),
  stationId: rule('station id', MAX_STATION_ID_LENGTH, 1),
  stationName: rule('station name', MAX_STATION_NAME_LENGTH, 1),
  warehouseName: rule('warehouse name', MAX_WAREHOUSE_NAME_LENGTH, 1),
  integrationName: rule('integration name', MAX_INTEGRATION_NAME_LENGTH, 1),
  actor: rule('actor', MAX_ACTOR_LENGTH, 0, true, false),
  timestamp: rule('time', MAX_TIMESTAMP_LENGTH, 1),
} as const satisfies Record<string, TextRule>;
export type TextField = keyof typeof TEXT_RULES;

/**
 * The whitespace String.prototype.trim removes, as code points (ECMAScript WhiteSpace and
 * LineTerminator). The SQL CHECKs trim exactly these, so "trimmed" means the same everywhere.
 */
export const TRIMMED_WHITESPACE: readonly number[] = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006,
  0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff,
];
/** Control characters refused in text: [from, to] code point ranges (C0, DEL and C1). */
export const CONTROL_RANGES: readonly (readonly [number, number])[] = [
  [0x00, 0x1f],
  [0x7f, 0x9f],
];
export const TAB = 0x09;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;

// A lone surrogate: with the u flag, a valid pair is one code point and does not match.
const LONE_SURROGATE = /\p{Cs}/u;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_BUT_TAB = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/;

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const EVERY_CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * `text` with every control character of the rules (C0, DEL, C1) written as \uXXXX, to print a name a
 * person typed or one stored before the rules: an ESC or CSI sequence, a NUL or a line break in it
 * would otherwise act on the terminal (clear it, retitle it, fake a line). The rest is left as it is.
 */
export function escapeControls(text: string): string {
  return text.replace(EVERY_CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A name in double quotes, its control characters escaped (escapeControls): `"Nor\u001bth"`. */
export function quotedText(text: string): string {
  return `"${escapeControls(text)}"`;
}

function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Whitespace and scanner terminators (Enter, Tab, CR, LF) removed from both ends, nothing inside. */
export function trimText(raw: string): string {
  return raw.trim();
}

/**
 * What is wrong with `value` as the field `rule` describes, as words to follow the field's name
 * ("contains a NUL character"), or null when it is within bounds. Nothing is altered: callers trim
 * user input first where users expect it (see trimText).
 */
export function textProblem(value: string, rule: TextRule): string | null {
  if (LONE_SURROGATE.test(value)) return 'contains a broken character (a lone UTF-16 surrogate)';
  const control = (rule.tab ? CONTROL_BUT_TAB : CONTROL).exec(value);
  if (control) {
    const code = control[0].codePointAt(0)!;
    // A cell with Alt+Enter in a spreadsheet, or a pasted paragraph: said in the words a manager uses.
    if (code === LINE_FEED || code === CARRIAGE_RETURN) return 'contains a line break (it must be one line)';
    const name = code === 0 ? 'NUL' : code === TAB ? 'tab' : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    return `contains a control character (${name})`;
  }
  if (value.length === 0) return rule.min === 1 ? 'is empty' : null;
  if (rule.trimmed && value !== value.trim()) return 'has spaces or line breaks at the start or end';
  if (value.length > rule.max && codePointLength(value) > rule.max) return `is longer than ${rule.max} characters`;
  return null;
}

/** The problem with an integer field, or null: must be a whole number in [min, max]. */
export function integerProblem(value: number, min: number, max: number): string | null {
  if (!Number.isInteger(value)) return 'must be a whole number';
  if (value < min) return `must be at least ${min}`;
  if (value > max) return `must be at most ${max.toLocaleString('en')}`;
  return null;
}
