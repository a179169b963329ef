/**
 * GS1 element strings as a keyboard-wedge scanner (or a person, or a CSV file) delivers them, read
 * with gs1-barcode-parser-mod: the one place the bench turns "]d20109506000134352172512311021SN1"
 * into a GTIN, a serial number, a lot and dates. Environment-neutral (no DOM, no Node).
 *
 * What counts as a GS1 scan, so plain serials keep working untouched:
 *  - a GS1 symbology identifier (AIM prefix) in front: ]C1 (GS1-128), ]d2 (GS1 DataMatrix),
 *    ]Q3 (GS1 QR Code), ]e0 (GS1 DataBar), ]e1/]e2 (composite);
 *  - a GS separator (U+001D, or the substitute character the bench's scanner settings name) anywhere;
 *  - the human-readable bracketed form "(01)…(21)…";
 *  - AI 01 with a GTIN whose check digit is right, at the start of a value that reads as GS1 in full.
 * Any other AIM prefix (e.g. ]C0 plain Code 128, ]d1 plain DataMatrix) is stripped and the rest is a
 * plain value.
 */
import { parseBarcode, type ParsedElement } from 'gs1-barcode-parser-mod';
import { gs1CheckDigit } from '../identifiers/check-digits.js';
import type { IdentifierKind } from '../identifiers/kinds.js';
import { inGs1CharacterSet } from './cset82.js';

/** The group separator that ends a variable-length element (FNC1 as scanners send it). */
export const GS = '\u001d';

export interface Gs1ReadOptions {
  /** The printable character the scanner sends in place of GS ('' or absent: none). */
  gsSubstitute?: string;
}

export interface Gs1Element {
  ai: string;
  /** The parser's short title, e.g. "SERIAL", "BATCH/LOT", "USE BY OR EXPIRY". */
  title: string;
  /** The text as scanned; for a date element the date as YYYY-MM-DD. */
  value: string;
}

export interface Gs1Scan {
  /** What the symbology identifier or the form says it is, e.g. "GS1 DataMatrix"; '' when neither does. */
  codeName: string;
  /** AI 01, 14 digits with a right check digit; null when the scan carries none. */
  gtin: string | null;
  /** AI 21 */
  serial: string | null;
  /** AI 10 */
  lot: string | null;
  /** AI 17, YYYY-MM-DD */
  useBy: string | null;
  /** AI 15, YYYY-MM-DD */
  bestBefore: string | null;
  /** AI 11, YYYY-MM-DD */
  productionDate: string | null;
  /** AI 13, YYYY-MM-DD */
  packagingDate: string | null;
  elements: Gs1Element[];
}

export type Gs1Read =
  /** Not a GS1 element string: `value` is the text with any AIM prefix removed. */
  | { kind: 'plain'; value: string }
  | { kind: 'gs1'; scan: Gs1Scan }
  /** Looks like GS1 but cannot be read: `reason` says why, in words a packer can act on. */
  | { kind: 'malformed'; reason: string };

const GS1_SYMBOLOGIES: Record<string, string> = {
  ']C1': 'GS1-128',
  ']d2': 'GS1 DataMatrix',
  ']Q3': 'GS1 QR Code',
  ']e0': 'GS1 DataBar',
  ']e1': 'GS1 Composite',
  ']e2': 'GS1 Composite',
};
/** An AIM symbology identifier: "]", a symbology letter, a modifier character. */
const AIM_PREFIX = /^\][A-Za-z][0-9A-Za-z]/;
const BRACKETED = /^\(\d{2,4}\)/;
const GTIN_START = /^01(\d{14})/;
/** GS1 character set 82, which AI 10 and 21 values are drawn from (GS1 General Specifications 7.11). */
const MAX_SERIAL_OR_LOT = 20;
const DATE_AIS: Record<string, keyof Gs1Scan> = { '11': 'productionDate', '13': 'packagingDate', '15': 'bestBefore', '17': 'useBy' };
const TEXT_AIS: Record<string, { field: 'serial' | 'lot'; name: string }> = {
  '21': { field: 'serial', name: 'serial number (AI 21)' },
  '10': { field: 'lot', name: 'lot (AI 10)' },
};

export function isValidGtin14(gtin: string): boolean {
  return /^\d{14}$/.test(gtin) && gs1CheckDigit(gtin.slice(0, 13)) === Number(gtin[13]);
}

/**
 * A product barcode as a GTIN-14 (GTIN-8, -12 and -13 padded with zeros on the left), or null when
 * the barcode is not a GTIN at all (then a scan's GTIN cannot be compared with it).
 */
export function barcodeAsGtin14(barcode: string | null): string | null {
  const digits = barcode?.trim() ?? '';
  if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(digits)) return null;
  const gtin = digits.padStart(14, '0');
  return isValidGtin14(gtin) ? gtin : null;
}

function clean(raw: string, options: Gs1ReadOptions): string {
  const trimmed = raw.replace(/^[\s]+|[\s]+$/g, '');
  const substitute = options.gsSubstitute ?? '';
  return substitute === '' ? trimmed : trimmed.split(substitute).join(GS);
}

/** The GS1 parser's own words for what it could not read, as a packer can act on them. */
const PARSER_PROBLEMS: Array<[RegExp, string]> = [
  [/^truncated fixed length element$/, 'it ends before a fixed-length part is complete (a character is missing, or a GS separator came too early)'],
  [/^(no valid AI|unrecognised AI|invalid AI\b.*)$/, 'it holds an application identifier (AI) that GS1 does not define'],
  [/^invalid (year|month|day) in date$/, 'a date in it is not a date'],
  [/^invalid number$/, 'a number in it is not a number'],
  [/^bracketed AI does not match the parsed element$/, 'its bracketed form, (01)… or (21)…, does not match its data'],
];

function describeParserError(error: unknown): string {
  const text = typeof error === 'string' ? error : error instanceof Error ? error.message : '';
  const words = PARSER_PROBLEMS.find(([pattern]) => pattern.test(text))?.[1];
  return words ? `the GS1 code could not be read: ${words}` : 'the GS1 code could not be read';
}

/** Reads one scanned, typed, pasted or imported value: plain, a GS1 element string, or a malformed one. */
export function readGs1(raw: string, options: Gs1ReadOptions = {}): Gs1Read {
  let text = clean(raw, options);
  let codeName = '';
  let gs1 = false;
  const prefix = AIM_PREFIX.exec(text)?.[0];
  if (prefix) {
    text = text.slice(prefix.length);
    const name = GS1_SYMBOLOGIES[prefix];
    if (name === undefined) return { kind: 'plain', value: text };
    codeName = name;
    gs1 = true;
  }
  // Some scanners send FNC1 in first position as a leading GS: it marks GS1 and carries no data.
  if (text.startsWith(GS)) {
    while (text.startsWith(GS)) text = text.slice(GS.length);
    gs1 = true;
  }
  if (BRACKETED.test(text) || text.includes(GS)) gs1 = true;
  const gtinStart = GTIN_START.exec(text);
  const bareGtin = !gs1 && gtinStart !== null && isValidGtin14(gtinStart[1]!);
  if (!gs1 && !bareGtin) return { kind: 'plain', value: text };

  let items: ParsedElement[];
  try {
    const parsed = parseBarcode(text);
    items = parsed.parsedCodeItems;
    if (codeName === '') codeName = parsed.codeName;
  } catch (error) {
    // A value that merely starts like a GTIN but is not GS1 stays a plain value.
    return bareGtin ? { kind: 'plain', value: text } : { kind: 'malformed', reason: describeParserError(error) };
  }
  if (items.length === 0) return { kind: 'malformed', reason: 'the GS1 code carries no data' };
  return checkElements(codeName, items);
}

function checkElements(codeName: string, items: ParsedElement[]): Gs1Read {
  const scan: Gs1Scan = { codeName, gtin: null, serial: null, lot: null, useBy: null, bestBefore: null, productionDate: null, packagingDate: null, elements: [] };
  const seen = new Map<string, string>();
  for (const item of items) {
    const value = item.isoDate !== '' ? item.isoDate : item.raw;
    const before = seen.get(item.ai);
    if (before !== undefined && before !== value) return { kind: 'malformed', reason: `the GS1 code carries AI ${item.ai} twice with different values ("${before}", "${value}")` };
    seen.set(item.ai, value);
    scan.elements.push({ ai: item.ai, title: item.dataTitle, value });
    if (item.ai === '01') {
      if (!isValidGtin14(value)) return { kind: 'malformed', reason: `the GTIN (AI 01) ${value} has a wrong check digit (GS1 mod-10)` };
      scan.gtin = value;
      continue;
    }
    const dateField = DATE_AIS[item.ai];
    if (dateField) {
      const problem = dateProblem(item.raw, value);
      if (problem) return { kind: 'malformed', reason: `the date in AI ${item.ai} (${item.raw}) ${problem}` };
      (scan[dateField] as string | null) = value;
      continue;
    }
    const textAi = TEXT_AIS[item.ai];
    if (textAi) {
      const problem = textElementProblem(value);
      if (problem) return { kind: 'malformed', reason: `the ${textAi.name} ${problem}` };
      scan[textAi.field] = value;
    }
  }
  return { kind: 'gs1', scan };
}

/** The parser rolls an impossible date over (251332 becomes 1 Feb 2026): refuse it instead. */
function dateProblem(raw: string, iso: string): string | null {
  const match = /^\d{2}(\d{2})(\d{2})$/.exec(raw);
  const year = Number(iso.slice(0, 4));
  if (!match || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return 'is not a date (YYMMDD)';
  const month = Number(match[1]);
  const day = Number(match[2]);
  if (month < 1 || month > 12) return `has month ${match[1]}, which does not exist`;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > lastDay) return `has day ${match[2]}, which month ${match[1]} does not have`;
  return null;
}

function textElementProblem(value: string): string | null {
  if (value === '') return 'is empty';
  if (value.length > MAX_SERIAL_OR_LOT) {
    return `"${value.slice(0, 30)}…" is longer than ${MAX_SERIAL_OR_LOT} characters (is a GS separator missing? Check the scanner's GS setting)`;
  }
  if (!inGs1CharacterSet(value)) return `"${value}" has characters GS1 does not allow`;
  return null;
}

/** The identifier kinds a product may carry (shared/identifiers/kinds.ts). */
export type Gs1IdentifierKind = IdentifierKind;

export type Gs1ValueResult = { ok: true; value: string; ai: string } | { ok: false; reason: string };

/**
 * The value a GS1 scan gives a product of `kind`: serial → AI 21, lot → AI 10, use-by date → AI 17
 * (YYYY-MM-DD); "other" takes the serial number, or else the lot.
 */
export function gs1ValueForKind(scan: Gs1Scan, kind: Gs1IdentifierKind): Gs1ValueResult {
  const pick = (ai: string, value: string | null) => (value === null ? null : { ok: true as const, value, ai });
  const found =
    kind === 'serial'
      ? pick('21', scan.serial)
      : kind === 'lot'
        ? pick('10', scan.lot)
        : kind === 'use_by'
          ? pick('17', scan.useBy)
          : (pick('21', scan.serial) ?? pick('10', scan.lot));
  if (found) return found;
  const wanted = { serial: 'serial number (AI 21)', lot: 'lot (AI 10)', use_by: 'use-by date (AI 17)', other: 'serial number (AI 21) or lot (AI 10)' }[kind];
  return { ok: false, reason: `the GS1 code carries no ${wanted}` };
}

export interface Gs1Product {
  sku: string;
  barcode: string | null;
  identifierKind: Gs1IdentifierKind;
}

export type ProductScanRead =
  /** The identifier value to use (from a GS1 code, or the plain text as it came). */
  | { kind: 'value'; value: string; gs1: Gs1Scan | null }
  /** A GS1 code that cannot give this product a value: `reason` completes "… was refused: ". */
  | { kind: 'refused'; reason: string }
  /** A GS1 code of another product: its GTIN is not this product's barcode. */
  | { kind: 'other-product'; gtin: string; scan: Gs1Scan };

/**
 * What a scan into one of `product`'s identifier boxes means. A GS1 code's GTIN must be the
 * product's barcode; a product whose barcode is not a GTIN (or that has none) takes any GTIN.
 */
export function readScanForProduct(raw: string, product: Gs1Product, options: Gs1ReadOptions = {}): ProductScanRead {
  const read = readGs1(raw, options);
  if (read.kind === 'plain') return { kind: 'value', value: read.value, gs1: null };
  if (read.kind === 'malformed') return { kind: 'refused', reason: read.reason };
  const { scan } = read;
  const own = barcodeAsGtin14(product.barcode);
  if (scan.gtin !== null && own !== null && scan.gtin !== own) return { kind: 'other-product', gtin: scan.gtin, scan };
  const value = gs1ValueForKind(scan, product.identifierKind);
  return value.ok ? { kind: 'value', value: value.value, gs1: scan } : { kind: 'refused', reason: value.reason };
}

/** "this is product X, not Y": `other` is the product whose barcode is the GTIN, null when none is. */
export function wrongProductMessage(gtin: string, other: { sku: string; title: string } | null, product: { sku: string; title: string }): string {
  const named = (p: { sku: string; title: string }) => (p.title ? `${p.sku} (${p.title})` : p.sku);
  return other
    ? `This is product ${named(other)}, not ${named(product)}: the scanned GTIN ${gtin} is ${other.sku}'s barcode.`
    : `This is not ${named(product)}: the scanned GTIN ${gtin} is no product's barcode on this bench.`;
}

/**
 * A scan's text for a search box ("Search orders", Product search): a plain code without the AIM
 * prefix a scanner may send ("]C0"), a GS1 code (or what looks like one) whole, for the box to read.
 */
export function scannedSearchText(raw: string, options: Gs1ReadOptions = {}): string {
  const read = readGs1(raw, options);
  return read.kind === 'plain' ? read.value : raw;
}
