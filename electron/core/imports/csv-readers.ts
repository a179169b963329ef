/**
 * Reading CSV records: from a byte stream (a file: bounded memory, strict UTF-8) or from text that
 * arrived whole in a call (the BenchApi `importCsv`). Both name the file and line of what is wrong.
 */
import { isUtf8 } from 'node:buffer';
import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import { parse as parseText } from 'csv-parse/sync';
import { BenchError } from '../../../shared/contract/result.js';
import { CSV_PARSE_OPTIONS, csvSyntaxError, issueAt, LineTracker, type CsvRecord } from './csv-files.js';
import { CsvRecords } from './csv-records.js';

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
/** Records handed over at a time by readCsvStream. */
const READ_BATCH = 1_000;

export const NOT_UTF8_LINE =
  'This line has bytes that are not UTF-8 (for example Latin-1 or Windows-1252 text); save the file as UTF-8 and import it again.';

/** The file's bytes must be UTF-8 (a BOM is fine): anything else is refused naming the line, never replaced by U+FFFD. */
export function notUtf8(name: string, line: number): BenchError {
  return new BenchError('validation', `${name} is not UTF-8 text; nothing was imported.`, [issueAt(name, line, NOT_UTF8_LINE)]);
}

/**
 * UTF-16 (Excel's "Unicode Text", some exports): a byte order mark FF FE / FE FF, or, without one,
 * every other byte of the first characters 0 (UTF-16 Latin text). Other NUL bytes at the start mean
 * no text at all (a spreadsheet's .xlsx, an image): named as such, not as UTF-16.
 */
function looksUtf16(start: Buffer): boolean {
  if (start.length >= 2 && ((start[0] === 0xff && start[1] === 0xfe) || (start[0] === 0xfe && start[1] === 0xff))) return true;
  const head = start.subarray(0, 64 - (Math.min(start.length, 64) % 2));
  if (head.length < 4) return false;
  let evenZero = 0;
  let oddZero = 0;
  for (let at = 0; at < head.length; at++) {
    if (head[at] !== 0) continue;
    if (at % 2) oddZero++;
    else evenZero++;
  }
  const half = head.length / 2;
  return (oddZero === half && evenZero === 0) || (evenZero === half && oddZero === 0);
}

function notText(name: string): BenchError {
  return new BenchError('validation', `${name} is not a text file (it holds NUL bytes: a spreadsheet's .xlsx, or another kind of file); nothing was imported.`, [
    issueAt(name, 1, 'Save it from the spreadsheet as "CSV UTF-8 (Comma delimited)" and import that file.'),
  ]);
}

function utf16(name: string): BenchError {
  return new BenchError('validation', `${name} is UTF-16 text, not UTF-8; nothing was imported.`, [
    issueAt(name, 1, 'Save the file as UTF-8 (in Excel: "CSV UTF-8 (Comma delimited)") and import it again.'),
  ]);
}

/**
 * Passes bytes through unchanged once they are known to be valid UTF-8 (the fatal check, done natively
 * by isUtf8); holds back at most the 3 bytes of a character cut by a chunk boundary.
 */
class Utf8Check extends Transform {
  private carry = Buffer.alloc(0);
  private newlinesPassed = 0;
  /** The bytes passed so far end in a CR: an LF first in the next ones ends that same line. */
  private afterCr = false;
  private started = false;

  constructor(private readonly fileName: string) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const bytes = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    if (!this.started) {
      this.started = true;
      if (looksUtf16(bytes)) return done(utf16(this.fileName));
      if (bytes.subarray(0, 64).includes(0)) return done(notText(this.fileName));
    }
    const cut = completeCharacters(bytes);
    this.carry = Buffer.from(bytes.subarray(cut));
    done(this.pass(bytes.subarray(0, cut)));
  }

  override _flush(done: TransformCallback): void {
    done(this.pass(this.carry));
  }

  private pass(bytes: Buffer): BenchError | null {
    if (!bytes.length) return null;
    if (!isUtf8(bytes)) return notUtf8(this.fileName, this.newlinesPassed + firstBadLine(bytes, this.afterCr));
    this.newlinesPassed += lineBreaks(bytes, this.afterCr);
    this.afterCr = bytes[bytes.length - 1] === CARRIAGE_RETURN;
    this.push(bytes);
    return null;
  }
}

/** Where the last whole character ends: a UTF-8 sequence cut by the chunk's end starts the carry. */
function completeCharacters(bytes: Buffer): number {
  let lead = bytes.length - 1;
  for (let back = 0; lead >= 0 && back < 3 && (bytes[lead]! & 0xc0) === 0x80; back++) lead--;
  if (lead < 0) return bytes.length;
  const b = bytes[lead]!;
  const size = b < 0x80 ? 1 : b >> 5 === 0b110 ? 2 : b >> 4 === 0b1110 ? 3 : b >> 3 === 0b11110 ? 4 : 1;
  return lead + size > bytes.length ? lead : bytes.length;
}

/**
 * Line breaks in `bytes` as the parser counts them (CSV_RECORD_DELIMITERS): CRLF, LF or a CR alone, one
 * each, so a Mac file's CR-only lines are numbered as the other refusals number them. `afterCr`: the
 * bytes before ended in a CR (an LF first here ends that line, not another).
 */
function lineBreaks(bytes: Buffer, afterCr: boolean): number {
  let breaks = 0;
  for (let at = bytes.indexOf(CARRIAGE_RETURN); at !== -1; at = bytes.indexOf(CARRIAGE_RETURN, at + 1)) breaks++;
  for (let at = bytes.indexOf(NEWLINE); at !== -1; at = bytes.indexOf(NEWLINE, at + 1)) {
    if (at === 0 ? !afterCr : bytes[at - 1] !== CARRIAGE_RETURN) breaks++;
  }
  return breaks;
}

/** 1-based line (within `bytes`) of the first bytes that are not UTF-8; a CR or LF byte is never inside a character. */
function firstBadLine(bytes: Buffer, afterCr: boolean): number {
  let start = 0;
  for (;;) {
    const lf = bytes.indexOf(NEWLINE, start);
    const cr = bytes.indexOf(CARRIAGE_RETURN, start);
    const end = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
    if (end === -1 || !isUtf8(bytes.subarray(start, end))) return 1 + lineBreaks(bytes.subarray(0, start), afterCr);
    start = end + 1;
  }
}

export interface StreamReadOptions {
  /** Called with the bytes of each chunk read from the source. */
  onBytes?: (bytes: number) => void;
  /** Stops the read, even one waiting for bytes (a stalled share, a pipe): the read throws `signal.reason`. */
  signal?: AbortSignal;
}

/**
 * Records of a CSV byte stream, header included, a batch at a time: what the parser holds after each
 * chunk read (memory bounded by a chunk, not the file). Batches, not one record per await: two async
 * iterator steps per record cost about a second of CPU on a 1,000,000-row file.
 */
export async function* readCsvStream(name: string, source: Readable, options: StreamReadOptions = {}): AsyncGenerator<CsvRecord[]> {
  if (options.onBytes) {
    const onBytes = options.onBytes;
    source.on('data', (chunk: Buffer | string) => onBytes(typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length));
  }
  const parser = new CsvRecords();
  let failure: unknown = null;
  let finished = false;
  const settled = new Promise<void>((resolve) =>
    pipeline(source, new Utf8Check(name), parser, (error) => {
      if (error && (error as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE') failure ??= error;
      finished = true;
      resolve();
    }),
  );
  let ended = false;
  // One listener each for the whole read (not one per wait): wakes the loop below when records, the end or a failure come.
  let wake: (() => void) | null = null;
  const poke = () => {
    const waiting = wake;
    wake = null;
    waiting?.();
  };
  parser.on('readable', poke).once('end', () => {
    ended = true;
    poke();
  });
  void settled.then(poke);
  // A file read never answers while it waits for bytes, so a stop cannot wait for the source to close.
  const stop = () => {
    failure ??= options.signal?.reason;
    poke();
  };
  options.signal?.addEventListener('abort', stop, { once: true });
  if (options.signal?.aborted) stop();
  const lines = new LineTracker();
  /** After a failure: the records parsed but not yet read are counted, so the next one's start is known. */
  const unclosedFrom = () => {
    for (let record: string[] | null; (record = parser.read() as string[] | null) !== null; ) lines.next(record);
    return lines.upcomingLine;
  };
  try {
    for (;;) {
      const batch: CsvRecord[] = [];
      // At most READ_BATCH: each read lets the parser take the next chunk, and a batch that drained them all would outlive V8's young generation.
      for (let record: string[] | null; batch.length < READ_BATCH && (record = parser.read() as string[] | null) !== null; ) {
        const tracked = lines.next(record);
        if (tracked) batch.push(tracked);
      }
      if (failure) break;
      if (batch.length) {
        yield batch;
        continue;
      }
      if (ended || finished) break;
      await new Promise<void>((resolve) => (wake = resolve));
    }
    if (!failure && !ended) await settled;
  } catch (error) {
    throw csvSyntaxError(name, failure ?? error, unclosedFrom());
  } finally {
    options.signal?.removeEventListener('abort', stop);
    source.destroy();
  }
  if (failure) throw csvSyntaxError(name, failure, unclosedFrom());
}

/** Text that arrived as a string may hold a broken character UTF-8 encoding would turn into U+FFFD: refuse it, naming the line. */
export function refuseBrokenText(name: string, content: string): void {
  const broken = /\p{Cs}/u.exec(content);
  if (!broken) return;
  const line = content.slice(0, broken.index).split(/\r\n|\r|\n/).length;
  throw new BenchError('validation', `${name} has a broken character; nothing was imported.`, [
    issueAt(name, line, 'The text contains a broken character (a lone UTF-16 surrogate); save the file as UTF-8 and import it again.'),
  ]);
}

/** Records of text that arrived whole (already decoded): a lone UTF-16 surrogate is refused naming its line. */
export function readCsvText(name: string, content: string): CsvRecord[] {
  refuseBrokenText(name, content);
  const lines = new LineTracker();
  const records: CsvRecord[] = [];
  try {
    // Records are tracked as parsed (not after), so a quote never closed is named at the line it opened on.
    parseText(content, {
      ...CSV_PARSE_OPTIONS,
      on_record: (record: string[]) => {
        const tracked = lines.next(record);
        if (tracked) records.push(tracked);
        return null;
      },
    });
    return records;
  } catch (error) {
    throw csvSyntaxError(name, error, lines.upcomingLine);
  }
}
