/**
 * UTF-8 bytes in, CSV records out (string arrays), as csv-parse gives them with CSV_PARSE_OPTIONS.
 * Text with no quote and no carriage return is split on "\n" and "," directly: csv-parse reads a byte
 * at a time and cost about 2.3 s of CPU more on a 1,000,000-row file, the largest part of reading.
 * From the first chunk holding a quote or a CR, csv-parse reads the rest (quoting, CRLF and their
 * errors are its own), told where the split text left off.
 */
import { finished, Transform, type TransformCallback } from 'node:stream';
import { Parser } from 'csv-parse';
import { CSV_PARSE_OPTIONS, MAX_CSV_LINE_CHARS } from './csv-files.js';

const QUOTE = 0x22;
const CR = 0x0d;
const NEWLINE = 0x0a;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** As csv-parse reports a record past max_record_size (csvSyntaxError words it). */
function lineTooLong(line: number): Error {
  return Object.assign(new Error('line too long'), { code: 'CSV_MAX_RECORD_SIZE', lines: line });
}

/** Takes chunks that end on whole characters (Utf8Check's output); gives records in object mode. */
export class CsvRecords extends Transform {
  private started = false;
  /** The start of a record cut by the chunk's end. */
  private carry = '';
  /** Records split so far (one line each: a line break can only be in a quoted field). */
  private lines = 0;
  private parser: Parser | null = null;

  constructor() {
    super({ readableObjectMode: true });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (!this.started) {
      this.started = true;
      // A BOM counts only at the start of the file (csv-parse's bom option): strip it here, the parser never sees the start.
      if (chunk.subarray(0, 3).equals(BOM)) chunk = chunk.subarray(3);
    }
    if (this.parser) {
      this.parser.write(chunk, (error) => done(error));
      return;
    }
    if (chunk.includes(QUOTE) || chunk.includes(CR)) {
      this.handOver().write(Buffer.concat([Buffer.from(this.carry), chunk]), (error) => done(error));
      this.carry = '';
      return;
    }
    // A line decoded on its own: its fields never hold a whole chunk's text alive (slices keep their parent string).
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      // Bytes bound characters from above: only a line this long in bytes can be too long in characters.
      if (this.carry.length + end - start > MAX_CSV_LINE_CHARS && this.carry.length + chunk.toString('utf8', start, end).length > MAX_CSV_LINE_CHARS) return done(lineTooLong(this.lines + 1));
      const line = chunk.toString('utf8', start, end);
      this.push((this.carry ? this.carry + line : line).split(','));
      this.carry = '';
      this.lines++;
      start = end + 1;
    }
    this.carry += chunk.toString('utf8', start);
    // A file with no line breaks (the wrong file) is refused, not held whole.
    if (this.carry.length > MAX_CSV_LINE_CHARS) return done(lineTooLong(this.lines + 1));
    done();
  }

  override _flush(done: TransformCallback): void {
    if (this.parser) {
      finished(this.parser, (error) => done(error));
      this.parser.end();
      return;
    }
    if (this.carry !== '') this.push(this.carry.split(','));
    done();
  }

  /** csv-parse for the rest of the file, as if it had read the lines split so far. */
  private handOver(): Parser {
    // Any line ending from here on (CSV_PARSE_OPTIONS), whatever the split lines ended with.
    const parser = new Parser({ ...CSV_PARSE_OPTIONS, bom: false });
    // Its line count (in its records' and errors' lines) goes on from the split lines.
    (parser.info as { lines: number }).lines += this.lines;
    parser.on('data', (record: string[]) => this.push(record));
    parser.on('error', () => {}); // reported through the write callback or finished()
    this.parser = parser;
    return parser;
  }
}
