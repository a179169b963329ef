// Types for the parts of gs1-barcode-parser-mod (plain JavaScript, no types of its own) that element-string.ts uses.
declare module 'gs1-barcode-parser-mod' {
  export interface ParsedElement {
    ai: string;
    dataTitle: string;
    /** A string, a number, or a Date (local midnight) for date elements. */
    data: unknown;
    unit: string;
    /** The untouched substring the contents were read from. */
    raw: string;
    /** Date elements: the date as "YYYY-MM-DD" (or with a time of day); '' otherwise. */
    isoDate: string;
  }
  export interface ParsedBarcode {
    codeName: string;
    parsedCodeItems: ParsedElement[];
  }
  /** Throws a string naming the problem when the element string cannot be read. */
  export function parseBarcode(barcode: string): ParsedBarcode;
}
