/**
 * The text of a CSV file read whole (the page's file picker, the Electron menu): strict UTF-8, a BOM
 * is fine, anything else is refused naming the file and line instead of turning into U+FFFD.
 * Environment-neutral (TextDecoder); the core's streaming reader applies the same rule to files on disk.
 */
import type { BenchErrorData } from '../contract/result.js';

const NEWLINE = 0x0a;

export function notUtf8Message(name: string): string {
  return `${name} is not UTF-8 text; nothing was imported.`;
}
export const NOT_UTF8_LINE =
  'This line has bytes that are not UTF-8 (for example Latin-1 or Windows-1252 text); save the file as UTF-8 and import it again.';

export type CsvText = { ok: true; text: string } | { ok: false; error: BenchErrorData };

export function decodeCsvBytes(name: string, bytes: Uint8Array): CsvText {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return {
      ok: false,
      error: { code: 'validation', message: notUtf8Message(name), issues: [{ where: `${name} line ${firstBadLine(bytes)}`, message: NOT_UTF8_LINE }] },
    };
  }
}

/** A newline byte is never inside a UTF-8 character, so lines can be checked one by one. */
function firstBadLine(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  for (let start = 0; start <= bytes.length; line++) {
    let end = bytes.indexOf(NEWLINE, start);
    if (end === -1) end = bytes.length;
    try {
      decoder.decode(bytes.subarray(start, end));
    } catch {
      return line;
    }
    start = end + 1;
  }
  return line;
}
